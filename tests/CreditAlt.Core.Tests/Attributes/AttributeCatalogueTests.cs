using System.Globalization;
using System.Reflection;
using CreditAlt.Core.Attributes;
using FsCheck;
using FsCheck.Xunit;

namespace CreditAlt.Core.Tests.Attributes;

public sealed class AttributeCatalogueTests
{
    [Fact]
    public void All_HasAtLeast25AttributesWithUniqueIdsAndCodes()
    {
        Assert.True(AttributeCatalogue.Count >= 25, $"only {AttributeCatalogue.Count}");
        Assert.Equal(AttributeIndex.Count, AttributeCatalogue.Count);
        Assert.Equal(AttributeCatalogue.Count, AttributeCatalogue.All.Select(a => a.Id).Distinct().Count());
        Assert.Equal(AttributeCatalogue.Count, AttributeCatalogue.All.Select(a => a.ReasonCode).Distinct().Count());
    }

    [Fact]
    public void AttributeIndex_EveryConstant_PointsAtTheMatchingId()
    {
        foreach (var field in typeof(AttributeIndex).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.Name != "Count"))
        {
            var index = (int)field.GetValue(null)!;
            var id = AttributeCatalogue.All[index].Id;
            // RentOnTimeShare12m <-> rent_ontime_share_12m: compare with underscores and case removed.
            Assert.Equal(field.Name.ToLowerInvariant(), id.Replace("_", "", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("rent_late30_count_12m", 2, "2 rent payments were 30 or more days late in the last 12 months")]
    [InlineData("rent_late30_count_12m", 1, "1 rent payment was 30 or more days late in the last 12 months")]
    [InlineData("rent_ontime_share_12m", 0.75, "Only 75% of rent payments in the last 12 months were paid on time")]
    [InlineData("cashflow_lowest_balance_6m", -120.5, "Account balance fell to -$120.50 in the last 6 months")]
    [InlineData("cashflow_obligation_burden", 0.62, "Monthly obligations are 62% of average monthly deposits")]
    [InlineData("all_months_since_late30", 3, "An obligation payment was 30 or more days late 3 months ago")]
    [InlineData("rent_months_history", double.NaN, "No rent payment history was provided")]
    public void Reason_ApplicantValue_IsASpecificSentence(string id, double value, string expected)
    {
        Assert.Equal(expected, AttributeCatalogue.Get(id).Reason(value));
    }

    [Theory]
    [InlineData("cashflow_lowest_balance_6m", 1234567.891, "Account balance fell to $1,234,567.89 in the last 6 months")]
    [InlineData("cashflow_lowest_balance_6m", -0.004, "Account balance fell to -$0.00 in the last 6 months")]
    [InlineData("cashflow_lowest_balance_6m", 0, "Account balance fell to $0.00 in the last 6 months")]
    [InlineData("cashflow_lowest_balance_6m", -1370.04, "Account balance fell to -$1,370.04 in the last 6 months")]
    [InlineData("rent_ontime_share_12m", 0.285, "Only 29% of rent payments in the last 12 months were paid on time")] // 28.499999999999996 shown to 15 digits
    [InlineData("rent_ontime_share_12m", 0.125, "Only 13% of rent payments in the last 12 months were paid on time")]
    [InlineData("cashflow_net_flow_ratio_12m", -0.0349, "Over the last 12 months spending exceeded deposits by 3% of deposits")]
    [InlineData("cashflow_obligation_burden", 10, "Monthly obligations are 1000% of average monthly deposits")]
    [InlineData("all_longest_ontime_streak", 1, "The longest run of consecutive on-time obligation payments is only 1 month")]
    [InlineData("rent_months_since_late30", -1, "No rent payment 30 or more days late on record")]
    [InlineData("rent_months_since_late30", 0, "A rent payment due this month is 30 or more days late")]
    [InlineData("obligation_type_count", 0, "No obligation payment history was provided")]
    [InlineData("cashflow_nsf_count_12m", 2.5, "2.5 returned or overdraft items in the last 12 months")]
    [InlineData("cashflow_income_stability_6m", 0.4, "In the lowest of the last 6 months deposits were only 40% of a typical month")]
    [InlineData("cashflow_residual_income_ratio", 0.06, "Only 6% of monthly deposits would be left after obligations and the requested loan's instalment")]
    [InlineData("cashflow_residual_income_ratio", -0.125, "Obligations and the requested loan's instalment would exceed monthly deposits by 13% of deposits")]
    [InlineData("cashflow_residual_income_ratio", double.NaN, "No bank cash-flow data was provided")]
    public void Reason_EdgeValues_ExactSentence(string id, double value, string expected) =>
        Assert.Equal(expected, AttributeCatalogue.Get(id).Reason(value));

    // The sentences format numbers by hand on their common paths; these hold them to the numeric formats they replace.
    [Property(MaxTest = 2000)]
    public bool Reason_AnyAmount_SameAsTheNumericFormat(long cents, NormalFloat noise)
    {
        var amounts = new[] { (double)(cents % 100_000_000_000L) / 100, noise.Get, noise.Get * 1e6 };
        return amounts.All(v => AttributeCatalogue.Get("cashflow_lowest_balance_6m").Reason(v) ==
            $"Account balance fell to {(v < 0 ? "-$" + (-v).ToString("#,0.00", CultureInfo.InvariantCulture) : "$" + v.ToString("#,0.00", CultureInfo.InvariantCulture))} in the last 6 months");
    }

    [Property(MaxTest = 2000)]
    public bool Reason_AnyShareOrCount_SameAsTheNumericFormat(PositiveInt whole, NonNegativeInt part, NormalFloat any)
    {
        var values = new[] { (double)(part.Get % (whole.Get + 1)) / whole.Get, any.Get, any.Get / 1000, Math.Round(any.Get * 2) / 2, part.Get };
        return values.All(v =>
            AttributeCatalogue.Get("rent_ontime_share_12m").Reason(v) ==
                $"Only {(v * 100).ToString("0", CultureInfo.InvariantCulture)}% of rent payments in the last 12 months were paid on time"
            && AttributeCatalogue.Get("all_late30_count_12m").Reason(v) ==
                (v == 1 ? "1 obligation payment was" : $"{v.ToString("0.##", CultureInfo.InvariantCulture)} obligation payments were") + " 30 or more days late in the last 12 months");
    }

    [Fact]
    public void DescribeChange_OnTimeShare_CountsMonthsOfOnTimePayments()
    {
        Assert.Equal("at least 3 more months of on-time rent payments (on-time share over 12 months from 75% to 100%)",
            AttributeCatalogue.Get("rent_ontime_share_12m").DescribeChange(0.75, 1.0));
    }

    [Fact]
    public void AttributesDocument_IsUpToDate()
    {
        var path = Path.Combine(RepoRoot.Find(), "docs", "attributes.md");
        var expected = AttributeDocument.Render();
        if (Environment.GetEnvironmentVariable("CREDITALT_UPDATE_DOCS") == "1")
            File.WriteAllText(path, expected);
        Assert.True(File.Exists(path), "docs/attributes.md is missing; run: creditalt attributes --markdown > docs/attributes.md");
        Assert.Equal(expected, File.ReadAllText(path));
    }
}
