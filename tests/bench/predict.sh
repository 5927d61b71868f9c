#!/usr/bin/env bash
# Serving benchmark: a MiniCNN trained by the appliance (one epoch on 6,000 Fashion-MNIST images),
# promoted to production, answers batch-1 predictions from concurrent clients through
# POST /api/v1/models/{name}/predict, next to ONNX Runtime called directly in the client's JVM on
# the same ONNX file with the same number of threads (PredictBenchmark.java). Prints requests per
# second, p50/p99 latency and the ratios; there is no pass/fail.
#
#   bash tests/bench/predict.sh [--clients N] [--requests N]
#
#   --clients N    concurrent clients, each one request at a time (default 8)
#   --requests N   timed requests on each side (default 4000)
#
# Uses target/runvault.jar (or BENCH_JAR), BENCH_JVM_ARGS (default -Xms1g -Xmx2g). Needs java 17,
# curl, python3, mvn (for ONNX Runtime's jar on the client's class path) and dataset-fashion-mnist.
# Scratch files in /tmp/bench-predict.XXXXXX, removed at the end.
set -euo pipefail

clients=8
requests=4000
while [ $# -gt 0 ]; do
  case "$1" in
    --clients) clients=${2:?}; shift 2 ;;
    --requests) requests=${2:?}; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$clients" =~ ^[1-9][0-9]*$ && "$requests" =~ ^[1-9][0-9]*$ ]] || { echo "--clients and --requests are positive integers" >&2; exit 2; }

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
work=$(mktemp -d /tmp/bench-predict.XXXXXX)
extra_cleanup() { return 0; }
source tests/bench/appliance.sh
bench_init mvn

echo "Serving benchmark: ${clients} clients, ${requests} requests each way"
echo "   host: $(nproc) cores, load average $(loadavg)"
copy_jar
mvn -B -q -ntp -o dependency:build-classpath -Dmdep.outputFile="$work/classpath.txt" >/dev/null 2>&1 \
  || mvn -B -q -ntp dependency:build-classpath -Dmdep.outputFile="$work/classpath.txt" >/dev/null
ort=$(tr ':' '\n' <"$work/classpath.txt" | grep '/onnxruntime-[0-9.]*\.jar$' | head -n 1)
[ -n "$ort" ] || { echo "ONNX Runtime's jar is not on the project's class path" >&2; exit 1; }
start_server

api() { # METHOD PATH [JSON] as admin
  curl -sf -u "admin:$admin_pw" -X "$1" -H 'Content-Type: application/json' ${3:+-d "$3"} "$base/api/v1$2"
}
field() { python3 -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

model="bench-served"
api POST /models "{\"name\": \"$model\", \"description\": \"serving benchmark\"}" >/dev/null
job=$(api POST /jobs "{\"kind\": \"train\", \"dataset\": \"fashion-mnist\", \"trainSamples\": 6000, \"testSamples\": 1000,
  \"architecture\": \"minicnn\", \"epochs\": 1, \"batchSize\": 64, \"seed\": 42, \"model\": \"$model\",
  \"experiment\": \"serving-benchmark\"}" | field id)
echo "   training the model (job $job) ..."
for i in $(seq 1 1200); do
  state=$(api GET "/jobs/$job" | field state)
  case "$state" in completed) break ;; failed|stopped) echo "training job $state" >&2; api GET "/jobs/$job" >&2; exit 1 ;; esac
  sleep 1
done
[ "$state" = completed ] || { echo "training did not finish in 20 minutes" >&2; exit 1; }

# Production needs a second person: an approver who neither asked nor trained.
reviewer_pw="bench-$(python3 -c 'import secrets; print(secrets.token_hex(8))')"
api POST /users "{\"username\": \"reviewer\", \"password\": \"$reviewer_pw\", \"roles\": [\"approver\"]}" >/dev/null
api POST /promotions "{\"model\": \"$model\", \"version\": 1, \"targetStage\": \"validated\", \"reason\": \"benchmark\"}" >/dev/null
request=$(api POST /promotions "{\"model\": \"$model\", \"version\": 1, \"targetStage\": \"production\", \"reason\": \"benchmark\"}" | field id)
curl -sf -u "reviewer:$reviewer_pw" -X POST "$base/api/v1/promotions/$request/approve" >/dev/null
run=$(api GET "/models/$model/versions/1" | field runId)
curl -sf -u "admin:$admin_pw" -o "$work/model.onnx" "$base/api/v1/runs/$run/files/exports/model.onnx"
token=$(api POST /tokens '{"name": "serving-benchmark"}' | field token)
echo "   version 1 in production (run $run)"

java -cp "$ort" tests/bench/PredictBenchmark.java "$base" "$token" "$model" "$work/model.onnx" "$clients" "$requests"
echo "   load average after: $(loadavg)"
