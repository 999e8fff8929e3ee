using System.Globalization;
using CreditAlt.Core.Attributes;
using CreditAlt.Core.Scoring;
using CreditAlt.Fairness.Audit;
using CreditAlt.Fairness.Statistics;
using CreditAlt.Modeling.Binning;
using CreditAlt.Modeling.Evaluation;
using CreditAlt.Modeling.Scorecards;
using CreditAlt.Modeling.Training;

namespace CreditAlt.Audits.Lda;

/// <summary>Settings of the less-discriminatory-alternative search (docs/lda.md).</summary>
public sealed record LdaOptions
{
    /// <value>Largest AUC loss against the baseline an alternative may have to be proposed. Default 0.005.</value>
    public double MaxAucLoss { get; init; } = 0.005;

    /// <value>Seed of the train/held-out split and of training. Default 7 (the shipped champion's).</value>
    public int Seed { get; init; } = 7;

    /// <value>Offsets in points from the approve cut-off tried as alternative cut-offs.</value>
    public IReadOnlyList<int> CutOffOffsets { get; init; } = [-20, -10, -5, 5, 10];

    /// <value>Minimum bin shares tried as coarser monotone binnings (the champion's binning uses 0.05).</value>
    public IReadOnlyList<double> MinBinShares { get; init; } = [0.10, 0.20];

    /// <value>Groups with fewer held-out applicants are not judged. Default 30.</value>
    public int MinGroupSize { get; init; } = 30;

    /// <value>
    /// Training rows for every trained model, the baseline included (the first N of the champion's training split in its
    /// seeded order); null trains on all of them, as the champion was.
    /// </value>
    public int? TrainSize { get; init; }

    /// <value>Whether to train alternatives (drop, binning, reweighing). Without, the baseline is the model as given.</value>
    public bool Retrain { get; init; } = true;

    /// <value>Evaluate on every applicant instead of the held-out split; only without <see cref="Retrain"/> (nothing is trained on them).</value>
    public bool EvaluateAll { get; init; }
}

/// <summary>Approvals of one group on the held-out applicants, and its AIR against the control group.</summary>
public sealed record LdaGroup(string Group, bool IsControl, int Count, int Approved, double Rate, bool Judged, double? Air, double? AirCiLow, double? AirCiHigh);

/// <summary>One evaluated alternative on the held-out applicants.</summary>
/// <param name="Kind">given, baseline, cut-off, neutralise, drop-attribute, binning or reweighing.</param>
/// <param name="AucCiLow">DeLong 95 % interval of the AUC.</param>
/// <param name="Groups">The control group (pooled) first, then every group label in order.</param>
public sealed record LdaAlternative(
    string Kind,
    string Name,
    int ApproveAt,
    double Auc,
    double AucCiLow,
    double AucCiHigh,
    int Approved,
    double ApprovalRate,
    double ApprovedBadRate,
    IReadOnlyList<LdaGroup> Groups,
    long ScoreFingerprint)
{
    /// <summary>The judged protected group with the lowest AIR; null when none is judged.</summary>
    public LdaGroup? Lowest => Groups.Where(g => !g.IsControl && g.Judged && g.Air is not null).MinBy(g => g.Air);

    /// <summary>Whether the search proposes this alternative as less discriminatory (docs/lda.md, selection rule).</summary>
    public bool Proposed { get; init; }

    /// <summary>Why it is or is not proposed, in words.</summary>
    public string Verdict { get; init; } = string.Empty;

    /// <summary>Approvals fall for every judged group, the control group included, and rise for none (a uniform tightening).</summary>
    public bool LowersEveryGroup { get; init; }

    /// <summary>DeLong difference of AUC against the baseline (this − baseline), with its 95 % interval.</summary>
    public double AucDifference { get; init; }

    public double AucDifferenceCiLow { get; init; }

    public double AucDifferenceCiHigh { get; init; }
}

/// <summary>What the search found: <see cref="Alternatives"/>[0] is the model as given, [1] the baseline every alternative is compared with.</summary>
public sealed record LdaResult(
    string Attribute,
    string Control,
    IReadOnlyList<string> ControlMembers,
    LdaOptions Options,
    int TrainRows,
    int HeldOut,
    int Evaluated,
    IReadOnlyList<LdaAlternative> Alternatives,
    LdaAlternative? Chosen)
{
    public LdaAlternative Baseline => Alternatives.First(a => a.Kind == "baseline");

    /// <summary>The model as given has the baseline's scores on every held-out applicant (it was trained this way on these rows).</summary>
    public bool GivenIsBaseline => Alternatives[0].ScoreFingerprint == Baseline.ScoreFingerprint;
}

/// <summary>
/// Less-discriminatory-alternative search. Every trained alternative is trained on the same rows with the champion's
/// procedure (<see cref="ChampionTraining.DefaultOptions"/>) as the baseline it is compared with, and every one is
/// evaluated on the same held-out applicants: per-group approvals, AIR against the control group with its Katz interval,
/// AUC with its DeLong interval. Group labels are read only to evaluate and, for the reweighing alternative, to weigh
/// training rows; no model ever sees them as an input, so every decision stays group-blind.
/// </summary>
public static class LdaSearch
{
    /// <summary>The label of applicants without the attribute (as in the audit's reports); never judged.</summary>
    public const string MissingLabel = "(missing)";

    public static LdaResult Run(PortfolioDataSet data, Scorecard model, string attribute, IReadOnlyList<string?> groups, LdaOptions options, Action<string>? step = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(options);
        if (groups.Count != data.Count)
        {
            throw new ArgumentException("One group label per application is needed.", nameof(groups));
        }

        var sufficient = ChampionTraining.SufficientRows(data);
        var (train, heldOut) = PortfolioDataSet.Split(data.Count, ChampionTraining.HeldOutShare, options.Seed);
        if (options.EvaluateAll)
        {
            heldOut = options.Retrain ? throw new ArgumentException("EvaluateAll needs Retrain off: trained models are evaluated on held-out applicants only.", nameof(options)) : Enumerable.Range(0, data.Count).ToArray();
        }

        var trainRows = train.Where(i => sufficient[i]).ToArray();
        if (options.TrainSize is { } size && size < trainRows.Length)
        {
            trainRows = trainRows[..size];
        }

        var labels = groups.Select(g => g ?? MissingLabel).ToArray();
        var distinct = labels.Distinct().Order(StringComparer.Ordinal).ToList();
        var control = new ControlGroups().For(attribute, distinct.Where(l => l != MissingLabel).ToList())?.Labels
            ?? throw new ArgumentException($"No control group for '{attribute}' among {string.Join(", ", distinct)}: name one in the audit configuration's terms (docs/fairness.md).", nameof(attribute));
        var eval = new Evaluator(data, heldOut, sufficient, labels, distinct, control, options.MinGroupSize);

        var list = new List<LdaAlternative>();
        step?.Invoke("the model as given");
        var given = eval.Evaluate("given", "the model as given", Scores(model, data, heldOut), model.Policy.ApproveAt);
        list.Add(given);

        var trainingOptions = ChampionTraining.DefaultOptions(options.Seed);
        var catalogue = AttributeCatalogue.All.Select(CandidateAttribute.From).ToArray();
        Scorecard Train(int[] rows, Func<string, bool> keep, ScorecardTrainingOptions o)
        {
            var index = Enumerable.Range(0, catalogue.Length).Where(a => keep(catalogue[a].Id)).ToArray();
            var columns = index.Select(a => rows.Select(i => data.Columns[a][i]).ToArray()).ToArray();
            return ScorecardTrainer.Train(index.Select(a => catalogue[a]).ToArray(), columns, rows.Select(i => data.IsBad[i]).ToArray(), o).Model;
        }

        Scorecard baselineModel = model;
        if (options.Retrain)
        {
            step?.Invoke("baseline: the champion's procedure on the training rows");
            baselineModel = Train(trainRows, _ => true, trainingOptions);
        }

        var baseScores = Scores(baselineModel, data, heldOut);
        var baseline = eval.Evaluate("baseline", options.Retrain ? "retrained with the champion's procedure" : "the model as given", baseScores, baselineModel.Policy.ApproveAt);
        list.Add(baseline);
        var trained = new List<(string Kind, string Name, int[] Scores, int ApproveAt)>();

        foreach (int offset in options.CutOffOffsets)
        {
            int cut = baselineModel.Policy.ApproveAt + offset;
            trained.Add(("cut-off", string.Create(CultureInfo.InvariantCulture, $"approve at {cut} ({offset:+0;-0} points)"), baseScores, cut));
        }

        // Neutralise: the baseline with one attribute's points set to its neutral (missing, WoE-0) points for everyone.
        var points = AttributePoints(baselineModel, data, heldOut);
        for (int a = 0; a < baselineModel.Attributes.Count; a++)
        {
            int neutral = baselineModel.PointsOf(a, baselineModel.BinOf(a, double.NaN));
            var scores = baseScores.Select((s, k) => baselineModel.Clamp(points.Raw[k] - points.Points[a][k] + neutral)).ToArray();
            trained.Add(("neutralise", $"{baselineModel.Attributes[a].Id} neutral", scores, baselineModel.Policy.ApproveAt));
        }

        if (options.Retrain)
        {
            // Drop each attribute the baseline uses and retrain: the retrained model differs from the baseline by construction.
            foreach (var dropped in baselineModel.Attributes.Select(a => a.Id))
            {
                step?.Invoke($"without {dropped}");
                var m = Train(trainRows, id => id != dropped, trainingOptions);
                trained.Add(("drop-attribute", $"without {dropped}", Scores(m, data, heldOut), m.Policy.ApproveAt));
            }

            foreach (double share in options.MinBinShares)
            {
                string name = string.Create(CultureInfo.InvariantCulture, $"coarser bins (minimum bin share {share:0.00})");
                step?.Invoke(name);
                var m = Train(trainRows, _ => true, trainingOptions with { Binning = trainingOptions.Binning with { MinBinShare = share } });
                trained.Add(("binning", name, Scores(m, data, heldOut), m.Policy.ApproveAt));
            }

            step?.Invoke("reweighing");
            var reweighed = Train(Reweigh(trainRows, labels, data.IsBad, options.Seed), _ => true, trainingOptions);
            trained.Add(("reweighing", "training rows reweighed to balance group × outcome (Kamiran–Calders)", Scores(reweighed, data, heldOut), reweighed.Policy.ApproveAt));
        }

        foreach (var (kind, name, scores, cut) in trained)
        {
            list.Add(Judge(eval.Evaluate(kind, name, scores, cut), baseline, options, eval.Compare(scores, baseScores)));
        }

        list[0] = given with { Verdict = "for reference: the baseline is what alternatives are compared with" };
        list[1] = baseline with { Verdict = "baseline" };
        var chosen = list.Where(a => a.Proposed).OrderByDescending(a => a.Lowest!.Air).ThenByDescending(a => a.Auc).FirstOrDefault();
        return new LdaResult(attribute, control.Count == 1 ? control[0] : string.Join("+", control), control, options, trainRows.Length, heldOut.Length, eval.Evaluated, list, chosen);
    }

    /// <summary>
    /// The selection rule (docs/lda.md): proposed only if it raises the lowest protected-group AIR above the upper end of
    /// the baseline's interval, loses at most <see cref="LdaOptions.MaxAucLoss"/> of AUC and lowers no protected group's
    /// approval count.
    /// </summary>
    public static LdaAlternative Judge(LdaAlternative alternative, LdaAlternative baseline, LdaOptions options, DeLongComparison? auc)
    {
        ArgumentNullException.ThrowIfNull(alternative);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(options);
        var inv = CultureInfo.InvariantCulture;
        var low = alternative.Lowest;
        var baseLow = baseline.Lowest;
        bool raises = low?.Air is { } air && baseLow?.AirCiHigh is { } ciHigh && air > ciHigh;
        bool accurate = alternative.Auc >= baseline.Auc - options.MaxAucLoss - 1e-12;
        var losers = alternative.Groups.Where(g => !g.IsControl && g.Group != MissingLabel)
            .Where(g => g.Approved < (baseline.Groups.FirstOrDefault(b => b.Group == g.Group)?.Approved ?? 0)).Select(g => g.Group).ToList();
        // A uniform tightening: no group gains approvals and every judged group, the control group included, loses some.
        int Before(LdaGroup g) => baseline.Groups.FirstOrDefault(b => b.Group == g.Group)?.Approved ?? 0;
        bool everyGroup = alternative.Groups.All(g => g.Approved <= Before(g)) && alternative.Groups.Where(g => g.Judged).All(g => g.Approved < Before(g));
        var reasons = new List<string>();
        if (everyGroup)
        {
            reasons.Add("lowers approvals for every group, the control group included");
        }
        else if (losers.Count > 0)
        {
            reasons.Add($"lowers approvals of {string.Join(", ", losers)}");
        }

        if (!raises)
        {
            reasons.Add(baseLow is null || low is null
                ? "no judged protected group"
                : string.Create(inv, $"lowest AIR {low.Air:0.000} ({low.Group}) not above the baseline's interval (up to {baseLow.AirCiHigh:0.000})"));
        }

        if (!accurate)
        {
            reasons.Add(string.Create(inv, $"AUC {alternative.Auc:0.0000} loses more than {options.MaxAucLoss:0.000}"));
        }

        bool proposed = reasons.Count == 0;
        return alternative with
        {
            Proposed = proposed,
            LowersEveryGroup = everyGroup,
            Verdict = proposed ? string.Create(inv, $"proposed: lowest AIR {low!.Air:0.000} against {baseLow!.Air:0.000} (interval up to {baseLow.AirCiHigh:0.000}), no protected group loses approvals") : "not proposed: " + string.Join("; ", reasons),
            AucDifference = auc?.Difference ?? 0,
            AucDifferenceCiLow = auc?.DifferenceInterval.Low ?? 0,
            AucDifferenceCiHigh = auc?.DifferenceInterval.High ?? 0,
        };
    }

    /// <summary>
    /// Kamiran–Calders reweighing as a resample of the same size: each (group, outcome) cell is drawn with weight
    /// P(group)·P(outcome) / P(group, outcome), so outcome and group are independent in the sample. Systematic sampling
    /// from a seeded start keeps it deterministic. Labels pick rows; they never become a model input.
    /// </summary>
    internal static int[] Reweigh(int[] rows, string[] labels, bool[] bad, int seed)
    {
        var cell = rows.GroupBy(i => (labels[i], bad[i])).ToDictionary(g => g.Key, g => g.Count());
        var group = rows.GroupBy(i => labels[i]).ToDictionary(g => g.Key, g => g.Count());
        int bads = rows.Count(i => bad[i]);
        double n = rows.Length;
        var weights = rows.Select(i => group[labels[i]] / n * ((bad[i] ? bads : rows.Length - bads) / n) / (cell[(labels[i], bad[i])] / n)).ToArray();
        double total = weights.Sum();
        double stepSize = total / rows.Length;
        double next = new Random(seed).NextDouble() * stepSize;
        var result = new int[rows.Length];
        double cumulative = 0;
        int k = 0;
        for (int r = 0; r < rows.Length && k < result.Length; r++)
        {
            cumulative += weights[r];
            while (k < result.Length && next < cumulative)
            {
                result[k++] = rows[r];
                next += stepSize;
            }
        }

        for (; k < result.Length; k++)
        {
            result[k] = rows[^1]; // rounding at the very end of the cumulative sum
        }

        return result;
    }

    private static int[] Scores(Scorecard model, PortfolioDataSet data, int[] rows) => AttributePoints(model, data, rows).Raw.Select(model.Clamp).ToArray();

    /// <summary>Raw score and points per attribute of every row.</summary>
    private static (int[] Raw, int[][] Points) AttributePoints(Scorecard model, PortfolioDataSet data, int[] rows)
    {
        var engine = new ScorecardEngine(model);
        var catalogueRow = new double[AttributeCatalogue.Count];
        var modelRow = new double[model.Attributes.Count];
        var raw = new int[rows.Length];
        var points = model.Attributes.Select(_ => new int[rows.Length]).ToArray();
        for (int k = 0; k < rows.Length; k++)
        {
            for (int a = 0; a < catalogueRow.Length; a++)
            {
                catalogueRow[a] = data.Columns[a][rows[k]];
            }

            engine.Gather(catalogueRow, modelRow);
            raw[k] = model.RawScore(modelRow);
            for (int a = 0; a < modelRow.Length; a++)
            {
                points[a][k] = model.PointsOf(a, model.BinOf(a, modelRow[a]));
            }
        }

        return (raw, points);
    }

    /// <summary>Figures of one set of scores on the held-out applicants.</summary>
    private sealed class Evaluator(PortfolioDataSet data, int[] heldOut, bool[] sufficient, string[] labels, IReadOnlyList<string> groups, IReadOnlyList<string> control, int minGroupSize)
    {
        private readonly bool[] _bad = heldOut.Where(i => sufficient[i]).Select(i => data.IsBad[i]).ToArray();

        public int Evaluated => _bad.Length;

        public DeLongComparison? Compare(int[] scores, int[] baseline) =>
            DeLong.Compare("alternative", Risk(scores), "baseline", Risk(baseline), _bad);

        /// <summary>Risk (minus the score) of the applicants the model decides, in held-out order.</summary>
        private double[] Risk(int[] scores) => heldOut.Select((i, k) => (i, k)).Where(t => sufficient[t.i]).Select(t => -(double)scores[t.k]).ToArray();

        public LdaAlternative Evaluate(string kind, string name, int[] scores, int approveAt)
        {
            var risk = Risk(scores);
            var auc = DeLong.Auc(risk, _bad);
            int approved = 0, approvedBad = 0;
            var count = groups.ToDictionary(g => g, _ => (N: 0, A: 0), StringComparer.Ordinal);
            long fingerprint = 17;
            for (int k = 0; k < heldOut.Length; k++)
            {
                int i = heldOut[k];
                bool approve = sufficient[i] && scores[k] >= approveAt;
                fingerprint = unchecked((fingerprint * 31) + scores[k]);
                approved += approve ? 1 : 0;
                approvedBad += approve && data.IsBad[i] ? 1 : 0;
                var c = count[labels[i]];
                count[labels[i]] = (c.N + 1, c.A + (approve ? 1 : 0));
            }

            int cn = control.Sum(l => count.TryGetValue(l, out var c) ? c.N : 0);
            int ca = control.Sum(l => count.TryGetValue(l, out var c) ? c.A : 0);
            double controlRate = cn == 0 ? double.NaN : (double)ca / cn;
            var result = new List<LdaGroup> { new(control.Count == 1 ? control[0] : string.Join("+", control), true, cn, ca, controlRate, cn >= minGroupSize, null, null, null) };
            foreach (var g in groups.Where(g => !control.Contains(g)))
            {
                var (n, a) = count[g];
                bool judged = n >= minGroupSize && cn >= minGroupSize && g != MissingLabel && ca > 0;
                CreditAlt.Fairness.Statistics.Interval? ci = judged ? RiskRatio.Katz(a, n, ca, cn) : null;
                result.Add(new LdaGroup(g, false, n, a, n == 0 ? double.NaN : (double)a / n, judged, judged ? (double)a / n / controlRate : null, ci?.Low, ci?.High));
            }

            // Control members also appear on their own (for information), after the pooled row, when the control pools several labels.
            if (control.Count > 1)
            {
                result.AddRange(control.Where(count.ContainsKey).Select(l => new LdaGroup(l, true, count[l].N, count[l].A, count[l].N == 0 ? double.NaN : (double)count[l].A / count[l].N, false, null, null, null)));
            }

            return new LdaAlternative(kind, name, approveAt, auc?.Auc ?? double.NaN, auc?.Interval.Low ?? double.NaN, auc?.Interval.High ?? double.NaN,
                approved, heldOut.Length == 0 ? 0 : (double)approved / heldOut.Length, approved == 0 ? 0 : (double)approvedBad / approved, result, fingerprint);
        }
    }
}
