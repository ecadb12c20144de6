#!/usr/bin/env bash
# Set up, load the bundled data (real seed facts + demo rows) and serve the dashboard on :8501.
#   scripts/run.sh                  DuckDB (the default engine)
#   scripts/run.sh --engine spark   also publish the Parquet lake, start a Spark master and worker on
#                                   127.0.0.1 and serve the same dashboard from Spark
set -euo pipefail
ENGINE=duckdb
if [ "${1:-}" = "--engine" ]; then ENGINE="${2:?--engine duckdb|spark}"; shift 2; fi
. "$(dirname "$0")/_env.sh" requirements.txt
scripts/install_fonts.sh  # CJK font of the briefing's charts and PDF
if [ "$ENGINE" = "spark" ]; then
  scripts/install_java.sh
  export QM_ENGINE=spark QM_LAKE="${QM_LAKE:-$PWD/data/lake}" SPARK_LOCAL_IP=127.0.0.1
  python -m etl run
  if [ -z "${QM_SPARK_REMOTE:-}" ]; then
    URL_FILE=$(mktemp)
    python -m analytics.local_cluster --url-file "$URL_FILE" &
    CLUSTER=$!
    trap 'kill "$CLUSTER" 2>/dev/null; wait "$CLUSTER" 2>/dev/null; rm -f "$URL_FILE"' EXIT
    for _ in $(seq 1 360); do [ -s "$URL_FILE" ] && break; kill -0 "$CLUSTER" || exit 1; sleep 0.5; done
    export QM_SPARK_REMOTE=$(cat "$URL_FILE")
    echo "local Spark cluster: $QM_SPARK_REMOTE" >&2
  fi
  streamlit run dashboard.py --server.port "${PORT:-8501}" --server.headless true
  exit $?
fi
python -m etl run
exec streamlit run dashboard.py --server.port "${PORT:-8501}" --server.headless true
