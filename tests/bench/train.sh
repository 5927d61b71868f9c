#!/usr/bin/env bash
# Training benchmark: minicnn on full Fashion-MNIST through Runvault's trainer (DJL + PyTorch 2.5.1
# natives) and the same model in Debian's PyTorch, both on the CPU with the same thread count.
# Prints seconds per epoch, test accuracy and peak memory (max RSS) for each, then the time and
# peak-memory ratios (Runvault / PyTorch; below 1 is faster or leaner) with their targets; there is
# no pass/fail.
#
#   bash tests/bench/train.sh [epochs=1] [threads=2] [schedule=none]
#   bash tests/bench/train.sh --recipe FILE [target=0.934] [minutes=10] [threads=2]
#
# --recipe trains the job spec in FILE (its training members; e.g. tests/bench/recipe-minicnn.json)
# on all 60,000 training images and prints the test accuracy after every epoch against the wall
# time, then whether the target accuracy was reached within the minutes given (no PyTorch side).
#
# RUNVAULT_BENCH_HEAP sets the trainer's -Xmx (default 128m).
# The schedule is none or cosine (once per epoch, to zero at the end) on both sides.
#
# Needs dataset-fashion-mnist; the PyTorch side needs python3-torch and python3-numpy (skipped with a
# note when missing). Builds the test classes with Maven if they are missing.
set -euo pipefail
recipe=""
if [ "${1:-}" = "--recipe" ]; then
  recipe=$(realpath "${2:?a job spec file}")
  shift 2
fi
epochs=${1:-1}
threads=${2:-2}
schedule=${3:-none}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
[ -f target/test-classes/io/runvault/training/FashionMnistBenchmark.class ] \
  || mvn -B -q -ntp -DskipTests test-compile
mvn -B -q -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
# Run from a copy of the classes, so that a rebuild during the run does not matter.
scratch=$(mktemp -d /tmp/bench-train.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
cp -r target/classes "$scratch/classes"
cp -r target/test-classes "$scratch/test-classes"
# Peak memory from GNU time when installed (Debian package "time"), else not reported.
measure() {
  if [ -x /usr/bin/time ]; then /usr/bin/time -f 'peak memory (max RSS): %M KiB' "$@"; else "$@"; fi
}
# The heap sized for this job, not the JVM's default (a quarter of the machine): the 70,000 images
# are kept as their 55 MB of bytes, and each step's batch is small; DJL's arrays live outside the heap.
heap=${RUNVAULT_BENCH_HEAP:-128m}
if [ -n "$recipe" ]; then
  echo "== Runvault trainer, recipe $recipe, -Xmx$heap"
  java -Xmx"$heap" -Dai.djl.offline=true -DDJL_CACHE_DIR="$repo/target/djl-cache" -DENGINE_CACHE_DIR="$repo/target/djl-cache" \
    -cp "$scratch/classes:$scratch/test-classes:$(cat target/bench-classpath.txt)" \
    io.runvault.training.FashionMnistRecipe "$recipe" "${1:-0.934}" "${2:-10}" "${3:-2}"
  exit 0
fi
echo "== Runvault trainer (DJL, PyTorch 2.5.1 natives), $threads threads, -Xmx$heap"
measure java -Xmx"$heap" -Dai.djl.offline=true -DDJL_CACHE_DIR="$repo/target/djl-cache" -DENGINE_CACHE_DIR="$repo/target/djl-cache" \
  -cp "$scratch/classes:$scratch/test-classes:$(cat target/bench-classpath.txt)" \
  io.runvault.training.FashionMnistBenchmark "$epochs" "$threads" "$schedule" 2>&1 | tee "$scratch/ours.txt"
echo "== Debian PyTorch, $threads threads"
if /usr/bin/python3 -c 'import torch, numpy' 2>/dev/null; then
  measure /usr/bin/python3 tests/bench/train_torch.py --epochs "$epochs" --threads "$threads" --schedule "$schedule" \
    2>&1 | tee "$scratch/torch.txt"
  ours=$(grep -o '[0-9.]* s/epoch' "$scratch/ours.txt" | tail -1 | cut -d' ' -f1)
  theirs=$(grep -o '[0-9.]* s/epoch' "$scratch/torch.txt" | tail -1 | cut -d' ' -f1)
  echo "== ratio: Runvault $ours s/epoch / PyTorch $theirs s/epoch = $(awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "%.2f", a / b }')x (target <= 0.8x)"
  ours_rss=$(sed -n 's/^peak memory (max RSS): \([0-9]*\) KiB$/\1/p' "$scratch/ours.txt" | tail -1)
  theirs_rss=$(sed -n 's/^peak memory (max RSS): \([0-9]*\) KiB$/\1/p' "$scratch/torch.txt" | tail -1)
  if [ -n "$ours_rss" ] && [ -n "$theirs_rss" ]; then
    echo "== peak memory: Runvault $((ours_rss / 1024)) MiB / PyTorch $((theirs_rss / 1024)) MiB = $(awk -v a="$ours_rss" -v b="$theirs_rss" 'BEGIN { printf "%.2f", a / b }')x (target <= 1.2x)"
  fi
else
  echo "skipped: apt-get install -y python3-torch python3-numpy"
fi
