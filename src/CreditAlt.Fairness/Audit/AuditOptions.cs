namespace CreditAlt.Fairness.Audit;

/// <summary>How to run an audit.</summary>
public sealed record AuditOptions
{
    /// <summary>Groups with fewer applicants are reported but not judged.</summary>
    /// <value>30</value>
    public double MinGroupSize { get; init; } = 30;

    /// <summary>Also audit every intersection of two or more attributes.</summary>
    /// <value>false</value>
    public bool Intersections { get; init; }

    /// <summary>Named reference groups: attribute name → group label. Otherwise the highest favourable rate.</summary>
    public IReadOnlyDictionary<string, string> ReferenceGroups { get; init; } = new Dictionary<string, string>();

    /// <summary>AIR below this is flagged (the four-fifths rule).</summary>
    /// <value>0.8</value>
    public double FourFifths { get; init; } = 0.8;

    /// <summary>Number of score bands (quantiles) for calibration, 1 to 250.</summary>
    /// <value>10</value>
    public int CalibrationBands { get; init; } = 10;

    /// <summary>Number of equal-width bins of the score histograms, 1 to 1000.</summary>
    /// <value>30</value>
    public int HistogramBins { get; init; } = 30;

    /// <summary>Free text describing the input (file name, decision rule), copied into the reports.</summary>
    public string? Source { get; init; }

    /// <summary>A time stamp to print in the reports; none when null, so reports stay byte-for-byte reproducible.</summary>
    public string? GeneratedAt { get; init; }

    /// <summary>
    /// Control groups per attribute. Null (library default) keeps the highest-rate reference; the CLI and the API always
    /// pass one (the defaults: race/ethnicity → white, sex → male, age → 25–61).
    /// </summary>
    public ControlGroups? Controls { get; init; }

    /// <summary>Decision values counted as adverse for the adverse-outcome ratio.</summary>
    /// <value>decline, insufficient_data</value>
    public IReadOnlyList<string> AdverseValues { get; init; } = ["decline", "insufficient_data"];

    /// <summary>Decision value of a referral.</summary>
    /// <value>refer</value>
    public string ReferValue { get; init; } = "refer";

    /// <summary>Significance level for the Holm-adjusted p-values.</summary>
    /// <value>0.05</value>
    public double Alpha { get; init; } = 0.05;

    /// <summary>Score SMD (group below control, in SDs) that counts as practically significant.</summary>
    /// <value>0.30</value>
    public double SmdThreshold { get; init; } = 0.30;

    /// <summary>Number of bands of predicted risk (quantiles of the score) for the similarly-situated comparison.</summary>
    /// <value>10</value>
    public int RiskBands { get; init; } = 10;

    /// <summary>Name of the true-PD column, for the report; null when none was given.</summary>
    public string? TruthName { get; init; }

    /// <summary>Description of the favourable decision, e.g. "Class = Good", for the reports.</summary>
    public string? FavorableDescription { get; init; }

    /// <summary>Applies a configuration file's settings.</summary>
    public AuditOptions With(AuditConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return this with { Controls = config.ControlGroups, AdverseValues = config.AdverseValues, ReferValue = config.ReferValue, Alpha = config.Alpha, SmdThreshold = config.SmdThreshold };
    }
}
