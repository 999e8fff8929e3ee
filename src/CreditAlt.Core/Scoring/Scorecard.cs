using CreditAlt.Core.Attributes;

namespace CreditAlt.Core.Scoring;

/// <summary>
/// A points scorecard: base points plus the points of the bin each attribute value falls in, clamped to
/// the published range. Immutable and thread-safe. Values are passed in the scorecard's own attribute order
/// (<see cref="Attributes"/>); <see cref="ScorecardEngine"/> maps a catalogue vector onto it.
/// </summary>
public sealed class Scorecard
{
    /// <summary>At most this many principal reasons are given for an adverse decision.</summary>
    public const int MaxReasons = 4;

    private readonly double[][] _uppers;     // per attribute: upper bounds of range bins, last = +∞
    private readonly int[][] _rangeBin;      // per attribute: bin index of each range bin
    private readonly double[][] _specials;   // per attribute: special values
    private readonly int[][] _specialBin;    // per attribute: bin index of each special value
    private readonly int[] _missingBin;      // per attribute: bin index of the missing bin
    private readonly int[][] _points;        // per attribute: points of every bin
    private readonly int[] _reference;       // per attribute: points of the best range (ordinary) bin

    public Scorecard(
        string modelId,
        string version,
        ScoreScaling scaling,
        int basePoints,
        IReadOnlyList<ScorecardAttribute> attributes,
        DecisionPolicy policy,
        IReadOnlyList<ApprovedDistribution>? approvedDistributions = null)
    {
        ModelId = modelId;
        Version = version;
        Scaling = scaling;
        BasePoints = basePoints;
        Attributes = attributes;
        Policy = policy;
        ApprovedDistributions = approvedDistributions ?? [];

        var n = attributes.Count;
        _uppers = new double[n][];
        _rangeBin = new int[n][];
        _specials = new double[n][];
        _specialBin = new int[n][];
        _missingBin = new int[n];
        _points = new int[n][];
        _reference = new int[n];
        for (var j = 0; j < n; j++)
        {
            var bins = attributes[j].Bins;
            var uppers = new List<double>();
            var rangeBin = new List<int>();
            var specials = new List<double>();
            var specialBin = new List<int>();
            _missingBin[j] = -1;
            _points[j] = new int[bins.Count];
            _reference[j] = int.MinValue;
            for (var b = 0; b < bins.Count; b++)
            {
                var bin = bins[b];
                _points[j][b] = bin.Points;
                switch (bin.Kind)
                {
                    case BinKind.Range:
                        _reference[j] = Math.Max(_reference[j], bin.Points);
                        uppers.Add(bin.Upper ?? double.PositiveInfinity);
                        rangeBin.Add(b);
                        break;
                    case BinKind.Missing:
                        _missingBin[j] = b;
                        break;
                    default:
                        specials.Add(bin.Value ?? double.NaN);
                        specialBin.Add(b);
                        break;
                }
            }

            if (rangeBin.Count == 0 || !double.IsPositiveInfinity(uppers[^1]) || _missingBin[j] < 0)
                throw new ArgumentException($"Attribute '{attributes[j].Id}' needs range bins ending unbounded and a missing bin.", nameof(attributes));
            _uppers[j] = [.. uppers];
            _rangeBin[j] = [.. rangeBin];
            _specials[j] = [.. specials];
            _specialBin[j] = [.. specialBin];
        }

        int low = basePoints, high = basePoints;
        foreach (var points in _points)
        {
            low += points.Min();
            high += points.Max();
        }

        PossibleRange = new ScoreBounds(Clamp(low), Clamp(high));
    }

    /// <summary>
    /// The range of scores this scorecard can produce: base points plus every attribute's lowest (highest) bin points,
    /// clamped to the scaling's bounds. This, not the scaling's nominal 300–850, is the range a notice discloses.
    /// </summary>
    public ScoreBounds PossibleRange { get; }

    /// <summary>Per actionable cash-flow attribute, its spread among the applicants approved in training (recourse bands).</summary>
    public IReadOnlyList<ApprovedDistribution> ApprovedDistributions { get; }

    /// <summary>The same scorecard with recourse bands measured after training.</summary>
    public Scorecard WithApprovedDistributions(IReadOnlyList<ApprovedDistribution> distributions) =>
        new(ModelId, Version, Scaling, BasePoints, Attributes, Policy, distributions);

    public string ModelId { get; }

    public string Version { get; }

    public ScoreScaling Scaling { get; }

    /// <summary>Points every applicant starts with (offset − factor·intercept).</summary>
    public int BasePoints { get; }

    public IReadOnlyList<ScorecardAttribute> Attributes { get; }

    public DecisionPolicy Policy { get; }

    /// <summary>The bin the value of attribute <paramref name="attribute"/> falls in.</summary>
    public int BinOf(int attribute, double value)
    {
        if (double.IsNaN(value)) return _missingBin[attribute];
        var specials = _specials[attribute];
        for (var s = 0; s < specials.Length; s++)
            if (specials[s] == value) return _specialBin[attribute][s];
        var uppers = _uppers[attribute];
        var k = 0;
        while (value >= uppers[k]) k++;
        return _rangeBin[attribute][k];
    }

    /// <summary>Points of bin <paramref name="bin"/> of attribute <paramref name="attribute"/>.</summary>
    public int PointsOf(int attribute, int bin) => _points[attribute][bin];

    /// <summary>
    /// The points reasons are measured against: those of the attribute's best range (ordinary) bin. Missing and special
    /// bins are left out, because a value cannot be "improved" into them: an applicant in the best ordinary bin has lost
    /// nothing, even when (say) having no account of the type would have scored more. A missing or special value is
    /// measured against the same reference, so it is a reason only when its own bin scores below the best ordinary bin.
    /// </summary>
    public int ReferencePoints(int attribute) => _reference[attribute];

    /// <summary>Points the value of attribute <paramref name="attribute"/> lost against <see cref="ReferencePoints"/>; 0 or less is no loss.</summary>
    public int PointsLost(int attribute, double value) => _reference[attribute] - _points[attribute][BinOf(attribute, value)];

    /// <summary>Base points plus attribute points, before clamping to the published range.</summary>
    public int RawScore(ReadOnlySpan<double> values)
    {
        CheckLength(values.Length);
        var total = BasePoints;
        for (var j = 0; j < _points.Length; j++) total += _points[j][BinOf(j, values[j])];
        return total;
    }

    /// <summary>The published score: the raw score clamped to [MinScore, MaxScore].</summary>
    public int Score(ReadOnlySpan<double> values) => Clamp(RawScore(values));

    public int Clamp(int raw) => Math.Clamp(raw, Scaling.MinScore, Scaling.MaxScore);

    /// <summary>
    /// Scores and writes up to <see cref="MaxReasons"/> attribute positions into <paramref name="reasons"/>, ranked by
    /// points lost against the attribute's reference (its best ordinary bin, <see cref="ReferencePoints"/>), largest first,
    /// ties by attribute order; attributes that lost no points are never reasons. Returns the clamped score; <paramref name="reasonCount"/> says how many were written.
    /// </summary>
    public int ScoreWithReasons(ReadOnlySpan<double> values, Span<int> reasons, out int reasonCount)
    {
        Span<int> lost = stackalloc int[MaxReasons];
        return ScoreWithReasons(values, reasons, lost, out reasonCount);
    }

    /// <summary>As <see cref="ScoreWithReasons(ReadOnlySpan{double}, Span{int}, out int)"/>, also writing each reason's points lost into <paramref name="lost"/>.</summary>
    public int ScoreWithReasons(ReadOnlySpan<double> values, Span<int> reasons, Span<int> lost, out int reasonCount)
    {
        CheckLength(values.Length);
        reasonCount = 0;
        var total = BasePoints;
        for (var j = 0; j < _points.Length; j++)
        {
            var points = _points[j][BinOf(j, values[j])];
            total += points;
            var loss = _reference[j] - points;
            if (loss <= 0) continue;
            // Insertion into a short list sorted by loss descending; strict '>' keeps the earlier attribute first on ties.
            var pos = reasonCount;
            while (pos > 0 && loss > lost[pos - 1]) pos--;
            if (pos >= MaxReasons) continue;
            var last = Math.Min(reasonCount, MaxReasons - 1);
            for (var k = last; k > pos; k--)
            {
                lost[k] = lost[k - 1];
                reasons[k] = reasons[k - 1];
            }

            lost[pos] = loss;
            reasons[pos] = j;
            if (reasonCount < MaxReasons) reasonCount++;
        }

        return Clamp(total);
    }

    private void CheckLength(int length)
    {
        if (length != _points.Length)
            throw new ArgumentException($"Scorecard '{ModelId}' expects {_points.Length} attribute values, got {length}.");
    }
}
