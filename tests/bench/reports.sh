#!/usr/bin/env bash
# Reports at scale: training_summary.xlsx with 100,000 prediction rows (target under 5 s) and the
# study report suite of a 1,000-trial study (target under 10 s), each with the peak heap it used,
# run with a bounded heap (-Xmx256m, RUNVAULT_BENCH_HEAP) to show it stays bounded. No pass/fail.
#
#   bash tests/bench/reports.sh [rounds=3]
#
# Builds the test classes with Maven if they are missing.
set -euo pipefail
rounds=${1:-3}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
[ -f target/test-classes/io/runvault/reports/WorkbookBenchmark.class ] \
  || mvn -B -q -ntp -DskipTests test-compile
mvn -B -q -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
cp="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
heap=${RUNVAULT_BENCH_HEAP:-256m}
echo "== host: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); -Xmx$heap"
java -Xmx"$heap" -Djava.awt.headless=true -cp "$cp" io.runvault.reports.WorkbookBenchmark 100000 "$rounds" 2>&1 | grep -v '^SLF4J'
java -Xmx"$heap" -Djava.awt.headless=true -cp "$cp" io.runvault.studies.StudyReportsBenchmark 1000 "$rounds" 2>&1 | grep -v '^SLF4J'
