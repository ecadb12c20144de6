#!/usr/bin/env bash
# Debian's Chromium (browser tests drive it through Playwright's executable_path) and CJK fonts
# (so Chinese renders in screenshots). Playwright's own browser download does not work offline.
set -euo pipefail
if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi 'CJK'; then exit 0; fi
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
