using System.Runtime.CompilerServices;

namespace CreditAlt.Fairness.Audit;

/// <summary>
/// Per-group sums of a hot tally loop, in plain arrays (no per-row calls into <see cref="GroupCounts"/>): rows, favourable
/// outcomes, scores and their histogram. <see cref="Add"/> takes one row of weight 1 into a group; <see cref="Finish"/>
/// writes the sums into the groups' counts at the end.
/// </summary>
internal sealed class GroupTally
{
    private readonly double[] _count;
    private readonly double[] _favorable;
    private readonly double[] _scoreCount;
    private readonly double[] _scoreSum;
    private readonly double[] _scoreSumSq;
    private readonly double[] _histogram;
    private readonly bool[] _rowFavorable;
    private readonly double[]? _scores;
    private readonly short[]? _histogramBin;
    private readonly int _histogramBins;
    private readonly RowBins _rows;
    private readonly bool _details;
    private readonly GroupCounts[] _groups;

    public GroupTally(AuditInput input, RowBins rows, GroupCounts[] groups)
    {
        _groups = groups;
        _count = new double[groups.Length];
        _favorable = new double[groups.Length];
        _scoreCount = new double[groups.Length];
        _scoreSum = new double[groups.Length];
        _scoreSumSq = new double[groups.Length];
        _histogramBins = rows.HistogramBins;
        _histogram = new double[groups.Length * Math.Max(1, _histogramBins)];
        _rowFavorable = input.Favorable;
        _scores = input.Scores;
        _histogramBin = rows.HistogramBin;
        _rows = rows;
        _details = rows.HasDetails;
    }

    /// <summary>Row <paramref name="r"/> into group <paramref name="group"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int group, int r)
    {
        _count[group] += 1.0;
        var f = _rowFavorable[r];
        if (f) _favorable[group] += 1.0;
        if (_scores is not null)
        {
            var s = _scores[r];
            if (!double.IsNaN(s))
            {
                _scoreCount[group] += 1.0;
                _scoreSum[group] += s;
                _scoreSumSq[group] += s * s;
                _histogram[group * _histogramBins + _histogramBin![r]] += 1.0;
            }
        }

        if (_details) _rows.AddDetails(_groups[group], r, 1.0, f);
    }

    /// <summary>Writes the sums into the groups' counts; rows of weight 1, so the squared weights are the count.</summary>
    public void Finish()
    {
        for (var c = 0; c < _groups.Length; c++)
        {
            var gc = _groups[c];
            gc.Count = _count[c];
            gc.CountSq = _count[c];
            gc.Favorable = _favorable[c];
            gc.ScoreCount = _scoreCount[c];
            gc.ScoreSum = _scoreSum[c];
            gc.ScoreSumSq = _scoreSumSq[c];
            if (_histogramBins > 0) Array.Copy(_histogram, c * _histogramBins, gc.ScoreHistogram, 0, _histogramBins);
        }
    }
}
