"""The learned FLF2V velocity network, in the codec's DCT latent.

Inputs (GVC tensor roles): x [L, D] (x_t of the L coded latent frames), t [1] (unit timestep),
first_latent [D], last_latent [D] (latents of the decoded boundary frames), alpha [L] (each coded
frame's position in the GOP, 0..1). Output: velocity [L, D] ~ e - x0.

The network predicts the clean latent as a correction of the boundary bridge
anchor = first + alpha (last - first):  x0hat = anchor + g * r + o,  with r = x - (1 - t) anchor and
(g, o) = conv(features). The features are stacked as channels of a [1, C, L, D] image and
processed by 3x3 convolutions over (latent frame, latent element): fully convolutional, so any L and
D (any GOP length and frame size) work. The velocity is (x - x0hat) / t; the codec never evaluates
the model at t = 0. With the last layer zero the model is exactly the linear-interpolation bridge.
"""
import torch
import torch.nn as nn


def slog(v):
    return torch.sign(v) * torch.log1p(torch.abs(v))


class FlowNet(nn.Module):
    def __init__(self, hidden=24, layers=4, boundary_features=False):
        super().__init__()
        # boundary_features: also feed slog(first) and slog(last) (their magnitudes say roughly which
        # frequency and plane an element is, which the flattened latent does not otherwise tell)
        self.boundary_features = boundary_features
        convs = [nn.Conv2d(8 if boundary_features else 6, hidden, 3, padding=1)]
        for _ in range(layers - 2):
            convs.append(nn.Conv2d(hidden, hidden, 3, padding=1))
        self.body = nn.ModuleList(convs)
        self.head = nn.Conv2d(hidden, 2, 3, padding=1)
        nn.init.zeros_(self.head.weight)
        nn.init.zeros_(self.head.bias)
        self.act = nn.SiLU()

    def x0hat(self, x, t, first, last, alpha):
        """Batched: x [B, L, D], t [B], first/last [B, D], alpha [B, L] -> x0hat [B, L, D]."""
        a = alpha.unsqueeze(-1)
        d = (last - first).unsqueeze(1)
        anchor = first.unsqueeze(1) + a * d
        tt = t.reshape(-1, 1, 1)
        r = x - (1 - tt) * anchor
        dd = d.expand_as(x)
        fl = [r, slog(dd), torch.abs(dd), a.expand_as(x), tt.expand_as(x), (4 * a * (1 - a)).expand_as(x)]
        if self.boundary_features:
            fl += [slog(first).unsqueeze(1).expand_as(x), slog(last).unsqueeze(1).expand_as(x)]
        feats = torch.stack(fl, dim=1)
        h = feats
        for c in self.body:
            h = self.act(c(h))
        o = self.head(h)
        return anchor + o[:, 0] * r + o[:, 1]

    def velocity(self, x, t, first, last, alpha):
        x0 = self.x0hat(x, t, first, last, alpha)
        return (x - x0) / t.reshape(-1, 1, 1)


class Export(nn.Module):
    """The ONNX signature: unbatched tensors as OnnxFlowPrior binds them."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x, t, first_latent, last_latent, alpha):
        v = self.net.velocity(x.unsqueeze(0), t, first_latent.unsqueeze(0), last_latent.unsqueeze(0),
                              alpha.unsqueeze(0))
        return v.squeeze(0)
