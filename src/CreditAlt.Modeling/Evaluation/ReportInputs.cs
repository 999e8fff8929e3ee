namespace CreditAlt.Modeling.Evaluation;

/// <summary>
/// The held-out applicants an evaluation is about, one entry per applicant in every array: the outcome
/// (true = defaulted), the true probability of default where the data are synthetic (NaN when unknown),
/// the bureau score (NaN for a credit-invisible applicant), whether the applicant is credit-invisible, and
/// whether the applicant counts in the discrimination and calibration figures (<see cref="Evaluated"/>:
/// applicants with enough history for a decision; the inclusion table always counts everybody).
/// </summary>
public sealed record ReportPopulation(bool[] Bad, double[] TrueProbability, double[] BureauScore, bool[] CreditInvisible, bool[] Evaluated)
{
    public int Count => Bad.Length;

    /// <summary>Named groups of applicants (one flag per applicant) whose discrimination and calibration are reported separately.</summary>
    public IReadOnlyList<PopulationSegment> Segments { get; init; } = [];

    /// <summary>Checks that every array has one entry per applicant.</summary>
    public void Validate()
    {
        foreach (var s in Segments)
            if (s.Members.Length != Count) throw new ArgumentException($"Segment '{s.Name}' has {s.Members.Length} flags for {Count} applicants.");
        if (TrueProbability.Length != Count || BureauScore.Length != Count || CreditInvisible.Length != Count || Evaluated.Length != Count)
            throw new ArgumentException($"Population arrays differ in length: {Count} outcomes, {TrueProbability.Length} true probabilities, "
                + $"{BureauScore.Length} bureau scores, {CreditInvisible.Length} invisible flags, {Evaluated.Length} evaluated flags.");
    }

    /// <summary>
    /// A population from outcomes and bureau scores; an applicant without a bureau score is credit-invisible.
    /// Everybody is evaluated unless <paramref name="evaluated"/> says otherwise.
    /// </summary>
    public static ReportPopulation From(bool[] bad, double[] trueProbability, double[] bureauScore, bool[]? evaluated = null) =>
        new(bad, trueProbability, bureauScore, [.. bureauScore.Select(double.IsNaN)], evaluated ?? [.. bad.Select(_ => true)]);
}

/// <summary>
/// One model's output on the population, in the same order: points on the published scale, probability of
/// default, and whether the decision policy said "insufficient data". The cut-offs turn points into decisions
/// (approve at or above <see cref="ApproveAt"/>, decline below <see cref="DeclineBelow"/>, refer between).
/// </summary>
public sealed record ReportModelInput(string Name, int[] Score, double[] ProbabilityOfDefault, bool[] InsufficientData, int ApproveAt, int DeclineBelow);

/// <summary>A named group of applicants: <c>Members[i]</c> says whether applicant i belongs to it.</summary>
public sealed record PopulationSegment(string Name, bool[] Members);

/// <summary>Presentation choices of the report.</summary>
public sealed record ReportOptions
{
    /// <value>Width of a calibration band in points. Default 20 (one doubling of the odds on the default scale).</value>
    public int BandWidth { get; init; } = 20;

    /// <value>Lowest score on the published scale; bands start here. Default 300.</value>
    public int MinScore { get; init; } = 300;

    /// <value>Title of the markdown report. Default "Model evaluation".</value>
    public string Title { get; init; } = "Model evaluation";

    /// <value>Bootstrap resamples behind every AUC, Gini and KS interval. Default 1,000 (<see cref="Bootstrap.DefaultResamples"/>).</value>
    public int BootstrapResamples { get; init; } = Bootstrap.DefaultResamples;

    /// <value>Seed of the bootstrap's random draws. Default 7 (the shipped models' seed).</value>
    public int BootstrapSeed { get; init; } = 7;

    /// <value>What the held-out split is, in words (shown in the report). Default empty.</value>
    public string Split { get; init; } = "";
}
