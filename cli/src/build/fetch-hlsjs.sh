#!/bin/sh
# Build step (exec-maven-plugin, generate-resources): puts a pinned hls.js from the npm registry into
# the jar's web folder, so the preview page never loads a script from a CDN. Run by Maven as
#   sh fetch-hlsjs.sh VERSION DEST_DIR WORK_DIR
# npm keeps its download in ~/.npm, so a rebuild after `mvn clean` works offline.
set -eu
version="$1"; dest="$2"; work="$3"
if [ -f "$dest/hls.min.js" ] && [ "$(cat "$work/version" 2>/dev/null)" = "$version" ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "fetch-hlsjs: npm is not installed; it is needed at build time to fetch hls.js $version" >&2
  exit 1
fi
mkdir -p "$work" "$dest"
npm install --no-audit --no-fund --no-save --ignore-scripts --loglevel=error --prefix "$work" "hls.js@$version"
cp "$work/node_modules/hls.js/dist/hls.min.js" "$dest/hls.min.js"
cp "$work/node_modules/hls.js/LICENSE" "$dest/hls.js-LICENSE.txt"
echo "$version" > "$work/version"
