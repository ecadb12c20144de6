#!/usr/bin/env bash
# A Java runtime for Spark (QM_ENGINE=spark, the local cluster, the Spark tests): Debian's
# default-jre-headless (Java 17 on bookworm, which Spark 4 supports). Nothing else is downloaded:
# Spark itself is the pyspark wheel's jars.
set -euo pipefail
if command -v java >/dev/null 2>&1; then exit 0; fi
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq default-jre-headless >/dev/null
