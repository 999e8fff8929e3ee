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
        var indicatorGroups = result.Groups.Where(g => !g.IsReference && !g.InControl && g.Count > 0).Select(g => groupIndex[g.Group]).ToList();
        var groupColumn = new int[membership.Groups.Count];
        Array.Fill(groupColumn, -1);
        for (int i = 0; i < indicatorGroups.Count; i++)
        {
            groupColumn[indicatorGroups[i]] = 1 + i;
        }

        var terms = new List<string> { "(intercept)" };
        terms.AddRange(indicatorGroups.Select(g => membership.Groups[g]));
        int controlStart = terms.Count;

        // Controls: numeric standardised (coefficients per standard deviation, a readable unit whatever the scale);
        // a missing value is filled with the mean (0 after standardising, so it adds nothing) and marked by an
        // indicator column whose coefficient carries the effect of being missing. No row is dropped.
        var numeric = new List<(double[] Values, double Mean, double Sd, int MissingColumn)>();
        var text = new List<(int[] Codes, int[] Column)>();
        var notes = new List<string>();
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        foreach (var control in input.Controls)
        {
            switch (control)
            {
                case NumericControl nc:
                    double sum = 0, sumSq = 0;
                    long known = 0;
                    foreach (double v in nc.Values)
                    {
                        if (!double.IsNaN(v))
                        {
                            sum += v;
                            sumSq += v * v;
                            known++;
                        }
                    }

                    double mean = known > 0 ? sum / known : 0.0;
                    double sd = known > 1 ? Math.Sqrt(Math.Max(0.0, (sumSq - sum * mean) / (known - 1))) : 0.0;
                    if (!(sd > 0))
                    {
                        sd = 1.0;
                    }

                    terms.Add(string.Create(inv, $"{nc.Name} (per SD = {sd:#,0.####})"));
                    int missingColumn = -1;
                    if (known < nc.Values.Length)
                    {
                        missingColumn = -2; // assigned after every value column, below
                    }

                    numeric.Add((nc.Values, mean, sd, missingColumn));
                    notes.Add(string.Create(inv, $"{nc.Name}: standardised (mean {mean:#,0.####}, SD {sd:#,0.####}); {nc.Values.Length - known:N0} missing value(s) filled with the mean and marked by the indicator '{nc.Name} missing'"));
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
                    notes.Add($"{tc.Name}: one indicator per level against the most frequent level '{labels[baseLevel]}'; a missing value is its own level '{Membership.MissingLabel}'");
                    break;
            }
        }

        var numericNames = input.Controls.OfType<NumericControl>().Select(c => c.Name).ToList();
        for (int j = 0; j < numeric.Count; j++)
        {
            if (numeric[j].MissingColumn == -2)
            {
                // Controls missing on exactly the same rows (e.g. every cash-flow attribute without bank data) share one
                // indicator: separate identical columns would make the information matrix singular.
                int same = Enumerable.Range(0, j).FirstOrDefault(e => numeric[e].MissingColumn >= 0 && SameMissing(numeric[e].Values, numeric[j].Values), -1);
                if (same >= 0)
                {
                    numeric[j] = numeric[j] with { MissingColumn = numeric[same].MissingColumn };
                    terms[numeric[same].MissingColumn] += $" (also {numericNames[j]})";
                    notes.Add($"{numericNames[j]}: missing on exactly the rows where {numericNames[same]} is missing; shares its indicator");
                }
                else
                {
                    numeric[j] = numeric[j] with { MissingColumn = terms.Count };
                    terms.Add($"{numericNames[j]} missing");
                }
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
        long used = input.RowCount;

        // Covariates of a row with its group replaced by group column gc (0 = reference): for the marginal effects.
        void FillAs(int i, int gc, Span<double> x)
        {
            x.Clear();
            int r = membership.IsProxy ? rows[i] : i;
            x[0] = 1.0;
            if (gc > 0)
            {
                x[gc] = 1.0;
            }

            for (int j = 0; j < numericCount; j++)
            {
                var (values, mean, sd, missingColumn) = numeric[j];
                double v = values[r];
                if (double.IsNaN(v))
                {
                    x[missingColumn] = 1.0;
                }
                else
                {
                    x[controlStart + j] = (v - mean) / sd;
                }
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
        }

        (double, double) Fill(int i, Span<double> x)
        {
            int r = membership.IsProxy ? rows[i] : i;
            FillAs(i, groupColumn[groups[i]] > 0 ? groupColumn[groups[i]] : 0, x);
            return (favorable[r] ? 0.0 : 1.0, weights is null ? 1.0 : weights[i]);
        }

        LogisticFit fit;
        try
        {
            fit = LogisticRegression.Fit(pseudoRows, p, Fill);
        }
        catch (InvalidOperationException)
        {
            return new ControlledAnalysis(result.Attribute, result.Reference!, used, 0, false, [], []) { RowsAudited = input.RowCount, ControlNotes = notes };
        }

        var effects = MarginalEffects(fit, pseudoRows, p, indicatorGroups.Count, FillAs, i => weights is null ? 1.0 : weights[i]);

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

        for (int k = 0; k < indicatorGroups.Count; k++)
        {
            var (effect, se) = effects[k];
            all[1 + k] = all[1 + k] with
            {
                MarginalEffect = effect,
                MarginalEffectStdError = se,
                MarginalEffectCiLow = effect - Normal.Z975 * se,
                MarginalEffectCiHigh = effect + Normal.Z975 * se,
            };
        }

        return new ControlledAnalysis(result.Attribute, result.Reference!, used, fit.Iterations, fit.Converged, all.GetRange(1, indicatorGroups.Count), all)
        {
            RowsAudited = input.RowCount,
            ControlNotes = notes,
        };
    }

    private static bool SameMissing(double[] a, double[] b)
    {
        for (int i = 0; i < a.Length; i++)
        {
            if (double.IsNaN(a[i]) != double.IsNaN(b[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Average marginal effect of each group indicator on the probability of the favourable decision: for every row,
    /// P(favourable | its controls, this group) − P(favourable | its controls, the reference group), averaged (with
    /// the pseudo-rows' weights). Standard error by the delta method: g = ∂AME/∂β = mean of
    /// −[μ₁(1−μ₁)·x₁ − μ₀(1−μ₀)·x₀] (the model is of the adverse decision, hence the sign), SE = √(gᵀ V g).
    /// </summary>
    private static (double Effect, double StdError)[] MarginalEffects(LogisticFit fit, int rows, int p, int groups, Action<int, int, Span<double>> fillAs, Func<int, double> weight)
    {
        var beta = fit.Coefficients;
        var x1 = new double[p];
        var x0 = new double[p];
        var result = new (double, double)[groups];
        for (int k = 0; k < groups; k++)
        {
            double total = 0.0, effect = 0.0;
            var gradient = new double[p];
            for (int i = 0; i < rows; i++)
            {
                double w = weight(i);
                if (w <= 0)
                {
                    continue;
                }

                fillAs(i, 1 + k, x1);
                fillAs(i, 0, x0);
                double mu1 = Logistic(x1, beta);
                double mu0 = Logistic(x0, beta);
                total += w;
                effect += w * (mu0 - mu1); // favourable = 1 − adverse
                double d1 = mu1 * (1 - mu1), d0 = mu0 * (1 - mu0);
                for (int j = 0; j < p; j++)
                {
                    gradient[j] += w * (d0 * x0[j] - d1 * x1[j]);
                }
            }

            effect /= total;
            double variance = 0.0;
            for (int j = 0; j < p; j++)
            {
                gradient[j] /= total;
            }

            for (int j = 0; j < p; j++)
            {
                for (int l = 0; l < p; l++)
                {
                    variance += gradient[j] * fit.Covariance[j * p + l] * gradient[l];
                }
            }

            result[k] = (effect, Math.Sqrt(Math.Max(0.0, variance)));
        }

        return result;
    }

    private static double Logistic(double[] x, double[] beta)
    {
        double eta = 0.0;
        for (int j = 0; j < x.Length; j++)
        {
            eta += x[j] * beta[j];
        }

        return 1.0 / (1.0 + Math.Exp(-eta));
    }
}
