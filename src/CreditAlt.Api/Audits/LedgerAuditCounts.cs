using CreditAlt.Data;
using CreditAlt.Data.Audits;
using CreditAlt.Fairness.Audit;

namespace CreditAlt.Api.Audits;

/// <summary>An audit the ledger cannot answer (no decisions, no demographics for an attribute); the run is stored as failed.</summary>
internal sealed class LedgerAuditException(string message) : Exception(message);

/// <summary>
/// The API's twin of the CLI's <c>CreditAlt.Cli.Audit.LedgerAudit</c> (the API does not reference the CLI, and the data
/// layer does not reference the fairness engine, so the fold from SQL cells to audit counts lives in both hosts).
/// Builds <see cref="AuditCounts"/> for the decisions in the ledger from the database's <c>GROUP BY</c> answers
/// (<see cref="LedgerAuditQueries"/>), so that <see cref="AuditEngine.Summarise"/> gives the same figures as an
/// audit of the same decisions from a CSV file. The ledger holds no outcomes, so there is no calibration.
/// </summary>
internal static class LedgerAuditCounts
{
    /// <summary>Label of the missing row; the same as the CSV path's.</summary>
    private const string Missing = "(missing)";

    public static async Task<AuditCounts> CountsAsync(
        CreditAltDatabase db,
        IReadOnlyList<string> attributes,
        AuditOptions options,
        string favorableDecision,
        string? modelId,
        string? modelVersion,
        CancellationToken ct)
    {
        var totals = await db.AuditCellsAsync([], favorableDecision, modelId, modelVersion, ct).ConfigureAwait(false);
        long rowCount = totals.Sum(c => c.Rows);
        if (rowCount == 0)
        {
            throw new LedgerAuditException($"the ledger holds no decisions{(modelId is null ? string.Empty : $" of model {modelId}{(modelVersion is null ? string.Empty : " " + modelVersion)}")}");
        }

        var bins = Bins(totals, options);
        var subsets = Subsets(attributes.Count, options.Intersections);
        // With intersections the full cross-tabulation is queried anyway; when every membership is certain (weight 1)
        // its cells add up to every other attribute and intersection, so one query serves them all. Proxy weights
        // multiply, and Σ weight² does not add up that way, so proxies get one query per attribute/intersection.
        IReadOnlyList<LedgerAuditCell>? full = null;
        if (options.Intersections && attributes.Count > 1 && !await db.HasProxiesAsync(attributes, ct).ConfigureAwait(false))
        {
            full = await db.AuditCellsAsync(attributes, favorableDecision, modelId, modelVersion, ct).ConfigureAwait(false);
        }

        var levels = new List<string>[attributes.Count];
        var result = new List<AttributeCounts>();
        foreach (var subset in subsets)
        {
            var names = subset.Select(i => attributes[i]).ToList();
            IReadOnlyList<LedgerAuditCell> cells;
            if (full is not null)
            {
                cells = full.Select(c => c with { Groups = subset.Select(i => c.Groups[i]).ToArray() }).ToList();
            }
            else
            {
                cells = await db.AuditCellsAsync(names, favorableDecision, modelId, modelVersion, ct).ConfigureAwait(false);
            }

            if (subset.Count == 1)
            {
                // Levels as the CSV reader orders them: every group seen among the decisions, ordinal order.
                levels[subset[0]] = cells.Where(c => c.Groups[0] is not null).Select(c => c.Groups[0]!).Distinct().Order(StringComparer.Ordinal).ToList();
                if (levels[subset[0]].Count == 0)
                {
                    throw new LedgerAuditException($"no decision in the ledger has demographics for attribute '{names[0]}'");
                }
            }

            result.Add(Attribute(names, subset.Select(i => levels[i]).ToList(), cells, bins));
        }

        return new AuditCounts(rowCount, result, bins);
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
    private static ScoreBins Bins(IReadOnlyList<LedgerAuditCell> totals, AuditOptions options)
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

        return new ScoreBins(edges, []);
    }

    private static AttributeCounts Attribute(List<string> names, List<List<string>> levels, IReadOnlyList<LedgerAuditCell> cells, ScoreBins bins)
    {
        int histogramBins = bins.HistogramEdges.Length - 1;
        var codes = levels.Select(l => l.Select((g, i) => (g, i)).ToDictionary(t => t.g, t => t.i, StringComparer.Ordinal)).ToList();
        var groups = new SortedDictionary<int[], GroupCounts>(Comparer<int[]>.Create(CompareCodes));
        var missing = new GroupCounts(Missing, true, histogramBins);
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
                    target = new GroupCounts(string.Join(" × ", cell.Groups), false, histogramBins);
                    groups[key] = target;
                }
            }

            proxy |= cell.Weight != cell.Rows;
            double w = cell.Weight;
            target.Count += w;
            target.CountSq += cell.WeightSquared;
            target.Favorable += cell.Favorable;
            if (cell.Score is int s)
            {
                target.ScoreCount += w;
                target.ScoreSum += w * s;
                target.ScoreSumSq += w * s * (double)s;
                target.ScoreHistogram[bins.HistogramBin(s)] += w;
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
