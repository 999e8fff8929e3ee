#!/usr/bin/env bash
# The one test command (README and .ci/run both call it).
# Installs what the tests need when run as root, starts a throwaway PostgreSQL
# on loopback, runs every test project, and ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

need_pkgs=()
command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_pkgs+=(postgresql)
ldconfig -p 2>/dev/null | grep -q libgomp.so.1 || need_pkgs+=(libgomp1)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing ${need_pkgs[*]} ..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_pkgs[@]}") >/dev/null
  else
    echo "warning: missing ${need_pkgs[*]} and not root; tests that need them will fail" >&2
  fi
fi

# A throwaway PostgreSQL on loopback, unless the caller gives one.
pg_started=""
if [ -z "${CREDITALT_POSTGRES:-}" ]; then
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -n "$PGBIN" ]; then
    PGDATA=$(mktemp -d /tmp/creditalt-pg.XXXXXX)
    PGPORT=${CREDITALT_PGPORT:-55432}
    # From /: the postgres user may not be allowed into the clone's directory (a 0700 mktemp dir), and psql says so.
    run_pg() { if [ "$(id -u)" = 0 ]; then (cd / && su postgres -c "$1"); else bash -c "$1"; fi; }
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$PGDATA"
    if run_pg "$PGBIN/initdb -D $PGDATA -U postgres -A trust >/dev/null" &&
       run_pg "$PGBIN/pg_ctl -D $PGDATA -l $PGDATA/server.log -o '-p $PGPORT -k $PGDATA -c listen_addresses=127.0.0.1 -c max_connections=200' -w -t 30 start >/dev/null"; then
      pg_started=1
      export CREDITALT_POSTGRES="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres"
    else
      echo "warning: could not start PostgreSQL; see $PGDATA/server.log" >&2
    fi
  fi
fi
stop_pg() { [ -n "$pg_started" ] || return 0; run_pg "$PGBIN/pg_ctl -D $PGDATA -m fast -w stop >/dev/null"; rm -rf "$PGDATA"; }
trap stop_pg EXIT

export SNAPSHOOTER_STRICT_MODE=true
log=$(mktemp /tmp/creditalt-test.XXXXXX.log)
dotnet test "$root/CreditAlt.sln" -c Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Sum the per-project summaries ("Passed!  - Failed: 0, Passed: 8, Skipped: 1, ...").
read -r passed failed skipped < <(grep -E '(Passed|Failed)! +- Failed:' "$log" |
  sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\2 \1 \3/' |
  awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
projects=$(grep -cE '(Passed|Failed)! +- Failed:' "$log")
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; echo "dotnet test exited $status (build or runner error)"; fi
if [ "$projects" -eq 0 ] || [ "$passed" -eq 0 ]; then echo "no test ran"; status=1; fi
echo "$skipped skipped"
echo "$passed passed, $failed failed"
exit "$status"
