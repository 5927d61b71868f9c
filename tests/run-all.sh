#!/usr/bin/env bash
# Runs every Runvault test on a fresh Debian machine: installs the packages the tests need
# (tests/packages.txt), starts a private PostgreSQL cluster on loopback for the PostgreSQL suite,
# then builds the appliance and runs the unit tests and both end-to-end suites (H2, PostgreSQL),
# then installs the built package and checks it (tests/install/run.sh).
# Extra arguments go to Maven, e.g.  bash tests/run-all.sh -Dit.test=RegistryIT
set -euo pipefail
cd "$(dirname "$0")/.."

packages=$(grep -v '^#' tests/packages.txt | xargs)
missing=$(for p in $packages; do dpkg -s "$p" >/dev/null 2>&1 || printf '%s ' "$p"; done)
if [ -n "$missing" ]; then
  echo "Installing: $missing"
  sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y $missing
fi

# A throwaway PostgreSQL cluster owned by this run: its own directory, port and password.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pg_root=$(mktemp -d /tmp/runvault-pg.XXXXXX)
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$pg_root"
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 55432)
printf 'runvault\n' > "$pg_root/password"
[ "$(id -u)" = 0 ] && chown postgres "$pg_root/password"
as_postgres "$pg_bin/initdb" -D "$pg_root/data" -U runvault --pwfile="$pg_root/password" -A scram-sha-256 >/dev/null
as_postgres "$pg_bin/pg_ctl" -D "$pg_root/data" -l "$pg_root/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_root -c max_connections=300 -c fsync=off" start >/dev/null
stop_pg() { as_postgres "$pg_bin/pg_ctl" -D "$pg_root/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$pg_root"; }
trap stop_pg EXIT
export RUNVAULT_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$pg_port/postgres"
export RUNVAULT_TEST_PG_USER=runvault RUNVAULT_TEST_PG_PASSWORD=runvault
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port"

# Failsafe adds to an existing summary; a verdict must only count this run.
rm -rf target/failsafe-reports
mvn -B -ntp verify "$@"

# The install package and the offline bundle that build made (dpkg -i, the unit, remove, purge).
bash tests/install/run.sh
