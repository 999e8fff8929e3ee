using CreditAlt.Fairness.Statistics;

namespace CreditAlt.Fairness.Audit;

/// <summary>
/// Runs a fairness audit. <see cref="Run"/> works on rows in memory; <see cref="Summarise"/> works on counts
/// aggregated per group (e.g. by a database), so both sources produce the same figures.
/// </summary>
public static class AuditEngine
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
        // Score bin and calibration band of each row, computed once for all attributes.
        short[]? histogramBin = null;
        byte[]? band = null;
        if (bins is not null)
        {
            var scores = input.Scores!;
            histogramBin = new short[scores.Length];
            band = input.Outcomes is null ? null : new byte[scores.Length];
            for (int r = 0; r < scores.Length; r++)
            {
                double s = scores[r];
                if (!double.IsNaN(s))
                {
                    histogramBin[r] = (short)bins.HistogramBin(s);
                    if (band is not null)
                    {
                        band[r] = (byte)bins.Band(s);
                    }
                }
            }
        }

        var results = new AttributeCounts[memberships.Count];
        var cells = TallyCells(input, bins, histogramBin, band);
        if (cells is not null)
        {
            // Every attribute and intersection is a margin of the full cross-tabulation: add its cells up.
            for (int i = 0; i < memberships.Count; i++)
            {
                results[i] = FromCells(input, memberships[i], cells.Value.Cells, cells.Value.Strides, bins);
            }
        }
        else
        {
            Parallel.For(0, memberships.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            {
                results[i] = TallyOne(input, memberships[i], bins, histogramBin, band);
            });
        }

        return new AuditCounts(input.RowCount, results, bins);
    }

    /// <summary>Largest cross-tabulation tallied in one pass; beyond it each attribute is tallied on its own.</summary>
    private const int MaxCells = 1 << 16;

    /// <summary>
    /// One pass over the rows into the cells of the cross-tabulation of all categorical attributes (code + 1 per
    /// attribute, 0 for missing), in parallel chunks. Null when an attribute is a proxy or the table is too large.
    /// </summary>
    private static (GroupCounts[] Cells, int[] Strides)? TallyCells(AuditInput input, ScoreBins? bins, short[]? histogramBin, byte[]? band)
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
            partial[chunk] = TallyCellRange(input, codes, strides, cellCount, from, to, bins, histogramBin, band);
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

    private static GroupCounts[] TallyCellRange(AuditInput input, int[][] codes, int[] strides, int cellCount, int from, int to, ScoreBins? bins, short[]? histogramBin, byte[]? band)
    {
        int histogramBins = bins is null ? 0 : bins.HistogramEdges.Length - 1;
        int bands = bins is null || input.Outcomes is null ? 0 : bins.BandEdges.Length + 1;
        int segments = input.Segment is null ? 0 : input.Segment.Levels.Count + 1;
        var cells = new GroupCounts[cellCount];
        for (int c = 0; c < cellCount; c++)
        {
            cells[c] = new GroupCounts(string.Empty, false, histogramBins, bands, segments);
        }

        var favorable = input.Favorable;
        var scores = input.Scores;
        var outcomes = input.Outcomes;
        var segmentCodes = input.Segment?.Codes;
        bool details = outcomes is not null || segmentCodes is not null;
        var count = new double[cellCount];
        var fav = new double[cellCount];
        var scoreCount = new double[cellCount];
        var scoreSum = new double[cellCount];
        var scoreSumSq = new double[cellCount];
        var histogram = new double[cellCount * Math.Max(1, histogramBins)];
        int k = codes.Length;
        for (int r = from; r < to; r++)
        {
            int c = 0;
            for (int i = 0; i < k; i++)
            {
                c += (codes[i][r] + 1) * strides[i];
            }

            count[c] += 1.0;
            bool f = favorable[r];
            fav[c] += f ? 1.0 : 0.0;
            if (scores is not null)
            {
                double s = scores[r];
                if (!double.IsNaN(s))
                {
                    scoreCount[c] += 1.0;
                    scoreSum[c] += s;
                    scoreSumSq[c] += s * s;
                    histogram[c * histogramBins + histogramBin![r]] += 1.0;
                }
            }

            if (details)
            {
                AddOutcomeAndSegment(cells[c], r, 1.0, f, scores, outcomes, band, segmentCodes, segments - 1);
            }
        }

        for (int c = 0; c < cellCount; c++)
        {
            var gc = cells[c];
            gc.Count = count[c];
            gc.CountSq = count[c];
            gc.Favorable = fav[c];
            gc.ScoreCount = scoreCount[c];
            gc.ScoreSum = scoreSum[c];
            gc.ScoreSumSq = scoreSumSq[c];
            if (histogramBins > 0)
            {
                Array.Copy(histogram, c * histogramBins, gc.ScoreHistogram, 0, histogramBins);
            }
        }

        return cells;
    }

    private static AttributeCounts FromCells(AuditInput input, Membership membership, GroupCounts[] cells, int[] cellStrides, ScoreBins? bins)
    {
        int histogramBins = bins is null ? 0 : bins.HistogramEdges.Length - 1;
        int bands = bins is null || input.Outcomes is null ? 0 : bins.BandEdges.Length + 1;
        int segments = input.Segment is null ? 0 : input.Segment.Levels.Count + 1;
        var groups = membership.Groups.Select((g, i) => new GroupCounts(g, i == membership.MissingIndex, histogramBins, bands, segments)).ToArray();
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

    private static AttributeCounts TallyOne(AuditInput input, Membership membership, ScoreBins? bins, short[]? histogramBin, byte[]? band)
    {
        int histogramBins = bins is null ? 0 : bins.HistogramEdges.Length - 1;
        int bands = bins is null || input.Outcomes is null ? 0 : bins.BandEdges.Length + 1;
        int segments = input.Segment?.Levels.Count + (input.Segment is null ? 0 : 1) ?? 0;
        var groups = membership.Groups.Select((g, i) => new GroupCounts(g, i == membership.MissingIndex, histogramBins, bands, segments)).ToArray();
        var favorable = input.Favorable;
        var scores = input.Scores;
        var outcomes = input.Outcomes;
        var segmentCodes = input.Segment?.Codes;
        int segmentMissing = segments - 1;
        int n = input.RowCount;

        if (!membership.IsProxy)
        {
            // Hot loop over plain local arrays (no per-row calls); copied into the GroupCounts at the end.
            var components = membership.Components.Select(c => ((CategoricalAttribute)c).Codes).ToArray();
            var strides = membership.Strides.ToArray();
            int g = groups.Length;
            int missing = membership.MissingIndex;
            var count = new double[g];
            var fav = new double[g];
            var scoreCount = new double[g];
            var scoreSum = new double[g];
            var scoreSumSq = new double[g];
            var histogram = new double[g * Math.Max(1, histogramBins)];
            bool details = outcomes is not null || segmentCodes is not null;
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

                count[c] += 1.0;
                bool f = favorable[r];
                if (f)
                {
                    fav[c] += 1.0;
                }

                if (scores is not null)
                {
                    double s = scores[r];
                    if (!double.IsNaN(s))
                    {
                        scoreCount[c] += 1.0;
                        scoreSum[c] += s;
                        scoreSumSq[c] += s * s;
                        histogram[c * histogramBins + histogramBin![r]] += 1.0;
                    }
                }

                if (details)
                {
                    AddOutcomeAndSegment(groups[c], r, 1.0, f, scores, outcomes, band, segmentCodes, segmentMissing);
                }
            }

            for (int c = 0; c < g; c++)
            {
                var gc = groups[c];
                gc.Count = count[c];
                gc.CountSq = count[c];
                gc.Favorable = fav[c];
                gc.ScoreCount = scoreCount[c];
                gc.ScoreSum = scoreSum[c];
                gc.ScoreSumSq = scoreSumSq[c];
                if (histogramBins > 0)
                {
                    Array.Copy(histogram, c * histogramBins, gc.ScoreHistogram, 0, histogramBins);
                }
            }
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

                    AddOutcomeAndSegment(gc, r, w, f, scores, outcomes, band, segmentCodes, segmentMissing);
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

    private static void AddOutcomeAndSegment(GroupCounts gc, int r, double w, bool fav, double[]? scores, sbyte[]? outcomes, byte[]? band, int[]? segmentCodes, int segmentMissing)
    {
        if (outcomes is not null)
        {
            sbyte o = outcomes[r];
            if (o == 1)
            {
                gc.Bad += w;
                if (fav)
                {
                    gc.BadFavorable += w;
                }
            }
            else if (o == 0)
            {
                gc.Good += w;
                if (fav)
                {
                    gc.GoodFavorable += w;
                }
            }

            if (o >= 0 && band is not null && !double.IsNaN(scores![r]))
            {
                int b = band[r];
                gc.BandCount[b] += w;
                gc.BandScoreSum[b] += w * scores[r];
                if (o == 1)
                {
                    gc.BandBad[b] += w;
                }
            }
        }

        if (segmentCodes is not null)
        {
            int seg = segmentCodes[r] < 0 ? segmentMissing : segmentCodes[r];
            gc.SegmentCount[seg] += w;
            if (fav)
            {
                gc.SegmentFavorable[seg] += w;
            }
        }
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

        return new ScoreBins(edges, bandEdges);
    }

    /// <summary>Turns per-group counts into the audit figures (every figure except the controlled regression).</summary>
    public static AuditReport Summarise(AuditCounts counts, AuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(options);
        var attributes = counts.Attributes.Select(a => SummariseAttribute(a, counts.Bins, options)).ToList();
        return new AuditReport(counts.RowCount, options, attributes, [], counts.Bins);
    }

    private static AttributeResult SummariseAttribute(AttributeCounts a, ScoreBins? bins, AuditOptions options)
    {
        bool TooSmall(GroupCounts g) => g.Count < options.MinGroupSize;
        double Rate(GroupCounts g) => g.Count > 0 ? g.Favorable / g.Count : double.NaN;

        GroupCounts? reference = null;
        bool named = options.ReferenceGroups.TryGetValue(a.Attribute, out var namedLabel);
        if (named)
        {
            reference = a.Groups.FirstOrDefault(g => !g.IsMissing && g.Group == namedLabel)
                ?? throw new FairnessInputException($"reference group '{namedLabel}' does not occur in attribute '{a.Attribute}' (groups: {string.Join(", ", a.Groups.Where(g => !g.IsMissing).Select(g => g.Group))})");
        }
        else
        {
            foreach (var g in a.Groups)
            {
                if (!g.IsMissing && !TooSmall(g) && (reference is null || Rate(g) > Rate(reference)))
                {
                    reference = g;
                }
            }
        }

        double refRate = reference is null ? double.NaN : Rate(reference);
        var (refA, refB) = reference is null ? (0L, 0L) : EffectiveCells(reference);
        double refN = reference is null ? 0 : reference.Count;
        double pooledBandBad(int band) => a.Groups.Sum(g => g.BandBad.Length > band ? g.BandBad[band] : 0);
        double pooledBandCount(int band) => a.Groups.Sum(g => g.BandCount.Length > band ? g.BandCount[band] : 0);

        var results = new List<GroupResult>();
        foreach (var g in a.Groups)
        {
            double n = g.Count;
            double nEff = EffectiveN(g);
            double rate = Rate(g);
            var ci = Proportion.Wilson(g.Favorable, n);
            bool isReference = ReferenceEquals(g, reference);
            bool tooSmall = TooSmall(g);
            bool judged = reference is not null && !isReference && !tooSmall;
            double? air = null;
            double? p = null;
            TwoByTwoTest? test = null;
            double? diff = null;
            double? diffLow = null;
            double? diffHigh = null;
            if (isReference)
            {
                air = 1.0;
                diff = 0.0;
            }
            else if (judged)
            {
                air = refRate > 0 ? rate / refRate : double.NaN;
                var (ga, gb) = EffectiveCells(g);
                var t = TwoByTwo.Test(ga, gb, refA, refB);
                p = t.PValue;
                test = t.Test;
                diff = rate - refRate;
                var dci = Proportion.NewcombeDifference(g.Favorable, n, reference!.Favorable, refN);
                diffLow = dci.Low;
                diffHigh = dci.High;
            }

            bool flag = judged && !g.IsMissing && air < options.FourFifths;

            ScoreResult? score = null;
            if (bins is not null && g.ScoreCount > 0)
            {
                var (mean, sd) = MeanSd(g);
                double? smd = null;
                if (!isReference && reference is not null && reference.ScoreCount > 1 && g.ScoreCount > 1)
                {
                    var (refMean, refSd) = MeanSd(reference);
                    double pooled = Math.Sqrt(((g.ScoreCount - 1) * sd * sd + (reference.ScoreCount - 1) * refSd * refSd) / (g.ScoreCount + reference.ScoreCount - 2));
                    smd = pooled > 0 ? (mean - refMean) / pooled : null;
                }

                score = new ScoreResult(g.ScoreCount, mean, sd, smd);
            }

            OutcomeResult? outcome = null;
            if (g.Good + g.Bad > 0)
            {
                var bands = new List<CalibrationBand>();
                for (int b = 0; b < g.BandCount.Length; b++)
                {
                    if (g.BandCount[b] <= 0)
                    {
                        continue;
                    }

                    double low = b == 0 ? bins!.HistogramEdges[0] : bins!.BandEdges[b - 1];
                    double high = b == bins.BandEdges.Length ? bins.HistogramEdges[^1] : bins.BandEdges[b];
                    bands.Add(new CalibrationBand(b + 1, low, high, g.BandCount[b], g.BandBad[b], g.BandBad[b] / g.BandCount[b], pooledBandBad(b) / pooledBandCount(b), g.BandScoreSum[b] / g.BandCount[b]));
                }

                double approvedKnown = g.GoodFavorable + g.BadFavorable;
                outcome = new OutcomeResult(
                    g.Good,
                    g.Bad,
                    g.Good > 0 ? g.GoodFavorable / g.Good : null,
                    g.Bad > 0 ? g.BadFavorable / g.Bad : null,
                    approvedKnown > 0 ? g.BadFavorable / approvedKnown : null,
                    bands);
            }

            results.Add(new GroupResult(
                g.Group, n, nEff, g.Favorable, rate, ci.Low, ci.High, air, p, test, diff, diffLow, diffHigh, flag, tooSmall, g.IsMissing, isReference, score, outcome,
                g.ScoreHistogram));
        }

        var segments = new List<SegmentResult>();
        var cmh = new List<CmhGroupResult>();
        if (a.Segments is not null)
        {
            for (int s = 0; s < a.Segments.Count; s++)
            {
                if (a.Groups.All(g => g.SegmentCount[s] == 0))
                {
                    continue;
                }

                double segRefRate = reference is not null && reference.SegmentCount[s] > 0 ? reference.SegmentFavorable[s] / reference.SegmentCount[s] : double.NaN;
                var segGroups = a.Groups.Select(g =>
                {
                    double c = g.SegmentCount[s];
                    double? r = c > 0 ? g.SegmentFavorable[s] / c : null;
                    bool small = c < options.MinGroupSize;
                    double? air = r is null || double.IsNaN(segRefRate) || segRefRate == 0 || small ? null : r / segRefRate;
                    return new SegmentGroupResult(g.Group, c, g.SegmentFavorable[s], r, air, small);
                }).ToList();
                segments.Add(new SegmentResult(a.Segments[s], segGroups));
            }

            if (reference is not null)
            {
                foreach (var g in a.Groups)
                {
                    if (ReferenceEquals(g, reference) || g.IsMissing || TooSmall(g))
                    {
                        continue;
                    }

                    var strata = new List<Stratum>();
                    for (int s = 0; s < a.Segments.Count; s++)
                    {
                        strata.Add(new Stratum(
                            g.SegmentFavorable[s],
                            g.SegmentCount[s] - g.SegmentFavorable[s],
                            reference.SegmentFavorable[s],
                            reference.SegmentCount[s] - reference.SegmentFavorable[s]));
                    }

                    var t = MantelHaenszel.Test(strata);
                    cmh.Add(new CmhGroupResult(g.Group, t.ChiSquare, t.PValue, t.CommonOddsRatio, t.StrataUsed));
                }
            }
        }

        return new AttributeResult(a.Attribute, reference?.Group, named, a.IsProxy, a.IsIntersection, results, segments, cmh);
    }

    /// <summary>Kish effective sample size (Σw)²/Σw², for information; the count itself when every weight is 1.</summary>
    private static double EffectiveN(GroupCounts g) => g.CountSq > 0 ? g.Count * g.Count / g.CountSq : 0.0;

    /// <summary>
    /// Favourable and unfavourable cells of the 2×2 table: the counts themselves, or for proxies the expected counts
    /// rounded half away from zero (Fisher's test needs whole numbers).
    /// </summary>
    private static (long Favorable, long Unfavorable) EffectiveCells(GroupCounts g) =>
        ((long)Math.Round(g.Favorable, MidpointRounding.AwayFromZero), (long)Math.Round(g.Count - g.Favorable, MidpointRounding.AwayFromZero));

    private static (double Mean, double Sd) MeanSd(GroupCounts g)
    {
        double mean = g.ScoreSum / g.ScoreCount;
        double variance = g.ScoreCount > 1 ? Math.Max(0.0, (g.ScoreSumSq - g.ScoreSum * mean) / (g.ScoreCount - 1)) : 0.0;
        return (mean, Math.Sqrt(variance));
    }
}
