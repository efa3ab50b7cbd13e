"""Stacks side-by-side pictures of several `gvc eval` runs, one labelled row per run, into one PNG.

  /usr/bin/python3.11 model-assets/tools/stack_sides.py OUT.png "LABEL=RUN/CLIP/side_gvc-flf2v_m16.png" ...

Each input is a side_*.png that `gvc eval` writes (source | GVC | the nearest x265 point). Used for the
learned-against-closed-form pictures in docs/results.md ("Learned prior").
"""
import sys

from PIL import Image, ImageDraw

BAR = 18


def main():
    out, specs = sys.argv[1], sys.argv[2:]
    rows = []
    for spec in specs:
        label, path = spec.split("=", 1)
        img = Image.open(path).convert("RGB")
        row = Image.new("RGB", (img.width, img.height + BAR), "white")
        ImageDraw.Draw(row).text((4, 3), label, fill="black")
        row.paste(img, (0, BAR))
        rows.append(row)
    width = max(r.width for r in rows)
    sheet = Image.new("RGB", (width, sum(r.height for r in rows)), "white")
    y = 0
    for r in rows:
        sheet.paste(r, (0, y))
        y += r.height
    sheet.save(out)


if __name__ == "__main__":
    main()
