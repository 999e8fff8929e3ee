#!/usr/bin/env python3
"""Independent reference for the controlled regression's average marginal effects (AME).

Written apart from the C# code, in plain Python (no numpy/statsmodels here): it makes a deterministic data set,
fits the logistic regression of the adverse decision by IRLS (Newton-Raphson, Gauss-Jordan inversion), and
computes for each group the AME on the probability of approval -- the mean over every applicant of
P(approve | controls, group g) - P(approve | controls, reference group) -- with its delta-method standard error
sqrt(g' V g), g = d AME / d beta, V = inverse Fisher information. This is what R's margins() does for a factor
and what statsmodels' get_margeff(dummy=True) does for a single 0/1 dummy.

Design (the same model as CreditAlt's, in a different parameterisation, which leaves fitted probabilities and so
AME and its delta-method SE unchanged): intercept, one dummy per non-reference group (missing group is its own
level), each numeric control raw with missing values set to 0 plus a missing indicator, one dummy per non-base
level of the text control (base = most frequent).

    python3 marginal_effects.py        # writes marginal-effects.csv and marginal-effects.json next to it
"""
import csv, json, math, os

HERE = os.path.dirname(os.path.abspath(__file__))


class Lcg:
    """64-bit LCG (Knuth MMIX constants): deterministic across Python versions."""
    def __init__(self, seed):
        self.s = seed

    def uniform(self):
        self.s = (6364136223846793005 * self.s + 1442695040888963407) % (1 << 64)
        return ((self.s >> 11) + 0.5) / float(1 << 53)


def make_data(n=3000):
    rng = Lcg(20261206)
    rows = []
    for i in range(n):
        u = rng.uniform()
        group = 'white' if u < 0.55 else 'black' if u < 0.75 else 'hispanic' if u < 0.97 else ''
        income = round(3000 + 2500 * rng.uniform() - (400 if group == 'black' else 0), 2)
        if rng.uniform() < 0.06:
            income = None
        amount = round(500 + 9500 * rng.uniform(), 0)
        h = rng.uniform()
        housing = 'own' if h < 0.5 else 'rent' if h < 0.85 else 'free'
        eta = 1.2 + 0.0004 * ((income if income is not None else 3800) - 3800) - 0.00005 * amount \
            - (0.35 if group == 'black' else 0.2 if group == 'hispanic' else 0) - (0.3 if housing == 'rent' else 0) \
            - (0.4 if income is None else 0)
        approve = rng.uniform() < 1 / (1 + math.exp(-eta))
        rows.append({'id': i, 'decision': 'approve' if approve else 'decline', 'race': group,
                     'income': '' if income is None else repr(income), 'amount': repr(amount), 'housing': housing})
    return rows


def invert(a):
    n = len(a)
    m = [row[:] + [1.0 if i == j else 0.0 for j in range(n)] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        piv = m[c][c]
        m[c] = [v / piv for v in m[c]]
        for r in range(n):
            if r != c and m[r][c] != 0:
                f = m[r][c]
                m[r] = [vr - f * vc for vr, vc in zip(m[r], m[c])]
    return [row[n:] for row in m]


def main():
    rows = make_data()
    with open(os.path.join(HERE, 'marginal-effects.csv'), 'w', newline='') as f:
        w = csv.DictWriter(f, fieldnames=['id', 'decision', 'race', 'income', 'amount', 'housing'], lineterminator='\n')
        w.writeheader()
        w.writerows(rows)

    reference = 'white'
    levels = sorted({r['race'] or '(missing)' for r in rows} - {reference})
    counts = {}
    for r in rows:
        counts[r['housing']] = counts.get(r['housing'], 0) + 1
    base = sorted(counts, key=lambda k: (-counts[k], k))[0]
    housing_levels = sorted(set(counts) - {base})

    def x_of(r, group):
        inc = r['income']
        x = [1.0] + [1.0 if group == g else 0.0 for g in levels]
        x += [float(inc) if inc else 0.0, 0.0 if inc else 1.0, float(r['amount'])]
        x += [1.0 if r['housing'] == h else 0.0 for h in housing_levels]
        return x

    X = [x_of(r, r['race'] or '(missing)') for r in rows]
    y = [0.0 if r['decision'] == 'approve' else 1.0 for r in rows]  # adverse decision
    p = len(X[0])
    beta = [0.0] * p
    dev_old = float('inf')
    for it in range(100):
        info = [[0.0] * p for _ in range(p)]
        grad = [0.0] * p
        dev = 0.0
        for xi, yi in zip(X, y):
            mu = 1 / (1 + math.exp(-sum(a * b for a, b in zip(xi, beta))))
            dev -= 2 * (yi * math.log(mu) + (1 - yi) * math.log(1 - mu))
            v = mu * (1 - mu)
            for j in range(p):
                grad[j] += xi[j] * (yi - mu)
                for k in range(p):
                    info[j][k] += v * xi[j] * xi[k]
        if abs(dev - dev_old) / (abs(dev) + 0.1) < 1e-12:
            break
        dev_old = dev
        inv = invert(info)
        beta = [b + sum(inv[j][k] * grad[k] for k in range(p)) for j, b in enumerate(beta)]
    V = invert(info)

    def prob_adverse(x):
        return 1 / (1 + math.exp(-sum(a * b for a, b in zip(x, beta))))

    result = {}
    n = len(rows)
    for g in levels:
        ame = 0.0
        gvec = [0.0] * p
        for r in rows:
            x1, x0 = x_of(r, g), x_of(r, reference)
            m1, m0 = prob_adverse(x1), prob_adverse(x0)
            ame += (1 - m1) - (1 - m0)
            for j in range(p):
                gvec[j] += -(m1 * (1 - m1) * x1[j]) + m0 * (1 - m0) * x0[j]
        ame /= n
        gvec = [v / n for v in gvec]
        se = math.sqrt(sum(gvec[j] * V[j][k] * gvec[k] for j in range(p) for k in range(p)))
        result[g] = {'marginalEffect': ame, 'marginalEffectStdError': se,
                     'marginalEffectCiLow': ame - 1.959963984540054 * se, 'marginalEffectCiHigh': ame + 1.959963984540054 * se,
                     'coefficient': beta[1 + levels.index(g)], 'stdError': math.sqrt(V[1 + levels.index(g)][1 + levels.index(g)])}
    with open(os.path.join(HERE, 'marginal-effects.json'), 'w') as f:
        json.dump({'reference': reference, 'rows': n, 'groups': result}, f, indent=2, sort_keys=True)
        f.write('\n')


if __name__ == '__main__':
    main()
