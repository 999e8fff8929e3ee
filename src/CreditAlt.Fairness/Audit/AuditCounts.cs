namespace CreditAlt.Fairness.Audit;

/// <summary>
/// Everything the disparity figures need, aggregated per group. A database can compute these with
/// <c>GROUP BY</c> (count, sum of the favourable flag, sum of score and of its square, …) and hand them to
/// <see cref="AuditEngine.Summarise"/> without shipping rows. Weights are 1 per row for self-reported groups and
/// the membership probability for proxies.
/// </summary>
public sealed class AuditCounts
{
    /// <summary>Creates the counts for a set of attributes.</summary>
    public AuditCounts(long rowCount, IReadOnlyList<AttributeCounts> attributes, ScoreBins? bins = null)
    {
        RowCount = rowCount;
        Attributes = attributes;
        Bins = bins;
    }

    /// <summary>Number of decisions.</summary>
    public long RowCount { get; }

    /// <summary>Counts per attribute (and intersection).</summary>
    public IReadOnlyList<AttributeCounts> Attributes { get; }

    /// <summary>Score histogram and calibration band edges the counts were binned by; null without scores.</summary>
    public ScoreBins? Bins { get; }

    /// <summary>Decision values that <see cref="GroupCounts.DecisionCount"/> is indexed by; null when only the favourable flag is known.</summary>
    public IReadOnlyList<string>? DecisionLevels { get; init; }
}

/// <summary>Edges used to bin scores: equal-width histogram edges and quantile calibration band edges.</summary>
/// <param name="HistogramEdges">Ascending edges; bin i is [edge i, edge i+1), the last bin closed.</param>
/// <param name="BandEdges">Ascending inner cut points; band i holds scores with exactly i cut points ≤ score.</param>
public sealed record ScoreBins(double[] HistogramEdges, double[] BandEdges)
{
    /// <summary>Inner cut points of the predicted-risk bands (score quantiles over every scored row); empty when none.</summary>
    public double[] RiskEdges { get; init; } = [];

    /// <summary>Inner cut points of the true-PD bands (quantiles of the truth column); empty when none.</summary>
    public double[] TruthEdges { get; init; } = [];

    /// <summary>The band of a value among inner cut points: the number of cut points at or below it.</summary>
    public static int BandOf(double[] edges, double value)
    {
        ArgumentNullException.ThrowIfNull(edges);
        int lo = 0;
        int hi = edges.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (edges[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>Histogram bin of a score.</summary>
    public int HistogramBin(double score)
    {
        int bins = HistogramEdges.Length - 1;
        double lo = HistogramEdges[0];
        double hi = HistogramEdges[^1];
        if (hi <= lo)
        {
            return 0;
        }

        int b = (int)((score - lo) / (hi - lo) * bins);
        return Math.Clamp(b, 0, bins - 1);
    }

    /// <summary>Calibration band of a score: the number of band edges at or below it.</summary>
    public int Band(double score)
    {
        int lo = 0;
        int hi = BandEdges.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (BandEdges[mid] <= score)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}

/// <summary>Counts for one protected attribute or intersection.</summary>
/// <param name="Attribute">Name, e.g. "sex" or "race × sex".</param>
/// <param name="Groups">One entry per group, the missing-demographics row last.</param>
/// <param name="IsProxy">Whether memberships were probabilities (fractional counts).</param>
/// <param name="IsIntersection">Whether this is an intersection of attributes.</param>
/// <param name="Segments">Segment labels when a segment column was given; <see cref="GroupCounts.SegmentCount"/> is indexed by them.</param>
public sealed record AttributeCounts(
    string Attribute,
    IReadOnlyList<GroupCounts> Groups,
    bool IsProxy = false,
    bool IsIntersection = false,
    IReadOnlyList<string>? Segments = null);

/// <summary>Accumulated sums for one group. Fields are public so a SQL source can fill them from aggregates.</summary>
public sealed class GroupCounts
{
    /// <summary>Creates empty counts.</summary>
    public GroupCounts(string group, bool isMissing, int histogramBins = 0, int bands = 0, int segments = 0, int decisions = 0, int riskBands = 0, int truthBands = 0)
    {
        DecisionCount = new double[decisions];
        RiskCount = new double[riskBands];
        RiskFavorable = new double[riskBands];
        TruthCount = new double[truthBands];
        TruthFavorable = new double[truthBands];
        BandPdSum = new double[bands];
        Group = group;
        IsMissing = isMissing;
        ScoreHistogram = new double[histogramBins];
        BandCount = new double[bands];
        BandBad = new double[bands];
        BandScoreSum = new double[bands];
        SegmentCount = new double[segments];
        SegmentFavorable = new double[segments];
    }

    /// <summary>Group label.</summary>
    public string Group { get; }

    /// <summary>Whether this row collects applicants without demographics.</summary>
    public bool IsMissing { get; }

    /// <summary>Adds another group's sums to this one (counts are additive, so margins are sums of cells).</summary>
    public void AddFrom(GroupCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Count += other.Count;
        CountSq += other.CountSq;
        Favorable += other.Favorable;
        ScoreCount += other.ScoreCount;
        ScoreSum += other.ScoreSum;
        ScoreSumSq += other.ScoreSumSq;
        Good += other.Good;
        GoodFavorable += other.GoodFavorable;
        Bad += other.Bad;
        BadFavorable += other.BadFavorable;
        AddArray(ScoreHistogram, other.ScoreHistogram);
        AddArray(BandCount, other.BandCount);
        AddArray(BandBad, other.BandBad);
        AddArray(BandScoreSum, other.BandScoreSum);
        AddArray(SegmentCount, other.SegmentCount);
        AddArray(SegmentFavorable, other.SegmentFavorable);
        AddArray(DecisionCount, other.DecisionCount);
        AddArray(RiskCount, other.RiskCount);
        AddArray(RiskFavorable, other.RiskFavorable);
        AddArray(TruthCount, other.TruthCount);
        AddArray(TruthFavorable, other.TruthFavorable);
        AddArray(BandPdSum, other.BandPdSum);
    }

    private static void AddArray(double[] target, double[] source)
    {
        for (int i = 0; i < target.Length; i++)
        {
            target[i] += source[i];
        }
    }

#pragma warning disable CA1051 // Plain accumulators: hot loops add into them, a database fills them.
    /// <summary>Σ weight (the number of applicants for self-reported groups).</summary>
    public double Count;

    /// <summary>Σ weight² (equals Count for self-reported groups), for the effective sample size.</summary>
    public double CountSq;

    /// <summary>Σ weight over favourable decisions.</summary>
    public double Favorable;

    /// <summary>Σ weight over rows with a score.</summary>
    public double ScoreCount;

    /// <summary>Σ weight · score.</summary>
    public double ScoreSum;

    /// <summary>Σ weight · score².</summary>
    public double ScoreSumSq;

    /// <summary>Σ weight over good outcomes.</summary>
    public double Good;

    /// <summary>Σ weight over good outcomes with a favourable decision.</summary>
    public double GoodFavorable;

    /// <summary>Σ weight over bad outcomes.</summary>
    public double Bad;

    /// <summary>Σ weight over bad outcomes with a favourable decision.</summary>
    public double BadFavorable;

    /// <summary>Σ weight per score histogram bin.</summary>
    public double[] ScoreHistogram;

    /// <summary>Σ weight per calibration band (rows with score and known outcome).</summary>
    public double[] BandCount;

    /// <summary>Σ weight of bad outcomes per calibration band.</summary>
    public double[] BandBad;

    /// <summary>Σ weight · score per calibration band.</summary>
    public double[] BandScoreSum;

    /// <summary>Σ weight per segment.</summary>
    public double[] SegmentCount;

    /// <summary>Σ weight of favourable decisions per segment.</summary>
    public double[] SegmentFavorable;

    /// <summary>Σ weight per decision value (indexed by <see cref="AuditCounts.DecisionLevels"/>).</summary>
    public double[] DecisionCount;

    /// <summary>Σ weight per predicted-risk band.</summary>
    public double[] RiskCount;

    /// <summary>Σ weight of favourable decisions per predicted-risk band.</summary>
    public double[] RiskFavorable;

    /// <summary>Σ weight per true-PD band.</summary>
    public double[] TruthCount;

    /// <summary>Σ weight of favourable decisions per true-PD band.</summary>
    public double[] TruthFavorable;

    /// <summary>Σ weight · predicted PD per calibration band (rows with a PD).</summary>
    public double[] BandPdSum;
#pragma warning restore CA1051
}
