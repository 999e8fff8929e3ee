using CreditAlt.Fairness.Statistics;

namespace CreditAlt.Fairness.Audit;

/// <summary>
/// Runs a fairness audit. <see cref="Run"/> works on rows in memory; <see cref="Summarise"/> works on counts
/// aggregated per group (e.g. by a database), so both sources produce the same figures.
/// </summary>
public static partial class AuditEngine
{
    /// <summary>Audits decisions held in memory: tallies per group, summarises, and fits the controlled regressions.</summary>
    public static AuditReport Run(AuditInput input, AuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        var counts = Tally(input, options);
        var report = Summarise(counts, options);
        if (input.Controls.Count == 0)
        {
            return report;
        }

        var controlled = new List<ControlledAnalysis>();
        foreach (var attribute in input.Attributes)
        {
            var result = report.Attributes.First(a => a.Attribute == attribute.Name);
            if (result.Reference is null)
            {
                continue;
            }

            controlled.Add(ControlledRegression.Fit(input, new Membership([attribute]), result));
        }

        return report with { Controlled = controlled };
    }

    /// <summary>The attributes audited: each attribute, then (when asked) every intersection of two or more, in order.</summary>
    internal static List<Membership> Memberships(AuditInput input, AuditOptions options)
    {
        var list = input.Attributes.Select(a => new Membership([a])).ToList();
        int k = input.Attributes.Count;
        if (options.Intersections && k > 1)
        {
            var subsets = new List<List<int>>();
            for (int mask = 1; mask < 1 << k; mask++)
            {
                if (System.Numerics.BitOperations.PopCount((uint)mask) > 1)
                {
                    subsets.Add(Enumerable.Range(0, k).Where(i => (mask & (1 << i)) != 0).ToList());
                }
            }

            // Pairs before triples, each in attribute order.
            foreach (var subset in subsets.OrderBy(s => s.Count).ThenBy(s => string.Join(',', s.Select(i => i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture))), StringComparer.Ordinal))
            {
                list.Add(new Membership(subset.Select(i => input.Attributes[i]).ToList()));
            }
        }

        return list;
    }

    /// <summary>Aggregates the rows into per-group counts (one pass per audited attribute, in parallel).</summary>
    public static AuditCounts Tally(AuditInput input, AuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        var memberships = Memberships(input, options);
        var bins = input.Scores is null ? null : ComputeBins(input.Scores, input.Outcomes, options);
        if (input.TruePd is not null)
        {
            bins ??= new ScoreBins([0, 1], []);
            bins = bins with { TruthEdges = QuantileEdges(input.TruePd, Math.Clamp(options.RiskBands, 1, 100)) };
        }

        var rows = RowBins.Compute(input, bins);
        var results = new AttributeCounts[memberships.Count];
        var cells = TallyCells(input, rows);
        if (cells is not null)
        {
            // Every attribute and intersection is a margin of the full cross-tabulation: add its cells up.
            for (int i = 0; i < memberships.Count; i++)
            {
                results[i] = FromCells(input, memberships[i], cells.Value.Cells, cells.Value.Strides, rows);
            }
        }
        else
        {
            Parallel.For(0, memberships.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            {
                results[i] = TallyOne(input, memberships[i], rows);
            });
        }

        return new AuditCounts(input.RowCount, results, bins) { DecisionLevels = input.Decisions?.Levels };
    }

    /// <summary>Largest cross-tabulation tallied in one pass; beyond it each attribute is tallied on its own.</summary>
    private const int MaxCells = 1 << 16;

    /// <summary>
    /// One pass over the rows into the cells of the cross-tabulation of all categorical attributes (code + 1 per
    /// attribute, 0 for missing), in parallel chunks. Null when an attribute is a proxy or the table is too large.
    /// </summary>
    private static (GroupCounts[] Cells, int[] Strides)? TallyCells(AuditInput input, RowBins rows)
    {
        if (input.Attributes.Any(a => a is not CategoricalAttribute))
        {
            return null;
        }

        int k = input.Attributes.Count;
        var strides = new int[k];
        long size = 1;
        for (int i = k - 1; i >= 0; i--)
        {
            strides[i] = (int)Math.Min(size, int.MaxValue);
            size *= input.Attributes[i].Groups.Count + 1;
            if (size > MaxCells)
            {
                return null;
            }
        }

        int cellCount = (int)size;
        var codes = input.Attributes.Select(a => ((CategoricalAttribute)a).Codes).ToArray();
        int n = input.RowCount;
        int chunks = Math.Max(1, Math.Min(Environment.ProcessorCount * 2, n / 65536));
        var partial = new GroupCounts[chunks][];
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, chunk =>
        {
            int from = (int)((long)n * chunk / chunks);
            int to = (int)((long)n * (chunk + 1) / chunks);
            partial[chunk] = TallyCellRange(input, codes, strides, cellCount, from, to, rows);
        });
        var total = partial[0];
        for (int chunk = 1; chunk < chunks; chunk++)
        {
            for (int c = 0; c < cellCount; c++)
            {
                total[c].AddFrom(partial[chunk][c]);
            }
        }

        return (total, strides);
    }

    private static GroupCounts[] TallyCellRange(AuditInput input, int[][] codes, int[] strides, int cellCount, int from, int to, RowBins rows)
    {
        var cells = new GroupCounts[cellCount];
        for (int c = 0; c < cellCount; c++)
        {
            cells[c] = rows.NewCounts(string.Empty, false);
        }

        var tally = new GroupTally(input, rows, cells);
        int k = codes.Length;
        for (int r = from; r < to; r++)
        {
            int c = 0;
            for (int i = 0; i < k; i++)
            {
                c += (codes[i][r] + 1) * strides[i];
            }

            tally.Add(c, r);
        }

        tally.Finish();
        return cells;
    }

    private static AttributeCounts FromCells(AuditInput input, Membership membership, GroupCounts[] cells, int[] cellStrides, RowBins rows)
    {
        var groups = membership.Groups.Select((g, i) => rows.NewCounts(g, i == membership.MissingIndex)).ToArray();
        var attributeIndex = membership.Components.Select(c => input.Attributes.ToList().IndexOf(c)).ToArray();
        var levels = input.Attributes.Select(a => a.Groups.Count + 1).ToArray();
        var strides = membership.Strides.ToArray();
        for (int cell = 0; cell < cells.Length; cell++)
        {
            if (cells[cell].Count == 0)
            {
                continue;
            }

            int group = 0;
            for (int i = 0; i < attributeIndex.Length; i++)
            {
                int a = attributeIndex[i];
                int code = cell / cellStrides[a] % levels[a] - 1;
                if (code < 0)
                {
                    group = membership.MissingIndex;
                    break;
                }

                group += code * strides[i];
            }

            groups[group].AddFrom(cells[cell]);
        }

        return new AttributeCounts(
            membership.Name,
            groups.Where(gc => gc.Count > 0).ToList(),
            membership.IsProxy,
            membership.IsIntersection,
            input.Segment is null ? null : [.. input.Segment.Levels, Membership.MissingLabel]);
    }

    private static AttributeCounts TallyOne(AuditInput input, Membership membership, RowBins rows)
    {
        var histogramBin = rows.HistogramBin;
        var groups = membership.Groups.Select((g, i) => rows.NewCounts(g, i == membership.MissingIndex)).ToArray();
        var favorable = input.Favorable;
        var scores = input.Scores;
        int n = input.RowCount;

        if (!membership.IsProxy)
        {
            // Hot loop over plain arrays (GroupTally); copied into the GroupCounts at the end.
            var components = membership.Components.Select(c => ((CategoricalAttribute)c).Codes).ToArray();
            var strides = membership.Strides.ToArray();
            int missing = membership.MissingIndex;
            var tally = new GroupTally(input, rows, groups);
            var first = components[0];
            for (int r = 0; r < n; r++)
            {
                int c = first[r];
                if (c < 0)
                {
                    c = missing;
                }
                else if (components.Length > 1)
                {
                    c *= strides[0];
                    for (int i = 1; i < components.Length; i++)
                    {
                        int v = components[i][r];
                        if (v < 0)
                        {
                            c = missing;
                            break;
                        }

                        c += v * strides[i];
                    }
                }

                tally.Add(c, r);
            }

            tally.Finish();
        }
        else
        {
            var weights = new double[groups.Length];
            for (int r = 0; r < n; r++)
            {
                Array.Clear(weights);
                membership.Weights(r, weights);
                bool f = favorable[r];
                for (int c = 0; c < weights.Length; c++)
                {
                    double w = weights[c];
                    if (w == 0.0)
                    {
                        continue;
                    }

                    var gc = groups[c];
                    gc.Count += w;
                    gc.CountSq += w * w;
                    if (f)
                    {
                        gc.Favorable += w;
                    }

                    if (scores is not null && !double.IsNaN(scores[r]))
                    {
                        double s = scores[r];
                        gc.ScoreCount += w;
                        gc.ScoreSum += w * s;
                        gc.ScoreSumSq += w * s * s;
                        gc.ScoreHistogram[histogramBin![r]] += w;
                    }

                    rows.AddDetails(gc, r, w, f);
                }
            }
        }

        // Groups that never occur (empty intersections) are dropped; the missing row stays only if used.
        var kept = groups.Where(gc => gc.Count > 0).ToList();
        return new AttributeCounts(
            membership.Name,
            kept,
            membership.IsProxy,
            membership.IsIntersection,
            input.Segment is null ? null : [.. input.Segment.Levels, Membership.MissingLabel]);
    }

    /// <summary>Equal-width histogram edges over the score range, and quantile band edges over scored rows with an outcome.</summary>
    internal static ScoreBins ComputeBins(double[] scores, sbyte[]? outcomes, AuditOptions options)
    {
        double min = double.PositiveInfinity;
        double max = double.NegativeInfinity;
        foreach (double s in scores)
        {
            if (!double.IsNaN(s))
            {
                min = Math.Min(min, s);
                max = Math.Max(max, s);
            }
        }

        if (double.IsInfinity(min))
        {
            min = 0;
            max = 1;
        }

        int bins = Math.Clamp(options.HistogramBins, 1, 1000);
        var edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++)
        {
            edges[i] = i == bins ? max : min + (max - min) * i / bins;
        }

        var bandEdges = Array.Empty<double>();
        if (outcomes is not null)
        {
            var known = new List<double>();
            for (int r = 0; r < scores.Length; r++)
            {
                if (outcomes[r] >= 0 && !double.IsNaN(scores[r]))
                {
                    known.Add(scores[r]);
                }
            }

            known.Sort();
            int k = Math.Clamp(options.CalibrationBands, 1, 250);
            // Cut points at the k-quantiles (lower order statistic); repeated values collapse into one band.
            bandEdges = known.Count == 0
                ? []
                : Enumerable.Range(1, k - 1).Select(i => known[(int)((long)i * known.Count / k)]).Distinct().ToArray();
        }

        int riskBands = Math.Clamp(options.RiskBands, 0, 100);
        return new ScoreBins(edges, bandEdges) { RiskEdges = riskBands > 1 ? QuantileEdges(scores, riskBands) : [] };
    }

    /// <summary>
    /// Inner cut points at the k-quantiles (lower order statistic) of the non-NaN values, from a sorted copy; repeated
    /// values collapse into one band.
    /// </summary>
    internal static double[] QuantileEdges(double[] values, int k)
    {
        int known = 0;
        foreach (double v in values)
        {
            known += double.IsNaN(v) ? 0 : 1;
        }

        if (known == 0 || k <= 1)
        {
            return [];
        }

        // One copy of the known values (no growing list): ten million scores cost 80 MB once, then a sort.
        var array = new double[known];
        int i = 0;
        foreach (double v in values)
        {
            if (!double.IsNaN(v))
            {
                array[i++] = v;
            }
        }

        Array.Sort(array);
        return Enumerable.Range(1, k - 1).Select(q => array[(int)((long)q * array.Length / k)]).Distinct().ToArray();
    }

}
