#!/usr/bin/env bash
# Lint: ruff over the whole tree (configuration in pyproject.toml). scripts/test.sh runs it too.
set -euo pipefail
. "$(dirname "$0")/_env.sh" requirements-dev.txt
ruff check .
