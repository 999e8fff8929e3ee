using CreditAlt.Fairness.Statistics;

namespace CreditAlt.Fairness.Tests;

// Reference values: Python's math.erfc, exact rational sums (fractions + math.comb) for Fisher,
// Newcombe (1998) Table II for the difference interval, closed forms for the logistic fits.
public sealed class StatisticsTests
{
    [Theory]
    [InlineData(0.5, 0.4795001221869535)]
    [InlineData(1.0, 0.15729920705028513)]
    [InlineData(2.9999, 2.210442648216091e-05)]
    [InlineData(3.0, 2.2090496998585438e-05)]
    [InlineData(5.0, 1.5374597944280351e-12)]
    public void Erfc_KnownArguments_MatchesReference(double x, double expected) => Close.Equal(expected, Normal.Erfc(x), 1e-14);

    [Fact]
    public void TwoSidedP_Z196_IsJustUnderFivePercent() => Close.Equal(0.04999579029644087, Normal.TwoSidedP(1.96), 1e-13);

    [Fact]
    public void Wilson_88Of149_MatchesHandComputation()
    {
        var ci = Proportion.Wilson(88, 149);
        Close.Equal(0.5103379359310786, ci.Low);
        Close.Equal(0.666315703783752, ci.High);
    }

    [Fact]
    public void Wilson_NoSuccesses_StartsAtZero()
    {
        var ci = Proportion.Wilson(0, 10);
        Assert.Equal(0.0, ci.Low);
        Close.Equal(0.2775327998628892, ci.High);
    }

    [Fact]
    public void NewcombeDifference_Newcombe1998Example_MatchesPublishedInterval()
    {
        // Newcombe (1998), Statistics in Medicine 17:873, example (a): 56/70 − 48/80, method 10: 0.0524 to 0.3339.
        var ci = Proportion.NewcombeDifference(56, 70, 48, 80);
        Assert.Equal(0.0524, ci.Low, 4);
        Assert.Equal(0.3339, ci.High, 4);
        Close.Equal(0.052431472402365065, ci.Low);
        Close.Equal(0.333872654036906, ci.High);
    }

    [Theory]
    [InlineData(3, 1, 1, 3, 0.4857142857142857)] // Fisher's tea-tasting table; R gives 0.4857
    [InlineData(10, 2, 3, 15, 0.0005367241191434358)]
    [InlineData(4, 6, 8, 2, 0.1698023338890212)]
    [InlineData(1, 2, 2, 0, 0.4)]
    [InlineData(88, 61, 612, 239, 0.0025502572578753667)]
    public void FisherExactP_KnownTables_MatchesExactRationalSum(long a, long b, long c, long d, double expected)
        => Close.Equal(expected, TwoByTwo.FisherExactP(a, b, c, d), 1e-11);

    [Fact]
    public void FisherExactP_DegenerateMargins_IsOne() => Assert.Equal(1.0, TwoByTwo.FisherExactP(5, 0, 7, 0));

    [Fact]
    public void Test_AboveThreshold_UsesChiSquare()
    {
        var small = TwoByTwo.Test(10, 20, 30, 40);
        Assert.Equal(TwoByTwoTest.FisherExact, small.Test);
        var large = TwoByTwo.Test(400_000, 200_000, 300_000, 200_000);
        Assert.Equal(TwoByTwoTest.ChiSquare, large.Test);
    }

    [Fact]
    public void PearsonChiSquareP_HandTable_MatchesFormula()
    {
        // χ² = 100·(10·40 − 20·30)² / (30·70·40·60) = 0.7936507936507936
        Close.Equal(0.37299848361348714, TwoByTwo.PearsonChiSquareP(10, 20, 30, 40), 1e-13);
    }

    [Fact]
    public void MantelHaenszel_GermanCreditAgeByHousing_MatchesIndependentComputation()
    {
        // Under 25 vs 25 and over, Good vs Bad, stratified by housing (own, free, rent) — counts from german_credit.csv.
        var result = MantelHaenszel.Test([new Stratum(44, 31, 483, 155), new Stratum(3, 2, 61, 42), new Stratum(41, 28, 68, 42)]);
        Close.Equal(5.847964828202065, result.ChiSquare, 1e-12);
        Close.Equal(0.015595076435398838, result.PValue, 1e-11);
        Close.Equal(0.6211220326544429, result.CommonOddsRatio, 1e-12);
        Assert.Equal(3, result.StrataUsed);
    }

    [Fact]
    public void MantelHaenszel_SingleObservationStratum_IsSkipped()
    {
        var result = MantelHaenszel.Test([new Stratum(44, 31, 483, 155), new Stratum(1, 0, 0, 0)]);
        Assert.Equal(1, result.StrataUsed);
    }

    [Fact]
    public void LogisticRegression_OneBinaryCovariate_EqualsLogOddsRatio()
    {
        // 10 with x = 1 (6 adverse), 10 with x = 0 (2 adverse): β1 = log((6/4)/(2/8)), SE = √(1/6 + 1/4 + 1/2 + 1/8).
        var xs = Enumerable.Range(0, 20).Select(i => i < 10 ? 1.0 : 0.0).ToArray();
        var ys = Enumerable.Range(0, 20).Select(i => i < 6 || (i >= 10 && i < 12) ? 1.0 : 0.0).ToArray();
        var fit = LogisticRegression.Fit(20, 2, (i, x) =>
        {
            x[0] = 1.0;
            x[1] = xs[i];
            return (ys[i], 1.0);
        });
        Assert.True(fit.Converged);
        Close.Equal(-1.3862943611198906, fit.Coefficients[0], 1e-9);
        Close.Equal(1.791759469228055, fit.Coefficients[1], 1e-9);
        Close.Equal(0.7905694150420949, fit.StandardErrors[0], 1e-8);
        Close.Equal(1.0206207261596574, fit.StandardErrors[1], 1e-8);
    }

    [Fact]
    public void LogisticRegression_FrequencyWeights_EqualRepeatedRows()
    {
        // The same data as four weighted rows.
        double[][] rows = [[1, 1, 6], [1, 0, 4], [0, 1, 2], [0, 0, 8]];
        var fit = LogisticRegression.Fit(4, 2, (i, x) =>
        {
            x[0] = 1.0;
            x[1] = rows[i][0];
            return (rows[i][1], rows[i][2]);
        });
        Close.Equal(1.791759469228055, fit.Coefficients[1], 1e-9);
        Close.Equal(1.0206207261596574, fit.StandardErrors[1], 1e-8);
    }
}
