"""Trains FlowNet with the rectified-flow loss on x_t = (1 - t) x0 + t e, u ~ e - x0, on GOP latents
written by make_data.py, then exports velocity.onnx + manifest.json (model-assets/README.md format).

  /usr/bin/python3.11 train.py --data data/train --steps 300 --out runs/r1 --export ../learned
"""
import argparse
import csv
import hashlib
import json
import os
import time
import numpy as np
import torch
from model import FlowNet, Export


def shift_t(u, s):
    return s * u / (1 + (s - 1) * u)


def batch(data, idx, rng, crop, interior):
    """x0 [B, L, D] (coded frames), first, last [B, D], alpha [B, L], cropped to a window of D."""
    g = torch.from_numpy(data[idx])  # [B, P, D]
    D = g.shape[-1]
    if crop and crop < D:
        s = int(rng.integers(0, D - crop + 1))
        g = g[..., s:s + crop]
    first, last, x0 = g[:, 0], g[:, -1], g[:, 1:-1]
    alpha = torch.from_numpy(interior).float().expand(len(idx), -1)
    return x0, first, last, alpha


def loss_fn(net, x0, first, last, alpha, gen, shift, tmin, weight="rf"):
    B = x0.shape[0]
    t = shift_t(torch.rand(B, generator=gen), shift).clamp(min=tmin)
    e = torch.randn(x0.shape, generator=gen)
    xt = (1 - t.reshape(-1, 1, 1)) * x0 + t.reshape(-1, 1, 1) * e
    u = net.velocity(xt, t, first, last, alpha)
    err = (u - (e - x0)) ** 2
    if weight == "x0":  # |x0hat - x0|^2 = t^2 |u - (e - x0)|^2: equal weight for every t
        err = err * (t.reshape(-1, 1, 1) ** 2)
    return err.mean()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="data/train")
    ap.add_argument("--steps", type=int, default=300)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--crop", type=int, default=2048)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--hidden", type=int, default=24)
    ap.add_argument("--layers", type=int, default=4)
    ap.add_argument("--boundary-features", action="store_true", help="also feed slog(first), slog(last)")
    ap.add_argument("--loss-weight", choices=["rf", "x0"], default="rf",
                    help="rf: the rectified-flow loss |u - (e - x0)|^2 (shipped); x0: the same times t^2")
    ap.add_argument("--shift", type=float, default=3.0)
    ap.add_argument("--tmin", type=float, default=0.05)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--out", default="runs/r1")
    ap.add_argument("--export", default=None, help="model folder to write (velocity.onnx + manifest.json)")
    a = ap.parse_args()
    torch.manual_seed(a.seed)
    torch.set_num_threads(a.threads)
    rng = np.random.default_rng(a.seed)
    gen = torch.Generator().manual_seed(a.seed)
    data = np.load(a.data + ".npy", mmap_mode="r")
    meta = json.load(open(a.data + ".json"))
    pos = np.array(meta["positions"], np.float64)
    interior = (pos[1:-1] / pos[-1]).astype(np.float32)
    n = data.shape[0]
    perm = rng.permutation(n)
    nval = max(8, n // 10)
    val, train = np.sort(perm[:nval]), perm[nval:]
    net = FlowNet(a.hidden, a.layers, a.boundary_features)
    nparams = sum(p.numel() for p in net.parameters())
    opt = torch.optim.Adam(net.parameters(), lr=a.lr)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: 0.5 * (1 + np.cos(np.pi * min(s, a.steps) / a.steps)))
    os.makedirs(a.out, exist_ok=True)
    vgen_seed = 12345

    def val_loss():
        g = torch.Generator().manual_seed(vgen_seed)
        vr = np.random.default_rng(vgen_seed)
        with torch.no_grad():
            tot = 0.0
            for i in range(0, len(val), 8):
                tot += loss_fn(net, *batch(data, val[i:i + 8], vr, a.crop, interior), g, a.shift, a.tmin).item()
            return tot / ((len(val) + 7) // 8)

    log = [("step", "seconds", "train_loss", "val_loss")]
    v0 = val_loss()
    log.append((0, 0.0, float("nan"), v0))
    print(f"params {nparams}, train GOPs {len(train)}, val GOPs {len(val)}, val loss at init (bridge) {v0:.4f}",
          flush=True)
    t0 = time.time()
    for step in range(1, a.steps + 1):
        idx = rng.choice(train, a.batch, replace=False)
        loss = loss_fn(net, *batch(data, np.sort(idx), rng, a.crop, interior), gen, a.shift, a.tmin, a.loss_weight)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
        opt.step()
        sched.step()
        vl = float("nan")
        if step % 25 == 0 or step == a.steps:
            vl = val_loss()
            print(f"step {step} {time.time() - t0:.0f}s train {loss.item():.4f} val {vl:.4f}", flush=True)
        log.append((step, time.time() - t0, loss.item(), vl))
    with open(os.path.join(a.out, "loss.csv"), "w", newline="") as f:
        csv.writer(f).writerows(log)
    torch.save(net.state_dict(), os.path.join(a.out, "flownet.pt"))
    plot(log, os.path.join(a.out, "loss.png"))
    if a.export:
        export(net, a, nparams, meta)


def plot(log, path):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("no matplotlib: loss.csv only")
        return
    rows = log[1:]
    s = [r[0] for r in rows if r[2] == r[2]]
    tl = [r[2] for r in rows if r[2] == r[2]]
    vs = [r[0] for r in rows if r[3] == r[3]]
    vl = [r[3] for r in rows if r[3] == r[3]]
    plt.figure(figsize=(6, 4))
    plt.plot(s, tl, alpha=0.4, label="train (batch)")
    plt.plot(vs, vl, "o-", label="validation (held-out GOPs)")
    plt.yscale("log")
    plt.xlabel("step")
    plt.ylabel("rectified-flow loss |u - (e - x0)|^2")
    plt.legend()
    plt.tight_layout()
    plt.savefig(path, dpi=100)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        h.update(f.read())
    return h.hexdigest()


def export(net, a, nparams, meta):
    os.makedirs(a.export, exist_ok=True)
    onnx_path = os.path.join(a.export, "velocity.onnx")
    m = Export(net.eval())
    L, D = 15, 9504
    ex = (torch.randn(L, D), torch.tensor([0.5]), torch.randn(D), torch.randn(D), torch.linspace(0.1, 0.9, L))
    torch.onnx.export(m, ex, onnx_path, opset_version=13, input_names=["x", "t", "first_latent", "last_latent", "alpha"],
                      output_names=["velocity"], dynamic_axes={"x": {0: "L", 1: "D"}, "first_latent": {0: "D"},
                                                               "last_latent": {0: "D"}, "alpha": {0: "L"},
                                                               "velocity": {0: "L", 1: "D"}})
    import onnx
    mo = onnx.load(onnx_path)
    mo.producer_name = "gvc-training"
    mo.producer_version = "1"
    onnx.save(mo, onnx_path)

    def tensor(name, role, shape):
        return {"name": name, "role": role, "dtype": "float32", "shape": shape}

    manifest = {
        "format": "gvc-model-manifest/1",
        "name": "gvc-learned-flf2v-dct",
        "version": "1",
        "files": [{
            "role": "velocity", "path": "velocity.onnx", "sha256": sha256(onnx_path),
            "inputs": [tensor("x", "x", ["L", "D"]), tensor("t", "t", [1]),
                       tensor("first_latent", "first_latent", ["D"]), tensor("last_latent", "last_latent", ["D"]),
                       tensor("alpha", "alpha", ["L"])],
            "outputs": [tensor("velocity", "velocity", ["L", "D"])]}],
        "latent": {"kind": "dct", "channels": 3, "temporal_stride": 1, "spatial_stride": 1, "frames": "per_frame"},
        "conditioning": {"kind": "latents", "flf2v": True, "i2v": False, "t2v": False},
        "timestep": "unit",
        "sampler": {"steps": 20, "shift": 3.0, "g_scale": 3.0, "tail": 3},
    }
    with open(os.path.join(a.export, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    with torch.no_grad():
        ref = m(*ex)
    try:
        import onnxruntime  # noqa: F401  (not in Debian; the Java tests check the ONNX run)
    except ImportError:
        pass
    print(f"exported {onnx_path} ({os.path.getsize(onnx_path)} bytes, {nparams} parameters), "
          f"sha256 {manifest['files'][0]['sha256']}; torch |v| mean at the example {ref.abs().mean():.4f}")


if __name__ == "__main__":
    main()
