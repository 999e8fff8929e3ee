#!/usr/bin/env bash
# Load test of the scoring API (issue 5): wrk on loopback against POST /v1/decisions with realistic, rotating bodies and
# a unique Idempotency-Key per request, then the same against the bare JSON echo endpoint (the ceiling), then a count
# of the ledger to prove every acknowledged decision was stored.
#
# usage: scripts/load-test.sh [--db sqlite|postgres] [--duration 60] [--warmup 15] [--connections 32] [--threads 1] [--model PATH]
#   postgres uses $CREDITALT_POSTGRES (default Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres) in a fresh schema.
#   The model is models/champion/scorecard.json when it exists, else the API tests' fixture scorecard.
# Needs: wrk (apt-get install -y wrk), python3, the .NET SDK.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
ENGINE=sqlite DURATION=60 WARMUP=15 CONNECTIONS=32 THREADS=1 PORT=${PORT:-5191} MODEL=
while [ $# -gt 0 ]; do
  case "$1" in
    --db) ENGINE=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --model) MODEL=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }

WORK=$(mktemp -d /tmp/creditalt-load.XXXXXX)
[ -n "$MODEL" ] || MODEL=$ROOT/models/champion/scorecard.json
[ -f "$MODEL" ] || MODEL=$ROOT/tests/CreditAlt.Api.Tests/Fixtures/scorecard.json

echo "== building (Release)"
dotnet build src/CreditAlt.Api -c Release -v q -nologo -o "$WORK/api" >/dev/null
dotnet build src/CreditAlt.Cli -c Release -v q -nologo -o "$WORK/cli" >/dev/null

case "$ENGINE" in
  sqlite) DB="sqlite:$WORK/load.db" ;;
  postgres)
    PG=${CREDITALT_POSTGRES:-Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres}
    SCHEMA=load_$(date +%s)
    python3 - "$PG" "$SCHEMA" <<'PY'
import sys, subprocess
kv = dict(p.split("=", 1) for p in sys.argv[1].split(";") if p)
subprocess.run(["psql", "-h", kv.get("Host", "127.0.0.1"), "-p", kv.get("Port", "5432"), "-U", kv.get("Username", "postgres"),
                "-d", kv.get("Database", "postgres"), "-qc", f"CREATE SCHEMA {sys.argv[2]}"], check=True)
PY
    DB="postgres:$PG;Search Path=$SCHEMA;Maximum Pool Size=64" ;;
  *) echo "--db sqlite|postgres" >&2; exit 2 ;;
esac

KEY=$("$WORK/cli/creditalt" keys create --role lender --lender load-test --db "$DB" 2>/dev/null)
python3 scripts/make-api-bodies.py 2000 "$WORK/bodies.jsonl" 7

echo "== starting the API ($ENGINE, model $(basename "$(dirname "$MODEL")"))"
CreditAlt__Database="$DB" CreditAlt__ModelPath="$MODEL" CreditAlt__EnableEcho=true \
CreditAlt__RateLimit__PermitsPerSecond=1000000 CreditAlt__RateLimit__Burst=1000000 \
Logging__LogLevel__Default=Warning ASPNETCORE_URLS="http://127.0.0.1:$PORT" \
  "$WORK/api/CreditAlt.Api" >"$WORK/api.log" 2>&1 &
API_PID=$!
trap 'kill $API_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/alive" >/dev/null && break; sleep 0.5; done

count_ledger() {
  if [ "$ENGINE" = sqlite ]; then
    python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from decisions').fetchone()[0])" "$WORK/load.db"
  else
    python3 - "$PG" "$SCHEMA" <<'PY'
import sys, subprocess
kv = dict(p.split("=", 1) for p in sys.argv[1].split(";") if p)
print(subprocess.run(["psql", "-h", kv.get("Host", "127.0.0.1"), "-p", kv.get("Port", "5432"), "-U", kv.get("Username", "postgres"),
      "-d", kv.get("Database", "postgres"), "-tAc", f"select count(*) from {sys.argv[2]}.decisions"], check=True, capture_output=True, text=True).stdout.strip())
PY
  fi
}

# CPU seconds (user + system) the API process has used so far: the figure to judge a change by on a shared machine,
# where wall-clock rates follow the other processes' load.
api_cpu() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$API_PID/stat"; }

run() { # name path duration run-id
  local before after
  before=$(api_cpu)
  BODIES="$WORK/bodies.jsonl" API_KEY="$KEY" RUN_ID="$4" \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$3"s --latency -s scripts/load-test.lua "http://127.0.0.1:$PORT$2" >"$WORK/$1.txt" 2>&1
  after=$(api_cpu)
  grep -E '^(requests|rps)=' "$WORK/$1.txt" | tr '\n' ' '
  python3 -c "import sys; cpu = float(sys.argv[2]) - float(sys.argv[1]); n = int(sys.argv[3]); print(f'api_cpu_s={cpu:.2f} api_cpu_ms_per_request={1000 * cpu / max(n, 1):.3f}')" \
    "$before" "$after" "$(grep -o '^requests=[0-9]*' "$WORK/$1.txt" | cut -d= -f2)"
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' '/')
# Long enough for tiered compilation to finish re-compiling the hot paths on two shared cores.
echo "== warm-up (${WARMUP} s)"
run warmup /v1/decisions "$WARMUP" warm >/dev/null
BEFORE=$(count_ledger)

echo "== POST /v1/decisions for ${DURATION} s, $CONNECTIONS connections"
DECISIONS=$(run decisions /v1/decisions "$DURATION" main)
echo "$DECISIONS"
AFTER=$(count_ledger)

echo "== POST /v1/echo (ceiling) for ${DURATION} s"
ECHO=$(run echo /v1/echo "$DURATION" echo)
echo "$ECHO"

val() { echo "$1" | tr ' ' '\n' | grep "^$2=" | cut -d= -f2; }
REQ=$(val "$DECISIONS" requests); BAD=$(val "$DECISIONS" errors_status)
OK=$((REQ - BAD)); STORED=$((AFTER - BEFORE))
RATIO=$(python3 -c "print(f'{$(val "$DECISIONS" rps) / $(val "$ECHO" rps):.3f}')")
curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && HEALTH=healthy || HEALTH=unhealthy
echo
echo "engine=$ENGINE duration_s=$DURATION connections=$CONNECTIONS threads=$THREADS nproc=$(nproc) load_before=$LOAD_BEFORE"
echo "uptime after: $(uptime)"
echo "decisions: $DECISIONS"
echo "echo:      $ECHO"
echo "ledger: stored_during_run=$STORED acknowledged_2xx=$OK (stored may exceed acknowledged by at most the $CONNECTIONS requests in flight when wrk stopped)"
echo "ratio decisions/echo=$RATIO health_after=$HEALTH"
if [ "$STORED" -lt "$OK" ]; then echo "FAIL: fewer decisions stored than acknowledged" >&2; exit 1; fi
if [ "$BAD" -ne 0 ]; then echo "FAIL: $BAD non-2xx answers" >&2; exit 1; fi
rm -rf "$WORK"
