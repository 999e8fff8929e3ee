using CreditAlt.Modeling.Evaluation;

namespace CreditAlt.Modeling.Tests.Evaluation;

public sealed class MetricsTests
{
    // Scores 0.1 .. 0.9 with bads at 0.4, 0.8, 0.9 and six goods: of the 3·6 = 18 bad/good pairs the bad
    // outranks the good in 3 (0.4 beats 0.1, 0.2, 0.3) + 6 + 6 = 15, so AUC = 15/18.
    private static readonly double[] Scores = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
    private static readonly bool[] Bad = [false, false, false, true, false, false, false, true, true];

    [Fact]
    public void Auc_NoTies_EqualsShareOfConcordantPairs() =>
        Assert.Equal(15.0 / 18.0, Metrics.Auc(Scores, Bad), 12);

    [Fact]
    public void Auc_TiedPairs_CountAsOneHalf()
    {
        // bads {2, 1}, goods {1, 0}: pairs (2,1)=1, (2,0)=1, (1,1)=0.5, (1,0)=1 → 3.5/4.
        Assert.Equal(0.875, Metrics.Auc([2, 1, 1, 0], [true, true, false, false]), 12);
    }

    [Fact]
    public void Auc_AllScoresEqual_IsOneHalf() =>
        Assert.Equal(0.5, Metrics.Auc([3, 3, 3, 3], [true, false, true, false]), 12);

    [Fact]
    public void Auc_OneClassOnly_IsNaN() => Assert.True(double.IsNaN(Metrics.Auc([1, 2], [true, true])));

    [Fact]
    public void Gini_FromAuc_IsTwiceAucMinusOne() => Assert.Equal(0.6, Metrics.Gini(0.8), 12);

    [Fact]
    public void Ks_NoTies_IsLargestCumulativeGap()
    {
        // Ascending: after 0.3 goods 3/6, bads 0/3 → gap 0.5; after 0.7 goods 6/6, bads 1/3 → gap 2/3 (largest).
        Assert.Equal(2.0 / 3.0, Metrics.Ks(Scores, Bad), 12);
    }

    [Fact]
    public void Ks_TiedScores_MoveTogether()
    {
        // Every score tied: one threshold only, after which both shares are 1 → KS 0.
        Assert.Equal(0.0, Metrics.Ks([5, 5, 5, 5], [true, false, true, false]), 12);
        // {0: good, 1: good+bad, 2: bad}: after 0 gap 0.5, after 1 gap 0.5, after 2 gap 0.
        Assert.Equal(0.5, Metrics.Ks([0, 1, 1, 2], [false, false, true, true]), 12);
    }

    [Fact]
    public void Brier_HandComputed_IsMeanSquaredError()
    {
        // (0.9-1)² + (0.2-0)² + (0.6-0)² + (0.3-1)² = 0.01 + 0.04 + 0.36 + 0.49 = 0.90 → /4 = 0.225.
        Assert.Equal(0.225, Metrics.Brier([0.9, 0.2, 0.6, 0.3], [true, false, false, true]), 12);
    }
}
