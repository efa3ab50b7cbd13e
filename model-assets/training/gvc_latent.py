"""The codec's DCT latent (io.gvc.codec.latent.DctLatentSpace) in numpy, and clip / GOP helpers.

A latent frame is, per plane (Y, U, V), the lowest ceil(w/ds) x ceil(h/ds) coefficients of the
orthonormal 2-D DCT-II of (pixel - 128), times 1/32, planes concatenated row-major.
"""
import json
import subprocess
import numpy as np

SCALE = 1.0 / 32.0


def dct_rows(n, kept):
    k = np.arange(kept)[:, None]
    x = np.arange(n)[None, :]
    s = np.where(k == 0, np.sqrt(1.0 / n), np.sqrt(2.0 / n))
    return (s * np.cos(np.pi * (2 * x + 1) * k / (2.0 * n))).astype(np.float64)


def default_downscale(width, height):
    """DctLatentSpace.defaultDownscale: the smallest power of two >= 2 whose luma block has <= 8192 coefficients."""
    ds = 2
    while ((width + ds - 1) // ds) * ((height + ds - 1) // ds) > 8192:
        ds *= 2
    return ds


class DctLatent:
    def __init__(self, width, height, ds=None):
        self.ds = ds = ds or default_downscale(width, height)
        cw, chh = (width + 1) // 2, (height + 1) // 2
        self.pw = [width, cw, cw]
        self.ph = [height, chh, chh]
        self.kw = [(w + ds - 1) // ds for w in self.pw]
        self.kh = [(h + ds - 1) // ds for h in self.ph]
        self.rb = [dct_rows(w, k) for w, k in zip(self.pw, self.kw)]
        self.cb = [dct_rows(h, k) for h, k in zip(self.ph, self.kh)]
        self.dim = sum(a * b for a, b in zip(self.kw, self.kh))

    def encode(self, planes):
        """planes: list of 3 uint8 arrays [h, w] -> float32 [D]."""
        out = []
        for p in range(3):
            px = planes[p].astype(np.float64) - 128.0
            c = self.cb[p] @ px @ self.rb[p].T
            out.append((c * SCALE).reshape(-1))
        return np.concatenate(out).astype(np.float32)


def read_y4m(path):
    """Frames of a 4:2:0 y4m file as lists of uint8 planes [Y, U, V]."""
    data = open(path, "rb").read()
    nl = data.index(b"\n")
    head = data[:nl].split()
    w = int([h for h in head if h.startswith(b"W")][0][1:])
    h = int([x for x in head if x.startswith(b"H")][0][1:])
    cw, ch = (w + 1) // 2, (h + 1) // 2
    fs = w * h + 2 * cw * ch
    frames, p = [], nl + 1
    while p < len(data):
        p = data.index(b"\n", p) + 1  # FRAME header
        b = np.frombuffer(data, np.uint8, fs, p)
        frames.append([b[:w * h].reshape(h, w), b[w * h:w * h + cw * ch].reshape(ch, cw),
                       b[w * h + cw * ch:].reshape(ch, cw)])
        p += fs
    return frames


def _resample_matrix(n_in, n_out):
    """Linear (tent) resampling with a footprint widened when shrinking (area-like)."""
    scale = n_in / n_out
    support = max(1.0, scale)
    m = np.zeros((n_out, n_in))
    for o in range(n_out):
        c = (o + 0.5) * scale - 0.5
        for i in range(int(np.floor(c - support)), int(np.ceil(c + support)) + 1):
            wgt = max(0.0, 1 - abs(i - c) / support)
            m[o, min(max(i, 0), n_in - 1)] += wgt
        m[o] /= m[o].sum()
    return m


def fit_frames(frames, width, height, zoom=1.0):
    """Centre-crops every frame to width:height (and to the centre 1/zoom of that) and resizes it
    (planes separately) to width x height."""
    h, w = frames[0][0].shape
    if (w, h) == (width, height) and zoom == 1.0:
        return frames
    if w * height > h * width:
        cw, chh = h * width // height, h
    else:
        cw, chh = w, w * height // width
    cw, chh = int(cw / zoom) // 2 * 2, int(chh / zoom) // 2 * 2
    x0, y0 = (w - cw) // 2 // 2 * 2, (h - chh) // 2 // 2 * 2
    out_sizes = [(width, height), ((width + 1) // 2, (height + 1) // 2), ((width + 1) // 2, (height + 1) // 2)]
    mats = []
    for p, (ow, oh) in enumerate(out_sizes):
        d = 1 if p == 0 else 2
        mats.append((_resample_matrix(chh // d, oh), _resample_matrix(cw // d, ow)))
    out = []
    for f in frames:
        planes = []
        for p in range(3):
            d = 1 if p == 0 else 2
            crop = f[p][y0 // d:y0 // d + chh // d, x0 // d:x0 // d + cw // d].astype(np.float64)
            my, mx = mats[p]
            planes.append(np.clip(np.rint(my @ crop @ mx.T), 0, 255).astype(np.uint8))
        out.append(planes)
    return out


def gop_positions(frames, stride):
    pos = list(range(0, frames - 1, stride)) + [frames - 1]
    return pos


class PictureLatent:
    """The codec's picture latent (io.gvc.codec.latent.DctPictureLatentSpace) in numpy.

    The low-frequency DCT block of every plane seen as a small picture: per plane, the lowest
    kw x kh coefficients of the orthonormal 2-D DCT-II of (pixel - 128), times 1/32, taken back to
    the pixel domain by the orthonormal kw x kh inverse DCT. Chroma keeps ceil(c/ds) per side, luma
    twice that, and the luma picture is folded into four phase channels (space to depth), so a latent
    frame is 6 channels [Y00, Y01, Y10, Y11, U, V] of H x W = chroma block, channel-major.
    Orthonormal end to end: white noise stays white, and D is the DCT latent's.
    """

    def __init__(self, width, height, ds=None):
        self.ds = ds = ds or default_downscale(width, height)
        cw, chh = (width + 1) // 2, (height + 1) // 2
        self.W, self.H = (cw + ds - 1) // ds, (chh + ds - 1) // ds
        self.pw = [width, cw, cw]
        self.ph = [height, chh, chh]
        self.kw = [2 * self.W, self.W, self.W]
        self.kh = [2 * self.H, self.H, self.H]
        # analysis matrices: small = A_h (px) A_w^T, A = B_small^T C_kept
        self.ah = [dct_rows(k, k).T @ dct_rows(n, k) for n, k in zip(self.ph, self.kh)]
        self.aw = [dct_rows(k, k).T @ dct_rows(n, k) for n, k in zip(self.pw, self.kw)]
        self.dim = 6 * self.W * self.H

    def encode(self, planes):
        """planes: list of 3 uint8 arrays [h, w] -> float32 [6, H, W]."""
        small = []
        for p in range(3):
            px = planes[p].astype(np.float64) - 128.0
            small.append(self.ah[p] @ px @ self.aw[p].T * SCALE)
        y = small[0]
        ch = [y[dy::2, dx::2] for dy in (0, 1) for dx in (0, 1)]
        return np.stack(ch + small[1:]).astype(np.float32)
