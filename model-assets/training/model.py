"""The learned velocity networks (model-assets/training/README.md).

PictureNet (shipped, model-assets/learned): a (2+1)-D U-Net in the picture latent, x [L, 6, H, W],
conditioned on the boundary latents, alpha, the GOP's per-plane gains and (with `variants`) a
boundary mask, so one network codes FLF2V, I2V and T2V; see its docstring.

FlowNet (the earlier runs r1 to r5, not shipped): a conv net over the flattened DCT latent, x [L, D],
first_latent / last_latent [D], alpha [L]. It predicts the clean latent as a correction of the
boundary bridge anchor = first + alpha (last - first): x0hat = anchor + g * r + o, with
r = x - (1 - t) anchor and (g, o) = conv(features) over (latent frame, latent element). With the last
layer zero it is exactly the linear-interpolation bridge.

Both output the velocity (x - x0hat) / t ~ e - x0; the codec never evaluates a model at t = 0.
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
    """The ONNX signature of either network: unbatched tensors as OnnxFlowPrior binds them, x [L, ...],
    t [1], then the conditioning (first_latent, last_latent, alpha, and PictureNet's gains) ->
    velocity [L, ...]."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x, t, *conditioning):
        v = self.net.velocity(x.unsqueeze(0), t, *[c.unsqueeze(0) for c in conditioning])
        return v.squeeze(0)


class Block(nn.Module):
    """Residual (2+1)-D block over [B, C, L, H, W]: a 3x3 spatial conv, a 3-tap temporal conv, with the
    noise level as a per-channel scale and shift (FiLM) in between."""

    def __init__(self, ch, emb):
        super().__init__()
        self.spatial = nn.Conv3d(ch, ch, (1, 3, 3), padding=(0, 1, 1))
        self.temporal = nn.Conv3d(ch, ch, (3, 1, 1), padding=(1, 0, 0))
        self.film = nn.Linear(emb, 2 * ch)
        self.act = nn.SiLU()

    def forward(self, h, e):
        s, b = self.film(e).chunk(2, dim=1)
        y = self.act(self.spatial(h))
        y = y * (1 + s[:, :, None, None, None]) + b[:, :, None, None, None]
        y = self.temporal(y)
        return self.act(h + y)


# median RMS of the boundary latents of the 176x144 training GOPs (latent downscale 2): with cond_norm the
# boundary inputs are rescaled to it, so weights trained without cond_norm start where they were
COND_REF = 2.6
GAIN_GROUPS = 3        # Y (the four luma phases), U, V
CHANNEL_GROUP = [0, 0, 0, 0, 1, 2]


def quantise_gains(var):
    """The encoder's side information (OnnxFlowPrior.analyse): each group's mean squared deviation from
    the bridge on a half-octave grid, q = round(2 log2 var) + 20 in 0..31 (5 bits), as GaussianGains
    codes the reference prior's gains. Returns the dequantised variances 2^((q - 20) / 2)."""
    q = torch.clamp(torch.round(2 * torch.log2(var.clamp(min=1e-12))) + 20, 0, 31)
    return torch.pow(2.0, (q - 20) / 2)


def anchor_of(first, last, alpha, boundary_mask=None):
    """The codec's anchor (LatentSynthesis.anchorLatent) [B, L, 6, H, W]: the FLF2V bridge
    first + alpha (last - first); with boundary_mask [B, 2] (has first, has last) also I2V (the first
    frame; last is zeros) and T2V (zero: first and last are zeros)."""
    a = alpha[:, :, None, None, None]
    f, l = first.unsqueeze(1), last.unsqueeze(1)
    if boundary_mask is None:
        return f + a * (l - f)
    return f + boundary_mask[:, 1].reshape(-1, 1, 1, 1, 1) * a * (l - f)


def measured_gains(x0, first, last, alpha, boundary_mask=None):
    """[B, 3] dequantised gains of GOPs x0 [B, L, 6, H, W] (what the codec sends per GOP)."""
    dev = x0 - anchor_of(first, last, alpha, boundary_mask)
    ms = (dev ** 2).mean(dim=(1, 3, 4))                       # [B, 6]
    var = torch.stack([ms[:, 0:4].mean(1), ms[:, 4], ms[:, 5]], dim=1)
    return quantise_gains(var)


class PictureNet(nn.Module):
    """FLF2V velocity network in the picture latent (DctPictureLatentSpace): a small (2+1)-D U-Net.

    x [B, L, 6, H, W] (x_t of the coded latent frames), first / last [B, 6, H, W], alpha [B, L], t [B],
    gains [B, 3]: this GOP's mean squared deviation from the bridge for Y, U and V, measured by the
    encoder and sent as side information (15 bits), so the prior knows how much the content moves.
    The clean estimate is the linear bridge anchor = first + alpha (last - first) plus a deviation:

        r     = x - (1 - t) anchor                     (noised deviation from the anchor)
        x0hat = anchor + c_skip(t) r + c_out(t) net(...)

    c_skip = (1-t) s2 / ((1-t)^2 s2 + t^2) is the Wiener gain of a white deviation of variance s2 (the
    channel's gain, shaped over the GOP like the bridge's uncertainty) and c_out = t sqrt(s2) /
    sqrt((1-t)^2 s2 + t^2) its posterior standard deviation (EDM-style preconditioning), so the
    untrained network (last layer zero) is the Wiener denoiser of that white prior and the network's
    output stays near unit scale at every t. Convolutions are 3x3 in space and 3 taps in time, with two
    stride-2 levels (any H, W: stride-2 convs round up, upsampling takes the skip's size), so any frame
    size and GOP length run.
    """

    def __init__(self, width=32, levels=(1, 2, 3), blocks=2, cond_norm=False, variants=False, anchor_input=False):
        super().__init__()
        emb = 64
        # anchor_input: also the anchor latents [B, L, 6, H, W] the codec generates around (the
        # motion-compensated bridge of the decoded keyframes), fed as their difference from the
        # cross-fade. The network stays defined around the cross-fade (the codec moves it onto the
        # anchor, AnchorShift); the extra channels tell it where the bridge moved content, which is
        # where the bridge's residual is. Their input weights start at zero: the network it is
        # initialised from, unchanged.
        self.anchor_input = anchor_input
        # variants: also I2V and T2V GOPs, told apart by a boundary_mask input [B, 2] (has first, has
        # last; missing boundaries are zeros, which are also a plausible mid-grey picture), fed to the
        # embedding; the anchor and the prior's shape over the GOP follow the variant
        self.variants = variants
        cond_norm = cond_norm or variants   # the variants network always normalises its boundaries
        # cond_norm: divide the boundary frames by their own RMS (times COND_REF) before the network sees
        # them and tell it log2 of that RMS. The picture latent's values grow with the latent downscale
        # (about 2x at 352x288, 8x at 720p) while the noise stays unit, so unnormalised boundary inputs
        # were out of range at any size but the trained one.
        self.cond_norm = cond_norm
        self.register_buffer("group", torch.tensor(CHANNEL_GROUP))
        self.embed = nn.Sequential(nn.Linear(3 + GAIN_GROUPS + (1 if cond_norm else 0) + (2 if variants else 0), emb),
                                   nn.SiLU(),
                                   nn.Linear(emb, emb))
        chs = [width * m for m in levels]
        self.inp = nn.Conv3d(6 * (5 if anchor_input else 4) + 2, chs[0], (1, 3, 3), padding=(0, 1, 1))
        self.down = nn.ModuleList()
        self.enc = nn.ModuleList()
        self.dec = nn.ModuleList()
        self.up = nn.ModuleList()
        for i, c in enumerate(chs):
            if i > 0:
                self.down.append(nn.Conv3d(chs[i - 1], c, (1, 3, 3), stride=(1, 2, 2), padding=(0, 1, 1)))
            self.enc.append(nn.ModuleList([Block(c, emb) for _ in range(blocks)]))
        for i in range(len(chs) - 1, 0, -1):
            self.up.append(nn.Conv3d(chs[i], chs[i - 1], (1, 1, 1)))
            self.dec.append(nn.ModuleList([Block(chs[i - 1], emb) for _ in range(blocks)]))
        self.head = nn.Conv3d(chs[0], 6, (1, 3, 3), padding=(0, 1, 1))
        nn.init.zeros_(self.head.weight)
        nn.init.zeros_(self.head.bias)

    def x0hat(self, x, t, first, last, alpha, gains, boundary_mask=None, anchor_latent=None):
        """boundary_mask [B, 2] (variants only): (1, 1) FLF2V, (1, 0) I2V, (0, 0) T2V. The variant and
        cond_norm parts are branches on the constructor's flags, so a network without them traces (and
        exports) exactly the graph it had before they existed."""
        a = alpha[:, :, None, None, None]                      # [B, L, 1, 1, 1]
        f, l = first.unsqueeze(1), last.unsqueeze(1)           # [B, 1, 6, H, W]
        if self.variants:
            m0 = boundary_mask[:, 0].reshape(-1, 1, 1, 1, 1)
            m1 = boundary_mask[:, 1].reshape(-1, 1, 1, 1, 1)
            anchor = anchor_of(first, last, alpha, boundary_mask)
        else:
            anchor = f + a * (l - f)
        tt = t.reshape(-1, 1, 1, 1, 1)
        r = x - (1 - tt) * anchor
        # how far a frame may stray from its anchor over the GOP, mean 1: bridge-like between two
        # boundaries, growing away from a first frame alone, flat without boundaries
        if self.variants:
            shape = m1 * (0.3 + 4 * a * (1 - a)) + (1 - m1) * m0 * (0.3 + 2 * a) + (1 - m0) * torch.ones_like(a)
        else:
            shape = 0.3 + 4 * a * (1 - a)
        shape = shape / shape.mean(dim=1, keepdim=True)
        s2 = gains[:, self.group][:, None, :, None, None] * shape  # [B, L, 6, 1, 1]
        den = torch.sqrt((1 - tt) ** 2 * s2 + tt ** 2)
        c_skip = (1 - tt) * s2 / den ** 2
        c_out = tt * torch.sqrt(s2) / den
        ones = torch.ones_like(r[:, :, :1])
        if self.variants:  # RMS of the boundaries there are (none for T2V)
            given = boundary_mask.sum(dim=1).clamp(min=1.0)
            ms = (boundary_mask[:, 0] * (f ** 2).mean(dim=(1, 2, 3, 4))
                  + boundary_mask[:, 1] * (l ** 2).mean(dim=(1, 2, 3, 4))) / given
            rms = torch.sqrt(ms + 1e-2)
        elif self.cond_norm:
            rms = torch.sqrt(((f ** 2 + l ** 2) / 2).mean(dim=(1, 2, 3, 4)) + 1e-2)   # [B]
        if self.cond_norm:
            f, l = f * (COND_REF / rms).reshape(-1, 1, 1, 1, 1), l * (COND_REF / rms).reshape(-1, 1, 1, 1, 1)
        feats = torch.cat([r / den, f.expand_as(r) / 4, l.expand_as(r) / 4,
                           (m1 * (l - f).expand_as(r) if self.variants else (l - f).expand_as(r)) / 4,
                           a * ones, 4 * a * (1 - a) * ones]
                          + ([self._bridge_shift(anchor_latent - anchor, rms)] if self.anchor_input else []),
                          dim=2)   # [B, L, 26 or 32, H, W]
        h = self.inp(feats.transpose(1, 2))                    # [B, C, L, H, W]
        emb_in = [torch.stack([t, torch.log(t / (1 - t + 1e-4) + 1e-4), 1 - t], dim=1), torch.log2(gains) / 8]
        if self.cond_norm:
            emb_in.append(torch.log2(rms / COND_REF).unsqueeze(1) / 3)
        if self.variants:
            emb_in.append(boundary_mask)
        e = self.embed(torch.cat(emb_in, dim=1))
        out = self._unet(h, e)
        return anchor + c_skip * r + c_out * out

    def _bridge_shift(self, delta, rms):
        """The anchor's difference from the cross-fade, scaled as the boundaries are (cond_norm)."""
        if self.cond_norm:
            delta = delta * (COND_REF / rms).reshape(-1, 1, 1, 1, 1)
        return delta / 4

    def _unet(self, h, e):
        skips = []
        for i, blocks in enumerate(self.enc):
            if i > 0:
                skips.append(h)
                h = self.down[i - 1](h)
            for b in blocks:
                h = b(h, e)
        for up, blocks in zip(self.up, self.dec):
            skip = skips.pop()
            h = nn.functional.interpolate(h, size=skip.shape[2:], mode="nearest")
            h = up(h) + skip
            for b in blocks:
                h = b(h, e)
        return self.head(h).transpose(1, 2)                    # [B, L, 6, H, W]

    def velocity(self, x, t, first, last, alpha, gains, boundary_mask=None, anchor_latent=None):
        x0 = self.x0hat(x, t, first, last, alpha, gains, boundary_mask, anchor_latent)
        return (x - x0) / t.reshape(-1, 1, 1, 1, 1)
