#!/usr/bin/env bash
# The selection rule of training/README.md ("Runs and how the shipped one was chosen"): codec encodes
# of the validation clip (airplane, never trained on, no test clip) at three latent scales and two GOP
# lengths, 33 frames each; prints PSNR-Y and bytes per encode and the mean PSNR-Y.
#   model-assets/training/validate.sh MODEL          (a model folder, or 'reference' / 'learned')
#   VALIDATE_SET=v1 model-assets/training/validate.sh MODEL     (the four encodes that chose p2)
#   VARIANT=i2v model-assets/training/validate.sh MODEL         (the same encodes as I2V)
# v2 (from run p7 on) adds airplane's own 640x360 (latent downscale 8, values 4x those at 176x144),
# 9-frame GOPs at 176x144, and the second clip no training read, moviepy_fire2_handheld (1280x720,
# latent downscale 16, fast handheld pan, 25 frames, GOP 9) to v1's 176x144 / GOP 33 and
# 352x288 / GOP 9, at M = 4 and 16 each: 10 encodes.
# Needs data/val-airplane-{176,352}.y4m (see the README), ../shared/data/video and a built
# cli/target/gvc-cli.jar.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
model="$1"
video="$here/../../../shared/data/video"
configs=("$here/data/val-airplane-176.y4m 33 33" "$here/data/val-airplane-352.y4m 9 33")
if [ "${VALIDATE_SET:-v2}" = v2 ]; then
  configs+=("$video/moviepy_video_with_failing_audio_airplane.mp4 33 33" "$here/data/val-airplane-176.y4m 9 33"
            "$video/moviepy_fire2_handheld.mp4 9 25")
fi
sum=0
n=0
for cfg in "${configs[@]}"; do
  set -- $cfg
  for m in 4 16; do
    line=$("$here/../../gvc" encode -i "$1" -o "${TMPDIR:-/tmp}/gvc-validate-$$.gvc" --frames "$3" --gop "$2" \
      -M "$m" --model "$model" --variant "${VARIANT:-flf2v}" 2>/dev/null | tail -1)
    psnr=$(sed -n 's/.*PSNR-Y \([0-9.]*\) dB.*/\1/p' <<<"$line")
    if [ -z "$psnr" ]; then
      echo "validate: no PSNR-Y from the encode of $1 (GOP $2, M $m): $line" >&2
      exit 1
    fi
    echo "$(basename "$1") gop $2 M $m: PSNR-Y $psnr dB ($line)"
    sum=$(awk -v a="$sum" -v b="$psnr" 'BEGIN { print a + b }')
    n=$((n + 1))
  done
done
rm -f "${TMPDIR:-/tmp}/gvc-validate-$$.gvc"
awk -v s="$sum" -v n="$n" 'BEGIN { printf "mean PSNR-Y %.2f dB over %d encodes\n", s / n, n }'
