#!/usr/bin/env bash
# Load test of the scoring API (issue 5): wrk on loopback against POST /v1/decisions with realistic, rotating bodies and
# a unique Idempotency-Key per request, then the same against the bare JSON echo endpoint (the ceiling), then a count
# of the ledger to prove every acknowledged decision was stored.
#
# usage: scripts/load-test.sh [--db sqlite|postgres] [--duration 60] [--warmup 15] [--connections 64] [--threads 1] [--model PATH] [--profile]
#   64 connections: as many requests in flight as a few busy lender integrations; the ledger's group commit takes
#   what is in flight as one batch, so fewer connections mean smaller batches (docs/benchmarks.md has 32 as well).
#   postgres uses $CREDITALT_POSTGRES (default Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres) in a fresh schema.
#   The model is models/champion/scorecard.json when it exists, else the API tests' fixture scorecard.
#   --profile samples the API process with perf during the decisions run and prints where its CPU goes, in buckets
#   (parse, canonical JSON, scoring, ledger, fsync, Kestrel, ...) scaled to microseconds per decision.
# Every run reports the API process's CPU time per request (and, on PostgreSQL, the database server's): on a shared
# machine that, not the wall-clock rate, is the figure to compare changes by.
# Needs: wrk (apt-get install -y wrk), python3, the .NET SDK; perf for --profile (apt-get install -y linux-perf).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
ENGINE=sqlite DURATION=60 WARMUP=15 CONNECTIONS=64 THREADS=1 PORT=${PORT:-5191} MODEL= PROFILE=
while [ $# -gt 0 ]; do
  case "$1" in
    --db) ENGINE=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --model) MODEL=$2; shift 2 ;;
    --profile) PROFILE=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
[ -z "$PROFILE" ] || command -v perf >/dev/null || { echo "perf is missing: apt-get install -y linux-perf" >&2; exit 2; }

WORK=$(mktemp -d /tmp/creditalt-load.XXXXXX)
[ -n "$MODEL" ] || MODEL=$ROOT/models/champion/scorecard.json
[ -f "$MODEL" ] || MODEL=$ROOT/tests/CreditAlt.Api.Tests/Fixtures/scorecard.json

echo "== building (Release)"
dotnet build src/CreditAlt.Api -c Release -v q -nologo -o "$WORK/api" >/dev/null
dotnet build src/CreditAlt.Cli -c Release -v q -nologo -o "$WORK/cli" >/dev/null

# One SQL statement through psql on the server of $PG (Npgsql keywords), unaligned output.
psql_q() {
  python3 - "$PG" "$1" <<'PY'
import sys, subprocess
kv = {k.strip().lower(): v for k, v in (p.split("=", 1) for p in sys.argv[1].split(";") if "=" in p)}
print(subprocess.run(["psql", "-h", kv.get("host", "127.0.0.1"), "-p", kv.get("port", "5432"), "-U", kv.get("username", "postgres"),
      "-d", kv.get("database", "postgres"), "-tAqc", sys.argv[2]], check=True, capture_output=True, text=True).stdout.strip())
PY
}

case "$ENGINE" in
  sqlite) DB="sqlite:$WORK/load.db" ;;
  postgres)
    PG=${CREDITALT_POSTGRES:-Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres}
    SCHEMA=load_$(date +%s)
    psql_q "CREATE SCHEMA $SCHEMA" >/dev/null
    DB="postgres:$PG;Search Path=$SCHEMA;Maximum Pool Size=64" ;;
  *) echo "--db sqlite|postgres" >&2; exit 2 ;;
esac

KEY=$("$WORK/cli/creditalt" keys create --role lender --lender load-test --db "$DB" --create 2>/dev/null)
python3 scripts/make-api-bodies.py 2000 "$WORK/bodies.jsonl" 7

echo "== starting the API ($ENGINE, model $(basename "$(dirname "$MODEL")"))"
CreditAlt__Database="$DB" CreditAlt__ModelPath="$MODEL" CreditAlt__EnableEcho=true \
CreditAlt__RateLimit__PermitsPerSecond=1000000 CreditAlt__RateLimit__Burst=1000000 \
Logging__LogLevel__Default=Warning ASPNETCORE_URLS="http://127.0.0.1:$PORT" \
  env ${PROFILE:+DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0} "$WORK/api/CreditAlt.Api" >"$WORK/api.log" 2>&1 &
API_PID=$!
trap 'kill $API_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/alive" >/dev/null && break; sleep 0.5; done

count_ledger() {
  if [ "$ENGINE" = sqlite ]; then
    python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from decisions').fetchone()[0])" "$WORK/load.db"
  else
    psql_q "select count(*) from $SCHEMA.decisions"
  fi
}

# CPU seconds (user + system) used so far by the processes given: the figure to judge a change by on a shared machine,
# where wall-clock rates follow the other processes' load.
cpu_of() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$1/stat"; }
# "pid seconds" per line for the processes given that still exist; the database's CPU is summed over the processes
# alive at both ends of a run (a backend that exits meanwhile is left out, not an error).
cpu_each() {
  local p
  for p in "$@"; do awk -v hz="$(getconf CLK_TCK)" -v p="$p" '{printf "%s %.2f\n", p, ($14 + $15) / hz}' "/proc/$p/stat" 2>/dev/null || true; done
}
# The PostgreSQL server's processes (children of the postmaster that serves our connections); none for SQLite.
db_pids() {
  [ "$ENGINE" = postgres ] || return 0
  local checkpointer
  checkpointer=$(psql_q "select pid from pg_stat_activity where backend_type = 'checkpointer'")
  [ -r "/proc/$checkpointer/stat" ] || return 0   # a server in another PID namespace: its CPU is not ours to read
  pgrep -P "$(awk '{print $4}' "/proc/$checkpointer/stat")" || true
}

run() { # name path duration run-id
  local before after db_before db_after pids perf_pid=
  pids=$(db_pids)
  before=$(cpu_of "$API_PID"); db_before=$(cpu_each $pids)
  if [ -n "$PROFILE" ] && [ "$1" = decisions ]; then
    perf record -q -e cpu-clock -F 499 -g -p "$API_PID" -o "$WORK/perf.data" -- sleep "$(($3 > 10 ? $3 - 5 : $3))" >/dev/null 2>&1 &
    perf_pid=$!
  fi
  BODIES="$WORK/bodies.jsonl" API_KEY="$KEY" RUN_ID="$4" \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$3"s --latency -s scripts/load-test.lua "http://127.0.0.1:$PORT$2" >"$WORK/$1.txt" 2>&1
  after=$(cpu_of "$API_PID"); db_after=$(cpu_each $pids)
  [ -z "$perf_pid" ] || wait "$perf_pid"
  grep -E '^(requests|rps)=' "$WORK/$1.txt" | tr '\n' ' '
  python3 -c "
import sys
before, after = (dict(l.split() for l in a.splitlines() if l.strip()) for a in (sys.argv[3], sys.argv[4]))
api, n = float(sys.argv[2]) - float(sys.argv[1]), max(int(sys.argv[5]), 1)
db = sum(float(after[p]) - float(before[p]) for p in before.keys() & after.keys())
print(f'api_cpu_s={api:.2f} api_cpu_ms_per_request={1000 * api / n:.3f}' + (f' db_server_cpu_ms_per_request={1000 * db / n:.3f}' if sys.argv[6] == 'postgres' else ''))" \
    "$before" "$after" "$db_before" "$db_after" "$(grep -o '^requests=[0-9]*' "$WORK/$1.txt" | cut -d= -f2)" "$ENGINE"
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
if [ -n "$PROFILE" ]; then
  echo
  echo "== where the API process's CPU went during the decisions run (perf samples; us = microseconds of CPU per decision)"
  perf script -i "$WORK/perf.data" >"$WORK/perf.txt" 2>/dev/null
  python3 - "$WORK/perf.txt" "$(val "$DECISIONS" api_cpu_ms_per_request)" <<'PY'
import collections, re, sys
# Each sample is put in the bucket of the frame nearest its leaf that a specific rule names; a sample no specific rule
# claims goes to the first general rule that matches. SQLite's native frames carry no frame pointers, so its file I/O
# is recognised by the kernel's own frames.
SPECIFIC = [
    ("ledger: fsync", r"do_fsync|fdatasync"),
    ("ledger: SQLite page I/O", r"vfs_write|vfs_read|__libc_pwrite|__libc_pread"),
    ("ledger: SQLite engine, Npgsql, writer", r"libe_sqlite3|CreditAlt\.Data\.|Npgsql|Polly"),
    ("parse + validate application", r"ApplicationJson::Parse|ApplicationValidator"),
    ("canonical JSON", r"ToCanonicalJson|CanonicalJsonWriter"),
    ("attributes, scoring, recourse", r"CreditAlt\.Core\.(Attributes|Scoring)"),
    ("SHA-256, random secrets", r"libcrypto|SHA256|RandomNumberGenerator"),
    ("response JSON", r"WriteAsJsonAsync|HttpResults\.(Created|Ok)`1::ExecuteAsync"),
    ("request body read", r"JsonBody"),
    ("API key check, authorization", r"ApiKeyAuthenticationHandler|AuthenticationHandler`1|AuthenticationService|PolicyEvaluator|AuthorizationService|AuthorizationHandler"),
    ("rate limiter", r"RateLimitingMiddleware::CombinedAcquire|TryAcquireAsync|RateLimitingMetrics|System\.Threading\.RateLimiting|ConfigureRateLimiting"),
    ("metrics (OpenTelemetry)", r"OpenTelemetry|Diagnostics\.Metrics"),
    ("idle thread-pool spinning", r"LowLevelLifoSemaphore"),
    ("decision handler, service (own code)", r"CreditAlt\.Api\."),
]
GENERAL = [
    ("loopback TCP (kernel)", r"tcp_|sendmsg|sendto|recvfrom|recvmsg|epoll"),
    ("Kestrel, routing, middleware", r"Kestrel|AspNetCore"),
    ("runtime (GC, allocation, async machinery)", r"libcoreclr|System\.Private\.CoreLib|libc\.so"),
]
def bucket(frames):
    for rules in (SPECIFIC, GENERAL):
        for frame in frames:
            for name, rx in rules:
                if re.search(rx, frame):
                    return name
    return "other"
counts, frames = collections.Counter(), []
def flush():
    if frames:
        counts[bucket(frames)] += 1
        frames.clear()
for line in open(sys.argv[1], errors="replace"):
    if line.startswith(("\t", " ")) and line.strip():
        frames.append(line.strip())
    else:
        flush()
flush()
total, per_decision_us = sum(counts.values()), float(sys.argv[2]) * 1000
for name, n in counts.most_common():
    print(f"{100 * n / total:5.1f} %  {per_decision_us * n / total:6.0f} us  {name}")
print(f"({total} samples at 499 Hz)")
PY
fi
SOCKET=$(( $(val "$DECISIONS" errors_connect) + $(val "$DECISIONS" errors_read) + $(val "$DECISIONS" errors_write) + $(val "$DECISIONS" errors_timeout) ))
if [ "$STORED" -lt "$OK" ]; then echo "FAIL: fewer decisions stored than acknowledged" >&2; exit 1; fi
if [ "$BAD" -ne 0 ]; then echo "FAIL: $BAD non-2xx answers" >&2; exit 1; fi
if [ "$SOCKET" -ne 0 ]; then echo "FAIL: $SOCKET socket errors or timeouts" >&2; exit 1; fi
[ -n "${KEEP_WORK:-}" ] && echo "kept $WORK" || rm -rf "$WORK"
