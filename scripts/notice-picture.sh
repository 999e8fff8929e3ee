#!/usr/bin/env bash
# Regenerates docs/api-notice.png, the applicant's notice as a browser shows it, from the code as it is now:
# builds the service, starts it on loopback (a free port) over a throwaway SQLite database with the shipped champion,
# posts an application with a fresh lender key, fetches the HTML notice and screenshots it with Debian's chromium
# headless (apt-get install -y chromium). The application is data-samples/application.json (an approval) turned into a
# decline, so the picture shows what an adverse action notice holds: every rent and utility payment of the last twelve
# months paid 45 days late (those due at least 45 days before the as-of date), and a returned item and an overdrawn balance in each of the last six months of cash flow.
# It also writes docs/api-letter-transactions.png: the PDF letter (pdftoppm, poppler-utils) of a decision derived from the
# bank-transaction sample (data-samples/transactions/fdx.json, with a consent in force now), at the page that lists the
# payments found by payee and month. That sample is approved, so it does not replace the adverse action picture.
# Run from anywhere: bash scripts/notice-picture.sh [OUT.png] [LETTER.png]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out=${1:-$root/docs/api-notice.png}
letter=${2:-$root/docs/api-letter-transactions.png}
command -v chromium >/dev/null || { echo "error: chromium not found; install it with: apt-get install -y chromium" >&2; exit 2; }
command -v pdftoppm >/dev/null || { echo "error: pdftoppm not found; install it with: apt-get install -y poppler-utils" >&2; exit 2; }

work=$(mktemp -d /tmp/creditalt-notice.XXXXXX)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

dotnet build src/CreditAlt.Api -c Release -v q -nologo >/dev/null
dotnet build src/CreditAlt.Cli -c Release -v q -nologo >/dev/null
db="sqlite:$work/notice.db"
cli() { dotnet run --no-build --project src/CreditAlt.Cli -c Release -- "$@"; }
cli db migrate --db "$db" >/dev/null
key=$(cli keys create --role lender --lender demo --db "$db" | tail -1)

ASPNETCORE_URLS=http://127.0.0.1:0 CreditAlt__Database="$db" CreditAlt__ModelPath="$root/models/champion/scorecard.json" \
  dotnet src/CreditAlt.Api/bin/Release/net10.0/CreditAlt.Api.dll >"$work/service.log" 2>&1 &
pid=$!
base=""
for _ in $(seq 1 120); do
  base=$(grep -o 'Now listening on: http://[0-9.:]*' "$work/service.log" | head -1 | sed 's/Now listening on: //') || true
  [ -n "$base" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/service.log" >&2; exit 1; }
  sleep 0.5
done
[ -n "$base" ] || { echo "error: the service did not start" >&2; cat "$work/service.log" >&2; exit 1; }

python3 - data-samples/application.json "$work/declined.json" <<'PY'
import datetime, json, sys
app = json.load(open(sys.argv[1]))
app["applicationId"] = "APP-NOTICE-PICTURE"
as_of = datetime.date.fromisoformat(app["asOfDate"])
for account in app["obligations"]:
    if account["type"] in ("rent", "utility"):
        for p in account["payments"]:
            late = datetime.date.fromisoformat(p["dueDate"]) + datetime.timedelta(days=45)
            if late <= as_of:
                p["paidDate"] = late.isoformat()
for month in app["cashFlow"][-6:]:
    month["lowestBalance"], month["nsfCount"] = -150, 1
json.dump(app, open(sys.argv[2], "w"))
PY
answer=$(curl -sf "$base/v1/decisions" -H "Authorization: Bearer $key" -H "Content-Type: application/json" --data-binary @"$work/declined.json")
id=$(printf '%s' "$answer" | python3 -c 'import json,sys; print(json.load(sys.stdin)["decisionId"])')
token=$(printf '%s' "$answer" | python3 -c 'import json,sys; print(json.load(sys.stdin)["applicantAccessToken"])')
curl -sf "$base/v1/decisions/$id/notice" -H "Authorization: Bearer $token" -H "Accept: text/html" -o "$work/notice.html"

# The page is self-contained (inline styles, no script, no external resource), so the saved file renders as served.
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync \
  --no-first-run --hide-scrollbars --user-data-dir="$work/chromium" --window-size=900,2000 --screenshot="$out" "file://$work/notice.html" >/dev/null 2>&1
echo "wrote $out (decision $id)"

# The letter of a decision derived from bank transactions: the FDX sample with a consent granted an hour ago for 30 days.
python3 - data-samples/transactions/fdx.json "$work/transactions.json" <<'PY'
import datetime, json, sys
now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
z = lambda t: t.strftime("%Y-%m-%dT%H:%M:%SZ")
doc = json.load(open(sys.argv[1]))
json.dump({
    "applicationId": "APP-LETTER-PICTURE", "applicantId": "CUS-T1", "asOfDate": "2026-06-30", "requestedAmount": 3000,
    "consent": {
        "consentId": "cns-letter-picture", "applicantId": "CUS-T1", "thirdParty": "Acme Lending", "dataProvider": "First Example Bank",
        "accounts": ["CHK-1", "SAV-1"],
        "dataScope": {"categories": ["transactions", "balances"], "from": "2025-07-01", "to": "2026-06-30"},
        "purpose": {"use": "credit_underwriting", "applicationId": "APP-LETTER-PICTURE"},
        "grantedAt": z(now - datetime.timedelta(hours=1)), "expiresAt": z(now + datetime.timedelta(days=30)), "revocation": None,
    },
    "transactions": {"format": "fdx", **doc},
}, open(sys.argv[2], "w"))
PY
answer=$(curl -sf "$base/v1/decisions" -H "Authorization: Bearer $key" -H "Content-Type: application/json" --data-binary @"$work/transactions.json")
id=$(printf '%s' "$answer" | python3 -c 'import json,sys; print(json.load(sys.stdin)["decisionId"])')
token=$(printf '%s' "$answer" | python3 -c 'import json,sys; print(json.load(sys.stdin)["applicantAccessToken"])')
curl -sf "$base/v1/decisions/$id/notice" -H "Authorization: Bearer $token" -H "Accept: application/pdf" -o "$work/letter.pdf"
# The first page that holds the section.
pages=$(pdfinfo "$work/letter.pdf" | awk '/^Pages:/ {print $2}')
page=1
while [ "$page" -lt "$pages" ] && ! pdftotext -f "$page" -l "$page" "$work/letter.pdf" - | grep -q "Payments we found"; do
  page=$((page + 1))
done
pdftoppm -png -r 80 -f "$page" -l "$page" -singlefile "$work/letter.pdf" "${letter%.png}"
echo "wrote $letter (decision $id, page $page of $pages of the letter)"
