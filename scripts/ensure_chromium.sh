#!/usr/bin/env bash
# Make sure Debian's Chromium is installed: the browser tests drive /usr/bin/chromium.
# Playwright's own browser download is not used, so nothing is fetched outside apt.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [[ -x $CHROMIUM ]]; then
  exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
  as_root=()
elif command -v sudo > /dev/null; then
  as_root=(sudo)
else
  echo "$CHROMIUM is missing and neither root nor sudo is available: install the chromium package." >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
echo "Installing Chromium from apt..."
# The package lists may be stale or absent on a fresh machine; refresh them only if needed.
if ! "${as_root[@]}" apt-get install -y chromium; then
  "${as_root[@]}" apt-get update
  "${as_root[@]}" apt-get install -y chromium
fi
test -x "$CHROMIUM"
