#!/usr/bin/env bash
# Fairness audit benchmark from CSV: 10,000,000 decisions, three protected attributes and their intersections.
# Generates /tmp/creditalt-audit-10m.csv once (≈ 400 MB, never committed), then times `creditalt audit` with
# /usr/bin/time -v and prints wall time and peak resident memory.
# Usage: scripts/bench-audit.sh [ROWS]   (default 10000000)
set -euo pipefail
ROWS="${1:-10000000}"
CSV="/tmp/creditalt-audit-${ROWS}.csv"
OUT="/tmp/creditalt-audit-${ROWS}-report"
cd "$(dirname "$0")/.."

if [[ ! -s "$CSV" ]]; then
  echo "generating $CSV ($ROWS rows)…"
  python3 - "$ROWS" "$CSV" <<'PY'
import random, sys
random.seed(42)
n = int(sys.argv[1])
races = ['white', 'black', 'hispanic', 'asian', 'native', 'multiracial']
ages = ['18-24', '25-39', '40-61', '62+']
with open(sys.argv[2], 'w') as f:
    f.write('id,decision,race,sex,age_band,score\n')
    w = f.write
    for i in range(n):
        r = random.random() * 100
        ri = 0 if r < 60 else 1 if r < 73 else 2 if r < 90 else 3 if r < 96 else 4 if r < 97 else 5
        a = random.randrange(4)
        age = '' if random.randrange(50) == 0 else ages[a]
        s = 650 + 60 * (random.random() + random.random() - 1) - 8 * ri + 5 * a
        w(f'{i},{"approve" if s > 640 else "decline"},{races[ri]},{"female" if random.randrange(2) else "male"},{age},{s:.1f}\n')
PY
fi

dotnet build src/CreditAlt.Cli -c Release -v q -nologo > /dev/null
/usr/bin/time -v src/CreditAlt.Cli/bin/Release/net10.0/creditalt audit --input "$CSV" \
  --decision-column decision --favorable-value approve \
  --group-column race --group-column sex --group-column age_band --intersections \
  --score-column score --out "$OUT" 2> /tmp/creditalt-audit-time.txt
grep -E "Elapsed \(wall clock\)|Maximum resident set size" /tmp/creditalt-audit-time.txt
