# Shared by tests/bench/download.sh and tests/bench/ingest.sh (sourced, not run): a scratch
# directory removed on exit, a monotonic timer, and one appliance started on H2 with fresh data.
# The sourcing script sets `work` (its scratch directory) and `extra_cleanup` (a function, may be
# empty) before calling bench_init.

server_pid=""
admin_pw="bench-$(python3 -c 'import secrets; print(secrets.token_hex(8))')"
base=""
data=""

kill_group() { # pid: TERM its process group, wait up to 30 s, then KILL
  local pid=$1 i
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 1 60); do
    kill -0 -- "-$pid" 2>/dev/null || return 0
    sleep 0.5
  done
  kill -KILL -- "-$pid" 2>/dev/null || true
}

bench_cleanup() {
  local status=$?
  trap - EXIT INT TERM
  extra_cleanup || true
  if [ -n "$server_pid" ]; then kill_group "$server_pid"; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
  [ "$status" = 0 ] || echo "benchmark stopped (exit $status); scratch files removed" >&2
  exit "$status"
}

bench_init() {
  trap bench_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  for tool in java curl python3 "$@"; do
    command -v "$tool" >/dev/null || { echo "missing tool: $tool" >&2; exit 1; }
  done
}

# timed OUTFILE CMD...: wall seconds of CMD (stdout to OUTFILE), monotonic clock in one python3 process
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
mbps() { python3 -c "import sys; print(f'{float(sys.argv[1]) / 1e6 / float(sys.argv[2]):.1f}')" "$1" "$2"; }
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$1" "$2"; }
free_ports() {
  python3 -c '
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))' "$1"
}
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# copy_jar: target/runvault.jar (or BENCH_JAR) copied into the scratch directory as $jar
copy_jar() {
  local source_jar=${BENCH_JAR:-target/runvault.jar} i
  if [ -z "${BENCH_JAR:-}" ] && [ ! -f target/runvault.jar ]; then
    echo "target/runvault.jar missing: building it (mvn -B -q -DskipTests package)"
    mvn -B -q -DskipTests package
  fi
  jar="$work/runvault.jar"
  for i in $(seq 1 60); do
    if cp -p "$source_jar" "$jar" 2>/dev/null &&
       python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).close()' "$jar" 2>/dev/null; then
      echo "   jar: $source_jar (built $(date -r "$jar" '+%F %T'))"
      return
    fi
    sleep 5
  done
  echo "$source_jar is missing or not a complete jar" >&2; exit 1
}

# start_server: the appliance on H2 with fresh data under $work/data; sets base, data, server_pid
start_server() {
  local http https code i
  read -r http https <<<"$(free_ports 2)"
  base="http://127.0.0.1:$http"
  data="$work/data"
  log="$work/server.log"
  env RUNVAULT_DATA="$data" RUNVAULT_HTTP_PORT="$http" RUNVAULT_HTTPS_PORT="$https" \
      RUNVAULT_ADMIN_PASSWORD="$admin_pw" WLP_JAR_EXTRACT_DIR="$work/wlp" \
      JVM_ARGS="${BENCH_JVM_ARGS:--Xms1g -Xmx2g}" \
      setsid java -jar "$jar" >"$log" 2>&1 &
  server_pid=$!
  for i in $(seq 1 400); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$base/health/ready" || true)
    [ "$code" = 200 ] && break
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "appliance exited during start; last log lines:" >&2; tail -n 40 "$log" >&2; exit 1
    fi
    sleep 0.5
  done
  [ "$code" = 200 ] || { echo "appliance not ready (last /health/ready: $code)" >&2; tail -n 20 "$log" >&2; exit 1; }
  echo "   appliance ready at $base"
}

# wait_writeback: sync, then wait until the kernel holds under 64 MiB of dirty pages, so the
# timed runs do not compete with the write-out of files made just before
wait_writeback() {
  local dirty i
  sync
  for i in $(seq 1 120); do
    dirty=$(awk '/^Dirty:/ {print $2}' /proc/meminfo)
    [ "$dirty" -lt 65536 ] && break
    sleep 0.5
  done
  echo "   writeback done: Dirty $(awk '/^Dirty:/ {print $2, $3}' /proc/meminfo), Writeback $(awk '/^Writeback:/ {print $2, $3}' /proc/meminfo)"
}
