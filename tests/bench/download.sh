#!/usr/bin/env bash
# Blob download benchmark: the appliance against nginx serving the same stored blob file on
# loopback (sendfile on), same client (curl -o /dev/null), warm page cache. Prints both
# throughputs and their ratio for each round (the two alternate, so load on a shared machine
# hits both alike), then a byte-range check through both. There is no pass/fail.
#
#   bash tests/bench/download.sh [--size-mib N] [--rounds N]
#
#   --size-mib N   size of the random blob (default 1024)
#   --rounds N     timed rounds, each one download from each server (default 3)
#
# Uses target/runvault.jar (or BENCH_JAR), BENCH_JVM_ARGS (default -Xms1g -Xmx2g). Needs nginx
# (Debian's nginx-light), java 17, curl, b2sum, python3. Scratch files in /tmp/bench-dl.XXXXXX,
# removed at the end.
set -euo pipefail

size_mib=1024
rounds=3
while [ $# -gt 0 ]; do
  case "$1" in
    --size-mib) size_mib=${2:?}; shift 2 ;;
    --rounds) rounds=${2:?}; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"
work=$(mktemp -d /tmp/bench-dl.XXXXXX)
nginx_pid=""
extra_cleanup() { if [ -n "$nginx_pid" ]; then kill "$nginx_pid" 2>/dev/null; wait "$nginx_pid" 2>/dev/null; fi; return 0; }
source tests/bench/appliance.sh
nginx=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx" ] || { echo "nginx missing: apt-get install nginx-light" >&2; exit 1; }
bench_init b2sum

echo "Download benchmark: blob ${size_mib} MiB, ${rounds} rounds"
echo "   host: $(nproc) cores, load average $(loadavg)"
copy_jar
start_server

file="$work/blob.bin"
head -c "$((size_mib * 1048576))" /dev/urandom >"$file"
bytes=$(stat -c %s "$file")
hex=$(b2sum -l 256 "$file" | cut -d' ' -f1)
digest="blake2b:$hex"
code=$(curl -s -u "admin:$admin_pw" -T "$file" -o /dev/null -w '%{http_code}' "$base/api/v1/blobs/$digest")
[ "$code" = 201 ] || { echo "upload: HTTP $code" >&2; exit 1; }
rm -f "$file"
stored="$data/blobs/${hex:0:2}/${hex:2}"
[ -f "$stored" ] || { echo "stored file not found at $stored" >&2; exit 1; }

# nginx on a free loopback port, serving the store's directory as it is
read -r nginx_port <<<"$(free_ports 1)"
mkdir -p "$work/nginx"
{
  [ "$(id -u)" = 0 ] && echo "user root root;"
  cat <<CONF
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 64; }
http {
  sendfile on;
  tcp_nopush on;
  access_log off;
  default_type application/octet-stream;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  server {
    listen 127.0.0.1:$nginx_port;
    root $data/blobs;
  }
}
CONF
} >"$work/nginx/nginx.conf"
"$nginx" -c "$work/nginx/nginx.conf" -p "$work/nginx" >"$work/nginx/stdout" 2>&1 &
nginx_pid=$!
for i in $(seq 1 50); do
  curl -s -o /dev/null "http://127.0.0.1:$nginx_port/" && break
  sleep 0.2
done
echo "   nginx $("$nginx" -v 2>&1 | sed 's/.*\///') on 127.0.0.1:$nginx_port (sendfile on, 1 worker)"

appliance_get() { timed /dev/null curl -s -f -u "admin:$admin_pw" -o /dev/null "$base/api/v1/blobs/$digest" "$@"; }
nginx_get() { timed /dev/null curl -s -f -o /dev/null "http://127.0.0.1:$nginx_port/${hex:0:2}/${hex:2}" "$@"; }

cat "$stored" >/dev/null
appliance_get >/dev/null # warm-up: the JIT, and the file in the page cache
nginx_get >/dev/null
printf '\n%-7s %14s %14s %7s   %s\n' round "appliance" "nginx" ratio "load average"
ratios=()
for r in $(seq 1 "$rounds"); do
  if [ $((r % 2)) = 1 ]; then a=$(appliance_get); n=$(nginx_get); else n=$(nginx_get); a=$(appliance_get); fi
  am=$(mbps "$bytes" "$a"); nm=$(mbps "$bytes" "$n")
  ratios+=("$(ratio "$am" "$nm")")
  printf '%-7s %9s MB/s %9s MB/s %7s   %s\n' "$r" "$am" "$nm" "${ratios[-1]}" "$(loadavg)"
done
echo "download / nginx ratios: ${ratios[*]} (target >= 0.9)"

# a byte range answers the same bytes through both
range="bytes=$((bytes / 3))-$((bytes / 3 + 1048575))"
curl -s -f -u "admin:$admin_pw" -H "Range: $range" -o "$work/a.part" "$base/api/v1/blobs/$digest"
curl -s -f -H "Range: $range" -o "$work/n.part" "http://127.0.0.1:$nginx_port/${hex:0:2}/${hex:2}"
if cmp -s "$work/a.part" "$work/n.part" && [ "$(stat -c %s "$work/a.part")" = 1048576 ]; then
  echo "range $range: same 1 MiB from both"
else
  echo "range $range: the appliance's bytes differ from nginx's" >&2; exit 1
fi
