"""Trains a velocity network (PictureNet with --arch picture, the shipped one; FlowNet with --arch flat)
with the rectified-flow loss on x_t = (1 - t) x0 + t e, u ~ e - x0, on GOP latents written by
make_data.py, then exports velocity.onnx + manifest.json (model-assets/README.md format). The
commands of every shipped run are in README.md ("Reproduce").

  /usr/bin/python3.11 train.py --arch picture --data data/pic-train --val-data data/pic-val --steps 60 --out runs/short
"""
import argparse
import csv
import hashlib
import json
import os
import time
import numpy as np
import torch
from model import FlowNet, PictureNet, Export, measured_gains
import gop_dumps


def shift_t(u, s):
    return s * u / (1 + (s - 1) * u)


def batch(data, idx, rng, crop, interior, augment=False, subgops=0.0, scale_aug=0.0, scale_max=8.0,
          variant="flf2v"):
    """x0 [B, L, ...] (coded frames), first, last [B, ...], alpha [B, L]. DCT latents [B, P, D] are
    cropped to a window of D; picture latents [B, P, 6, H, W] are whole, and with augment each GOP is
    mirrored left-right and/or played backwards at random (both keep FLF2V GOPs valid); a share
    `subgops` of the batches are shorter GOPs cut from the long ones, and a share `scale_aug` of the GOPs
    are multiplied by k = 2^U(0, log2 scale_max): a picture latent at latent downscale k ds is k times
    the one at ds of the same picture content, so this stands for larger frames (720p is ds 16, k = 8
    against the 176x144 data). variant "i2v" codes every frame after the first (last is zeros, alpha
    runs to 1), "t2v" every frame (first and last zeros), as GopLayout does; the returned boundary mask
    [B, 2] says which boundaries there are."""
    g = torch.from_numpy(np.ascontiguousarray(data[idx]))  # [B, P, D] or [B, P, 6, H, W]
    D = g.shape[-1]
    if g.dim() == 5 and augment and subgops and rng.random() < subgops:
        # a shorter GOP cut from this one: latent positions are evenly spaced, so positions s..s+k
        # are a GOP of 2k+1 frames with its own boundaries (k = 4: the 9-frame GOPs of short clips)
        k = int(rng.choice([4, 8]))
        s = int(rng.integers(0, g.shape[1] - k))
        g = g[:, s:s + k + 1]
        interior = (np.arange(1, k) / k).astype(np.float32)
    if g.dim() == 5 and augment:
        g = g.clone()
        for b in range(len(idx)):
            if rng.random() < 0.5:  # mirror: flip W, swap the luma phase channels x0 <-> x1
                g[b] = g[b][:, [1, 0, 3, 2, 4, 5]].flip(-1)
            if rng.random() < 0.5:  # backwards: positions are symmetric, so alpha stays
                g[b] = g[b].flip(0)
            if scale_aug and rng.random() < scale_aug:
                g[b] = g[b] * float(2.0 ** rng.uniform(0.0, np.log2(scale_max)))
    if g.dim() == 3 and crop and crop < D:
        s = int(rng.integers(0, D - crop + 1))
        g = g[..., s:s + crop]
    full = np.concatenate([[0.0], interior, [1.0]]).astype(np.float32)
    if variant == "flf2v":
        first, last, x0, al, m = g[:, 0], g[:, -1], g[:, 1:-1], full[1:-1], (1.0, 1.0)
    elif variant == "i2v":
        first, last, x0, al, m = g[:, 0], torch.zeros_like(g[:, 0]), g[:, 1:], full[1:], (1.0, 0.0)
    else:
        first, last, x0, al, m = torch.zeros_like(g[:, 0]), torch.zeros_like(g[:, 0]), g, full, (0.0, 0.0)
    alpha = torch.from_numpy(al).float().expand(len(idx), -1)
    mask = torch.tensor(m).expand(len(idx), -1)
    return x0, first, last, alpha, mask, None, None


def dump_batch(gops, idx, rng, augment=False):
    """x0, first, last, alpha, mask, anchor of GOPs written by the encoder (gop_dumps.py), all of one
    shape. With augment each GOP is mirrored left-right and/or played backwards at random: backwards
    swaps the boundaries and takes alpha to 1 - alpha; the bridge and the cross-fade are symmetric in
    time, so the GOP stays one the codec could have made."""
    x0, first, last, alpha, anchor, gen = [], [], [], [], [], []
    for i in idx:
        g = gops[i]
        gx, gf, gl, ga, gn, gk = g["x0"], g["first"], g["last"], g["alpha"], g["anchor"], ~g["known"]
        if augment and rng.random() < 0.5:
            sw = [1, 0, 3, 2, 4, 5]
            gx, gf, gl, gn = gx[:, sw, :, ::-1], gf[sw, :, ::-1], gl[sw, :, ::-1], gn[:, sw, :, ::-1]
        if augment and rng.random() < 0.5:
            gx, gn, gf, gl, ga, gk = gx[::-1], gn[::-1], gl, gf, 1 - ga[::-1], gk[::-1]
        for lst, v in ((x0, gx), (first, gf), (last, gl), (alpha, ga), (anchor, gn), (gen, gk.astype(np.float32))):
            lst.append(torch.from_numpy(np.ascontiguousarray(v)))
    mask = torch.tensor((1.0, 1.0)).expand(len(idx), -1)
    return (torch.stack(x0), torch.stack(first), torch.stack(last), torch.stack(alpha).float(), mask,
            torch.stack(anchor), torch.stack(gen))


def load(paths):
    """GOP latents of one or more make_data.py outputs (same GOP layout), joined."""
    parts = [np.load(p + ".npy", mmap_mode="r") for p in paths]
    return parts[0] if len(parts) == 1 else np.concatenate(parts)


def loss_fn(net, x0, first, last, alpha, mask, anchor, generated, gen, shift, tmin, weight="rf"):
    """generated [B, L] (GOP dumps): 1 for the latent frames the decoder generates, 0 for those at
    a decoded keyframe, which it shows as they are; the loss counts the generated ones only."""
    B = x0.shape[0]
    t = shift_t(torch.rand(B, generator=gen), shift).clamp(min=tmin)
    e = torch.randn(x0.shape, generator=gen)
    tb = t.reshape([-1] + [1] * (x0.dim() - 1))
    xt = (1 - tb) * x0 + tb * e
    # PictureNet also takes the GOP's gains, measured on x0 as the encoder does
    side = ()
    if isinstance(net, PictureNet):
        bm = mask if net.variants else None
        side = (measured_gains(x0, first, last, alpha, bm),) + ((bm,) if net.variants else ())
        if net.anchor_input:
            side = side + (anchor,)
    u = net.velocity(xt, t, first, last, alpha, *side)
    err = (u - (e - x0)) ** 2
    if weight == "x0":  # |x0hat - x0|^2 = t^2 |u - (e - x0)|^2: equal weight for every t
        err = err * tb ** 2
    if generated is not None:
        w = generated.reshape(generated.shape + (1,) * (err.dim() - 2))
        return (err * w).sum() / (w.sum() * err[0, 0].numel()).clamp(min=1.0)
    return err.mean()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", nargs="+", default=["data/train"], help="make_data.py outputs (several are joined)")
    ap.add_argument("--val-data", nargs="+", default=None,
                    help="validation GOPs from other clips (else 10%% of --data)")
    ap.add_argument("--arch", choices=["flat", "picture"], default="flat",
                    help="flat: FlowNet on the DCT latent (r2); picture: PictureNet on the picture latent")
    ap.add_argument("--width", type=int, default=32, help="picture: channels of the first U-Net level")
    ap.add_argument("--subgops", type=float, default=0.0,
                    help="picture: share of the batches that are 9- or 17-frame GOPs cut from the 33-frame ones")
    ap.add_argument("--cond-norm", action="store_true",
                    help="picture: normalise the boundary inputs by their RMS (PictureNet.cond_norm)")
    ap.add_argument("--scale-aug", type=float, default=0.0,
                    help="picture: share of the GOPs multiplied by 2^U(0, log2 --scale-max) (larger frames)")
    ap.add_argument("--scale-max", type=float, default=8.0)
    ap.add_argument("--variants", action="store_true",
                    help="picture: one network for FLF2V, I2V and T2V (a boundary_mask input; implies --cond-norm)")
    ap.add_argument("--i2v", type=float, default=0.25, help="with --variants: share of I2V batches")
    ap.add_argument("--t2v", type=float, default=0.1, help="with --variants: share of T2V batches")
    ap.add_argument("--gop-dumps", nargs="+", default=None,
                    help="train on GOPs written by the encoder (gop_dumps.py) instead of --data")
    ap.add_argument("--val-clips", nargs="*", default=[],
                    help="with --gop-dumps: clips whose GOPs are the validation set, never trained on")
    ap.add_argument("--anchor-input", action="store_true",
                    help="picture: the network also takes the anchor latents (PictureNet.anchor_input)")
    ap.add_argument("--init-onnx", default=None,
                    help="start from the weights of an exported velocity.onnx (its initialisers by name)")
    ap.add_argument("--blocks", type=int, default=2, help="picture: residual blocks per level and side")
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
    ap.add_argument("--val-every", type=int, default=25, help="steps between validation losses (and checkpoints)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--out", default="runs/r1")
    ap.add_argument("--init", default=None, help="start from these weights (flownet.pt); with --steps 0: export only")
    ap.add_argument("--name", default="gvc-learned-flf2v-dct", help="model id in the manifest (and bitstream)")
    ap.add_argument("--export", default=None, help="model folder to write (velocity.onnx + manifest.json)")
    a = ap.parse_args()
    torch.manual_seed(a.seed)
    torch.set_num_threads(a.threads)
    rng = np.random.default_rng(a.seed)
    gen = torch.Generator().manual_seed(a.seed)
    if a.gop_dumps:
        # GOPs as the encoder saw them: validation is whole clips (--val-clips), never trained on
        gops = gop_dumps.load(a.gop_dumps)
        meta = {"source": "gop-dumps"}
        is_val = np.array([gop_dumps.clip_of(g["name"]) in a.val_clips for g in gops])
        by_shape = gop_dumps.groups(gops)
        train_groups = [[i for i in v if not is_val[i]] for v in by_shape.values()]
        train_groups = [v for v in train_groups if v]
        val_groups = [[i for i in v if is_val[i]] for v in by_shape.values()]
        val_groups = [v for v in val_groups if v]
        train = [i for v in train_groups for i in v]
        val = [i for v in val_groups for i in v]
        weights = np.array([len(v) for v in train_groups], np.float64)

        def train_batch(rng):
            grp = train_groups[rng.choice(len(train_groups), p=weights / weights.sum())]
            idx = rng.choice(grp, min(a.batch, len(grp)), replace=False)
            return dump_batch(gops, idx, rng, augment=True)

        def val_batches(vr):
            for grp in val_groups:
                for i in range(0, len(grp), 8):
                    yield dump_batch(gops, grp[i:i + 8], vr)
    else:
        data = load(a.data)
        meta = json.load(open(a.data[0] + ".json"))
        pos = np.array(meta["positions"], np.float64)
        interior = (pos[1:-1] / pos[-1]).astype(np.float32)
        n = data.shape[0]
        if a.val_data:
            vdata = load(a.val_data)
            val, train = np.arange(len(vdata)), rng.permutation(n)
        else:
            vdata = data
            perm = rng.permutation(n)
            nval = max(8, n // 10)
            val, train = np.sort(perm[:nval]), perm[nval:]

        def train_batch(rng):
            idx = rng.choice(train, a.batch, replace=False)
            variant = "flf2v"
            if a.variants:  # drawn after the GOPs, as the shipped runs drew them
                u = rng.random()
                variant = "i2v" if u < a.i2v else "t2v" if u < a.i2v + a.t2v else "flf2v"
            return batch(data, np.sort(idx), rng, a.crop, interior, augment=True, subgops=a.subgops,
                         scale_aug=a.scale_aug, scale_max=a.scale_max, variant=variant)

        def val_batches(vr):
            for i in range(0, len(val), 8):
                yield batch(vdata, val[i:i + 8], vr, a.crop, interior)
    if a.arch == "picture":
        net = PictureNet(a.width, blocks=a.blocks, cond_norm=a.cond_norm, variants=a.variants,
                         anchor_input=a.anchor_input)
    else:
        net = FlowNet(a.hidden, a.layers, a.boundary_features)
    if a.init:
        state = torch.load(a.init)
        w = net.state_dict()["embed.0.weight"]
        if state["embed.0.weight"].shape != w.shape:  # a --cond-norm run from weights without it
            pad = torch.zeros(w.shape[0], w.shape[1] - state["embed.0.weight"].shape[1])
            state["embed.0.weight"] = torch.cat([state["embed.0.weight"], pad], dim=1)
        net.load_state_dict(state)
    if a.init_onnx:
        net.load_state_dict(onnx_state(a.init_onnx, net.state_dict()))
    nparams = sum(p.numel() for p in net.parameters())
    opt = torch.optim.Adam(net.parameters(), lr=a.lr)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: 0.5 * (1 + np.cos(np.pi * min(s, a.steps) / max(a.steps, 1))))
    os.makedirs(a.out, exist_ok=True)
    vgen_seed = 12345

    def val_loss():
        g = torch.Generator().manual_seed(vgen_seed)
        vr = np.random.default_rng(vgen_seed)
        with torch.no_grad():
            losses = [loss_fn(net, *b, g, a.shift, a.tmin).item() for b in val_batches(vr)]
            return sum(losses) / len(losses)

    log = [("step", "seconds", "train_loss", "val_loss")]
    v0 = val_loss()
    log.append((0, 0.0, float("nan"), v0))
    print(f"params {nparams}, train GOPs {len(train)}, val GOPs {len(val)}, val loss at init (bridge) {v0:.4f}",
          flush=True)
    t0 = time.time()
    for step in range(1, a.steps + 1):
        loss = loss_fn(net, *train_batch(rng), gen, a.shift, a.tmin, a.loss_weight)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
        opt.step()
        sched.step()
        vl = float("nan")
        if step % a.val_every == 0 or step == a.steps:
            vl = val_loss()
            print(f"step {step} {time.time() - t0:.0f}s train {loss.item():.4f} val {vl:.4f}", flush=True)
            torch.save(net.state_dict(), os.path.join(a.out, "flownet.pt"))  # a run cut short keeps its weights
        log.append((step, time.time() - t0, loss.item(), vl))
    with open(os.path.join(a.out, "loss.csv"), "w", newline="") as f:
        csv.writer(f).writerows(log)
    torch.save(net.state_dict(), os.path.join(a.out, "flownet.pt"))
    plot(log, os.path.join(a.out, "loss.png"), "held-out clip" if a.val_data else "held-out GOPs")
    if a.export:
        export(net, a, nparams, meta)


def onnx_state(path, own):
    """The network's weights from an exported velocity.onnx: its initialisers are the state dict's
    names under "net."; inputs this network has and the file's does not (anchor_input's channels of
    the first convolution) start at zero."""
    import onnx
    from onnx import numpy_helper
    inits = {i.name[len("net."):]: numpy_helper.to_array(i) for i in onnx.load(path).graph.initializer
             if i.name.startswith("net.")}
    state = {}
    for k, v in own.items():
        w = torch.from_numpy(inits[k].copy())
        if w.shape != v.shape:
            if k != "inp.weight" or w.shape[1] > v.shape[1]:
                raise ValueError(f"{path}: {k} is {tuple(w.shape)}, the network has {tuple(v.shape)}")
            pad = torch.zeros((w.shape[0], v.shape[1] - w.shape[1]) + tuple(w.shape[2:]))
            w = torch.cat([w, pad], dim=1)
        state[k] = w
    return state


def plot(log, path, val_label):
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
    plt.plot(vs, vl, "o-", label=f"validation ({val_label})")
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
    L = 15
    names = ["x", "t", "first_latent", "last_latent", "alpha"]
    if a.arch == "picture":
        frame = [6, 36, 44]
        ex = (torch.randn(L, *frame), torch.tensor([0.5]), torch.randn(*frame), torch.randn(*frame),
              torch.linspace(0.1, 0.9, L), torch.tensor([2.0, 0.1, 0.1]))
        names.append("gains")
        if a.variants:
            ex = ex + (torch.tensor([1.0, 1.0]),)
            names.append("boundary_mask")
        if a.anchor_input:
            ex = ex + (torch.randn(L, *frame),)
            names.append("anchor_latent")
        lat = {0: "L", 2: "H", 3: "W"}
        axes = {"x": lat, "first_latent": {1: "H", 2: "W"}, "last_latent": {1: "H", 2: "W"}, "alpha": {0: "L"},
                "velocity": lat}
        if a.anchor_input:
            axes["anchor_latent"] = lat
        frame_shape, latent_shape = ["C", "H", "W"], ["L", "C", "H", "W"]
    else:
        D = 9504
        ex = (torch.randn(L, D), torch.tensor([0.5]), torch.randn(D), torch.randn(D), torch.linspace(0.1, 0.9, L))
        axes = {"x": {0: "L", 1: "D"}, "first_latent": {0: "D"}, "last_latent": {0: "D"}, "alpha": {0: "L"},
                "velocity": {0: "L", 1: "D"}}
        frame_shape, latent_shape = ["D"], ["L", "D"]
    m = Export(net.eval())
    torch.onnx.export(m, ex, onnx_path, opset_version=13, input_names=names, output_names=["velocity"],
                      dynamic_axes=axes)
    import onnx
    mo = onnx.load(onnx_path)
    mo.producer_name = "gvc-training"
    mo.producer_version = "1"
    onnx.save(mo, onnx_path)

    def tensor(name, role, shape):
        return {"name": name, "role": role, "dtype": "float32", "shape": shape}

    manifest = {
        "format": "gvc-model-manifest/1",
        "name": a.name,
        "version": "1",
        "files": [{
            "role": "velocity", "path": "velocity.onnx", "sha256": sha256(onnx_path),
            "inputs": [tensor("x", "x", latent_shape), tensor("t", "t", [1]),
                       tensor("first_latent", "first_latent", frame_shape),
                       tensor("last_latent", "last_latent", frame_shape), tensor("alpha", "alpha", ["L"])]
                      + ([tensor("gains", "gains", [3])] if a.arch == "picture" else [])
                      + ([tensor("boundary_mask", "boundary_mask", [2])] if a.variants else [])
                      + ([tensor("anchor_latent", "anchor_latent", latent_shape)] if a.anchor_input else []),
            "outputs": [tensor("velocity", "velocity", latent_shape)]}],
        "latent": {"kind": "picture", "channels": 6, "temporal_stride": 1, "spatial_stride": 1, "frames": "per_frame"}
        if a.arch == "picture" else
        {"kind": "dct", "channels": 3, "temporal_stride": 1, "spatial_stride": 1, "frames": "per_frame"},
        # a network fine-tuned on the encoder's GOP dumps has seen FLF2V GOPs only
        "conditioning": {"kind": "latents", "flf2v": True, "i2v": a.variants and not a.gop_dumps,
                         "t2v": a.variants and not a.gop_dumps},
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
