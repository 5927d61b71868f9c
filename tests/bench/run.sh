#!/usr/bin/env bash
# Runvault benchmark: blob upload/download throughput against b2sum/cat, and run search latency on
# H2 and PostgreSQL. Prints figures side by side; there is no pass/fail.
#
#   bash tests/bench/run.sh [--size-mib N] [--runs N] [--mlflow-runs N]
#
#   --size-mib N     size of the random blob for upload/download (default 1024)
#   --runs N         runs committed before the search measurements, per database (default 100000)
#   --mlflow-runs N  runs then logged through MLflow's API, whose runs/search is measured next to the
#                    native search over the same runs (MlflowSearchBenchmark.java; default 0: skipped)
#
# Uses target/runvault.jar (built with `mvn -B -q -DskipTests package` only if missing; copied to the
# scratch directory so a rebuild during the run does not matter). Environment: BENCH_JAR=path uses
# another jar (no build); BENCH_JVM_ARGS (appliance heap, default -Xms1g -Xmx2g); BENCH_THREADS,
# BENCH_SAMPLES, BENCH_WARMUP go to SearchBenchmark.java. Everything lives in a scratch
# directory /tmp/bench-run.XXXXXX (plus /tmp/bench-pg.XXXXXX for PostgreSQL), removed at the end,
# also on failure or Ctrl-C. PostgreSQL: the newest /usr/lib/postgresql/*/bin; skipped with a note
# when none is installed. Needs java 17, curl, b2sum, python3 (free ports, monotonic clock).
set -euo pipefail

size_mib=1024
runs=100000
mlflow_runs=0
while [ $# -gt 0 ]; do
  case "$1" in
    --size-mib) size_mib=${2:?--size-mib needs a number}; shift 2 ;;
    --size-mib=*) size_mib=${1#*=}; shift ;;
    --runs) runs=${2:?--runs needs a number}; shift 2 ;;
    --runs=*) runs=${1#*=}; shift ;;
    --mlflow-runs) mlflow_runs=${2:?--mlflow-runs needs a number}; shift 2 ;;
    --mlflow-runs=*) mlflow_runs=${1#*=}; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$size_mib" =~ ^[1-9][0-9]*$ ]] || { echo "--size-mib must be a positive integer" >&2; exit 2; }
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "--runs must be a positive integer" >&2; exit 2; }
[[ "$mlflow_runs" =~ ^[0-9]+$ ]] || { echo "--mlflow-runs must be a whole number" >&2; exit 2; }

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
for tool in java curl b2sum python3; do
  command -v "$tool" >/dev/null || { echo "missing tool: $tool" >&2; exit 1; }
done

# ------------------------------------------------------------------ scratch space and cleanup
work=$(mktemp -d /tmp/bench-run.XXXXXX)
pg_root=""
pg_bin=""
server_pid=""
bench_pid=""
starts=0

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

kill_group() { # pid: TERM its process group, wait up to 30 s, then KILL
  local pid=$1 i
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 1 60); do
    kill -0 -- "-$pid" 2>/dev/null || return 0
    sleep 0.5
  done
  kill -KILL -- "-$pid" 2>/dev/null || true
}

stop_server() {
  if [ -n "$server_pid" ]; then
    kill_group "$server_pid"
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}

stop_pg() {
  if [ -n "$pg_root" ] && [ -d "$pg_root/data" ]; then
    as_postgres "$pg_bin/pg_ctl" -D "$pg_root/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$bench_pid" ]; then kill_group "$bench_pid"; wait "$bench_pid" 2>/dev/null || true; fi
  stop_server
  stop_pg
  [ -n "$pg_root" ] && rm -rf "$pg_root"
  rm -rf "$work"
  [ "$status" = 0 ] || echo "benchmark stopped (exit $status); scratch files removed" >&2
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ------------------------------------------------------------------ helpers
now() { python3 -c 'import time; print(f"{time.monotonic():.6f}")'; }
# timed OUTFILE CMD...: runs CMD with stdout to OUTFILE and prints its wall time in seconds, measured with
# a monotonic clock inside one python3 process (no fork/exec of a timer between start and end).
timed() {
  python3 - "$@" <<'PY'
import subprocess, sys, time
with open(sys.argv[1], "wb") as out:
    t0 = time.monotonic()
    code = subprocess.run(sys.argv[2:], stdout=out).returncode
    t1 = time.monotonic()
if code:
    sys.exit(code)
print(f"{t1 - t0:.6f}")
PY
}
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f}')" "$1" "$2"; }
mbps() { python3 -c "import sys; print(f'{float(sys.argv[1]) / 1e6 / float(sys.argv[2]):.1f}')" "$1" "$2"; } # bytes seconds
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$1" "$2"; }
free_ports() { # n: n distinct free TCP ports on 127.0.0.1
  python3 -c '
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))' "$1"
}
stage_start=0
stage() { stage_start=$(now); echo; echo "== $* ($(date +%H:%M:%S))"; }
stage_done() {
  local s; s=$(elapsed "$stage_start" "$(now)")
  echo "   stage took ${s} s (load average now $(cut -d' ' -f1-3 /proc/loadavg))"
  stage_times+=("$1|$s")
}
stage_times=()

admin_pw="bench-$(python3 -c 'import secrets; print(secrets.token_hex(8))')"
base=""

# start_server NAME [extra VAR=value ...]: starts the appliance with a fresh data dir, waits until ready
start_server() {
  local name=$1; shift
  starts=$((starts + 1))
  local data="$work/data-$name" ports http https t0 code i
  read -r http https <<<"$(free_ports 2)"
  base="http://127.0.0.1:$http"
  log="$work/server-$name.log"
  t0=$(now)
  env RUNVAULT_DATA="$data" RUNVAULT_HTTP_PORT="$http" RUNVAULT_HTTPS_PORT="$https" \
      RUNVAULT_ADMIN_PASSWORD="$admin_pw" WLP_JAR_EXTRACT_DIR="$work/wlp-$starts" \
      JVM_ARGS="${BENCH_JVM_ARGS:--Xms1g -Xmx2g}" "$@" \
      setsid java -jar "$jar" >"$log" 2>&1 &
  server_pid=$!
  for i in $(seq 1 300); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$base/health/ready" || true)
    [ "$code" = 200 ] && break
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "appliance exited during start; last log lines:" >&2; tail -n 40 "$log" >&2; exit 1
    fi
    if grep -q 'CWWKZ0002E' "$log"; then # the application failed to start: it will never be ready
      echo "the runvault application failed to start; errors from $log:" >&2
      grep -E '^\[.*\] [0-9a-f]+ .* E |Caused by|^[A-Za-z.]*(Exception|Error)' "$log" | cut -c1-400 | head -n 30 >&2
      exit 1
    fi
    sleep 0.5
  done
  if [ "$code" != 200 ]; then
    echo "appliance not ready after 150 s (last /health/ready: $code); errors and last log lines:" >&2
    grep -E '^\[.*\] [0-9a-f]+ .* E |Caused by' "$log" | cut -c1-400 | head -n 20 >&2
    tail -n 15 "$log" | cut -c1-400 >&2; exit 1
  fi
  echo "   appliance ($name) ready at $base in $(elapsed "$t0" "$(now)") s"
}

# run_search NAME: runs SearchBenchmark (and MlflowSearchBenchmark when --mlflow-runs is set) against the
# running appliance, output kept in $work/search-NAME.out and $work/mlflow-NAME.out
run_search() {
  run_java_bench "$1" SearchBenchmark "$runs" "$work/search-$1.out"
  if [ "$mlflow_runs" -gt 0 ]; then
    run_java_bench "$1" MlflowSearchBenchmark "$mlflow_runs" "$work/mlflow-$1.out"
  fi
}

run_java_bench() { # NAME CLASS COUNT OUTFILE
  local name=$1 class=$2 count=$3 out=$4 status=0
  setsid bash -c 'set -o pipefail; java "tests/bench/$1.java" "$2" "$3" "$4" 2>&1 | tee "$5"' \
    _ "$class" "$base" "$admin_pw" "$count" "$out" &
  bench_pid=$!
  wait "$bench_pid" || status=$?
  bench_pid=""
  if [ "$status" != 0 ]; then
    echo "$class on $name failed (exit $status); last appliance log lines:" >&2
    tail -n 40 "$log" >&2
    exit 1
  fi
  grep '^RESULT ' "$out" | sed "s/^RESULT /$name /" >>"$work/results"
}

# ------------------------------------------------------------------ the appliance jar
source_jar=${BENCH_JAR:-target/runvault.jar}
if [ -z "${BENCH_JAR:-}" ] && [ ! -f target/runvault.jar ]; then
  echo "target/runvault.jar missing: building it (mvn -B -q -DskipTests package)"
  mvn -B -q -DskipTests package
fi
# Copy it once; a copy taken while a rebuild rewrites the jar is incomplete, so retry until it opens as a zip.
jar="$work/runvault.jar"
for i in $(seq 1 60); do
  if [ -f "$source_jar" ] && cp -p "$source_jar" "$jar" 2>/dev/null &&
     python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).close()' "$jar" 2>/dev/null; then
    break
  fi
  [ "$i" = 60 ] && { echo "$source_jar is missing or not a complete jar (being rebuilt?)" >&2; exit 1; }
  echo "   $source_jar is missing or incomplete (being rebuilt?); retrying in 5 s"
  sleep 5
done

echo "Runvault benchmark: blob ${size_mib} MiB, ${runs} runs per database"
echo "   jar: $source_jar ($(stat -c %s "$jar") bytes, built $(date -r "$jar" '+%F %T'))"
echo "   host: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "   java: $(java -version 2>&1 | head -n 1); scratch: $work"
: >"$work/results"

# ------------------------------------------------------------------ a. appliance on H2
stage "a. start the appliance on H2"
start_server h2
stage_done "a. start on H2"

# ------------------------------------------------------------------ b. upload
stage "b. upload ${size_mib} MiB"
file="$work/blob.bin"
head -c "$((size_mib * 1048576))" /dev/urandom >"$file"
bytes=$(stat -c %s "$file")
# Time nothing while the new file is still being written back: sync, then wait for Dirty to drain.
sync
for i in $(seq 1 120); do [ "$(awk '/^Dirty:/ {print $2}' /proc/meminfo)" -lt 65536 ] && break; sleep 0.5; done
cat "$file" >/dev/null
b2sum_s=$(timed "$work/b2sum.out" b2sum -l 256 "$file")
digest=$(cut -d' ' -f1 "$work/b2sum.out")
echo "   b2sum -l 256: ${b2sum_s} s  $(mbps "$bytes" "$b2sum_s") MB/s  (blake2b:$digest)"
upload() { # -> "http_code seconds"
  local s
  s=$(timed "$work/code" curl -s -u "admin:$admin_pw" -T "$file" -H 'Content-Type: application/octet-stream' \
    -o "$work/upload.json" -w '%{http_code}' "$base/api/v1/blobs/blake2b:$digest") || true
  echo "$(cat "$work/code") ${s:-0}"
}
read -r up1_code up1_s <<<"$(upload)"
[ "$up1_code" = 201 ] || { echo "first upload: HTTP $up1_code $(cat "$work/upload.json")" >&2; exit 1; }
read -r up2_code up2_s <<<"$(upload)"
[ "$up2_code" = 200 ] || { echo "second upload: HTTP $up2_code $(cat "$work/upload.json")" >&2; exit 1; }
up_mbps=$(mbps "$bytes" "$up1_s"); up2_mbps=$(mbps "$bytes" "$up2_s"); b2_mbps=$(mbps "$bytes" "$b2sum_s")
echo "   upload (new, 201):     ${up1_s} s  ${up_mbps} MB/s"
echo "   upload (again, 200):   ${up2_s} s  ${up2_mbps} MB/s"
echo "   upload / b2sum throughput: $(ratio "$up_mbps" "$b2_mbps")"
stage_done "b. upload"

# ------------------------------------------------------------------ c. download
stage "c. download ${size_mib} MiB"
cat "$file" >/dev/null
cat_s=$(timed /dev/null cat "$file")
download() { # -> "http_code seconds"
  local s
  s=$(timed "$work/code" curl -s -u "admin:$admin_pw" -o /dev/null -w '%{http_code}' \
    "$base/api/v1/blobs/blake2b:$digest") || true
  echo "$(cat "$work/code") ${s:-0}"
}
read -r dl0_code dl0_s <<<"$(download)" # warms the stored copy the same way cat was warmed
read -r dl_code dl_s <<<"$(download)"
[ "$dl_code" = 200 ] || { echo "download: HTTP $dl_code" >&2; exit 1; }
dl_mbps=$(mbps "$bytes" "$dl_s"); cat_mbps=$(mbps "$bytes" "$cat_s")
echo "   cat FILE > /dev/null:  ${cat_s} s  ${cat_mbps} MB/s"
echo "   download (1st, warm-up): ${dl0_s} s  $(mbps "$bytes" "$dl0_s") MB/s"
echo "   download (2nd):        ${dl_s} s  ${dl_mbps} MB/s"
echo "   download / cat throughput: $(ratio "$dl_mbps" "$cat_mbps")"
rm -f "$file"
stage_done "c. download"

# ------------------------------------------------------------------ d. search on H2
stage "d. search benchmark on H2 ($runs runs)"
run_search h2
stage_done "d. search on H2"
stop_server

# ------------------------------------------------------------------ e. search on PostgreSQL
pg_note=""
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  pg_note="no PostgreSQL binaries under /usr/lib/postgresql/*/bin: PostgreSQL benchmark skipped"
  echo; echo "== e. $pg_note"
else
  stage "e. search benchmark on PostgreSQL ($runs runs)"
  # A throwaway cluster, as tests/run-all.sh makes one: own directory, loopback port, password auth.
  pg_root=$(mktemp -d /tmp/bench-pg.XXXXXX)
  [ "$(id -u)" = 0 ] && chown postgres "$pg_root"
  read -r pg_port <<<"$(free_ports 1)"
  printf 'runvault\n' >"$pg_root/password"
  [ "$(id -u)" = 0 ] && chown postgres "$pg_root/password"
  as_postgres "$pg_bin/initdb" -D "$pg_root/data" -U runvault --pwfile="$pg_root/password" \
    -A scram-sha-256 >"$pg_root/initdb.log"
  as_postgres "$pg_bin/pg_ctl" -D "$pg_root/data" -l "$pg_root/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_root -c max_connections=300" start >/dev/null
  PGPASSWORD=runvault "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U runvault runvault_bench
  pg_version=$("$pg_bin/postgres" --version | awk '{print $3}')
  echo "   PostgreSQL $pg_version on 127.0.0.1:$pg_port (default settings, fsync on), database runvault_bench"
  start_server pg RUNVAULT_DB_URL="jdbc:postgresql://127.0.0.1:$pg_port/runvault_bench" \
    RUNVAULT_DB_USER=runvault RUNVAULT_DB_PASSWORD=runvault
  run_search pg
  stage_done "e. search on PostgreSQL"
  stop_server
  stop_pg
fi

# ------------------------------------------------------------------ summary
result() { # db kind field(1-based after kind) -> value or n/a
  awk -v db="$1" -v kind="$2" -v f="$3" '$1 == db && $2 == "query" && $3 == kind {print $(3 + f); found=1} END {if (!found) print "n/a"}' "$work/results"
}
commit_rate() {
  awk -v db="$1" '$1 == db && $2 == "commit" {printf "%s runs/s (%s runs, %s s)", $3, $4, $5; found=1} END {if (!found) print "n/a"}' "$work/results"
}

echo
echo "================================ summary ================================"
printf '%-34s %14s %14s %8s\n' "blob transfer (${size_mib} MiB)" "appliance" "reference" "ratio"
printf '%-34s %9s MB/s %9s MB/s %8s\n' "upload (new) vs b2sum -l 256" "$up_mbps" "$b2_mbps" "$(ratio "$up_mbps" "$b2_mbps")"
printf '%-34s %9s MB/s %9s MB/s %8s\n' "upload (again) vs b2sum -l 256" "$up2_mbps" "$b2_mbps" "$(ratio "$up2_mbps" "$b2_mbps")"
printf '%-34s %9s MB/s %9s MB/s %8s\n' "download vs cat" "$dl_mbps" "$cat_mbps" "$(ratio "$dl_mbps" "$cat_mbps")"
echo
printf '%-40s %9s %9s %5s %9s %9s %5s\n' "search latency, ms ($runs runs)" "H2 p50" "H2 p99" "n" "PG p50" "PG p99" "n"
for kind in newest50:"newest 50 of one experiment" metric+tag:"val_accuracy>0.9 + tag dataset" \
            sort-metric:"sort metric:val_auc desc limit 50" param:"param architecture filter" \
            cursor5:"5 pages via nextCursor (total)" cursor5-page5:"  page 5 alone"; do
  id=${kind%%:*}; title=${kind#*:}
  printf '%-40s %9s %9s %5s %9s %9s %5s\n' "$title" "$(result h2 "$id" 1)" "$(result h2 "$id" 2)" \
    "$(result h2 "$id" 5)" "$(result pg "$id" 1)" "$(result pg "$id" 2)" "$(result pg "$id" 5)"
done
echo "(n: measured requests, or 5-page walks, per kind; fewer than 200 means the kind ran out of its time budget)"
bad=$(awk '$2 == "query" && $9 > 0 {printf "%s %s: %s bad responses; ", $1, $3, $9}' "$work/results")
[ -z "$bad" ] || echo "result checks failed: $bad"
if [ "$mlflow_runs" -gt 0 ]; then
  mlflow_result() { # db api kind field -> value or n/a
    awk -v db="$1" -v api="$2" -v kind="$3" -v f="$4" '$1 == db && $2 == api && $3 == kind {print $(3 + f); found=1} END {if (!found) print "n/a"}' "$work/results"
  }
  echo
  printf '%-46s %9s %9s %9s %9s\n' "MLflow runs/search vs native, ms ($mlflow_runs runs)" "H2 p50" "H2 p99" "PG p50" "PG p99"
  for kind in metric_filter_+_param_+_metric_sort,_50 newest_50_of_one_experiment; do
    for api in mlflow-query native-query; do
      printf '%-46s %9s %9s %9s %9s\n' "${api%-query} ${kind//_/ }" "$(mlflow_result h2 "$api" "$kind" 1)" \
        "$(mlflow_result h2 "$api" "$kind" 2)" "$(mlflow_result pg "$api" "$kind" 1)" "$(mlflow_result pg "$api" "$kind" 2)"
    done
  done
  for db in h2 pg; do
    awk -v db="$db" '$1 == db && $2 == "mlflow-log" {printf "  MLflow logging on %s: %s runs/s (%s runs, %s s)\n", db, $3, $4, $5}' "$work/results"
  done
fi
echo
echo "commit throughput (4 threads, 10 metrics per run)"
printf '  %-12s %s\n' "H2" "$(commit_rate h2)"
if [ -n "$pg_note" ]; then printf '  %-12s %s\n' "PostgreSQL" "skipped: $pg_note"
else printf '  %-12s %s\n' "PostgreSQL" "$(commit_rate pg)"; fi
echo
echo "stage times"
for entry in "${stage_times[@]}"; do printf '  %-28s %8s s\n' "${entry%%|*}" "${entry#*|}"; done
echo "========================================================================="
