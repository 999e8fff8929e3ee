using CreditAlt.Modeling.Challenger;

namespace CreditAlt.Modeling.Evaluation;

/// <summary>
/// Computes an <see cref="EvaluationReport"/> from plain arrays, so that any training run (champion or
/// challenger) and any model comparison can produce the same report. Discrimination figures use each
/// model's probability of default as the risk score (finer than whole points, same order); the bureau
/// score is negated (a higher bureau score means less risk).
/// </summary>
public static class ReportBuilder
{
    public const string InvisibleGroup = "credit-invisible";
    public const string BureauGroup = "has bureau score";

    public static EvaluationReport Build(
        ReportPopulation population,
        IReadOnlyList<ReportModelInput> models,
        ReportOptions? options = null,
        IReadOnlyList<AttributeMonotonicity>? monotonicity = null)
    {
        options ??= new ReportOptions();
        population.Validate();
        var n = population.Count;
        foreach (var m in models)
            if (m.Score.Length != n || m.ProbabilityOfDefault.Length != n || m.InsufficientData.Length != n)
                throw new ArgumentException($"Model '{m.Name}' has {m.Score.Length} scores for {n} applicants.", nameof(models));

        var evaluated = Indices(n, i => population.Evaluated[i]);
        var withBureau = Indices(n, i => population.Evaluated[i] && !double.IsNaN(population.BureauScore[i]));
        var truth = evaluated.Select(i => population.TrueProbability[i]).ToArray();
        var evaluatedBad = evaluated.Select(i => population.Bad[i]).ToArray();
        var hasTruth = truth.Length > 0 && truth.All(p => !double.IsNaN(p));
        var evaluations = models.Select(m => Evaluate(m, population, evaluated, withBureau, options)).ToList();
        var first = evaluations.FirstOrDefault();

        BureauEvaluation? bureau = null;
        if (withBureau.Length > 0)
        {
            var risk = withBureau.Select(i => -population.BureauScore[i]).ToArray();
            var bad = withBureau.Select(i => population.Bad[i]).ToArray();
            var auc = Number(Metrics.Auc(risk, bad));
            var scores = withBureau.Select(i => population.BureauScore[i]).ToArray();
            bureau = new BureauEvaluation(withBureau.Length, auc, auc is { } a ? Metrics.Gini(a) : null, Number(Metrics.Ks(risk, bad)),
                Deciles(scores, bad, null))
            {
                AucError = DeLong.Auc(risk, bad),
                Intervals = Bootstrap.Intervals(risk, bad, options.BootstrapResamples, options.BootstrapSeed),
            };
        }

        return new EvaluationReport
        {
            Title = options.Title,
            Split = options.Split,
            Applicants = n,
            Evaluated = evaluated.Length,
            Bads = evaluatedBad.Count(b => b),
            WithBureauScore = withBureau.Length,
            CreditInvisible = population.CreditInvisible.Count(x => x),
            Auc = first?.Auc,
            Gini = first?.Gini,
            Ks = first?.Ks,
            Brier = first?.Brier,
            OracleAuc = hasTruth ? Number(Metrics.Auc(truth, evaluatedBad)) : null,
            OracleAucWithBureau = hasTruth && withBureau.Length > 0
                ? Number(Metrics.Auc(withBureau.Select(i => population.TrueProbability[i]).ToArray(), withBureau.Select(i => population.Bad[i]).ToArray()))
                : null,
            Models = evaluations,
            Bureau = bureau,
            Comparisons = Comparisons(models, population, evaluated, withBureau),
            Monotonicity = monotonicity,
        };
    }

    private static ModelEvaluation Evaluate(ReportModelInput m, ReportPopulation population, int[] evaluated, int[] withBureau, ReportOptions options)
    {
        var bad = evaluated.Select(i => population.Bad[i]).ToArray();
        var pd = evaluated.Select(i => m.ProbabilityOfDefault[i]).ToArray();
        var score = evaluated.Select(i => m.Score[i]).ToArray();
        var auc = Number(Metrics.Auc(pd, bad));
        double? aucWithBureau = withBureau.Length == 0 ? null
            : Number(Metrics.Auc(withBureau.Select(i => m.ProbabilityOfDefault[i]).ToArray(), withBureau.Select(i => population.Bad[i]).ToArray()));
        var n = bad.Length;
        var segments = population.Segments.Select(s =>
        {
            var members = evaluated.Where(i => s.Members[i]).ToArray();
            var sBad = members.Select(i => population.Bad[i]).ToArray();
            var sPd = members.Select(i => m.ProbabilityOfDefault[i]).ToArray();
            return new SegmentEvaluation(s.Name, members.Length, sBad.Count(b => b), DeLong.Auc(sPd, sBad), CalibrationFit.Fit(sPd, sBad));
        }).ToList();
        return new ModelEvaluation(
            m.Name,
            auc,
            auc is { } a ? Metrics.Gini(a) : null,
            Number(Metrics.Ks(pd, bad)),
            Number(Metrics.Brier(pd, bad)),
            aucWithBureau,
            n == 0 ? 0 : pd.Average(),
            n == 0 ? 0 : (double)bad.Count(b => b) / n,
            m.ApproveAt,
            m.DeclineBelow,
            Calibration(score, pd, bad, options),
            Deciles([.. score.Select(s => (double)s)], bad, pd),
            [Inclusion(InvisibleGroup, m, population, invisible: true), Inclusion(BureauGroup, m, population, invisible: false)])
        {
            AucError = DeLong.Auc(pd, bad),
            Intervals = Bootstrap.Intervals(pd, bad, options.BootstrapResamples, options.BootstrapSeed),
            CalibrationFit = CalibrationFit.Fit(pd, bad),
            Segments = segments,
            Cutoffs = Sensitivity.Cutoffs(score, bad, m.ApproveAt),
        };
    }

    /// <summary>
    /// DeLong tests of every pair of models (in input order) on the evaluated applicants, then of each model against
    /// the bureau score on the evaluated applicants who have one.
    /// </summary>
    private static List<DeLongComparison> Comparisons(IReadOnlyList<ReportModelInput> models, ReportPopulation population, int[] evaluated, int[] withBureau)
    {
        var list = new List<DeLongComparison>();
        var bad = evaluated.Select(i => population.Bad[i]).ToArray();
        for (var a = 0; a < models.Count; a++)
            for (var b = a + 1; b < models.Count; b++)
                if (DeLong.Compare(models[a].Name, [.. evaluated.Select(i => models[a].ProbabilityOfDefault[i])],
                        models[b].Name, [.. evaluated.Select(i => models[b].ProbabilityOfDefault[i])], bad) is { } t)
                    list.Add(t);
        if (withBureau.Length == 0) return list;
        var bureauRisk = withBureau.Select(i => -population.BureauScore[i]).ToArray();
        var bureauBad = withBureau.Select(i => population.Bad[i]).ToArray();
        foreach (var m in models)
            if (DeLong.Compare(m.Name, [.. withBureau.Select(i => m.ProbabilityOfDefault[i])], "bureau score", bureauRisk, bureauBad) is { } t)
                list.Add(t);
        return list;
    }

    /// <summary>Fixed-width bands from the bottom of the scale; only bands with applicants are listed.</summary>
    public static IReadOnlyList<CalibrationBand> Calibration(int[] score, double[] pd, bool[] bad, ReportOptions options)
    {
        var bands = new SortedDictionary<int, (int Count, int Bads, double SumPd)>();
        for (var i = 0; i < score.Length; i++)
        {
            var lower = options.MinScore + (int)Math.Floor((double)(score[i] - options.MinScore) / options.BandWidth) * options.BandWidth;
            bands.TryGetValue(lower, out var b);
            bands[lower] = (b.Count + 1, b.Bads + (bad[i] ? 1 : 0), b.SumPd + pd[i]);
        }

        return [.. bands.Select(kv => new CalibrationBand(kv.Key, kv.Key + options.BandWidth, kv.Value.Count, kv.Value.Bads,
            kv.Value.SumPd / kv.Value.Count, (double)kv.Value.Bads / kv.Value.Count) { ObservedInterval = StandardNormal.Wilson(kv.Value.Bads, kv.Value.Count) })];
    }

    /// <summary>
    /// Ten groups of (as nearly as possible) equal size by ascending score, so decile 1 holds the lowest
    /// scores; group k takes sorted positions [⌊k·n/10⌋, ⌊(k+1)·n/10⌋). Ties are ordered by position in the input.
    /// </summary>
    public static IReadOnlyList<ScoreDecile> Deciles(double[] score, bool[] bad, double[]? pd)
    {
        var n = score.Length;
        var order = Enumerable.Range(0, n).OrderBy(i => score[i]).ThenBy(i => i).ToArray();
        var deciles = new List<ScoreDecile>(10);
        for (var k = 0; k < 10; k++)
        {
            var from = (int)((long)k * n / 10);
            var to = (int)((long)(k + 1) * n / 10);
            if (to <= from) continue;
            int bads = 0;
            double sumPd = 0;
            for (var p = from; p < to; p++)
            {
                if (bad[order[p]]) bads++;
                if (pd is not null) sumPd += pd[order[p]];
            }

            var count = to - from;
            deciles.Add(new ScoreDecile(k + 1, score[order[from]], score[order[to - 1]], count, bads, (double)bads / count,
                pd is null ? null : sumPd / count));
        }

        return deciles;
    }

    /// <summary>
    /// Decision shares for one group: approval, refer and decline rates are shares of the whole group (an
    /// "insufficient data" applicant counts in none of them); the approved bad rate is bads among approvals.
    /// </summary>
    public static InclusionRow Inclusion(string group, ReportModelInput m, ReportPopulation population, bool invisible)
    {
        int count = 0, scored = 0, approved = 0, referred = 0, declined = 0, bads = 0, approvedBads = 0;
        for (var i = 0; i < population.Count; i++)
        {
            if (population.CreditInvisible[i] != invisible) continue;
            count++;
            if (population.Bad[i]) bads++;
            if (m.InsufficientData[i]) continue;
            scored++;
            if (m.Score[i] >= m.ApproveAt)
            {
                approved++;
                if (population.Bad[i]) approvedBads++;
            }
            else if (m.Score[i] >= m.DeclineBelow) referred++;
            else declined++;
        }

        double Share(int k) => count == 0 ? 0 : (double)k / count;
        return new InclusionRow(group, count, Share(scored), Share(approved), Share(referred), Share(declined), Share(count - scored),
            Share(bads), approved == 0 ? null : (double)approvedBads / approved);
    }

    private static int[] Indices(int n, Func<int, bool> keep)
    {
        var list = new List<int>();
        for (var i = 0; i < n; i++) if (keep(i)) list.Add(i);
        return [.. list];
    }

    private static double? Number(double value) => double.IsNaN(value) ? null : value;
}
