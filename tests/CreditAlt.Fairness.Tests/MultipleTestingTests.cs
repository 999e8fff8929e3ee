using CreditAlt.Fairness.Statistics;

namespace CreditAlt.Fairness.Tests;

public sealed class MultipleTestingTests
{
    [Fact]
    public void Holm_HandWorked()
    {
        // Sorted p × (m − i): 0.05, 0.08, 0.09, 0.08, 0.05 → running maximum 0.05, 0.08, 0.09, 0.09, 0.09 (R: p.adjust(…, "holm")).
        var holm = MultipleTesting.Holm([0.04, 0.01, 0.05, 0.02, 0.03]);
        Assert.Equal([0.09, 0.05, 0.09, 0.08, 0.09], holm.Select(v => Math.Round(v, 12)));
    }

    [Fact]
    public void BenjaminiHochberg_HandWorked()
    {
        // p·m/rank: 0.01·4/1 = 0.04, 0.02·4/2 = 0.04, 0.03·4/3 = 0.04, 0.5·4/4 = 0.5; running minimum from the top.
        var q = MultipleTesting.BenjaminiHochberg([0.5, 0.01, 0.03, 0.02]);
        Assert.Equal([0.5, 0.04, 0.04, 0.04], q.Select(v => Math.Round(v, 12)));
    }

    [Fact]
    public void Katz_HandWorked()
    {
        // 20/40 against 48/60: RR 0.625, SE of log = √(1/20 − 1/40 + 1/48 − 1/60) = 0.1707825.
        var ci = RiskRatio.Katz(20, 40, 48, 60);
        double se = Math.Sqrt(1.0 / 20 - 1.0 / 40 + 1.0 / 48 - 1.0 / 60);
        Assert.Equal(Math.Exp(Math.Log(0.625) - Normal.Z975 * se), ci.Low, 12);
        Assert.Equal(Math.Exp(Math.Log(0.625) + Normal.Z975 * se), ci.High, 12);
        Assert.Equal(0.4472, ci.Low, 4);
        Assert.Equal(0.8735, ci.High, 4);
    }
}
