using CreditAlt.Fairness.Statistics;

namespace CreditAlt.Fairness.Audit;

/// <summary>
/// Logistic regression of the adverse decision on group indicators (reference group as base) plus controls.
/// Proxy memberships enter as frequency-weighted pseudo-rows, one per group with positive probability.
/// </summary>
internal static class ControlledRegression
{
    public static ControlledAnalysis Fit(AuditInput input, Membership membership, AttributeResult result)
    {
        // Group indicators for every group present except the reference.
        var groupIndex = membership.Groups.Select((g, i) => (g, i)).ToDictionary(t => t.g, t => t.i, StringComparer.Ordinal);
        var indicatorGroups = result.Groups.Where(g => !g.IsReference && g.Count > 0).Select(g => groupIndex[g.Group]).ToList();
        var groupColumn = new int[membership.Groups.Count];
        Array.Fill(groupColumn, -1);
        for (int i = 0; i < indicatorGroups.Count; i++)
        {
            groupColumn[indicatorGroups[i]] = 1 + i;
        }

        var terms = new List<string> { "(intercept)" };
        terms.AddRange(indicatorGroups.Select(g => membership.Groups[g]));
        int controlStart = terms.Count;

        // Controls: numeric as given; text one-hot against its most frequent level.
        var numeric = new List<double[]>();
        var text = new List<(int[] Codes, int[] Column)>();
        foreach (var control in input.Controls)
        {
            switch (control)
            {
                case NumericControl nc:
                    numeric.Add(nc.Values);
                    terms.Add(nc.Name);
                    break;
                case TextControl tc:
                    int levels = tc.Levels.Count + 1; // last = missing
                    var freq = new long[levels];
                    foreach (int c in tc.Codes)
                    {
                        freq[c < 0 ? levels - 1 : c]++;
                    }

                    var labels = tc.Levels.Append(Membership.MissingLabel).ToList();
                    int baseLevel = Enumerable.Range(0, levels).OrderByDescending(l => freq[l]).ThenBy(l => labels[l], StringComparer.Ordinal).First();
                    var column = new int[levels];
                    Array.Fill(column, -1);
                    foreach (int l in Enumerable.Range(0, levels).Where(l => l != baseLevel && freq[l] > 0).OrderBy(l => labels[l], StringComparer.Ordinal))
                    {
                        column[l] = terms.Count;
                        terms.Add($"{tc.Name}={labels[l]}");
                    }

                    text.Add((tc.Codes, column));
                    break;
            }
        }

        int p = terms.Count;
        int numericCount = numeric.Count;
        var favorable = input.Favorable;

        // Pseudo-rows: one per row for categorical groups; one per (row, group) with weight for proxies.
        int[] rows;
        int[] groups;
        double[]? weights = null;
        if (!membership.IsProxy)
        {
            groups = membership.Codes();
            rows = [];
        }
        else
        {
            var rowList = new List<int>();
            var groupList = new List<int>();
            var weightList = new List<double>();
            var w = new double[membership.Groups.Count];
            for (int r = 0; r < input.RowCount; r++)
            {
                Array.Clear(w);
                membership.Weights(r, w);
                for (int g = 0; g < w.Length; g++)
                {
                    if (w[g] > 0)
                    {
                        rowList.Add(r);
                        groupList.Add(g);
                        weightList.Add(w[g]);
                    }
                }
            }

            rows = [.. rowList];
            groups = [.. groupList];
            weights = [.. weightList];
        }

        int pseudoRows = membership.IsProxy ? rows.Length : input.RowCount;
        long used = 0;
        var usable = new bool[pseudoRows];
        for (int i = 0; i < pseudoRows; i++)
        {
            int r = membership.IsProxy ? rows[i] : i;
            bool ok = true;
            for (int j = 0; j < numericCount; j++)
            {
                if (double.IsNaN(numeric[j][r]))
                {
                    ok = false;
                    break;
                }
            }

            usable[i] = ok;
        }

        for (int r = 0; r < input.RowCount; r++)
        {
            bool ok = true;
            for (int j = 0; j < numericCount; j++)
            {
                ok &= !double.IsNaN(numeric[j][r]);
            }

            used += ok ? 1 : 0;
        }

        (double, double) Fill(int i, Span<double> x)
        {
            x.Clear();
            int r = membership.IsProxy ? rows[i] : i;
            if (!usable[i])
            {
                return (0.0, 0.0);
            }

            x[0] = 1.0;
            int gc = groupColumn[groups[i]];
            if (gc > 0)
            {
                x[gc] = 1.0;
            }

            for (int j = 0; j < numericCount; j++)
            {
                x[controlStart + j] = numeric[j][r];
            }

            foreach (var (codes, column) in text)
            {
                int c = codes[r];
                int col = column[c < 0 ? column.Length - 1 : c];
                if (col >= 0)
                {
                    x[col] = 1.0;
                }
            }

            return (favorable[r] ? 0.0 : 1.0, weights is null ? 1.0 : weights[i]);
        }

        LogisticFit fit;
        try
        {
            fit = LogisticRegression.Fit(pseudoRows, p, Fill);
        }
        catch (InvalidOperationException)
        {
            return new ControlledAnalysis(result.Attribute, result.Reference!, used, 0, false, [], []);
        }

        var all = new List<ControlledTerm>();
        for (int j = 0; j < p; j++)
        {
            double b = fit.Coefficients[j];
            double se = fit.StandardErrors[j];
            all.Add(new ControlledTerm(
                result.Attribute,
                terms[j],
                b,
                se,
                Math.Exp(b),
                Math.Exp(b - Normal.Z975 * se),
                Math.Exp(b + Normal.Z975 * se),
                Normal.TwoSidedP(b / se)));
        }

        return new ControlledAnalysis(result.Attribute, result.Reference!, used, fit.Iterations, fit.Converged, all.GetRange(1, indicatorGroups.Count), all);
    }
}
