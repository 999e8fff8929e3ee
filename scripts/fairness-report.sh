#!/usr/bin/env bash
# Regenerates the top-level fairness-report.md: the fairness audit of the shipped champion (models/champion) and
# challenger (models/challenger), side by side, on the sample portfolio (data-samples/portfolio), by race_ethnicity,
# sex and age_band with their intersections, against the default control groups (white, male, 25-61); approval at
# equal true risk (true_pd); a controlled regression on the requested amount, the bureau score (missing for the
# credit-invisible, kept with an indicator) and the champion's own attributes; the champion's drivers and proxies
# (`--model` and `--data`: each applicant's attribute points, re-decided with each attribute neutral).
#
#   scripts/fairness-report.sh [OUT_DIR]
#
# OUT_DIR (default: a temporary directory, removed afterwards) receives the whole report: fairness-report.md,
# the self-contained fairness-report.html and fairness-report.json. Only the Markdown is committed (the HTML
# and JSON are about 0.6 MB each). tests/CreditAlt.Cli.Tests/Audit/FairnessReportTests.cs runs the same two
# commands in-process and fails when the committed file differs by a byte; keep the arguments in step.
# CREDITALT_CLI may name a built CLI to use instead of `dotnet run` (e.g. "dotnet path/to/creditalt.dll").
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -n "${CREDITALT_CLI:-}" ]]; then
    read -r -a cli <<<"$CREDITALT_CLI"
else
    cli=(dotnet run --project src/CreditAlt.Cli -c Release --)
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=${1:-$work/report}

"${cli[@]}" score --data data-samples/portfolio --model models/champion --out "$work/decisions.csv"
"${cli[@]}" score --data data-samples/portfolio --model models/challenger --out "$work/challenger-decisions.csv"
"${cli[@]}" audit --input "$work/decisions.csv" --challenger-input "$work/challenger-decisions.csv" \
    --join data-samples/portfolio/demographics.csv --join data-samples/portfolio/outcomes.csv \
    --join data-samples/portfolio/applications.csv --key application_id \
    --decision-column decision --favorable-value approve \
    --group-column race_ethnicity --group-column sex --group-column age_band --intersections \
    --score-column score --outcome-column defaulted --bad-value 1 --truth-column true_pd \
    --control-column requested_amount --control-column bureau_score \
    --model models/champion --data data-samples/portfolio \
    --out "$out"
cp "$out/fairness-report.md" fairness-report.md
echo "fairness-report.md updated"
