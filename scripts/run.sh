#!/usr/bin/env bash
# Set up, load the bundled data (real seed facts + demo rows) and serve the dashboard on :8501.
set -euo pipefail
. "$(dirname "$0")/_env.sh" requirements.txt
scripts/install_fonts.sh  # CJK font of the briefing's charts and PDF
python -m etl run
exec streamlit run dashboard.py --server.port "${PORT:-8501}" --server.headless true
