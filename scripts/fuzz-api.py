#!/usr/bin/env python3
"""Abuse test of the scoring API (issue 5): sends N malformed or hostile bodies to POST /v1/decisions and checks that
every answer is a 4xx problem (never 2xx, never 5xx) and that the service is healthy afterwards and still scores a
valid application.

Every body is invalid by construction: wrong types for required fields, huge or non-finite numbers, deep nesting,
invalid UTF-8, truncated JSON, unknown fields, too many items, over-long strings, oversize bodies, wrong content types,
random bytes. Deterministic for a seed.
usage: fuzz-api.py BASE_URL API_KEY [N=10000] [SEED=1] [THREADS=4] [transactions]
With "transactions", the bodies are decision requests with bank transactions and a consent, each with one fault.
"""
import collections, http.client, json, random, sys, threading, urllib.parse

sys.path.insert(0, __file__.rsplit("/", 1)[0])
import importlib.util
spec = importlib.util.spec_from_file_location("bodies", __file__.rsplit("/", 1)[0] + "/make-api-bodies.py")
bodies = importlib.util.module_from_spec(spec); spec.loader.exec_module(bodies)

def valid(rng, i):
    return bodies.application(rng, i)

def deep(n, open_, close):
    return open_ * n + close * n

WRONG = [True, False, "text", [], {}, 12.5, -1, "2026-02-30", "1e999"]

def wrong_type(rng, app):
    """Puts a value of the wrong kind in a required field somewhere in the document."""
    field = rng.choice(["applicationId", "applicantId", "asOfDate", "requestedAmount", "obligations", "acct", "pay", "cash"])
    if field == "acct" and app["obligations"]:
        a = rng.choice(app["obligations"]); k = rng.choice(["accountId", "type", "furnisher", "monthlyAmount", "payments"])
        a[k] = rng.choice([v for v in WRONG + [None] if not isinstance(v, type(a[k])) or v in ([], {})] or [None])
        if k == "type": a[k] = rng.choice([7, "mortgage", None, [], "RENT"])
        if k == "payments": a[k] = rng.choice(["none", 5, {}, None, True])  # [] is a valid (empty) history
    elif field == "pay" and app["obligations"] and app["obligations"][0]["payments"]:
        p = rng.choice(app["obligations"][0]["payments"]); k = rng.choice(["dueDate", "amountDue", "amountPaid"])
        p[k] = rng.choice([None, "soon", [], {}, True, "2026-13-45"] if k == "dueDate" else ["12", None, [], True, {}])
    elif field == "cash":
        app["cashFlow"] = [{"month": rng.choice(["2026-13", 202601, None, "Jan"]), "inflow": 1, "outflow": 1, "lowestBalance": 0, "nsfCount": 0}]
    elif field == "obligations":
        app["obligations"] = rng.choice(["none", 5, {}, None, True])
    elif field in ("asOfDate",):
        app[field] = rng.choice([None, 20260101, "01/02/2026", "2026-02-30", [], ""])
    elif field == "requestedAmount":
        app[field] = rng.choice(["100", None, [], True, -5, 0.001])
    else:
        app[field] = rng.choice([None, 7, [], {}, True, "x" * 65])
    return json.dumps(app).encode()

def huge_number(rng, app):
    n = rng.choice(["1e400", "-1e400", "9" * 400, "1" + "0" * 40, "123456789012345678901234567890.5", "-0.0000000001", "0.001", "1.005"])
    text = json.dumps(app)
    target = rng.choice(['"requestedAmount": ', '"monthlyAmount": ', '"amountDue": ', '"inflow": '])
    if target not in text:
        target = '"requestedAmount": '
    head, tail = text.split(target, 1)
    rest = tail[tail.index(",") if "," in tail else len(tail):]
    return (head + target + n + rest).encode()

def hostile(rng, i):
    app = valid(rng, i)
    kind = rng.choice(["wrong", "wrong", "huge", "deep", "deep_field", "utf8", "trunc", "trunc", "unknown", "many", "long", "bytes", "nan", "empty", "toplevel", "dup_bad", "bom"])
    ctype = "application/json"
    if kind == "wrong": body = wrong_type(rng, app)
    elif kind == "huge": body = huge_number(rng, app)
    elif kind == "deep": body = deep(rng.choice([65, 100, 1000, 50000]), *rng.choice([("[", "]"), ('{"a":', "}")])).encode() if rng.random() < 0.5 else (deep(rng.choice([65, 500, 5000]), '{"a":', "}").replace('{"a":}', '{"a":1}')).encode()
    elif kind == "deep_field":
        app["obligations"][0]["payments"][0]["amountDue"] = json.loads(deep(40, "[", "]")); body = json.dumps(app).encode()
    elif kind == "utf8":
        text = json.dumps(app).encode(); pos = rng.randrange(1, len(text) - 1)
        body = text[:pos] + rng.choice([b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80", b"\x80"]) + text[pos:]
    elif kind == "trunc":
        text = json.dumps(app).encode(); body = text[:rng.randrange(1, len(text) - 1)]
    elif kind == "unknown":
        app[rng.choice(["race", "sex", "age", "ssn", "__proto__", "$where"])] = "x"; body = json.dumps(app).encode()
    elif kind == "many":
        app["obligations"] = app["obligations"] * 21 if rng.random() < 0.5 else app["obligations"]
        if len(app["obligations"]) <= 20: app["obligations"][0]["payments"] = app["obligations"][0]["payments"] * 130 or [{"dueDate": "2026-01-01", "amountDue": 1, "paidDate": None, "amountPaid": 0}] * 130
        body = json.dumps(app).encode()
    elif kind == "long":
        app["applicationId"] = "A" * rng.choice([65, 1000, 100000]); body = json.dumps(app).encode()
    elif kind == "bytes":
        body = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 2000)))
        body = b"{" + body  # an object that never closes: never valid JSON
    elif kind == "nan":
        body = json.dumps(app).replace('"requestedAmount": ', '"requestedAmount": NaN, "x": ', 1).encode()
    elif kind == "empty":
        body = rng.choice([b"", b" ", b"null", b"[]", b"{}", b'""', b"0", b"true"])
    elif kind == "toplevel":
        body = json.dumps([app]).encode()
    elif kind == "dup_bad":
        body = json.dumps(app).replace("{", '{"requestedAmount": "dup", ', 1).encode()
    else:  # bom + wrong content type or oversize
        body = b"\xef\xbb\xbf" + json.dumps(app).encode()
        if rng.random() < 0.5:
            ctype = rng.choice(["text/plain", "application/xml", "application/json; charset=latin1", "multipart/form-data"])
        else:
            body = b'{"applicationId":"' + b"x" * 300000 + b'"}'
    return kind, body, ctype

# --- The decision request with bank transactions (issue 16): {applicationId, ..., consent, transactions} ---------------
import datetime, os
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FDX = json.load(open(os.path.join(ROOT, "data-samples", "transactions", "fdx.json")))

def tx_valid(i):
    """A request the service accepts: the FDX sample under a consent granted an hour ago for 30 days."""
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    iso = lambda t: t.strftime("%Y-%m-%dT%H:%M:%SZ")
    app = f"APP-FUZZ-TX-{i}"
    return {"applicationId": app, "applicantId": "CUS-T1", "asOfDate": "2026-06-30", "requestedAmount": 3000,
            "consent": {"consentId": f"cns-fuzz-{i}", "applicantId": "CUS-T1", "thirdParty": "Acme Lending", "dataProvider": "First Example Bank",
                        "accounts": ["CHK-1", "SAV-1"], "dataScope": {"categories": ["transactions", "balances"], "from": "2025-07-01", "to": "2026-06-30"},
                        "purpose": {"use": "credit_underwriting", "applicationId": app},
                        "grantedAt": iso(now - datetime.timedelta(hours=1)), "expiresAt": iso(now + datetime.timedelta(days=30)), "revocation": None},
            "transactions": dict({"format": "fdx"}, **json.loads(json.dumps(FDX)))}

def tx_hostile(rng, i):
    """One fault per body, each one that makes the request invalid (400) or not covered by the consent (403), or too large (413)."""
    req = tx_valid(i); c = req["consent"]; t = req["transactions"]
    txs = t["transactions"]
    # Only posted money movements: a pending or memo entry is ignored before its date is read, so removing that is no fault.
    # (and a repeated id is ignored likewise: only the first of each id counts).
    seen = set(); posted = []
    for x in txs:
        y = x.get("depositTransaction", x)
        if y.get("status", "POSTED") == "POSTED" and y.get("debitCreditMemo") != "MEMO" and y["transactionId"] not in seen: posted.append(x)
        seen.add(y["transactionId"])
    inner = rng.choice(posted); inner = inner.get("depositTransaction", inner)
    kind = rng.choice(["top_type", "consent_type", "consent_year", "consent_instant", "consent_category", "consent_unknown", "consent_missing",
                       "purpose_other", "applicant_other", "revoked", "expired", "format", "neg_amount", "amount_type", "account_outside",
                       "date_outside", "txs_type", "tx_missing", "dup", "trunc", "utf8", "deep", "huge"])
    if rng.random() < 0.005: kind = "oversize"  # 4.5 MB each: rare, so a run stays a few hundred MB
    if kind == "top_type":
        field = rng.choice(["applicationId", "applicantId", "asOfDate", "requestedAmount"])
        req[field] = rng.choice([None, [], {}, True, "1e999", -5] + ([7] if field != "requestedAmount" else ["7"]))
    elif kind == "consent_type": c[rng.choice(["consentId", "applicantId", "thirdParty", "dataProvider", "accounts", "dataScope", "purpose", "grantedAt", "expiresAt"])] = rng.choice([None, 7, [], {}, True])
    elif kind == "consent_year": c["expiresAt"] = rng.choice(["2099-01-01T00:00:00Z", "2000-01-01T00:00:00Z"])
    elif kind == "consent_instant": c[rng.choice(["grantedAt", "expiresAt"])] = rng.choice(["2026-06-30", "2026-06-30T09:00:00", "yesterday", "2026-02-30T00:00:00Z"])
    elif kind == "consent_category": c["dataScope"]["categories"] = rng.choice([["balances"], ["transactions", "transactions"], ["everything"], []])
    elif kind == "consent_unknown": c[rng.choice(["scope", "__proto__", "ssn"])] = "x"
    elif kind == "consent_missing": del req["consent"]
    elif kind == "purpose_other": c["purpose"]["applicationId"] = "APP-SOMEONE-ELSE"
    elif kind == "applicant_other": c["applicantId"] = "CUS-OTHER"
    elif kind == "revoked": c["grantedAt"] = "2026-11-30T00:00:00Z"; c["revocation"] = {"revokedAt": "2026-12-01T00:00:00Z", "revokedBy": "applicant"}
    elif kind == "expired": c["grantedAt"] = "2025-12-01T00:00:00Z"; c["expiresAt"] = "2026-01-01T00:00:00Z"
    elif kind == "format": t["format"] = rng.choice(["csv", "ofx", "", None, 7, "FDX"])
    elif kind == "neg_amount": inner["amount"] = -abs(inner["amount"]) - 0.01
    elif kind == "amount_type": inner["amount"] = rng.choice([str(inner["amount"]), None, [], 1.001, "1e400"])
    elif kind == "account_outside": c["accounts"] = ["CHK-1"]
    elif kind == "date_outside": c["dataScope"]["from"] = "2026-06-01"
    elif kind == "txs_type": t["transactions"] = rng.choice([None, "none", 5, {}])
    elif kind == "tx_missing": del inner[rng.choice(["accountId", "transactionId", "postedTimestamp", "amount", "debitCreditMemo"])]
    body = json.dumps(req)
    if kind == "dup": body = body.replace('"consent": {', '"consent": {"consentId": 7, ', 1)
    elif kind == "trunc": body = body[:rng.randrange(1, len(body) - 1)]
    elif kind == "deep": body = body.replace('"transactions": [', '"transactions": [' + "[" * 70 + "]" * 70 + ", ", 1)
    elif kind == "huge": body = body.replace('"requestedAmount": 3000', '"requestedAmount": ' + rng.choice(["1e400", "9" * 400, "0.001"]), 1)
    elif kind == "oversize": body = body.replace('"transactions": [', '"transactions": [' + ", ".join([json.dumps(txs[0])] * 15000) + ", ", 1)
    data = body.encode()
    if kind == "utf8": pos = rng.randrange(1, len(data) - 1); data = data[:pos] + b"\xff" + data[pos:]
    return kind, data, "application/json"

def oversize(url, key, body):
    """Declares the whole length but sends only the headers and the first 64 KB: the service must answer 413 from the
    declared length at once (and close), without reading the rest. Returns (status, first bytes of the answer)."""
    import socket
    with socket.create_connection((url.hostname, url.port), timeout=30) as s:
        head = (f"POST /v1/decisions HTTP/1.1\r\nHost: {url.hostname}\r\nAuthorization: Bearer {key}\r\n"
                f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode()
        try:
            s.sendall(head + body[:65536])
            answer = s.recv(4096)
        except OSError as e:
            return f"conn:{type(e).__name__}", b""
    try:
        return int(answer.split(b" ", 2)[1]), answer
    except (IndexError, ValueError):
        return "unreadable", answer

def main():
    base, key = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    threads = int(sys.argv[5]) if len(sys.argv) > 5 else 4
    # "transactions": decision requests with bank transactions and a consent (tx_hostile); default: applications.
    make = tx_hostile if len(sys.argv) > 6 and sys.argv[6] == "transactions" else hostile
    url = urllib.parse.urlparse(base)
    statuses = collections.Counter(); by_kind = collections.defaultdict(collections.Counter); bad = []
    lock = threading.Lock()

    def worker(w):
        rng = random.Random(seed * 1000 + w)
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        for i in range(w, n, threads):
            kind, body, ctype = make(rng, i)
            if kind == "oversize":
                status, text = oversize(url, key, body)
                with lock:
                    statuses[status] += 1; by_kind[kind][status] += 1
                    if not (isinstance(status, int) and 400 <= status < 500) and len(bad) < 10:
                        bad.append((kind, status, body[:200], text[:300]))
                continue
            for attempt in range(2):
                try:
                    conn.request("POST", "/v1/decisions", body=body, headers={"Content-Type": ctype, "Authorization": "Bearer " + key})
                    r = conn.getresponse(); text = r.read(); status = r.status
                    if r.getheader("Connection", "").lower() == "close":
                        conn.close(); conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
                    break
                except (http.client.HTTPException, ConnectionError, OSError) as e:
                    conn.close(); conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
                    status, text = f"conn:{type(e).__name__}", b""
            with lock:
                statuses[status] += 1; by_kind[kind][status] += 1
                if not (isinstance(status, int) and 400 <= status < 500) and len(bad) < 10:
                    bad.append((kind, status, body[:200], text[:300]))
        conn.close()

    ts = [threading.Thread(target=worker, args=(w,)) for w in range(threads)]
    [t.start() for t in ts]; [t.join() for t in ts]

    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    conn.request("GET", "/health"); health = conn.getresponse(); health.read()
    good = json.dumps(valid(random.Random(99), 1)).encode()
    conn.request("POST", "/v1/decisions", body=good, headers={"Content-Type": "application/json", "Authorization": "Bearer " + key})
    after = conn.getresponse(); after.read()

    total = sum(statuses.values()); four = sum(c for s, c in statuses.items() if isinstance(s, int) and 400 <= s < 500)
    print(f"bodies={total} answered_4xx={four} other={total - four} health_after={health.status} valid_decision_after={after.status}")
    print("by status: " + ", ".join(f"{s}={c}" for s, c in sorted(statuses.items(), key=lambda x: str(x[0]))))
    for kind in sorted(by_kind):
        print(f"  {kind:10s} " + ", ".join(f"{s}={c}" for s, c in sorted(by_kind[kind].items(), key=lambda x: str(x[0]))))
    for b in bad:
        print("NOT 4xx:", b)
    ok = four == total and health.status == 200 and after.status == 201
    print("PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)

if __name__ == "__main__":
    main()
