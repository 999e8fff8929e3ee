#!/usr/bin/env python3
"""Exact stratified-bootstrap distribution of AUC and KS for a small case, independent of the C# code.

The bootstrap that CreditAlt.Modeling.Evaluation.Bootstrap approximates by drawing resamples draws the bads
with replacement from the bads and the goods from the goods. For a small sample every resample can be listed:
each multiset of bads (and of goods) has multinomial probability, so the bootstrap distribution of AUC and KS
is known exactly. This script enumerates it with the standard library only (python3, no numpy) and prints
the exact mean, standard deviation and 2.5th/97.5th percentiles (the smallest value whose cumulative
probability reaches 0.025, resp. 0.975), with the cumulative probabilities either side of each percentile so
one can see that a Monte Carlo estimate with many resamples lands on the same value.

Run: python3 bootstrap_exact.py > bootstrap_exact.out.txt   (the output is committed beside this file)
"""
from fractions import Fraction
from itertools import combinations_with_replacement
from math import factorial, sqrt
from collections import Counter

BADS = [0.9, 0.6, 0.4, 0.35]           # risk scores of the bads (larger = riskier)
GOODS = [0.7, 0.5, 0.4, 0.2, 0.1]       # risk scores of the goods; 0.4 ties with a bad


def multisets(values):
    """Every multiset of len(values) draws with replacement, with its probability."""
    n = len(values)
    for combo in combinations_with_replacement(range(n), n):
        counts = Counter(combo)
        ways = factorial(n)
        for c in counts.values():
            ways //= factorial(c)
        yield [values[i] for i in combo], Fraction(ways, n ** n)


def auc(bads, goods):
    s = Fraction(0)
    for b in bads:
        for g in goods:
            s += 1 if b > g else Fraction(1, 2) if b == g else 0
    return s / (len(bads) * len(goods))


def ks(bads, goods):
    best = Fraction(0)
    for t in sorted(set(bads) | set(goods)):
        gap = abs(Fraction(sum(b <= t for b in bads), len(bads)) - Fraction(sum(g <= t for g in goods), len(goods)))
        best = max(best, gap)
    return best


def summary(name, dist):
    values = sorted(dist)
    mean = sum(v * p for v, p in dist.items())
    var = sum((v - mean) ** 2 * p for v, p in dist.items())
    print(f"{name} mean {float(mean):.10f} sd {sqrt(var):.10f}")
    for q in (Fraction(25, 1000), Fraction(975, 1000)):
        cum = Fraction(0)
        for i, v in enumerate(values):
            before = cum
            cum += dist[v]
            if cum >= q:
                print(f"{name} quantile {float(q)} = {v} = {float(v):.10f} (cumulative {float(before):.6f} below, {float(cum):.6f} at)")
                break


auc_dist, ks_dist = Counter(), Counter()
for bads, pb in multisets(BADS):
    for goods, pg in multisets(GOODS):
        auc_dist[auc(bads, goods)] += pb * pg
        ks_dist[ks(bads, goods)] += pb * pg

print(f"sample AUC {auc(BADS, GOODS)} KS {ks(BADS, GOODS)}")
summary("AUC", auc_dist)
summary("KS", ks_dist)
