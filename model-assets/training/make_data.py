"""Dumps training GOPs as latents: for each GOP of --gop frames, the latent frames at positions
0, s, 2s, ..., F-1 (s = --stride), as float32 [N, P, D] (--latent dct, the codec's DCT latent) or
[N, P, 6, H, W] (--latent picture, the picture latent of DctPictureLatentSpace) in <out>.npy plus
<out>.json.

Pictures come from the project's own readers through io.gvc.cli.training.TrainingFrames (built by
`mvn -B -o -q -pl cli -am package -DskipTests`): the training split of ../shared/data/video (the
clips the shipped Gaussian prior was fitted from), centre-cropped to 11:9 and resized to 176x144,
and the project's synthetic football scene (SyntheticScene, one scene per seed). --zoom adds views of
the centre 1/z of each clip (closer to the scale of QCIF test material). The test clips (carphone,
foreman, CiscoVT2people, cockatoo) are never read here; --val-out writes the validation clip
(VAL_CLIPS, not trained on) the same way.
"""
import argparse
import json
import os
import numpy as np
import subprocess
from gvc_latent import DctLatent, PictureLatent, read_y4m, fit_frames, gop_positions

TRAIN_CLIPS = ["bikes.mp4", "test.mp4", "moviepy_chaplin.mp4", "torchcodec_nasa_13013.mp4"]
# --more-clips: the other shared clips that are no test clip
MORE_CLIPS = ["supervision_walking_crowd_overhead.mp4"]
VAL_CLIPS = ["moviepy_video_with_failing_audio_airplane.mp4"]
# read only by validate.sh (25 frames: too short for 33-frame training GOPs), never trained on
VALIDATE_ONLY_CLIPS = ["moviepy_fire2_handheld.mp4"]
TEST_CLIPS = ["carphone_pristine.mp4", "foreman_cif.y4m", "CiscoVT2people_320x192_12fps.yuv", "cockatoo_yuv420.mp4"]


def gops(frames, lat, gop, stride, hop):
    pos = gop_positions(gop, stride)
    out = []
    for start in range(0, len(frames) - gop + 1, hop):
        out.append(np.stack([lat.encode(frames[start + p]) for p in pos]))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--video", default="../../../shared/data/video")
    ap.add_argument("--width", type=int, default=176)
    ap.add_argument("--height", type=int, default=144)
    ap.add_argument("--gop", type=int, default=33)
    ap.add_argument("--stride", type=int, default=2)
    ap.add_argument("--hop", type=int, default=8, help="frames between GOP starts (overlapping GOPs)")
    ap.add_argument("--synthetic", type=int, default=12, help="synthetic scenes of --synthetic-frames each")
    ap.add_argument("--synthetic-frames", type=int, default=97)
    ap.add_argument("--seed", type=int, default=1, help="first SyntheticScene seed")
    ap.add_argument("--jar", default="../../cli/target/gvc-cli.jar")
    ap.add_argument("--out", default="data/train")
    ap.add_argument("--latent", choices=["dct", "picture"], default="dct")
    ap.add_argument("--more-clips", action="store_true", help="also train on " + ", ".join(MORE_CLIPS))
    ap.add_argument("--zoom", type=float, nargs="*", default=[], help="extra views: centre 1/z of each clip")
    ap.add_argument("--val-out", default=None, help="also write the validation clip(s) here")
    a = ap.parse_args()
    lat = (DctLatent if a.latent == "dct" else PictureLatent)(a.width, a.height)
    clips = TRAIN_CLIPS + (MORE_CLIPS if a.more_clips else [])
    allg, src = [], []
    java = ["java", "-Dorg.bytedeco.javacpp.cachedir=" + os.path.expanduser("~/.cache/gvc/javacpp"),
            "-cp", a.jar, "io.gvc.cli.training.TrainingFrames"]
    ydir = os.path.join(os.path.dirname(a.out) or ".", "y4m")
    def clip_gops(c):
        assert c not in TEST_CLIPS and c not in VALIDATE_ONLY_CLIPS
        y4m = os.path.join(ydir, c + ".y4m")
        if not os.path.exists(y4m):
            subprocess.run(java + ["clip", os.path.join(a.video, c), y4m], check=True)
        raw = read_y4m(y4m)
        out = []
        for z in [1.0] + a.zoom:
            fr = fit_frames(raw, a.width, a.height, z)
            g = gops(fr, lat, a.gop, a.stride, a.hop)
            print(f"{c} (zoom {z}): {len(fr)} frames, {len(g)} GOPs", flush=True)
            out += [(x, f"{c}@{z}") for x in g]
        return out

    for c in clips:
        for g, name in clip_gops(c):
            allg.append(g)
            src.append(name)
    for s in range(a.synthetic):
        y4m = os.path.join(ydir, f"synthetic-{a.seed + s}-{a.width}x{a.height}.y4m")
        if not os.path.exists(y4m):
            subprocess.run(java + ["synthetic", str(a.width), str(a.height), str(a.synthetic_frames),
                                   str(a.seed + s), y4m], check=True)
        fr = read_y4m(y4m)
        g = gops(fr, lat, a.gop, a.stride, a.hop)
        allg += g
        src += [f"synthetic-{s}"] * len(g)
    print(f"synthetic: {a.synthetic} scenes", flush=True)
    save(a, lat, a.out, allg, src)
    if a.val_out:
        vg = [x for c in VAL_CLIPS for x in clip_gops(c)]
        save(a, lat, a.val_out, [g for g, _ in vg], [n for _, n in vg])
        # the pictures validate.sh encodes: the validation clip's first 33 frames at this size
        y4m = os.path.join(os.path.dirname(a.val_out) or ".", f"val-airplane-{a.width}.y4m")
        write_y4m(y4m, fit_frames(read_y4m(os.path.join(ydir, VAL_CLIPS[0] + ".y4m"))[:33], a.width, a.height),
                  a.width, a.height)
        print("wrote", y4m)


def write_y4m(path, frames, width, height):
    with open(path, "wb") as f:
        f.write(f"YUV4MPEG2 W{width} H{height} F25:1 Ip A1:1 C420jpeg\n".encode())
        for planes in frames:
            f.write(b"FRAME\n")
            for p in planes:
                f.write(np.ascontiguousarray(p).tobytes())


def save(a, lat, out, allg, src):
    data = np.stack(allg).astype(np.float32)
    os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
    np.save(out + ".npy", data)
    with open(out + ".json", "w") as f:
        json.dump({"shape": list(data.shape), "dtype": "float32", "width": a.width, "height": a.height,
                   "latent": a.latent, "gop": a.gop, "stride": a.stride, "hop": a.hop, "planes_kw": lat.kw,
                   "planes_kh": lat.kh, "positions": gop_positions(a.gop, a.stride), "sources": src}, f, indent=1)
    print("wrote", out + ".npy", data.shape)


if __name__ == "__main__":
    main()
