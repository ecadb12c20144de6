# Sourced by the other scripts: create/refresh the project virtualenv.
# Usage: . scripts/_env.sh [requirements file]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3
REQ=${1:-requirements.txt}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
# Re-install only when the requirements changed since the last successful install.
stamp=.venv/.installed-$(cat requirements*.txt | sha1sum | cut -c1-12)-$(basename "$REQ")
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -r "$REQ"
  touch "$stamp"
fi
export PATH="$PWD/.venv/bin:$PATH"
