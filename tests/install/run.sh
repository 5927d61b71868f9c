#!/usr/bin/env bash
# Install test of the package and the offline bundle, on the packaged build (target/), as root:
#  1. the bundle's checksums, and the .deb carries the bundle's tree (only linux-x86_64 natives);
#  2. dpkg -i: the runvault system user, ownerships and modes (/opt read-only, the conffile
#     root:runvault 0640, /var/lib/runvault runvault 0750), runvaultctl on PATH;
#  3. the unit: systemd-analyze verify, and its offline exposure score (at most 2.5);
#  4. the unit's ExecStart as the unit runs it without systemd as PID 1: as User=runvault with its
#     Environment= and EnvironmentFile=, no capabilities, no_new_privs, a private /tmp, and its
#     SystemCallFilter= as a seccomp allow-list; ready (GET /health/ready) twice, the second a
#     restart, with both start-to-ready times printed; the natives (ONNX Runtime, PyTorch) load and
#     compute under the same filter; nothing written by runvault outside /var/lib/runvault;
#  5. dpkg -r keeps settings and data, dpkg --purge removes the settings and keeps the data,
#     RUNVAULT_PURGE_DATA=yes dpkg --purge, or a .purge-on-purge file in it, removes the data too;
#  6. the bundle unpacked elsewhere starts with bin/runvault and writes only under its data/.
# Ends with "install: N passed, N failed" and a non-zero exit when anything failed.
# Refuses to run where a runvault package or /var/lib/runvault exists that this test did not make.
set -uo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
here="$repo/tests/install"
[ "$(id -u)" = 0 ] || { echo "install test: needs root (dpkg -i)" >&2; exit 1; }
deb=$(ls target/runvault_*_amd64.deb 2>/dev/null | head -n 1)
bundle=$(ls target/runvault-*-linux-x86_64.tar.gz 2>/dev/null | head -n 1)
[ -n "$deb" ] && [ -n "$bundle" ] || { echo "install test: build first (mvn package)" >&2; exit 1; }
marker=.made-by-install-test
if dpkg -s runvault >/dev/null 2>&1 || [ -e /var/lib/runvault ]; then
  [ -e "/var/lib/runvault/$marker" ] || { echo "install test: runvault is installed here; not touching it" >&2; exit 1; }
  RUNVAULT_PURGE_DATA=yes dpkg --purge runvault >/dev/null; rm -rf /var/lib/runvault
fi

passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok    $*"; }
bad() { failed=$((failed + 1)); echo "FAIL  $*"; }
check() { local what=$1; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

work=$(mktemp -d /tmp/runvault-install.XXXXXX)
# The helpers the unit's sandbox runs: its /tmp and /var/tmp are private, and the checkout may be
# under /tmp, so they are copied to a root-owned folder the runvault user can read.
helpers=$(mktemp -d /run/runvault-install-helpers.XXXXXX)
cp "$here/syscall-filter.py" "$here/NativesCheck.java" "$helpers/"
chmod 755 "$helpers" && chmod 644 "$helpers"/*
server_pid=""
stopped=""
stop_server() { # SIGTERM the server's process group, wait (60 s) for it to exit; its exit code in $stopped
  [ -n "$server_pid" ] || return 0
  kill -TERM -- "-$server_pid" 2>/dev/null
  local i
  for i in $(seq 1 120); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.5; done
  kill -KILL -- "-$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; stopped=$?
  server_pid=""
}
cleanup() {
  stop_server
  if dpkg -s runvault >/dev/null 2>&1; then RUNVAULT_PURGE_DATA=yes dpkg --purge runvault >/dev/null 2>&1; fi
  [ -e "/var/lib/runvault/$marker" ] && rm -rf /var/lib/runvault
  rm -rf "$work" "$helpers"
}
trap cleanup EXIT

# wait_ready BASE LOG: until /health/ready answers 200 (at most 400 s on a busy machine). One probe
# at a time, each waiting for its answer: a probe abandoned early leaves a server thread waiting.
wait_ready() {
  local deadline=$(( $(date +%s) + 400 ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 120 "$1/health/ready")" = 200 ] && return 0
    kill -0 "$server_pid" 2>/dev/null || { echo "server exited; last lines:"; tail -n 30 "$2"; return 1; }
    sleep 0.5
  done
  echo "not ready after 400 s; last lines:"; tail -n 30 "$2"; return 1
}

echo "== 1. artifacts: $deb, $bundle"
(cd target && sha256sum --quiet -c "$(basename "$bundle").sha256" && b2sum --quiet -c "$(basename "$bundle").b2") >/dev/null
check "bundle checksums (sha256sum -c, b2sum -c)" test $? = 0
tar -tvzf "$bundle" | awk '$1 !~ /^d/ {n=$6; sub(/^[^\/]*\//, "", n); print $1, $3, n}' | sort > "$work/bundle.list"
dpkg-deb --fsys-tarfile "$deb" | tar -tv | awk '$1 !~ /^d/ && $6 ~ /^\.\/opt\/runvault\// {n=$6; sub(/^\.\/opt\/runvault\//, "", n); print $1, $3, n}' | sort > "$work/deb.list"
check "the .deb's /opt/runvault is the bundle's tree (paths, modes, sizes)" cmp -s "$work/bundle.list" "$work/deb.list"
natives=$(awk '{print $3}' "$work/bundle.list" | grep -E '\.(so|dll|dylib)$|/native/' | grep -v -E '^lib/native/onnxruntime/libonnxruntime(4j_jni)?\.so$' || true)
check "ONNX Runtime natives: linux-x64 only, beside the code" test -z "$natives"
check "PyTorch natives: the linux-x86_64 CPU jar" grep -q -E ' wlp/usr/servers/runvault/apps/runvault.war/WEB-INF/lib/pytorch-native-cpu-[^ ]*-linux-x86_64\.jar$' "$work/bundle.list"
check "Liberty server unpacked, application expanded" grep -q ' wlp/usr/servers/runvault/apps/runvault.war/WEB-INF/web.xml$\| wlp/usr/servers/runvault/apps/runvault.war/META-INF/MANIFEST.MF$' "$work/bundle.list"

echo "== 2. dpkg -i"
# What the appliance wrote is what changed after this; earlier files (other tests' restores into
# /tmp, an earlier installation's leftovers) may carry the runvault user too and are not its doing.
touch "$work/before-install"
check "dpkg -i $(basename "$deb")" dpkg -i "$deb"
touch "/var/lib/runvault/$marker"
uid=$(id -u runvault 2>/dev/null || echo none)
check "runvault is a system user (uid $uid) without a login shell" \
  bash -c "[ $uid != none ] && [ $uid -lt 1000 ] && [ \"\$(getent passwd runvault | cut -d: -f7)\" = /usr/sbin/nologin ]"
check "/opt/runvault: root's, nothing writable by others" test -z "$(find /opt/runvault \( ! -user root -o ! -group root -o -perm /022 \) -print -quit)"
check "/etc/runvault/runvault.env: 640 root:runvault" test "$(stat -c '%a %U:%G' /etc/runvault/runvault.env)" = "640 root:runvault"
check "/etc/runvault/runvault.env is a conffile" bash -c "dpkg-query -W -f='\${Conffiles}' runvault | grep -q /etc/runvault/runvault.env"
check "/var/lib/runvault: 750 runvault:runvault" test "$(stat -c '%a %U:%G' /var/lib/runvault)" = "750 runvault:runvault"
check "runvaultctl on PATH" test "$(readlink -f "$(command -v runvaultctl)")" = /opt/runvault/bin/runvaultctl

echo "== 3. the unit"
unit=/lib/systemd/system/runvault.service
systemd-analyze verify "$unit" > "$work/verify.txt" 2>&1
check "systemd-analyze verify runvault.service" bash -c "! grep -v -i -E 'not booted|No such file or directory.*/run/systemd' '$work/verify.txt' | grep -q ."
cat "$work/verify.txt"
score=$(systemd-analyze security --offline=yes "$unit" 2>/dev/null | sed -n 's/.*Overall exposure level for runvault.service: \([0-9.]*\).*/\1/p')
echo "   exposure score (systemd-analyze security --offline=yes): $score"
check "exposure score $score <= 2.5" awk -v s="$score" 'BEGIN { exit !(s != "" && s <= 2.5) }'
check "not MemoryDenyWriteExecute (the JIT needs it)" bash -c "! grep -q '^MemoryDenyWriteExecute=yes' $unit"

# The unit's settings, read from the installed file.
unit_value() { sed -n "s/^$1=//p" "$unit" | tail -n 1; }
exec_start=$(unit_value ExecStart); user=$(unit_value User); env_file=$(unit_value EnvironmentFile)
filter=$(unit_value SystemCallFilter)
http_port=$(free_port); https_port=$(free_port); internal_port=$(free_port)
admin_pw="install-$RANDOM$RANDOM"
# What the operator does: settings in the conffile.
cat >> "$env_file" <<CONF
RUNVAULT_HTTP_HOST=127.0.0.1
RUNVAULT_HTTP_PORT=$http_port
RUNVAULT_HTTPS_PORT=$https_port
RUNVAULT_INTERNAL_PORT=$internal_port
RUNVAULT_ADMIN_PASSWORD=$admin_pw
CONF
# as_unit CMD...: a clean environment as systemd builds it (Environment=, then EnvironmentFile=),
# the unit's user, no capabilities, no_new_privs, private /tmp and /var/tmp, the syscall filter.
as_unit() {
  local -a envs=(PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/var/lib/runvault
                 USER="$user" LOGNAME="$user" SHELL=/usr/sbin/nologin LANG=C.UTF-8)
  local line
  while IFS= read -r line; do envs+=("$line"); done < <(sed -n 's/^Environment=//p' "$unit")
  while IFS= read -r line; do envs+=("$line"); done < <(grep -E '^[A-Za-z_][A-Za-z0-9_]*=' "$env_file")
  setsid unshare --mount --propagation private bash -c '
      mount -t tmpfs -o mode=1777 tmpfs /tmp && mount -t tmpfs -o mode=1777 tmpfs /var/tmp || exit 97
      exec "$@"' as-unit \
    setpriv --reuid="$user" --regid="$user" --init-groups --inh-caps=-all --bounding-set=-all \
    env -i "${envs[@]}" python3 "$helpers/syscall-filter.py" "$filter" -- "$@" &
  server_pid=$!
}

echo "== 4. ExecStart ($exec_start) as $user"
base="http://127.0.0.1:$http_port"
for start in first-start restart; do
  t0=$(now)
  as_unit $exec_start > "$work/server-$start.log" 2>&1
  if wait_ready "$base" "$work/server-$start.log"; then
    t=$(secs "$t0" "$(now)")
    ok "ready from the installed layout ($start): $t s"
    echo "start-to-ready ($start, installed layout): $t s" >> "$work/times.txt"
  else
    bad "ready from the installed layout ($start)"
  fi
  code=$(curl -s -o /dev/null -w '%{http_code}' -u "admin:$admin_pw" "$base/api/v1/models")
  check "the API answers the admin from the env file (GET /api/v1/models: $code)" test "$code" = 200
  stop_server
  check "SIGTERM stops it cleanly (exit $stopped; 143 is SuccessExitStatus)" bash -c "[ '$stopped' = 0 ] || [ '$stopped' = 143 ]"
done
grep -h -E 'CWWKE0001I|CWWKZ0001I|CWWKF0011I' "$work/server-restart.log" | sed 's/^/   /'

war=/opt/runvault/wlp/usr/servers/runvault/apps/runvault.war
as_unit java -Donnxruntime.native.path=/opt/runvault/lib/native/onnxruntime -DDJL_CACHE_DIR=/var/lib/runvault/djl \
  -DENGINE_CACHE_DIR=/var/lib/runvault/djl -Dai.djl.offline=true -cp "$war/WEB-INF/lib/*" "$helpers/NativesCheck.java" \
  > "$work/natives.log" 2>&1
wait "$server_pid"; rc=$?; server_pid=""
sed 's/^/   /' "$work/natives.log" | grep -v -E '^   \[' | tail -n 5
check "ONNX Runtime and PyTorch natives load and compute under $filter as $user" test "$rc" = 0

check "every file under /var/lib/runvault belongs to runvault" test -z "$(find /var/lib/runvault ! -user runvault ! -name "$marker" -print -quit)"
outside=$(find / -xdev \( -path /var/lib/runvault -o -path /proc \) -prune -o -user runvault -newer "$work/before-install" -print 2>/dev/null | head -n 5)
check "nothing written by runvault outside /var/lib/runvault${outside:+: $outside}" test -z "$outside"
check "the server's logs are in /var/lib/runvault/logs" test -s /var/lib/runvault/logs/messages.log

echo "== 5. remove and purge"
check "dpkg -r runvault" dpkg -r runvault
check "after remove: code gone" test ! -e /opt/runvault/bin/runvault -a ! -e "$unit" -a ! -e /usr/bin/runvaultctl
check "after remove: settings kept (with the operator's changes)" grep -q "RUNVAULT_HTTP_PORT=$http_port" /etc/runvault/runvault.env
check "after remove: data kept" test -s /var/lib/runvault/tls/keystore.password
check "dpkg --purge runvault" dpkg --purge runvault
check "after purge: settings gone" test ! -e /etc/runvault
check "after purge: data kept (not asked)" test -s /var/lib/runvault/tls/keystore.password
dpkg -i "$deb" >/dev/null
check "reinstall over kept data keeps it" test -s /var/lib/runvault/tls/keystore.password
RUNVAULT_PURGE_DATA=yes dpkg --purge runvault >/dev/null
check "RUNVAULT_PURGE_DATA=yes dpkg --purge: data gone" test ! -e /var/lib/runvault
dpkg -i "$deb" >/dev/null
touch /var/lib/runvault/.purge-on-purge
dpkg --purge runvault >/dev/null
check "/var/lib/runvault/.purge-on-purge, then dpkg --purge: data gone" test ! -e /var/lib/runvault

echo "== 6. the offline bundle"
mkdir -p "$work/opt"
tar -xzf "$bundle" -C "$work/opt"
home=$(ls -d "$work"/opt/runvault-*)
touch "$work/before-bundle"; sleep 1
t0=$(now)
( cd / && RUNVAULT_HTTP_HOST=127.0.0.1 RUNVAULT_HTTP_PORT=$http_port RUNVAULT_HTTPS_PORT=$https_port \
    RUNVAULT_INTERNAL_PORT=$internal_port RUNVAULT_ADMIN_PASSWORD=$admin_pw \
    exec setsid "$home/bin/runvault" ) > "$work/bundle.log" 2>&1 &
server_pid=$!
if wait_ready "$base" "$work/bundle.log"; then
  t=$(secs "$t0" "$(now)"); ok "the bundle starts from $home: ready in $t s"
  echo "start-to-ready (first start, unpacked bundle): $t s" >> "$work/times.txt"
else bad "the bundle starts from $home"; fi
stop_server
check "the bundle stops cleanly (exit $stopped)" bash -c "[ '$stopped' = 0 ] || [ '$stopped' = 143 ]"
check "the bundle's data is in its data/" test -s "$home/data/tls/keystore.password"
written=$(find "$home" -mindepth 1 -path "$home/data" -prune -o -newer "$work/before-bundle" -print | head -n 5)
check "the bundle wrote nothing outside its data/${written:+: $written}" test -z "$written"

echo
cat "$work/times.txt" 2>/dev/null
echo "install: $passed passed, $failed failed"
[ "$failed" = 0 ]
