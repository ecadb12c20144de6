#!/usr/bin/env bash
# Lint: ruff's checks and its formatter over the whole tree (configuration in pyproject.toml).
# Fails on any finding or on a file the formatter would change.
set -euo pipefail
. "$(dirname "$0")/_env.sh" requirements-dev.txt
ruff check .
ruff format --check .
