namespace CreditAlt.Fairness.Audit;

/// <summary>
/// Decisions to audit, held by column: one entry per applicant in every array. Protected attributes live here
/// and only here; nothing on the scoring side references these types.
/// </summary>
public sealed class AuditInput
{
    /// <summary>Creates an input; every column must have <paramref name="favorable"/>'s length.</summary>
    public AuditInput(
        bool[] favorable,
        IReadOnlyList<ProtectedAttribute> attributes,
        double[]? scores = null,
        sbyte[]? outcomes = null,
        IReadOnlyList<ControlColumn>? controls = null,
        CategoricalColumn? segment = null)
    {
        ArgumentNullException.ThrowIfNull(favorable);
        ArgumentNullException.ThrowIfNull(attributes);
        Favorable = favorable;
        Attributes = attributes;
        Scores = scores;
        Outcomes = outcomes;
        Controls = controls ?? [];
        Segment = segment;
        int n = favorable.Length;
        if (attributes.Count == 0)
        {
            throw new ArgumentException("At least one protected attribute is needed.", nameof(attributes));
        }

        foreach (var a in attributes)
        {
            if (a.RowCount != n)
            {
                throw new ArgumentException($"Attribute '{a.Name}' has {a.RowCount} rows, decisions have {n}.", nameof(attributes));
            }
        }

        if ((scores is not null && scores.Length != n) || (outcomes is not null && outcomes.Length != n)
            || (segment is not null && segment.Codes.Length != n) || Controls.Any(c => c.RowCount != n))
        {
            throw new ArgumentException("Every column must have one value per decision.");
        }
    }

    /// <summary>Number of decisions.</summary>
    public int RowCount => Favorable.Length;

    /// <summary>True where the decision was the favourable one (e.g. approved).</summary>
    public bool[] Favorable { get; }

    /// <summary>Protected attributes (self-reported categories or proxy probabilities).</summary>
    public IReadOnlyList<ProtectedAttribute> Attributes { get; }

    /// <summary>Model scores, NaN where missing; null when no score was given.</summary>
    public double[]? Scores { get; }

    /// <summary>Observed outcomes: 1 bad (defaulted), 0 good, −1 unknown; null when none were given.</summary>
    public sbyte[]? Outcomes { get; }

    /// <summary>Legitimate credit factors to control for in the regression.</summary>
    public IReadOnlyList<ControlColumn> Controls { get; }

    /// <summary>Segment (stratum) of each decision, for per-segment AIR and the CMH test.</summary>
    public CategoricalColumn? Segment { get; }

    /// <summary>The decision value of each row (approve, refer, decline, insufficient_data, …); null when only favourable/not is known.</summary>
    public CategoricalColumn? Decisions
    {
        get;
        init => field = value is null || value.Codes.Length == RowCount ? value : throw new ArgumentException("Every column must have one value per decision.");
    }

    /// <summary>The model's predicted probability of default per row (NaN where missing), for calibration.</summary>
    public double[]? PredictedPd
    {
        get;
        init => field = value is null || value.Length == RowCount ? value : throw new ArgumentException("Every column must have one value per decision.");
    }

    /// <summary>A true probability of default per row (NaN where missing), for approval at equal true risk.</summary>
    public double[]? TruePd
    {
        get;
        init => field = value is null || value.Length == RowCount ? value : throw new ArgumentException("Every column must have one value per decision.");
    }
}

/// <summary>A text column dictionary-encoded: <see cref="Codes"/> index <see cref="Levels"/>; −1 is missing.</summary>
public sealed record CategoricalColumn(string Name, int[] Codes, IReadOnlyList<string> Levels);

/// <summary>A protected attribute of the applicants (race, sex, age band, …), only ever used in audits.</summary>
public abstract class ProtectedAttribute
{
    /// <summary>Creates the attribute with its name and group labels.</summary>
    protected ProtectedAttribute(string name, IReadOnlyList<string> groups)
    {
        Name = name;
        Groups = groups;
    }

    /// <summary>Attribute name as shown in reports.</summary>
    public string Name { get; }

    /// <summary>Group labels, indexed by group code.</summary>
    public IReadOnlyList<string> Groups { get; }

    /// <summary>Number of applicants.</summary>
    public abstract int RowCount { get; }
}

/// <summary>Self-reported (or otherwise known) group membership: one group per applicant, −1 when missing.</summary>
public sealed class CategoricalAttribute : ProtectedAttribute
{
    /// <summary>Creates the attribute from codes into <paramref name="groups"/>.</summary>
    public CategoricalAttribute(string name, IReadOnlyList<string> groups, int[] codes)
        : base(name, groups)
    {
        ArgumentNullException.ThrowIfNull(codes);
        Codes = codes;
    }

    /// <summary>Group code per applicant, −1 when the applicant did not report it.</summary>
    public int[] Codes { get; }

    /// <inheritdoc />
    public override int RowCount => Codes.Length;

    /// <summary>Builds the attribute from raw labels; null or empty labels are missing. Groups sort ordinally.</summary>
    public static CategoricalAttribute FromLabels(string name, IReadOnlyList<string?> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var groups = labels.Where(l => !string.IsNullOrEmpty(l)).Select(l => l!).Distinct().Order(StringComparer.Ordinal).ToList();
        var index = groups.Select((g, i) => (g, i)).ToDictionary(t => t.g, t => t.i, StringComparer.Ordinal);
        var codes = new int[labels.Count];
        for (int i = 0; i < codes.Length; i++)
        {
            codes[i] = string.IsNullOrEmpty(labels[i]) ? -1 : index[labels[i]!];
        }

        return new CategoricalAttribute(name, groups, codes);
    }
}

/// <summary>
/// Proxy membership: for each applicant a probability per group (e.g. from BISG), counted fractionally.
/// A row whose probabilities are all NaN is missing.
/// </summary>
public sealed class ProxyAttribute : ProtectedAttribute
{
    /// <summary>Creates the attribute; <paramref name="probabilities"/> is row-major, rows × groups.</summary>
    public ProxyAttribute(string name, IReadOnlyList<string> groups, float[] probabilities)
        : base(name, groups)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.Count == 0 || probabilities.Length % groups.Count != 0)
        {
            throw new ArgumentException("Probabilities must hold one value per row and group.", nameof(probabilities));
        }

        Probabilities = probabilities;
    }

    /// <summary>Row-major probabilities, <see cref="RowCount"/> × group count.</summary>
    public float[] Probabilities { get; }

    /// <inheritdoc />
    public override int RowCount => Probabilities.Length / Groups.Count;
}

/// <summary>A control column for the regression.</summary>
public abstract record ControlColumn(string Name)
{
    /// <summary>Number of rows.</summary>
    public abstract int RowCount { get; }
}

/// <summary>A numeric control: standardised in the regression; NaN rows keep their place (neutral fill plus a missing indicator).</summary>
public sealed record NumericControl(string Name, double[] Values) : ControlColumn(Name)
{
    /// <inheritdoc />
    public override int RowCount => Values.Length;
}

/// <summary>A text control, one-hot encoded with its most frequent level as the base.</summary>
public sealed record TextControl(string Name, int[] Codes, IReadOnlyList<string> Levels) : ControlColumn(Name)
{
    /// <inheritdoc />
    public override int RowCount => Codes.Length;
}
