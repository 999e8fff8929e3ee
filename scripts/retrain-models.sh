#!/usr/bin/env bash
# Rebuilds every generated artefact that rests on the synthetic generator, bit for bit from the seeds:
#   1. the 200,000-application vintage portfolio (3 vintages 12 months apart, seed 7; never committed, ~700 MB),
#   2. models/champion (scorecard.json, metadata.json, evaluation.json, evaluation.md, evaluation-out-of-time.md),
#      with the attainable reference,
#   3. models/challenger (model.zip, metadata.json, evaluation.json, evaluation.md) and models/challenger/comparison,
#   4. both MODEL_CARD.md files (creditalt model-card, from the files above and the hand-kept governance.json),
#   5. data-samples/portfolio (5,000 applications, seed 42; DataSamplesTests compares it byte for byte),
#   6. fairness-report.md (scripts/fairness-report.sh; FairnessReportTests compares it byte for byte),
# and prints the time of the champion's training.
#
#   scripts/retrain-models.sh [WORK_DIR]
#
# WORK_DIR (default /tmp/creditalt-retrain) keeps the portfolio and the CLI build between runs. CREDITALT_CLI may name
# a built CLI to use instead of building one (e.g. "dotnet src/CreditAlt.Cli/bin/Release/net10.0/creditalt.dll").
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/creditalt-retrain}
mkdir -p "$work"

if [[ -n "${CREDITALT_CLI:-}" ]]; then
    read -r -a cli <<<"$CREDITALT_CLI"
else
    dotnet build src/CreditAlt.Cli -c Release -o "$work/cli" --nologo -v q
    cli=(dotnet "$work/cli/creditalt.dll")
fi

"${cli[@]}" generate --applications 200000 --seed 7 --vintages 3 --months-between 12 --out "$work/p200k"
start=$(date +%s.%N)
"${cli[@]}" train --data "$work/p200k" --out models/champion --seed 7 --attainable-reference
echo "champion trained in $(echo "$(date +%s.%N) - $start" | bc) s (with the attainable reference)"
"${cli[@]}" train --data "$work/p200k" --out models/challenger --model challenger --seed 7
"${cli[@]}" compare --data "$work/p200k" --champion models/champion --challenger models/challenger --out models/challenger/comparison --seed 7
"${cli[@]}" model-card --model models/champion
"${cli[@]}" model-card --model models/challenger
"${cli[@]}" generate --applications 5000 --seed 42 --out data-samples/portfolio
CREDITALT_CLI="${cli[*]}" bash scripts/fairness-report.sh
