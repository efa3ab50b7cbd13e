"""Rate-distortion curves of GVC under two priors, from two `gvc eval` runs of the same clip.

  /usr/bin/python3.11 model-assets/tools/rd_compare.py LEARNED_RUN REFERENCE_RUN CLIP OUT.png

LEARNED_RUN and REFERENCE_RUN are --out folders of `gvc eval` (results.csv); the x264, x265 and
interpolation curves are taken from the first. Used for docs/results.md ("Learned prior").
"""
import csv
import sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt


def rows(run, clip):
    with open(run + "/results.csv") as f:
        return [r for r in csv.DictReader(f) if r["clip"] == clip]


def curve(rs, codec):
    pts = sorted((float(r["bpp"]), r) for r in rs if r["codec"] == codec)
    return [p for p, _ in pts], [r for _, r in pts]


def main():
    learned, reference, clip, out = sys.argv[1:5]
    a, b = rows(learned, clip), rows(reference, clip)
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2))
    for ax, metric, label in ((axes[0], "psnr_y", "PSNR-Y (dB)"), (axes[1], "lpips", "LPIPS (lower is better)")):
        for rs, codec, name, style in ((a, "gvc-flf2v", "GVC FLF2V, learned prior", "o-"),
                                       (b, "gvc-flf2v", "GVC FLF2V, closed-form prior", "s--"),
                                       (a, "x265", "x265 (CRF ladder)", "^-"),
                                       (a, "x264", "x264 (CRF ladder)", "v-"),
                                       (a, "interp", "boundary interpolation", "x:")):
            x, r = curve(rs, codec)
            if x:
                ax.plot(x, [float(p[metric]) for p in r], style, label=name)
        ax.set_xscale("log")
        ax.set_xlabel("bits per pixel")
        ax.set_ylabel(label)
        ax.set_xlim(0.003, 0.2)
        ax.grid(True, which="both", alpha=0.3)
    axes[0].set_ylim(20, 40)
    axes[1].legend(fontsize=8)
    fig.suptitle(clip + ": measured by gvc eval")
    fig.tight_layout()
    fig.savefig(out, dpi=90)


if __name__ == "__main__":
    main()
