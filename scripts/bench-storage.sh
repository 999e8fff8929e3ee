#!/usr/bin/env bash
# Storage benchmarks (docs/benchmarks.md, "Storage"): ledger append throughput on SQLite and PostgreSQL from
# concurrent writers (durable group commit), and a 100,000-application import into PostgreSQL.
# Needs a PostgreSQL with fsync on; CREDITALT_POSTGRES as for the tests (default 127.0.0.1:55432).
set -euo pipefail
cd "$(dirname "$0")/.."
PG="${CREDITALT_POSTGRES:-Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres}"
WRITERS="${WRITERS:-256}"
DECISIONS="${DECISIONS:-60000}"
APPS="${APPS:-100000}"
OUT=/tmp/creditalt-bench-storage
mkdir -p "$OUT"

dotnet build tests/CreditAlt.Data.CrashWriter -c Release -v q -nologo >/dev/null
dotnet build src/CreditAlt.Cli -c Release -v q -nologo -o "$OUT/cli" >/dev/null
BENCH="dotnet tests/CreditAlt.Data.CrashWriter/bin/Release/net10.0/CreditAlt.Data.CrashWriter.dll bench"
uptime

echo "== ledger append, SQLite (WAL, synchronous=FULL)"
rm -f "$OUT"/ledger.db*
$BENCH "sqlite:$OUT/ledger.db" "$WRITERS" "$DECISIONS"

echo "== ledger append, PostgreSQL (fresh schema)"
SCHEMA="bench_$$"
psql "$(echo "$PG" | sed 's/;/ /g; s/Username=/user=/; s/Host=/host=/; s/Port=/port=/; s/Database=/dbname=/')" -q -c "CREATE SCHEMA $SCHEMA"
$BENCH "$PG;Search Path=$SCHEMA" "$WRITERS" "$DECISIONS"

echo "== import $APPS applications into PostgreSQL"
if [ ! -f "$OUT/p$APPS/applications.csv" ]; then
  dotnet "$OUT/cli/creditalt.dll" generate -n "$APPS" --seed 1 --out "$OUT/p$APPS"
fi
ISCHEMA="import_$$"
psql "$(echo "$PG" | sed 's/;/ /g; s/Username=/user=/; s/Host=/host=/; s/Port=/port=/; s/Database=/dbname=/')" -q -c "CREATE SCHEMA $ISCHEMA"
/usr/bin/time -f "wall %e s, user %U s, max RSS %M KB" dotnet "$OUT/cli/creditalt.dll" import --data "$OUT/p$APPS" --db "$PG;Search Path=$ISCHEMA"
uptime
