#!/usr/bin/env bash
# Set up and run every test: unit, ETL, AppTest, real-browser (Chromium) tests, and the bulletin
# extraction evaluation against its targets when ../shared/corpus is present.
set -euo pipefail
. "$(dirname "$0")/_env.sh" requirements-dev.txt
scripts/install_chromium.sh
python -m pytest -q "$@"
