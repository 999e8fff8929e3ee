using CreditAlt.Core.Attributes;
using CreditAlt.Core.Scoring;
using CreditAlt.Modeling.Binning;
using CreditAlt.Modeling.Evaluation;
using CreditAlt.Modeling.Scorecards;
using CreditAlt.Modeling.Training;

namespace CreditAlt.Cli.Lda;

/// <summary>Settings of the less-discriminatory-alternative search (docs/lda.md).</summary>
internal sealed record LdaOptions
{
    /// <value>Largest AUC loss against the baseline an alternative may have to be chosen. Default 0.005.</value>
    public double MaxAucLoss { get; init; } = 0.005;

    /// <value>Seed of the train/held-out split and of re-training. Default 7 (the shipped champion's).</value>
    public int Seed { get; init; } = 7;

    /// <value>Offsets in points from the approve cut-off tried as alternative cut-offs.</value>
    public IReadOnlyList<int> CutOffOffsets { get; init; } = [-20, -15, -10, -5, 5, 10, 15, 20];

    /// <value>Minimum bin shares tried as coarser monotone binnings (the default binning uses 0.05).</value>
    public IReadOnlyList<double> MinBinShares { get; init; } = [0.08, 0.10, 0.15, 0.20];

    /// <value>Groups with fewer held-out applicants are not used for the AIR. Default 30.</value>
    public int MinGroupSize { get; init; } = 30;
}

/// <summary>One evaluated alternative: figures on the held-out applicants the model decides.</summary>
/// <param name="Kind">baseline, cut-off, retrained, drop-attribute or binning.</param>
/// <param name="Air">Worst group's approval rate over the reference (highest-rate) group's; NaN without two judged groups.</param>
internal sealed record LdaAlternative(
    string Kind,
    string Name,
    int ApproveAt,
    double Auc,
    double ApprovalRate,
    double ApprovedBadRate,
    double Air,
    string? WorstGroup,
    string? ReferenceGroup)
{
    public bool Pareto { get; init; }

    /// <summary>At least as good in AIR and AUC and bad rate among approved, and better in one.</summary>
    public bool Dominates(LdaAlternative other) =>
        Air >= other.Air && Auc >= other.Auc && ApprovedBadRate <= other.ApprovedBadRate
        && (Air > other.Air || Auc > other.Auc || ApprovedBadRate < other.ApprovedBadRate);
}

/// <summary>What the search found.</summary>
internal sealed record LdaResult(
    string Attribute,
    LdaOptions Options,
    int HeldOut,
    int Evaluated,
    IReadOnlyList<LdaAlternative> Alternatives,
    LdaAlternative Chosen)
{
    public LdaAlternative Baseline => Alternatives[0];
}

/// <summary>
/// Less-discriminatory-alternative search: the model and alternatives to it (other approve cut-offs, the scorecard
/// re-fitted without each of its attributes, coarser monotone binnings) evaluated on the same held-out applicants
/// for accuracy (AUC), approval, bad rate among approved and the adverse impact ratio of a protected attribute.
/// Training sees only the attributes and outcomes: the group labels are used by <see cref="Evaluate"/> alone.
/// </summary>
internal static class LdaSearch
{
    public static LdaResult Run(PortfolioDataSet data, Scorecard model, string attribute, IReadOnlyList<string?> groups, LdaOptions options, Action<string>? step = null)
    {
        if (groups.Count != data.Count)
        {
            throw new ArgumentException("One group label per application is needed.", nameof(groups));
        }

        var sufficient = ChampionTraining.SufficientRows(data);
        var (train, heldOut) = PortfolioDataSet.Split(data.Count, ChampionTraining.HeldOutShare, options.Seed);
        var evaluated = heldOut.Where(i => sufficient[i]).ToArray();
        var trainRows = train.Where(i => sufficient[i]).ToArray();
        var labels = evaluated.Select(i => groups[i]).ToArray();
        var list = new List<LdaAlternative>();

        step?.Invoke("baseline and cut-offs");
        var scores = Scores(model, data, evaluated);
        list.Add(Evaluate("baseline", "the model as given", model.Policy.ApproveAt, scores, data, evaluated, labels, options));
        foreach (int offset in options.CutOffOffsets)
        {
            int cut = model.Policy.ApproveAt + offset;
            list.Add(Evaluate("cut-off", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"approve at {cut} ({offset:+0;-0} points)"), cut, scores, data, evaluated, labels, options));
        }

        var trainingOptions = ChampionTraining.DefaultOptions(options.Seed);
        var catalogue = AttributeCatalogue.All.Select(CandidateAttribute.From).ToArray();
        var trainColumns = data.Columns.Select(c => Pick(c, trainRows)).ToArray();
        var trainBad = Pick(data.IsBad, trainRows);

        LdaAlternative Refit(string kind, string name, Func<string, bool> keep, ScorecardTrainingOptions o)
        {
            step?.Invoke(name);
            var index = Enumerable.Range(0, catalogue.Length).Where(a => keep(catalogue[a].Id)).ToArray();
            var fitted = ScorecardTrainer.Train(index.Select(a => catalogue[a]).ToArray(), index.Select(a => trainColumns[a]).ToArray(), trainBad, o).Model;
            return Evaluate(kind, name, fitted.Policy.ApproveAt, Scores(fitted, data, evaluated), data, evaluated, labels, options);
        }

        list.Add(Refit("retrained", "re-fitted with every attribute (default settings)", _ => true, trainingOptions));
        foreach (var dropped in model.Attributes.Select(a => a.Id))
        {
            list.Add(Refit("drop-attribute", $"without {dropped}", id => id != dropped, trainingOptions));
        }

        foreach (double share in options.MinBinShares)
        {
            var o = trainingOptions with { Binning = trainingOptions.Binning with { MinBinShare = share } };
            list.Add(Refit("binning", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"coarser bins (minimum bin share {share:0.00})"), _ => true, o));
        }

        var marked = list.Select(a => a with { Pareto = !list.Any(b => b.Dominates(a)) }).ToList();
        double floor = marked[0].Auc - options.MaxAucLoss;
        // Best AIR within the AUC bound; ties go to the higher AUC, then the lower bad rate, then list order.
        var chosen = marked.Where(a => a.Auc >= floor - 1e-12 && !double.IsNaN(a.Air))
            .OrderByDescending(a => a.Air).ThenByDescending(a => a.Auc).ThenBy(a => a.ApprovedBadRate)
            .FirstOrDefault() ?? marked[0];
        return new LdaResult(attribute, options, heldOut.Length, evaluated.Length, marked, chosen);
    }

    private static T[] Pick<T>(T[] source, int[] rows) => rows.Select(i => source[i]).ToArray();

    private static int[] Scores(Scorecard model, PortfolioDataSet data, int[] rows)
    {
        var engine = new ScorecardEngine(model);
        var catalogueRow = new double[AttributeCatalogue.Count];
        var modelRow = new double[model.Attributes.Count];
        var scores = new int[rows.Length];
        for (int k = 0; k < rows.Length; k++)
        {
            for (int a = 0; a < catalogueRow.Length; a++)
            {
                catalogueRow[a] = data.Columns[a][rows[k]];
            }

            engine.Gather(catalogueRow, modelRow);
            scores[k] = model.Clamp(model.RawScore(modelRow));
        }

        return scores;
    }

    /// <summary>AUC of the score, and approval, bad rate among approved and AIR at the cut-off <paramref name="approveAt"/>.</summary>
    internal static LdaAlternative Evaluate(string kind, string name, int approveAt, int[] scores, PortfolioDataSet data, int[] rows, string?[] labels, LdaOptions options)
    {
        var risk = scores.Select(s => -(double)s).ToArray();
        var bad = rows.Select(i => data.IsBad[i]).ToArray();
        double auc = Metrics.Auc(risk, bad);
        int approved = 0, approvedBad = 0;
        var byGroup = new SortedDictionary<string, (int N, int Approved)>(StringComparer.Ordinal);
        for (int k = 0; k < scores.Length; k++)
        {
            bool approve = scores[k] >= approveAt;
            if (approve)
            {
                approved++;
                if (bad[k])
                {
                    approvedBad++;
                }
            }

            if (labels[k] is { } g)
            {
                byGroup.TryGetValue(g, out var c);
                byGroup[g] = (c.N + 1, c.Approved + (approve ? 1 : 0));
            }
        }

        var judged = byGroup.Where(kv => kv.Value.N >= options.MinGroupSize).Select(kv => (Group: kv.Key, Rate: (double)kv.Value.Approved / kv.Value.N)).ToList();
        double air = double.NaN;
        string? worst = null, reference = null;
        if (judged.Count >= 2)
        {
            var best = judged.MaxBy(j => j.Rate);
            var low = judged.MinBy(j => j.Rate);
            (reference, worst) = (best.Group, low.Group);
            air = best.Rate > 0 ? low.Rate / best.Rate : 1.0;
        }

        return new LdaAlternative(
            kind,
            name,
            approveAt,
            auc,
            scores.Length == 0 ? 0 : (double)approved / scores.Length,
            approved == 0 ? 0 : (double)approvedBad / approved,
            air,
            worst,
            reference);
    }
}
