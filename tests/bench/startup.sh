#!/usr/bin/env bash
# Start-to-ready of the appliance: the runnable jar (target/runvault.jar, unpacked into a new
# directory at every start) against the installed layout (the offline bundle, the same tree as
# /opt/runvault in the .deb, started with bin/runvault), each on a fresh H2 data directory: a first
# start, then a restart on the same data. Prints, per start, when the server's milestones appeared
# on its console, counted from the command's start, to show where the time goes:
#   launched   Liberty's kernel is up (CWWKE0001I): JVM start, plus the jar's extraction
#   server     the features are started (CWWKF0011I)
#   app        the application started (CWWKZ0001I): CDI scan, JPA, migrations, startup beans
#   ready      GET /health/ready answers 200
#   cpu        CPU seconds all its processes used until ready (comparable on a busy machine)
#
#   bash tests/bench/startup.sh [--starts N] [--only jar|installed]
#                                (N restarts after the first, default 1; --only measures one of the two)
#
# Uses target/ (build with `mvn -B -ntp -DskipTests package` first); scratch in /tmp/bench-start.*,
# removed at the end. No pass/fail.
set -euo pipefail
restarts=1
only=""
while [ $# -gt 0 ]; do
  case $1 in
    --starts) restarts=${2:?--starts needs a number}; shift 2 ;;
    --only) only=${2:?--only needs jar or installed}; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
jar="$repo/target/runvault.jar"
bundle=$(ls "$repo"/target/runvault-*-linux-x86_64.tar.gz 2>/dev/null | head -n 1)
[ -f "$jar" ] && [ -n "$bundle" ] || { echo "build first: mvn -B -ntp -DskipTests package" >&2; exit 1; }
work=$(mktemp -d /tmp/bench-start.XXXXXX)
pid=""
cleanup() { [ -n "$pid" ] && stop_session; rm -rf "$work"; }
trap cleanup EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
http=$(port); https=$(port); internal=$(port)
export RUNVAULT_HTTP_HOST=127.0.0.1 RUNVAULT_HTTP_PORT=$http RUNVAULT_HTTPS_PORT=$https \
       RUNVAULT_INTERNAL_PORT=$internal RUNVAULT_ADMIN_PASSWORD=bench-startup
tar -xzf "$bundle" -C "$work"
home=$(ls -d "$work"/runvault-*/)

# measure LABEL CMD...: starts CMD in its own session, stamps each console line with the time since
# the start, waits until ready, prints the milestones, stops it with SIGTERM.
measure() {
  local label=$1; shift
  local log="$work/$label.log" t0 i code=""
  t0=$(date +%s%N)
  setsid bash -c 't0=$1; shift; "$@" 2>&1 | while IFS= read -r line; do
      printf "%s %s\n" $(( ($(date +%s%N) - t0) / 1000000 )) "$line"; done' start "$t0" "$@" > "$log" &
  pid=$!
  for i in $(seq 1 1200); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 120 "http://127.0.0.1:$http/health/ready" || true)
    [ "$code" = 200 ] && break
    kill -0 "$pid" 2>/dev/null || { echo "$label: exited before ready" >&2; tail -n 20 "$log" >&2; exit 1; }
    sleep 0.25
  done
  local ready=$(( ($(date +%s%N) - t0) / 1000000 ))
  # CPU seconds the start took (every process of the session): what a busy machine does not change.
  local cpu; cpu=$(ps -s "$pid" -o cputimes= | awk '{ s += $1 } END { print s }')
  ms() { awk -v id="$1" 'index($0, id) { print $1; exit }' "$log"; }
  printf '%-22s launched %6s ms   server %6s ms   app %6s ms   ready %6s ms   cpu %4s s\n' "$label" \
    "$(ms CWWKE0001I)" "$(ms CWWKF0011I)" "$(ms CWWKZ0001I)" "$ready" "$cpu"
  stop_session
}

# SIGTERM every process of the session, and wait until all are gone (the next start needs the ports).
stop_session() {
  local i
  kill -TERM -- "-$pid" 2>/dev/null
  for i in $(seq 1 240); do
    [ -z "$(ps -s "$pid" -o pid= 2>/dev/null)" ] && break
    sleep 0.5
  done
  [ -n "$(ps -s "$pid" -o pid= 2>/dev/null)" ] && ps -s "$pid" -o pid= | xargs -r kill -KILL
  wait "$pid" 2>/dev/null || true
  pid=""
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
for n in $(seq 0 "$restarts"); do
  [ "$only" = installed ] && break
  what=$([ "$n" = 0 ] && echo first || echo "restart $n")
  RUNVAULT_DATA="$work/data-jar" WLP_JAR_EXTRACT_ROOT="$work/extract" measure "jar, $what" java -jar "$jar"
done
for n in $(seq 0 "$restarts"); do
  [ "$only" = jar ] && break
  what=$([ "$n" = 0 ] && echo first || echo "restart $n")
  RUNVAULT_DATA="$work/data-installed" measure "installed, $what" "$home/bin/runvault"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
