#!/usr/bin/env bash
# The selection rule of training/README.md ("Runs and how the shipped one was chosen"): four encodes of
# the validation clip (airplane, never trained on, no test clip), 176x144 with GOP 33 and 352x288 with
# GOP 9, at M = 4 and 16; the run with the best mean PSNR-Y ships.
#   model-assets/training/validate.sh MODEL          (a model folder, or 'reference' / 'learned')
# Needs data/val-airplane-{176,352}.y4m (see the README) and a built jobs/target/gvc-jobs.jar.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
model="$1"
sum=0
for cfg in "val-airplane-176.y4m 33" "val-airplane-352.y4m 9"; do
  set -- $cfg
  for m in 4 16; do
    line=$("$here/../../gvc" encode -i "$here/data/$1" -o "${TMPDIR:-/tmp}/gvc-validate.gvc" --frames 33 --gop "$2" \
      -M "$m" --model "$model" 2>/dev/null | tail -1)
    psnr=$(sed -n 's/.*PSNR-Y \([0-9.]*\) dB.*/\1/p' <<<"$line")
    echo "$1 gop $2 M $m: PSNR-Y $psnr dB"
    sum=$(awk -v a="$sum" -v b="$psnr" 'BEGIN { print a + b }')
  done
done
awk -v s="$sum" 'BEGIN { printf "mean PSNR-Y %.2f dB\n", s / 4 }'
