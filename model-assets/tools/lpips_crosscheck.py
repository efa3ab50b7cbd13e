#!/usr/bin/env python3
"""Independent LPIPS (AlexNet, v0.1) in PyTorch, to cross-check the project's ONNX graph and Java loops.

Computes LPIPS(foreman frame 0, the same frame 3x3 box-blurred) exactly as LpipsTest builds the pair
(full-range BT.601 YUV -> RGB in [-1, 1], blur of every plane with replicated edges, rounded), with
torch.nn.functional ops and the weights of ../shared/models/lpips/lpips_alex_full_torchlayout.npz.
LpipsTest pins 0.12831807 (ONNX Runtime 0.1283180714, direct Java 0.1283180738).

Run (Debian's PyTorch, CPU):  /usr/bin/python3.11 model-assets/tools/lpips_crosscheck.py [../shared]
"""
import sys
import numpy as np
import torch
import torch.nn.functional as F

shared = sys.argv[1] if len(sys.argv) > 1 else "../shared"


def foreman_frame0(path):
    with open(path, "rb") as f:
        header = f.readline().split()
        w = int(next(t for t in header if t.startswith(b"W"))[1:])
        h = int(next(t for t in header if t.startswith(b"H"))[1:])
        assert f.readline().startswith(b"FRAME")
        cw, ch = (w + 1) // 2, (h + 1) // 2
        y = np.frombuffer(f.read(w * h), np.uint8).reshape(h, w)
        u = np.frombuffer(f.read(cw * ch), np.uint8).reshape(ch, cw)
        v = np.frombuffer(f.read(cw * ch), np.uint8).reshape(ch, cw)
    return y, u, v


def box_blur(p):
    q = np.pad(p.astype(np.int64), 1, mode="edge")
    s = sum(q[1 + dy:1 + dy + p.shape[0], 1 + dx:1 + dx + p.shape[1]] for dy in (-1, 0, 1) for dx in (-1, 0, 1))
    return ((s + 4) // 9).astype(np.uint8)


def to_rgb(y, u, v):
    h, w = y.shape
    yy = y.astype(np.float64)
    cb = np.repeat(np.repeat(u.astype(np.float64) - 128.0, 2, 0), 2, 1)[:h, :w]
    cr = np.repeat(np.repeat(v.astype(np.float64) - 128.0, 2, 0), 2, 1)[:h, :w]
    rgb = np.stack([yy + 1.402 * cr, yy - 0.344136 * cb - 0.714136 * cr, yy + 1.772 * cb])
    rgb = np.clip(rgb, 0, 255) / 127.5 - 1.0
    return torch.from_numpy(rgb.astype(np.float32))[None]


def lpips(a, b, wts):
    shift = torch.tensor([-0.030, -0.088, -0.188]).view(1, 3, 1, 1)
    scale = torch.tensor([0.458, 0.448, 0.450]).view(1, 3, 1, 1)
    layers = [("features.0", 4, 2, True), ("features.3", 1, 2, True), ("features.6", 1, 1, False),
              ("features.8", 1, 1, False), ("features.10", 1, 1, False)]

    def taps(x):
        x = (x - shift) / scale
        out = []
        for name, stride, pad, pool in layers:
            x = F.relu(F.conv2d(x, wts[name + ".weight"], wts[name + ".bias"], stride=stride, padding=pad))
            out.append(x)
            if pool:
                x = F.max_pool2d(x, 3, 2)
        return out

    total = torch.zeros(())
    for k, (fa, fb) in enumerate(zip(taps(a), taps(b))):
        na = fa / (fa.pow(2).sum(1, keepdim=True).sqrt() + 1e-10)
        nb = fb / (fb.pow(2).sum(1, keepdim=True).sqrt() + 1e-10)
        d = F.conv2d((na - nb) ** 2, wts["lin%d.model.1.weight" % k])
        total = total + d.mean()
    return total.item()


npz = np.load(shared + "/models/lpips/lpips_alex_full_torchlayout.npz")
wts = {k: torch.from_numpy(npz[k].astype(np.float32)) for k in npz.files}
with torch.no_grad():
    y, u, v = foreman_frame0(shared + "/data/video/foreman_cif.y4m")
    a = to_rgb(y, u, v)
    b = to_rgb(box_blur(y), box_blur(u), box_blur(v))
    same = lpips(a, a, wts)
    d32 = lpips(a, b, wts)
    wts64 = {k: t.double() for k, t in wts.items()}
    d64 = lpips(a.double(), b.double(), wts64)
print("torch %s  LPIPS(x, x) = %.10f" % (torch.__version__, same))
print("LPIPS(foreman 0, blurred): float32 %.10f  float64 %.10f" % (d32, d64))
print("project: ONNX Runtime 0.1283180714, direct Java 0.1283180738")
