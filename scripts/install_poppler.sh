#!/usr/bin/env bash
# poppler-utils (pdftotext, pdftoppm): the briefing tests read the PDF back and render its pages.
set -euo pipefail
if command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null; then exit 0; fi
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq poppler-utils >/dev/null
