using System.Reflection;
using CreditAlt.Core.Attributes;

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
