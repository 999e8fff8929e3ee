namespace CreditAlt.Fairness.Audit;

/// <summary>
/// One answer row of a <c>GROUP BY</c> over decisions: a combination of groups (null where a decision has no
/// demographics for that attribute), a score (null when unscored), the number of decisions, their summed weights
/// (1 per decision for self-reported groups, the membership probability for proxies), the sum of squared weights
/// and the weighted count of favourable decisions.
/// </summary>
public sealed record AuditCell(IReadOnlyList<string?> Groups, int? Score, long Rows, double Weight, double WeightSquared, double Favorable)
{
    /// <summary>Weighted count per decision value, in the order of <see cref="CellAudit.DecisionValues"/>; empty when unknown.</summary>
    public IReadOnlyList<double> Decisions { get; init; } = [];
}

/// <summary>
/// Builds <see cref="AuditCounts"/> from aggregate cells a database computed, so that <see cref="AuditEngine.Summarise"/>
/// gives the same figures as an audit of the same decisions from a CSV file. The ledger audit of the CLI and of the
/// API both fold their SQL answers here. Cells carry no outcomes, so there is no calibration.
/// </summary>
public static class CellAudit
{
    /// <summary>Decision values of <see cref="AuditCell.Decisions"/>, ordinal order (a CSV audit orders its values so).</summary>
    public static readonly IReadOnlyList<string> DecisionValues = ["approve", "decline", "insufficient_data", "refer"];

    /// <summary>Label of the missing row; the same as the CSV path's.</summary>
    private const string Missing = "(missing)";

    /// <summary>
    /// Counts for each attribute (and, when asked, every intersection). <paramref name="cells"/> answers the
    /// aggregate for a list of attributes (the empty list: all decisions by score); <paramref name="hasProxies"/>
    /// tells whether any membership of those attributes is a probability. <paramref name="source"/> names the
    /// decisions in error messages ("the ledger"). Throws <see cref="FairnessInputException"/> when there are no
    /// decisions or an attribute has no demographics at all.
    /// </summary>
    public static async Task<AuditCounts> CountsAsync(
        Func<IReadOnlyList<string>, CancellationToken, Task<IReadOnlyList<AuditCell>>> cells,
        Func<IReadOnlyList<string>, CancellationToken, Task<bool>> hasProxies,
        IReadOnlyList<string> attributes,
        AuditOptions options,
        string source,
        Action<string>? step,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(hasProxies);
        ArgumentNullException.ThrowIfNull(attributes);
        ArgumentNullException.ThrowIfNull(options);
        step?.Invoke("all decisions");
        var totals = await cells([], ct).ConfigureAwait(false);
        long rowCount = totals.Sum(c => c.Rows);
        if (rowCount == 0)
        {
            throw new FairnessInputException($"{source} holds no decisions");
        }

        var bins = Bins(totals, options);
        // Decision values that occur, as a CSV audit lists the values present in its decision column.
        var used = totals.All(c => c.Decisions.Count == DecisionValues.Count)
            ? Enumerable.Range(0, DecisionValues.Count).Where(v => totals.Sum(c => c.Decisions[v]) > 0).ToArray()
            : [];
        var subsets = Subsets(attributes.Count, options.Intersections);
        // With intersections the full cross-tabulation is queried anyway; when every membership is certain (weight 1)
        // its cells add up to every other attribute and intersection, so one query serves them all. Proxy weights
        // multiply, and Σ weight² does not add up that way, so proxies get one query per attribute/intersection.
        IReadOnlyList<AuditCell>? full = null;
        if (options.Intersections && attributes.Count > 1 && !await hasProxies(attributes, ct).ConfigureAwait(false))
        {
            step?.Invoke(string.Join(" × ", attributes));
            full = await cells(attributes, ct).ConfigureAwait(false);
        }

        var levels = new List<string>[attributes.Count];
        var result = new List<AttributeCounts>();
        foreach (var subset in subsets)
        {
            var names = subset.Select(i => attributes[i]).ToList();
            IReadOnlyList<AuditCell> subsetCells;
            if (full is not null)
            {
                subsetCells = full.Select(c => c with { Groups = subset.Select(i => c.Groups[i]).ToArray() }).ToList();
            }
            else
            {
                step?.Invoke(string.Join(" × ", names));
                subsetCells = await cells(names, ct).ConfigureAwait(false);
            }

            if (subset.Count == 1)
            {
                // Levels as the CSV reader orders them: every group seen among the decisions, ordinal order.
                levels[subset[0]] = subsetCells.Where(c => c.Groups[0] is not null).Select(c => c.Groups[0]!).Distinct().Order(StringComparer.Ordinal).ToList();
                if (levels[subset[0]].Count == 0)
                {
                    throw new FairnessInputException($"no decision in {source} has demographics for attribute '{names[0]}'");
                }
            }

            result.Add(Attribute(names, subset.Select(i => levels[i]).ToList(), subsetCells, bins, used));
        }

        return new AuditCounts(rowCount, result, bins) { DecisionLevels = used.Length == 0 ? null : used.Select(v => DecisionValues[v]).ToList() };
    }

    /// <summary>Each attribute, then every intersection of two or more, pairs before triples (as the CSV path).</summary>
    private static List<List<int>> Subsets(int k, bool intersections)
    {
        var list = Enumerable.Range(0, k).Select(i => new List<int> { i }).ToList();
        if (intersections && k > 1)
        {
            var more = new List<List<int>>();
            for (int mask = 1; mask < 1 << k; mask++)
            {
                if (System.Numerics.BitOperations.PopCount((uint)mask) > 1)
                {
                    more.Add(Enumerable.Range(0, k).Where(i => (mask & (1 << i)) != 0).ToList());
                }
            }

            list.AddRange(more.OrderBy(s => s.Count).ThenBy(s => string.Join(',', s.Select(i => i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture))), StringComparer.Ordinal));
        }

        return list;
    }

    /// <summary>Histogram edges over the score range, computed as the CSV path does; no calibration bands.</summary>
    private static ScoreBins Bins(IReadOnlyList<AuditCell> totals, AuditOptions options)
    {
        var scored = totals.Where(c => c.Score is not null).Select(c => (double)c.Score!.Value).ToList();
        double min = scored.Count == 0 ? 0 : scored.Min();
        double max = scored.Count == 0 ? 1 : scored.Max();
        int bins = Math.Clamp(options.HistogramBins, 1, 1000);
        var edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++)
        {
            edges[i] = i == bins ? max : min + (max - min) * i / bins;
        }

        return new ScoreBins(edges, []) { RiskEdges = RiskEdges(totals, Math.Clamp(options.RiskBands, 0, 100)) };
    }

    /// <summary>
    /// Score quantiles over every scored decision, as <see cref="AuditEngine.QuantileEdges"/> takes them from rows:
    /// the value at position i·n/k of the sorted scores, found by walking the cells' counts in score order.
    /// </summary>
    private static double[] RiskEdges(IReadOnlyList<AuditCell> totals, int k)
    {
        var byScore = totals.Where(c => c.Score is not null).GroupBy(c => c.Score!.Value).OrderBy(g => g.Key).Select(g => (Score: g.Key, Rows: g.Sum(c => c.Rows))).ToList();
        long n = byScore.Sum(c => c.Rows);
        if (n == 0 || k <= 1)
        {
            return [];
        }

        var edges = new List<double>();
        for (int i = 1; i < k; i++)
        {
            long position = (long)i * n / k;
            long seen = 0;
            foreach (var (score, rows) in byScore)
            {
                seen += rows;
                if (seen > position)
                {
                    edges.Add(score);
                    break;
                }
            }
        }

        return edges.Distinct().ToArray();
    }

    private static AttributeCounts Attribute(List<string> names, List<List<string>> levels, IReadOnlyList<AuditCell> cells, ScoreBins bins, int[] used)
    {
        int histogramBins = bins.HistogramEdges.Length - 1;
        var codes = levels.Select(l => l.Select((g, i) => (g, i)).ToDictionary(t => t.g, t => t.i, StringComparer.Ordinal)).ToList();
        var groups = new SortedDictionary<int[], GroupCounts>(Comparer<int[]>.Create(CompareCodes));
        int riskBands = bins.RiskEdges.Length == 0 ? 0 : bins.RiskEdges.Length + 1;
        var missing = new GroupCounts(Missing, true, histogramBins, decisions: used.Length, riskBands: riskBands);
        bool proxy = false;
        foreach (var cell in cells)
        {
            GroupCounts target;
            if (cell.Groups.Any(g => g is null))
            {
                target = missing;
            }
            else
            {
                var key = cell.Groups.Select((g, i) => codes[i][g!]).ToArray();
                if (!groups.TryGetValue(key, out target!))
                {
                    target = new GroupCounts(string.Join(" × ", cell.Groups), false, histogramBins, decisions: used.Length, riskBands: riskBands);
                    groups[key] = target;
                }
            }

            proxy |= cell.Weight != cell.Rows;
            double w = cell.Weight;
            target.Count += w;
            target.CountSq += cell.WeightSquared;
            target.Favorable += cell.Favorable;
            for (int v = 0; v < used.Length; v++)
            {
                target.DecisionCount[v] += cell.Decisions[used[v]];
            }
            if (cell.Score is int s)
            {
                target.ScoreCount += w;
                target.ScoreSum += w * s;
                target.ScoreSumSq += w * s * (double)s;
                target.ScoreHistogram[bins.HistogramBin(s)] += w;
                if (riskBands > 0)
                {
                    int band = ScoreBins.BandOf(bins.RiskEdges, s);
                    target.RiskCount[band] += w;
                    target.RiskFavorable[band] += cell.Favorable;
                }
            }
        }

        var list = groups.Values.Append(missing).Where(g => g.Count > 0).ToList();
        return new AttributeCounts(string.Join(" × ", names), list, proxy, names.Count > 1);
    }

    private static int CompareCodes(int[] a, int[] b)
    {
        for (int i = 0; i < a.Length; i++)
        {
            int c = a[i].CompareTo(b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }
}
