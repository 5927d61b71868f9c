#!/usr/bin/env bash
# Data preparation benchmark: a 10,000-image PNG folder (Fashion-MNIST's test images as 28x28 grey
# PNGs, one folder per class) decoded as a first job does (and written to the decoded-dataset cache),
# against the next job's read of the cache. Prints seconds for each and their ratio; no pass/fail.
#
#   bash tests/bench/dataset-cache.sh [rounds=3]
#
# Needs dataset-fashion-mnist. Builds the test classes with Maven if they are missing.
set -euo pipefail
rounds=${1:-3}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
[ -f target/test-classes/io/runvault/datasets/DatasetCacheBenchmark.class ] \
  || mvn -B -q -ntp -DskipTests test-compile
mvn -B -q -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
java -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" \
  io.runvault.datasets.DatasetCacheBenchmark "$rounds" 2>&1 | grep -v '^SLF4J'
