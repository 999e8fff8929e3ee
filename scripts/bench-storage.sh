#!/usr/bin/env bash
# Storage benchmarks (docs/benchmarks.md, "Storage"): ledger append throughput on SQLite and PostgreSQL from
# concurrent writers (durable group commit), each followed by `creditalt ledger verify`, and a 100,000-application
# import into PostgreSQL. Needs a PostgreSQL with fsync on; CREDITALT_POSTGRES as for the tests (default
# 127.0.0.1:55432). WRITERS, DECISIONS, APPS override the sizes; ONLY=sqlite|postgres|import runs one part.
# Each append bench runs RUNS times (default 5), each on a fresh database, and prints the median: on a shared
# virtual machine one run can lose a fifth of its CPU to other guests (each run prints the steal it saw).
# The PostgreSQL schemas it creates are dropped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
PG="${CREDITALT_POSTGRES:-Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres}"
WRITERS="${WRITERS:-256}"
DECISIONS="${DECISIONS:-60000}"
APPS="${APPS:-100000}"
ONLY="${ONLY:-}"
RUNS="${RUNS:-5}"
OUT=/tmp/creditalt-bench-storage
mkdir -p "$OUT"

dotnet build tests/CreditAlt.Data.CrashWriter -c Release -v q -nologo >/dev/null
dotnet build src/CreditAlt.Cli -c Release -v q -nologo -o "$OUT/cli" >/dev/null
BENCH="dotnet tests/CreditAlt.Data.CrashWriter/bin/Release/net10.0/CreditAlt.Data.CrashWriter.dll bench"
CLI="dotnet $OUT/cli/creditalt.dll"
export PGOPTIONS="-c client_min_messages=warning"
LIBPQ="$(echo "$PG" | sed 's/;/ /g; s/Username=/user=/; s/Host=/host=/; s/Port=/port=/; s/Database=/dbname=/')"
SCHEMAS=()
cleanup() { for s in "${SCHEMAS[@]}"; do psql "$LIBPQ" -q -c "DROP SCHEMA IF EXISTS $s CASCADE" || true; done; }
trap cleanup EXIT

# Prints the median of the "= N decisions/s" figures in the lines read.
median() { grep -o '= [0-9]* decisions/s' | awk '{print $2}' | sort -n | awk '{a[NR]=$1} END {print "median of " NR " runs: " a[int((NR+1)/2)] " decisions/s"}'; }

if [ -z "$ONLY" ] || [ "$ONLY" = sqlite ]; then
  echo "== ledger append, SQLite (WAL; acknowledged after the WAL is fsynced)"
  uptime
  : > "$OUT/sqlite.runs"
  for run in $(seq "$RUNS"); do
    rm -f "$OUT"/ledger.db*
    $BENCH "sqlite:$OUT/ledger.db" "$WRITERS" "$DECISIONS" | tee -a "$OUT/sqlite.runs"
    $CLI ledger verify --db "sqlite:$OUT/ledger.db"
  done
  median < "$OUT/sqlite.runs"
  rm -f "$OUT/sqlite.runs"
fi

if [ -z "$ONLY" ] || [ "$ONLY" = postgres ]; then
  echo "== ledger append, PostgreSQL (fresh schema; synchronous commits)"
  uptime
  : > "$OUT/postgres.runs"
  for run in $(seq "$RUNS"); do
    SCHEMA="bench_$$_$run"
    SCHEMAS+=("$SCHEMA")
    psql "$LIBPQ" -q -c "CREATE SCHEMA $SCHEMA"
    $BENCH "$PG;Search Path=$SCHEMA" "$WRITERS" "$DECISIONS" | tee -a "$OUT/postgres.runs"
    $CLI ledger verify --db "$PG;Search Path=$SCHEMA"
    psql "$LIBPQ" -q -c "DROP SCHEMA $SCHEMA CASCADE"
  done
  median < "$OUT/postgres.runs"
  rm -f "$OUT/postgres.runs"
fi

if [ -z "$ONLY" ] || [ "$ONLY" = import ]; then
  echo "== import $APPS applications into PostgreSQL"
  if [ ! -f "$OUT/p$APPS/applications.csv" ]; then
    $CLI generate -n "$APPS" --seed 1 --out "$OUT/p$APPS"
  fi
  uptime
  ISCHEMA="import_$$"
  SCHEMAS+=("$ISCHEMA")
  psql "$LIBPQ" -q -c "CREATE SCHEMA $ISCHEMA"
  /usr/bin/time -f "wall %e s, user %U s, sys %S s, max RSS %M KB" $CLI import --data "$OUT/p$APPS" --db "$PG;Search Path=$ISCHEMA"
fi
uptime
