#!/usr/bin/env bash
# Sampler quality benchmark: Runvault's TPE (io.runvault.studies.TpeSampler) against Debian's Optuna
# 3.1 TPESampler, both with their defaults, on Branin, a 4-D sum of two Branins, Hartmann-6 and a noisy
# 3-D quadratic (noise fixed per seed and trial, the same on both sides). Prints, per function, the
# median regret (true value of the best reported trial minus the known minimum) over the seeds, and
# the ratio ours / Optuna's (below 1: ours found better points). Also printed, for reference: our
# TPE with the other mode (multivariate or univariate) and random search. There is no pass/fail.
#
#   bash tests/bench/sampler.sh [trials=50] [seeds=10]
#
# The Optuna side needs python3-optuna (skipped with a note when missing). Builds the test classes
# with Maven if they are missing.
set -euo pipefail
trials=${1:-50}
seeds=${2:-10}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
[ -f target/test-classes/io/runvault/studies/SamplerBenchmark.class ] \
  || mvn -B -q -ntp -DskipTests test-compile
mvn -B -q -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
# Run from a copy of the classes, so that a rebuild during the run does not matter.
scratch=$(mktemp -d /tmp/bench-sampler.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
cp -r target/classes "$scratch/classes"
cp -r target/test-classes "$scratch/test-classes"
: >"$scratch/optuna.txt"
if /usr/bin/python3 -c 'import optuna' 2>/dev/null; then
  echo "== Optuna $(/usr/bin/python3 -c 'import optuna; print(optuna.__version__)') TPESampler: $trials trials x $seeds seeds per function"
  /usr/bin/python3 tests/bench/sampler_optuna.py --trials "$trials" --seeds "$seeds" >"$scratch/optuna.txt"
else
  echo "Optuna side skipped: apt-get install -y python3-optuna"
fi
echo "== Runvault TpeSampler"
java -cp "$scratch/classes:$scratch/test-classes:$(cat target/bench-classpath.txt)" \
  io.runvault.studies.SamplerBenchmark "$trials" "$seeds" "$scratch/optuna.txt"
