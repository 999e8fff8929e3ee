using CreditAlt.Core.Attributes;
using CreditAlt.Modeling.Challenger;

namespace CreditAlt.Modeling.Tests.Challenger;

public sealed class ChallengerMonotonicityTests
{
    [Fact]
    public void Violation_HigherIsRiskier_IsLargestFallFromAnEarlierPeak() =>
        // 0.3 then 0.2: PD fell by 0.1 while the value grew.
        Assert.Equal(0.1, ChallengerMonotonicity.Violation([0.1, 0.3, 0.2, 0.5], +1), 12);

    [Fact]
    public void Violation_LowerIsRiskier_IsLargestRiseFromAnEarlierLow() =>
        // PD should fall as the value grows; it rose from 0.1 to 0.5.
        Assert.Equal(0.4, ChallengerMonotonicity.Violation([0.1, 0.3, 0.2, 0.5], -1), 12);

    [Fact]
    public void Violation_MonotoneCurve_IsZero() => Assert.Equal(0, ChallengerMonotonicity.Violation([0.1, 0.1, 0.2, 0.4], +1));

    [Fact]
    public void Grid_ManyValues_TakesNearestRankQuantilesAndSkipsMissingAndSpecial()
    {
        var attribute = AttributeCatalogue.All[AttributeIndex.RentMonthsSinceLate30]; // -1 = never late (special)
        var values = new List<float>();
        for (var v = 1; v <= 100; v++) values.Add(v);
        values.Add(float.NaN);
        values.Add(-1);
        var data = new ChallengerDataSet(1, [.. values], new bool[values.Count]);
        // Ranks round(k · 99 / 4) for k = 0..4 → 0, 25 (24.75), 50 (49.5 away from zero), 74 (74.25), 99.
        Assert.Equal([1.0, 26, 51, 75, 100], ChallengerMonotonicity.Grid(data, 0, attribute, 5));
    }

    [Fact]
    public void Measure_HandBuiltPredictor_CountsApplicantsMovingAgainstDirection()
    {
        // Column 0 is a late count (higher is riskier); the predictor raises PD with it when column 1 is
        // positive and lowers it otherwise. Half the applicants violate, by 0.5 − 0.3 = 0.2 at most, and
        // the average curve is flat at 0.3, so partial dependence shows no violation.
        AttributeDefinition[] attributes =
        [
            AttributeCatalogue.All[AttributeIndex.RentLate30Count12m],
            AttributeCatalogue.All[AttributeIndex.CashFlowNsfCount12m],
        ];
        var sample = new ChallengerDataSet(2, [0, 1, 1, 1, 2, 0, 0, 0], new bool[4]);
        double[] Predict(float[] rows)
        {
            var pd = new double[rows.Length / 2];
            for (var i = 0; i < pd.Length; i++)
                pd[i] = rows[2 * i + 1] > 0 ? 0.1 + 0.1 * rows[2 * i] : 0.5 - 0.1 * rows[2 * i];
            return pd;
        }

        var result = ChallengerMonotonicity.Measure(sample, attributes, Predict);
        var late = result[0];
        Assert.Equal([0.0, 1, 2], late.GridValues);
        Assert.Equal(4, late.Applicants);
        Assert.Equal(0.5, late.ShareViolating, 12);
        Assert.Equal(0.5, late.ShareViolatingMaterially, 12);
        Assert.Equal(0.2, late.MaxViolation, 9);
        Assert.Equal(0, late.PartialDependenceViolation);
        // Column 1 (NSF, higher is riskier) on grid {0, 1}: PD jumps from 0.5 − 0.1·x0 to 0.1 + 0.1·x0,
        // a fall for x0 = 0 (0.4, two applicants) and x0 = 1 (0.2), none for x0 = 2: 3 of 4 applicants violate.
        var nsf = result[1];
        Assert.Equal(0.75, nsf.ShareViolating, 12);
        Assert.Equal(0.4, nsf.MaxViolation, 9);
    }
}
