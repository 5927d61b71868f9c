#!/usr/bin/env bash
# Blob ingest benchmark: uploads of one random blob over HTTP against `b2sum -l 256` of the same
# file, side by side in each round: a new blob (201: hashed, written and fsynced before the answer)
# and the same blob again (200: hashed only). The file is written and synced, and the kernel's
# dirty pages drained, before anything is timed; it is then read once so all sides read it from
# the page cache. There is no pass/fail.
#
#   bash tests/bench/ingest.sh [--size-mib N] [--rounds N] [--jfr FILE]
#
#   --size-mib N   size of the random blob (default 1024)
#   --rounds N     timed rounds (default 3)
#   --jfr FILE     record the appliance with JDK Flight Recorder (profile settings) during the
#                  rounds and write the recording to FILE (read it with `jfr print` / `jfr summary`)
#
# Uses target/runvault.jar (or BENCH_JAR), BENCH_JVM_ARGS (default -Xms1g -Xmx2g). Needs java 17,
# curl, b2sum, python3. Scratch files in /tmp/bench-ingest.XXXXXX, removed at the end.
set -euo pipefail

size_mib=1024
rounds=3
jfr=""
while [ $# -gt 0 ]; do
  case "$1" in
    --size-mib) size_mib=${2:?}; shift 2 ;;
    --rounds) rounds=${2:?}; shift 2 ;;
    --jfr) jfr=$(realpath -m "${2:?}"); shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
work=$(mktemp -d /tmp/bench-ingest.XXXXXX)
extra_cleanup() { return 0; }
source tests/bench/appliance.sh
bench_init b2sum

echo "Ingest benchmark: blob ${size_mib} MiB, ${rounds} rounds"
echo "   host: $(nproc) cores, load average $(loadavg)"
copy_jar
start_server

file="$work/blob.bin"
head -c "$((size_mib * 1048576))" /dev/urandom >"$file"
bytes=$(stat -c %s "$file")
wait_writeback
cat "$file" >/dev/null
hex=$(b2sum -l 256 "$file" | cut -d' ' -f1)
stored="$data/blobs/${hex:0:2}/${hex:2}"
upload() { # expected-code -> seconds
  local s code
  s=$(timed "$work/code" curl -s -u "admin:$admin_pw" -T "$file" -H 'Content-Type: application/octet-stream' \
    -o "$work/upload.json" -w '%{http_code}' "$base/api/v1/blobs/blake2b:$hex")
  code=$(cat "$work/code")
  [ "$code" = "$1" ] || { echo "upload: HTTP $code (wanted $1) $(cat "$work/upload.json")" >&2; exit 1; }
  echo "$s"
}
# warm-up (JIT), then the stored copy is removed so each round's first upload is a new blob
upload 201 >/dev/null
rm -f "$stored"
wait_writeback

# the server runs in a JVM that Liberty's runnable jar starts below the launcher, with Liberty's
# Java agent from the extraction directory: record that one
server_jvm=$(pgrep -n -f -- "-javaagent:$work/" || true)
if [ -n "$jfr" ]; then
  jcmd "$server_jvm" JFR.start name=ingest settings=profile >/dev/null
fi

printf '\n%-6s %13s %13s %13s %8s %8s   %s\n' round "b2sum" "new (201)" "again (200)" "new/b2" "again/b2" "load average"
new_ratios=(); again_ratios=()
for r in $(seq 1 "$rounds"); do
  b=$(timed /dev/null b2sum -l 256 "$file")
  n=$(upload 201)
  g=$(upload 200)
  bm=$(mbps "$bytes" "$b"); nm=$(mbps "$bytes" "$n"); gm=$(mbps "$bytes" "$g")
  new_ratios+=("$(ratio "$nm" "$bm")"); again_ratios+=("$(ratio "$gm" "$bm")")
  printf '%-6s %8s MB/s %8s MB/s %8s MB/s %8s %8s   %s\n' "$r" "$bm" "$nm" "$gm" "${new_ratios[-1]}" "${again_ratios[-1]}" "$(loadavg)"
  rm -f "$stored"
  wait_writeback >/dev/null
done
echo "new blob / b2sum ratios:      ${new_ratios[*]} (target >= 0.9)"
echo "already stored / b2sum ratios: ${again_ratios[*]}"

if [ -n "$jfr" ]; then
  jcmd "$server_jvm" JFR.dump name=ingest filename="$jfr" >/dev/null
  echo "JFR recording: $jfr"
fi
