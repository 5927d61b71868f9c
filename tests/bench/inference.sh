#!/usr/bin/env bash
# Inference benchmark: one MiniCNN model (trained for one epoch on 12,000 images) classifies the
# 10,000 Fashion-MNIST test images in DJL (PyTorch 2.5.1 natives) and, exported to ONNX, in ONNX
# Runtime, with the same batches and thread count on the CPU. Prints images/second for each and the
# ratio; there is no pass/fail.
#
#   bash tests/bench/inference.sh [threads=2] [batch=256] [repeats=3]
#
# Needs dataset-fashion-mnist. Builds the test classes with Maven if they are missing.
set -euo pipefail
threads=${1:-2}
batch=${2:-256}
repeats=${3:-3}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
[ -f target/test-classes/io/runvault/export/InferenceBenchmark.class ] \
  || mvn -B -q -ntp -DskipTests test-compile
mvn -B -q -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
# Run from a copy of the classes, so that a rebuild during the run does not matter.
scratch=$(mktemp -d /tmp/bench-inference.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
cp -r target/classes "$scratch/classes"
cp -r target/test-classes "$scratch/test-classes"
# The class path goes in an argument file: ONNX Runtime 1.29 overflows its stack while starting up
# in a process whose command line is as long as this class path (about 13,000 characters).
echo "-cp $scratch/classes:$scratch/test-classes:$(cat target/bench-classpath.txt)" > "$scratch/classpath.args"
java -Dai.djl.offline=true -DDJL_CACHE_DIR="$repo/target/djl-cache" -DENGINE_CACHE_DIR="$repo/target/djl-cache" \
  @"$scratch/classpath.args" io.runvault.export.InferenceBenchmark "$threads" "$batch" "$repeats"
