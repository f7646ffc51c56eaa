#!/usr/bin/env bash
# Idempotent project setup: Debian packages (QGIS, GDAL, h5py, ...), then a venv over Debian's Python with the
# pinned pip requirements. Safe to run again; it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(qgis python3-qgis qgis-providers python3-gdal gdal-bin python3-h5py python3-venv python3-numpy
              python3-scipy python3-matplotlib qttools5-dev-tools pyqt5-dev-tools xvfb xauth zip)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The venv must be built on Debian's python (the one that can import qgis), not on a pyenv python3 on PATH.
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c "import qgis.core" 2>/dev/null; then
  rm -rf .venv
  /usr/bin/python3 -m venv --system-site-packages .venv
fi
SITE=$(.venv/bin/python -c "import sysconfig; print(sysconfig.get_paths()['purelib'])")
echo /usr/share/qgis/python/plugins > "$SITE/qgis_processing.pth"

stamp=.venv/.requirements.sha
want=$(cat requirements.txt constraints.txt | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "setup: installing pip requirements"
  .venv/bin/python -m pip install -q --disable-pip-version-check -c constraints.txt -r requirements.txt
  echo "$want" > "$stamp"
fi
# h5py must stay Debian's (the pip wheel's HDF5 clashes with the one GDAL loads inside QGIS).
.venv/bin/python - <<'PY'
import h5py, sys
if not h5py.__file__.startswith("/usr/lib/python3/dist-packages"):
    sys.exit(f"setup: h5py comes from {h5py.__file__}; remove it from the venv: Debian's python3-h5py is required")
PY
