using CreditAlt.Core.AbilityToPay;
using CreditAlt.Transactions.Categorising;
using CreditAlt.Transactions.Deriving;
using CreditAlt.Transactions.Parsing;

namespace CreditAlt.Transactions.Tests.Deriving;

public sealed class AffordabilityTests
{
    [Fact]
    public void MonthlyPayment_3000At18PctOver36Months_IsTheAnnuityInstalment()
    {
        // r = 0.015, (1.015)^36 = 1.70914: 3000 × 0.015 / (1 − 1 / 1.70914) = 108.4574… → 108.46.
        Assert.Equal(108.46m, ProductTerms.Default.MonthlyPayment(3000m));
        Assert.Equal(100m, new ProductTerms(0m, 12).MonthlyPayment(1200m));
    }

    [Fact]
    public void LargestAmountFor_100AMonth_IsTheAnnuityPresentValueInFifties()
    {
        // 100 × (1 − 1.015^−36) / 0.015 = 2,766.07 → 2,750 in whole 50 dollars (instalment 99.42).
        Assert.Equal(2750m, ProductTerms.Default.LargestAmountFor(100m));
        Assert.True(ProductTerms.Default.MonthlyPayment(2750m) <= 100m);
        Assert.True(ProductTerms.Default.MonthlyPayment(2800m) > 100m);
        Assert.Equal(0m, ProductTerms.Default.LargestAmountFor(-5m));
    }

    private static Derivation Sample(decimal requested)
    {
        using var stream = File.OpenRead(RepoRoot.Sample("fdx.json"));
        return new TransactionDeriver().Derive(TransactionReader.Read(stream, TransactionFormat.Fdx, "fdx.json"),
            new DerivationRequest("APP-T1", "CUS-T1", new DateOnly(2026, 6, 30), requested));
    }

    [Fact]
    public void Assess_Sample_IncomeObligationsPaymentResidual()
    {
        var a = Affordability.Assess(Sample(3000m), ProductTerms.Default);

        // Payroll January to May (June is the as-of month): 3,245.40, 3,233.45, 3,234.25, 3,222.30, 3,256.55: median 3,234.25.
        var stream = Assert.Single(a.IncomeStreams);
        Assert.Equal(TransactionCategory.IncomeWages, stream.Category);
        Assert.Equal("biweekly", stream.Cadence);
        Assert.Equal((5, 5), (stream.MonthsPaid, stream.MonthsObserved));
        Assert.Equal(3234.25m, a.MonthlyIncome);
        Assert.Equal(1.0, a.IncomeRegularity);
        Assert.Equal(1450m + 102.10m + 64.99m, a.MonthlyObligations);
        Assert.Equal(0m, a.MonthlyDebtPayments);
        Assert.Equal(108.46m, a.MonthlyPayment);
        Assert.Equal(3234.25m - 1617.09m - 108.46m, a.ResidualIncome);
        Assert.Null(a.CounterofferAmount);
        Assert.Equal("APP-T1,3234.25,1,1.0000,1617.09,0.00,3000.00,0.18,36,108.46,1508.70,", a.CsvRow("APP-T1"));
    }

    [Fact]
    public void Assess_RequestTooLarge_CounterofferLeavesResidualAtLeastZero()
    {
        var a = Affordability.Assess(Sample(200_000m), ProductTerms.Default);

        Assert.True(a.ResidualIncome < 0);
        // Room 3,234.25 − 1,617.09 = 1,617.16 a month: 1,617.16 × (1 − 1.015^−36) / 0.015 = 44,731.… → 44,700.
        Assert.Equal(44_700m, a.CounterofferAmount);
        Assert.True(ProductTerms.Default.MonthlyPayment(44_700m) <= 1617.16m);
    }
}
