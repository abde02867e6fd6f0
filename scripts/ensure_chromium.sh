#!/usr/bin/env bash
# Browser tests use Debian's chromium through Playwright; never a downloaded browser.
set -euo pipefail
CHROMIUM="${MIZUI_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core fonts-dejavu-core >/dev/null
  exit 0
fi
echo "ERROR: $CHROMIUM not found. Install it: sudo apt-get install chromium (or set MIZUI_CHROMIUM)." >&2
exit 1
