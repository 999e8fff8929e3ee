#!/usr/bin/env python3
"""Writes N realistic application bodies (one JSON document per line) for the API load test.

Each application has a rent account with 12-36 monthly payments, usually a utility and a telecom
account, and 6-12 months of bank cash flow; a seeded share of payments is late, partial or missed,
so the bodies spread over approve, refer, decline and insufficient data. Deterministic for a seed.
usage: make-api-bodies.py N OUT [SEED]
"""
import json, random, sys, datetime as dt

def add_months(d, m):
    y, mo = divmod(d.month - 1 + m, 12)
    return dt.date(d.year + y, mo + 1, min(d.day, 28))

def account(rng, kind, furnisher, amount, months, as_of, risk):
    payments = []
    for i in range(months, 0, -1):
        due = add_months(as_of.replace(day=1), -i)
        r = rng.random()
        if r < risk * 0.15:
            payments.append({"dueDate": due.isoformat(), "amountDue": amount, "paidDate": None, "amountPaid": 0})
        elif r < risk * 0.5:
            paid = due + dt.timedelta(days=rng.choice([8, 20, 35, 45, 70]))
            payments.append({"dueDate": due.isoformat(), "amountDue": amount, "paidDate": min(paid, as_of).isoformat(), "amountPaid": amount})
        elif r < risk * 0.6:
            payments.append({"dueDate": due.isoformat(), "amountDue": amount, "paidDate": due.isoformat(), "amountPaid": round(amount / 2, 2)})
        else:
            paid = due + dt.timedelta(days=rng.choice([-3, 0, 0, 1, 2]))
            payments.append({"dueDate": due.isoformat(), "amountDue": amount, "paidDate": paid.isoformat(), "amountPaid": amount})
    return {"accountId": f"{kind[:3].upper()}-{rng.randrange(10**6):06d}", "type": kind, "furnisher": furnisher, "monthlyAmount": amount, "payments": payments}

def application(rng, i):
    as_of = dt.date(2026, rng.randrange(1, 11), 28)
    risk = rng.choice([0.02, 0.05, 0.1, 0.2, 0.4, 0.7])
    history = rng.choice([3, 12, 18, 24, 36, 36])
    obligations = [account(rng, "rent", rng.choice(["Maple Court Apartments", "Riverside Lettings", "Oak Street Homes"]),
                           float(rng.randrange(700, 2200)), history, as_of, risk)]
    if rng.random() < 0.8:
        obligations.append(account(rng, "utility", "City Power & Light", float(rng.randrange(60, 180)), min(history, 24), as_of, risk))
    if rng.random() < 0.6:
        obligations.append(account(rng, "telecom", "Northwind Mobile", float(rng.randrange(30, 90)), min(history, 18), as_of, risk))
    cash = []
    for m in range(rng.choice([0, 6, 12]), 0, -1):
        month = add_months(as_of.replace(day=1), -m)
        inflow = float(rng.randrange(2500, 6000))
        outflow = round(inflow * rng.uniform(0.8, 1.1), 2)
        cash.append({"month": month.strftime("%Y-%m"), "inflow": inflow, "outflow": outflow,
                     "lowestBalance": float(rng.randrange(-300, 2500)), "nsfCount": rng.choice([0, 0, 0, 0, 1, 2, 4]) if risk > 0.1 else 0})
    return {"applicationId": f"APP-{i:08d}", "applicantId": f"PER-{i:08d}", "asOfDate": as_of.isoformat(),
            "requestedAmount": float(rng.randrange(500, 5000)), "obligations": obligations, "cashFlow": cash}

if __name__ == "__main__":
    n, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 42)
    with open(out, "w") as f:
        for i in range(n):
            f.write(json.dumps(application(rng, i), separators=(",", ":")) + "\n")
