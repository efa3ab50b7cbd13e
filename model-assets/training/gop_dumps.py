"""GOPs as the codec's encoder sees them, for training the prior on the motion-compensated bridge.

`gvc encode` with `-Dgvc.dumpPrior=DIR -Dgvc.dumpPrefix=NAME` (GopAtomCoder) writes one file per
FLF2V GOP, `NAME-SEQ.bin`, big-endian:

    int L, C, H, W, n            coded latent frames; picture latent channels and size; GOP frames
    int[L] positions             each coded latent frame's picture position in the GOP
    bool[L] known                whether that position is a decoded keyframe (shown as is)
    float[L] alpha               position / (n - 1)
    float[C H W] first, last     the decoded boundary keyframes' latents
    float[L][C H W] x0           the true latents as the prior sees them: truth - (anchor - centre)
    float[L][C H W] anchor       the anchor latents: the motion-compensated bridge of the decoded keyframes

where centre = first + alpha (last - first), the cross-fade the prior is defined around
(GopCondition.centre). A prior that also takes the anchor (`--anchor-input`) learns where the bridge
is wrong; one that does not learns the bridge's residual blind.
"""
import glob
import os
import numpy as np


def read(path):
    with open(path, "rb") as f:
        raw = f.read()
    L, C, H, W, n = np.frombuffer(raw, ">i4", 5, 0)
    off = 20
    pos = np.frombuffer(raw, ">i4", L, off); off += 4 * L
    known = np.frombuffer(raw, np.uint8, L, off).astype(bool); off += L
    alpha = np.frombuffer(raw, ">f4", L, off).astype(np.float32); off += 4 * L
    d = C * H * W

    def take(count):
        nonlocal off
        a = np.frombuffer(raw, ">f4", count * d, off).astype(np.float32).reshape(count, C, H, W)
        off += 4 * count * d
        return a

    first, last = take(1)[0], take(1)[0]
    x0, anchor = take(L), take(L)
    assert off == len(raw), f"{path}: {len(raw) - off} bytes left over"
    return dict(name=os.path.basename(path), n=int(n), pos=pos, known=known, alpha=alpha, first=first,
                last=last, x0=x0, anchor=anchor)


def clip_of(name):
    """The clip part of NAME-SEQ.bin (NAME is CLIP-BPP)."""
    return name.rsplit("-", 2)[0]


def load(dirs, exclude_clips=()):
    gops = []
    for d in dirs:
        for p in sorted(glob.glob(os.path.join(d, "*.bin"))):
            g = read(p)
            # a GOP whose every latent frame is a decoded keyframe generates nothing: nothing to learn
            if clip_of(g["name"]) not in exclude_clips and not g["known"].all():
                gops.append(g)
    return gops


def groups(gops):
    """Indices of GOPs by shape (L, H, W): a batch is drawn from one group."""
    out = {}
    for i, g in enumerate(gops):
        out.setdefault((len(g["alpha"]),) + g["x0"].shape[2:], []).append(i)
    return out
