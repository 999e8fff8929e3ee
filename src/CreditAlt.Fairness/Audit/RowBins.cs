namespace CreditAlt.Fairness.Audit;

/// <summary>
/// What every tally needs per row beyond group and favourable flag, computed once for all attributes: score histogram
/// bin, calibration band, predicted-risk band, true-PD band, decision value; and the sizes of the per-group arrays.
/// </summary>
internal sealed class RowBins
{
    private const byte None = byte.MaxValue;

    private RowBins(AuditInput input)
    {
        Input = input;
    }

    public AuditInput Input { get; }

    public int HistogramBins { get; private init; }

    public int Bands { get; private init; }

    public int Segments { get; private init; }

    public int Decisions { get; private init; }

    public int RiskBands { get; private init; }

    public int TruthBands { get; private init; }

    public short[]? HistogramBin { get; private init; }

    private byte[]? Band { get; init; }

    private byte[]? Risk { get; init; }

    private byte[]? Truth { get; init; }

    /// <summary>Whether <see cref="AddDetails"/> has anything to add.</summary>
    public bool HasDetails { get; private init; }

    public static RowBins Compute(AuditInput input, ScoreBins? bins)
    {
        int n = input.RowCount;
        var scores = input.Scores;
        short[]? histogramBin = null;
        byte[]? band = null;
        byte[]? risk = null;
        byte[]? truth = null;
        bool scored = scores is not null && bins is not null;
        if (scored)
        {
            histogramBin = new short[n];
            band = input.Outcomes is null ? null : new byte[n];
            risk = bins!.RiskEdges.Length == 0 ? null : new byte[n];
            var riskEdges = bins.RiskEdges;
            for (int r = 0; r < n; r++)
            {
                double s = scores![r];
                if (!double.IsNaN(s))
                {
                    histogramBin[r] = (short)bins.HistogramBin(s);
                    if (band is not null)
                    {
                        band[r] = (byte)bins.Band(s);
                    }

                    if (risk is not null)
                    {
                        risk[r] = (byte)ScoreBins.BandOf(riskEdges, s);
                    }
                }
                else if (risk is not null)
                {
                    risk[r] = None;
                }
            }
        }

        if (input.TruePd is { } pd && bins is not null)
        {
            truth = new byte[n];
            for (int r = 0; r < n; r++)
            {
                truth[r] = double.IsNaN(pd[r]) ? None : (byte)ScoreBins.BandOf(bins.TruthEdges, pd[r]);
            }
        }

        return new RowBins(input)
        {
            HistogramBins = scored ? bins!.HistogramEdges.Length - 1 : 0,
            Bands = scored && input.Outcomes is not null ? bins!.BandEdges.Length + 1 : 0,
            Segments = input.Segment is null ? 0 : input.Segment.Levels.Count + 1,
            Decisions = input.Decisions?.Levels.Count ?? 0,
            RiskBands = risk is null ? 0 : bins!.RiskEdges.Length + 1,
            TruthBands = truth is null ? 0 : bins!.TruthEdges.Length + 1,
            HistogramBin = histogramBin,
            Band = band,
            Risk = risk,
            Truth = truth,
            HasDetails = input.Outcomes is not null || input.Segment is not null || input.Decisions is not null || risk is not null || truth is not null,
        };
    }

    public GroupCounts NewCounts(string group, bool isMissing) =>
        new(group, isMissing, HistogramBins, Bands, Segments, Decisions, RiskBands, TruthBands);

    /// <summary>Adds row <paramref name="r"/> with weight <paramref name="w"/> to everything but count, favourable and score sums.</summary>
    public void AddDetails(GroupCounts gc, int r, double w, bool fav)
    {
        var input = Input;
        if (input.Outcomes is { } outcomes)
        {
            sbyte o = outcomes[r];
            if (o == 1)
            {
                gc.Bad += w;
                if (fav)
                {
                    gc.BadFavorable += w;
                }
            }
            else if (o == 0)
            {
                gc.Good += w;
                if (fav)
                {
                    gc.GoodFavorable += w;
                }
            }

            if (o >= 0 && Band is not null && !double.IsNaN(input.Scores![r]))
            {
                int b = Band[r];
                gc.BandCount[b] += w;
                gc.BandScoreSum[b] += w * input.Scores[r];
                if (o == 1)
                {
                    gc.BandBad[b] += w;
                }

                if (input.PredictedPd is { } pd && !double.IsNaN(pd[r]))
                {
                    gc.BandPdSum[b] += w * pd[r];
                }
            }
        }

        if (input.Segment is { } segment)
        {
            int seg = segment.Codes[r] < 0 ? Segments - 1 : segment.Codes[r];
            gc.SegmentCount[seg] += w;
            if (fav)
            {
                gc.SegmentFavorable[seg] += w;
            }
        }

        if (input.Decisions is { } decisions && decisions.Codes[r] >= 0)
        {
            gc.DecisionCount[decisions.Codes[r]] += w;
        }

        if (Risk is not null && Risk[r] != None)
        {
            gc.RiskCount[Risk[r]] += w;
            if (fav)
            {
                gc.RiskFavorable[Risk[r]] += w;
            }
        }

        if (Truth is not null && Truth[r] != None)
        {
            gc.TruthCount[Truth[r]] += w;
            if (fav)
            {
                gc.TruthFavorable[Truth[r]] += w;
            }
        }
    }
}
