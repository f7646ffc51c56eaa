#!/usr/bin/env bash
# make package: dist/hyspec_qgis-<version>.zip from what is committed (git archive), installable with QGIS's
# "Install from ZIP". Outside a git checkout, zips the working folder instead.
set -euo pipefail
cd "$(dirname "$0")/.."
version="${1:-$(sed -n 's/^version=//p' hyspec_qgis/metadata.txt)}"
mkdir -p dist
zip="dist/hyspec_qgis-${version}.zip"
rm -f "$zip"
if git rev-parse --verify -q HEAD >/dev/null 2>&1; then
  if [ -n "$(git status --porcelain -- hyspec_qgis)" ]; then
    echo "package: note: uncommitted changes under hyspec_qgis/ are not in the zip (it is built from HEAD)" >&2
  fi
  git archive --format=zip --prefix=hyspec_qgis/ -o "$zip" HEAD:hyspec_qgis
else
  zip -qr "$zip" hyspec_qgis -x '*/__pycache__/*'
fi
echo "$zip"
