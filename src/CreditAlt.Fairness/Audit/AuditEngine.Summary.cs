using CreditAlt.Fairness.Statistics;

namespace CreditAlt.Fairness.Audit;

/// <summary>The summary half of the engine: from counts to figures.</summary>
public static partial class AuditEngine
{
    /// <summary>Turns per-group counts into the audit figures (every figure except the controlled regression).</summary>
    public static AuditReport Summarise(AuditCounts counts, AuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(options);
        var attributes = counts.Attributes.Select(a => SummariseAttribute(a, counts, options)).ToList();
        return new AuditReport(counts.RowCount, options, AdjustForMultipleTesting(attributes, options), [], counts.Bins);
    }

    /// <summary>
    /// Holm and Benjamini–Hochberg adjustment over every judged comparison of the report (all attributes, intersections
    /// and outcomes together); a comparison is flagged only when practically significant and Holm-significant.
    /// </summary>
    private static List<AttributeResult> AdjustForMultipleTesting(List<AttributeResult> attributes, AuditOptions options)
    {
        var family = new List<(int A, int G, int C)>();
        for (int a = 0; a < attributes.Count; a++)
        {
            for (int g = 0; g < attributes[a].Groups.Count; g++)
            {
                var group = attributes[a].Groups[g];
                if (!group.Judged)
                {
                    continue;
                }

                for (int c = 0; c < group.Comparisons.Count; c++)
                {
                    if (!double.IsNaN(group.Comparisons[c].PValue))
                    {
                        family.Add((a, g, c));
                    }
                }
            }
        }

        var p = family.Select(f => attributes[f.A].Groups[f.G].Comparisons[f.C].PValue).ToList();
        var holm = MultipleTesting.Holm(p);
        var bh = MultipleTesting.BenjaminiHochberg(p);
        var adjusted = new Dictionary<(int, int, int), (double Holm, double Bh)>();
        for (int i = 0; i < family.Count; i++)
        {
            adjusted[family[i]] = (holm[i], bh[i]);
        }

        var result = new List<AttributeResult>(attributes.Count);
        for (int a = 0; a < attributes.Count; a++)
        {
            var groups = new List<GroupResult>();
            for (int g = 0; g < attributes[a].Groups.Count; g++)
            {
                var group = attributes[a].Groups[g];
                var comparisons = group.Comparisons.Select((c, i) => adjusted.TryGetValue((a, g, i), out var adj)
                    ? c with { PValueHolm = adj.Holm, QValueBh = adj.Bh, Flagged = c.Practical && adj.Holm < options.Alpha }
                    : c).ToList();
                var approve = comparisons.FirstOrDefault(c => c.Outcome == ApproveOutcome);
                groups.Add(group with
                {
                    Comparisons = comparisons,
                    Flagged = comparisons.Any(c => c.Flagged),
                    PValueHolm = approve is null || double.IsNaN(approve.PValueHolm) ? null : approve.PValueHolm,
                    QValueBh = approve is null || double.IsNaN(approve.QValueBh) ? null : approve.QValueBh,
                });
            }

            result.Add(attributes[a] with { Groups = groups });
        }

        return result;
    }

    /// <summary>Outcome name of the approval comparison (the AIR).</summary>
    public const string ApproveOutcome = "approve";

    /// <summary>Outcome name of the adverse-outcome comparison (decline or insufficient data).</summary>
    public const string AdverseOutcome = "adverse";

    /// <summary>Outcome name of the refer-rate comparison.</summary>
    public const string ReferOutcome = "refer";

    private sealed record Reference(GroupCounts? Group, string Rule, IReadOnlyList<GroupCounts> Members, bool Pooled, Func<string, bool> Allowed);

    /// <summary>
    /// The reference of an attribute: a named group (--reference-group), else the control group (configured or
    /// default; pooled when it spans several groups, e.g. the age bands within 25–61), else — only when chosen — the
    /// group with the highest favourable rate.
    /// </summary>
    private static Reference ResolveReference(AttributeCounts a, AuditOptions options)
    {
        var present = a.Groups.Where(g => !g.IsMissing).ToList();
        string Groups() => string.Join(", ", present.Select(g => g.Group));
        if (options.ReferenceGroups.TryGetValue(a.Attribute, out var namedLabel))
        {
            var named = present.FirstOrDefault(g => g.Group == namedLabel)
                ?? throw new FairnessInputException($"reference group '{namedLabel}' does not occur in attribute '{a.Attribute}' (groups: {Groups()})");
            return new Reference(named, "named", [named], false, _ => true);
        }

        GroupCounts? Highest()
        {
            GroupCounts? best = null;
            foreach (var g in present)
            {
                if (g.Count >= options.MinGroupSize && (best is null || g.Favorable / g.Count > best.Favorable / best.Count))
                {
                    best = g;
                }
            }

            return best;
        }

        if (options.Controls is not { } controls)
        {
            var h = Highest();
            return new Reference(h, "highest-rate", h is null ? [] : [h], false, _ => true);
        }

        var components = a.Attribute.Split(" × ");
        var labels = present.Select(g => g.Group.Split(" × ")).ToList();
        var groups = new ControlGroup[components.Length];
        for (int i = 0; i < components.Length; i++)
        {
            var levels = labels.Select(l => l[i]).Distinct().ToList();
            var found = controls.For(components[i], levels);
            if (found is null)
            {
                if (controls.HighestRate)
                {
                    var h = Highest();
                    return new Reference(h, "highest-rate", h is null ? [] : [h], false, _ => true);
                }

                throw new FairnessInputException($"attribute '{components[i]}': no control group is configured and none of the defaults applies (groups: {string.Join(", ", levels)}); name one in --config under attributes.{components[i]}.control, with --reference-group {components[i]}=GROUP, or choose \"reference\": \"highest-rate\"");
            }

            groups[i] = found;
        }

        bool InControl(int component, string label) => groups[component].AgeRule ? ControlGroups.InAgeControl(label) : groups[component].Labels.Contains(label, StringComparer.Ordinal);
        var members = present.Where((g, k) => labels[k].Select((l, i) => InControl(i, l)).All(x => x)).ToList();
        if (members.Count == 0)
        {
            string wanted = string.Join(" × ", groups.Select(g => g.AgeRule ? $"ages {ControlGroups.AgeLow}-{ControlGroups.AgeHigh}" : string.Join(" or ", g.Labels)));
            throw new FairnessInputException($"the control group ({wanted}) does not occur in attribute '{a.Attribute}' (groups: {Groups()}); name another in --config or with --reference-group");
        }

        bool Allowed(string label)
        {
            var parts = label.Split(" × ");
            return parts.Length == groups.Length && parts.Select((l, i) => groups[i].Protected is not { } p || p.Contains(l, StringComparer.Ordinal) || InControl(i, l)).All(x => x);
        }

        if (members.Count == 1)
        {
            return new Reference(members[0], "control", members, false, Allowed);
        }

        string name = string.Join(" × ", groups.Select((g, i) => g.Name ?? (g.AgeRule
            ? $"{ControlGroups.AgeLow}-{ControlGroups.AgeHigh}"
            : string.Join(" + ", members.Select(m => m.Group.Split(" × ")[i]).Distinct()))));
        var first = members[0];
        var pooled = new GroupCounts(name, false, first.ScoreHistogram.Length, first.BandCount.Length, first.SegmentCount.Length, first.DecisionCount.Length, first.RiskCount.Length, first.TruthCount.Length);
        foreach (var m in members)
        {
            pooled.AddFrom(m);
        }

        return new Reference(pooled, "control", members, true, Allowed);
    }

    private static Comparison Compare(string outcome, double count, double hits, double refCount, double refHits, bool practical)
    {
        double rate = hits / count;
        double refRate = refHits / refCount;
        var ci = RiskRatio.Katz(hits, count, refHits, refCount);
        long Round(double v) => (long)Math.Round(v, MidpointRounding.AwayFromZero);
        var t = TwoByTwo.Test(Round(hits), Round(count - hits), Round(refHits), Round(refCount - refHits));
        double ratio = refRate > 0 ? rate / refRate : double.NaN;
        return new Comparison(outcome, rate, refRate, ratio, ci.Low, ci.High, t.PValue, t.Test, double.NaN, double.NaN, practical, false);
    }

    private static AttributeResult SummariseAttribute(AttributeCounts a, AuditCounts counts, AuditOptions options)
    {
        var bins = counts.Bins;
        bool TooSmall(GroupCounts g) => g.Count < options.MinGroupSize;
        double Rate(GroupCounts g) => g.Count > 0 ? g.Favorable / g.Count : double.NaN;

        var resolved = ResolveReference(a, options);
        GroupCounts? reference = resolved.Group;
        bool named = resolved.Rule == "named";
        var groupsShown = a.Groups.ToList();
        if (resolved.Pooled)
        {
            groupsShown.Insert(groupsShown.IndexOf(resolved.Members[0]), reference!);
        }

        var levels = counts.DecisionLevels;
        int[] adverseLevels = levels is null ? [] : Enumerable.Range(0, levels.Count).Where(i => options.AdverseValues.Contains(levels[i], StringComparer.Ordinal)).ToArray();
        int referLevel = levels is null ? -1 : levels.ToList().IndexOf(options.ReferValue);
        double Adverse(GroupCounts g) => adverseLevels.Sum(i => g.DecisionCount[i]);
        bool hasPd = a.Groups.Any(g => g.BandPdSum.Any(v => v != 0));

        double refRate = reference is null ? double.NaN : Rate(reference);
        double refN = reference is null ? 0 : reference.Count;
        double PooledBandBad(int band) => a.Groups.Sum(g => g.BandBad.Length > band ? g.BandBad[band] : 0);
        double PooledBandCount(int band) => a.Groups.Sum(g => g.BandCount.Length > band ? g.BandCount[band] : 0);

        var results = new List<GroupResult>();
        foreach (var g in groupsShown)
        {
            double n = g.Count;
            double nEff = EffectiveN(g);
            double rate = Rate(g);
            var ci = Proportion.Wilson(g.Favorable, n);
            bool isReference = ReferenceEquals(g, reference);
            bool inControl = resolved.Pooled && resolved.Members.Contains(g);
            bool tooSmall = TooSmall(g);
            bool compared = reference is not null && !isReference && !tooSmall;
            bool judged = compared && !inControl && !g.IsMissing && resolved.Allowed(g.Group);
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
            else if (compared)
            {
                air = refRate > 0 ? rate / refRate : double.NaN;
                var (ga, gb) = EffectiveCells(g);
                var (refA, refB) = EffectiveCells(reference!);
                var t = TwoByTwo.Test(ga, gb, refA, refB);
                p = t.PValue;
                test = t.Test;
                diff = rate - refRate;
                var dci = Proportion.NewcombeDifference(g.Favorable, n, reference!.Favorable, refN);
                diffLow = dci.Low;
                diffHigh = dci.High;
            }

            bool flag = judged && air < options.FourFifths;
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
                    var observed = Proportion.Wilson(g.BandBad[b], g.BandCount[b]);
                    bands.Add(new CalibrationBand(b + 1, low, high, g.BandCount[b], g.BandBad[b], g.BandBad[b] / g.BandCount[b], PooledBandBad(b) / PooledBandCount(b), g.BandScoreSum[b] / g.BandCount[b])
                    {
                        MeanPredictedPd = hasPd ? g.BandPdSum[b] / g.BandCount[b] : null,
                        ObservedCiLow = observed.Low,
                        ObservedCiHigh = observed.High,
                        Judged = g.BandCount[b] >= options.MinGroupSize,
                    });
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

            var decisions = levels is null || n <= 0 ? [] : levels.Select((l, k) =>
            {
                var dci = Proportion.Wilson(g.DecisionCount[k], n);
                return new DecisionRate(l, g.DecisionCount[k], g.DecisionCount[k] / n, dci.Low, dci.High);
            }).ToList();
            var comparisons = new List<Comparison>();
            if (compared)
            {
                bool smdPractical = score?.StandardisedMeanDifference <= -options.SmdThreshold;
                comparisons.Add(Compare(ApproveOutcome, n, g.Favorable, refN, reference!.Favorable, air < options.FourFifths || smdPractical));
                if (adverseLevels.Length > 0)
                {
                    var c = Compare(AdverseOutcome, n, Adverse(g), refN, Adverse(reference), false);
                    comparisons.Add(c with { Practical = c.Ratio > 1.0 / options.FourFifths });
                }

                if (referLevel >= 0)
                {
                    var c = Compare(ReferOutcome, n, g.DecisionCount[referLevel], refN, reference.DecisionCount[referLevel], false);
                    comparisons.Add(c with { Practical = c.Ratio > 1.0 / options.FourFifths });
                }
            }

            var airCi = comparisons.FirstOrDefault(c => c.Outcome == ApproveOutcome);
            results.Add(new GroupResult(
                g.Group, n, nEff, g.Favorable, rate, ci.Low, ci.High, air, p, test, diff, diffLow, diffHigh, flag, tooSmall, g.IsMissing, isReference, score, outcome,
                g.ScoreHistogram)
            {
                AirCiLow = airCi?.RatioCiLow,
                AirCiHigh = airCi?.RatioCiHigh,
                InControl = inControl,
                IsPooledControl = isReference && resolved.Pooled,
                Judged = judged,
                Suppressed = tooSmall,
                StraddlesAge62 = !a.IsIntersection && resolved.Rule == "control" && a.Attribute.Contains("age", StringComparison.OrdinalIgnoreCase) && ControlGroups.StraddlesAge62(g.Group),
                Decisions = decisions,
                Comparisons = comparisons,
            });
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

                    cmh.Add(Cmh(g.Group, MantelHaenszel.Test(strata)));
                }
            }
        }

        return new AttributeResult(a.Attribute, reference?.Group, named, a.IsProxy, a.IsIntersection, results, segments, cmh)
        {
            ReferenceRule = resolved.Rule,
            ControlMembers = resolved.Members.Select(m => m.Group).ToList(),
            ByPredictedRisk = bins is null || bins.RiskEdges.Length == 0 || reference is null
                ? null
                : RiskBands("predicted risk (score deciles)", bins.RiskEdges, groupsShown, reference, g => g.RiskCount, g => g.RiskFavorable, results, options, descending: true),
            ByTrueRisk = bins is null || bins.TruthEdges.Length == 0 || reference is null
                ? null
                : RiskBands($"true PD ({options.TruthName ?? "truth column"}, deciles)", bins.TruthEdges, groupsShown, reference, g => g.TruthCount, g => g.TruthFavorable, results, options, descending: false),
        };
    }

    private static CmhGroupResult Cmh(string group, CmhResult t) =>
        new(group, t.ChiSquare, t.PValue, t.CommonOddsRatio, t.StrataUsed) { CommonOddsRatioCiLow = t.CommonOddsRatioCiLow, CommonOddsRatioCiHigh = t.CommonOddsRatioCiHigh };

    /// <summary>
    /// Approval per group within risk bands, and per judged group the CMH test against the control across the bands:
    /// are applicants of equal risk approved alike? For scores the highest-risk band (lowest scores) comes first.
    /// </summary>
    private static RiskBandAnalysis RiskBands(string basis, double[] edges, List<GroupCounts> groups, GroupCounts reference, Func<GroupCounts, double[]> count, Func<GroupCounts, double[]> favorable, List<GroupResult> results, AuditOptions options, bool descending)
    {
        int k = edges.Length + 1;
        string F(double v) => v.ToString(descending ? "0.###" : "0.####", System.Globalization.CultureInfo.InvariantCulture);
        var labels = Enumerable.Range(0, k).Select(b => b == 0 ? $"< {F(edges[0])}" : b == k - 1 ? $"≥ {F(edges[^1])}" : $"{F(edges[b - 1])} – {F(edges[b])}").ToList();
        var rows = new List<RiskBandGroup>();
        var cmh = new List<CmhGroupResult>();
        for (int i = 0; i < groups.Count; i++)
        {
            var g = groups[i];
            var c = count(g);
            var f = favorable(g);
            rows.Add(new RiskBandGroup(g.Group, ReferenceEquals(g, reference), c, f, c.Select((n, b) => n >= options.MinGroupSize ? f[b] / n : (double?)null).ToList()));
            if (results[i].Judged)
            {
                var rc = count(reference);
                var rf = favorable(reference);
                cmh.Add(Cmh(g.Group, MantelHaenszel.Test(Enumerable.Range(0, k).Select(b => new Stratum(f[b], c[b] - f[b], rf[b], rc[b] - rf[b])).ToList())));
            }
        }

        return new RiskBandAnalysis(basis, labels, rows, cmh);
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
