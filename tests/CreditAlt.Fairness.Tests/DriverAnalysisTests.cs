using CreditAlt.Fairness.Audit;
using CreditAlt.Fairness.Drivers;

namespace CreditAlt.Fairness.Tests;

/// <summary>
/// Drivers and proxies on eight applicants worked by hand. Approve at 10; attribute A's neutral points are 5.
/// <code>
/// row group score A  outcome  approved  score with A neutral → approved
/// 1   white  12   8  good     yes       9  → no
/// 2   white  11   5  good     yes       11 → yes
/// 3   white   9   2  bad      no        12 → yes
/// 4   white  10   5  good     yes       10 → yes
/// 5   black  12   2  good     yes       15 → yes
/// 6   black   9   2  good     no        12 → yes
/// 7   black   8   5  bad      no        8  → no
/// 8   black  11   5  good     yes       11 → yes
/// </code>
/// Today white 3/4, black 2/4: AIR 2/3. With A neutral white 3/4, black 3/4: AIR 1, contribution 1/3.
/// Proxy AUC of A (black positive): black {2,2,5,5} against white {8,5,2,5}: each 2 ties one white value (½), each 5
/// beats one and ties two (2): (2·½ + 2·2) / 16 = 5/16. IV of A (bins 2, 5, 8 with goods 2, 3, 1 and bads 1, 1, 0;
/// ½ for the empty cell) and of B (the outcome itself) by python3 once: 0.10136627702704112 and 3.317551866478918.
/// </summary>
public sealed class DriverAnalysisTests
{
    private static DriverReport Run()
    {
        string[] labels = ["white", "white", "white", "white", "black", "black", "black", "black"];
        int[] scores = [12, 11, 9, 10, 12, 9, 8, 11];
        int[] a = [8, 5, 2, 5, 2, 2, 5, 5];
        sbyte[] outcomes = [0, 0, 1, 0, 0, 0, 1, 0];
        var approved = scores.Select(s => s >= 10).ToArray();
        var audit = new AuditInput(approved, [CategoricalAttribute.FromLabels("race", labels)], outcomes: outcomes);
        var columns = new[]
        {
            new DriverColumn("A", "attribute", a.Select(p => (double)p).ToArray(), a, 5),
            new DriverColumn("B", "attribute", outcomes.Select(o => (double)o).ToArray(), [5, 5, 5, 5, 5, 5, 5, 5], 5),
        };
        var input = new DriverInput(audit, scores, [.. Enumerable.Repeat(true, 8)], 10, columns, "test model");
        var options = new AuditOptions { MinGroupSize = 1, ReferenceGroups = new Dictionary<string, string> { ["race"] = "white" } };
        return DriverAnalysis.Run(input, options);
    }

    [Fact]
    public void Run_HandWorkedPortfolio_ContributionProxyAucAndInformationValueExact()
    {
        var report = Run();
        var rowA = report.Rows[0];
        Assert.Equal("A", rowA.Name); // sorted by contribution: A (1/3) before B (0)
        var black = Assert.Single(rowA.Groups);
        Assert.Equal(("race", "black", "white"), (black.Attribute, black.Group, black.Control));
        Close.Equal(2.0 / 3.0, black.AirToday);
        Close.Equal(1.0, black.AirNeutral);
        Close.Equal(1.0 / 3.0, black.Contribution);
        Assert.Equal(0.3125, black.ProxyAuc);
        Assert.Equal(0.6875, black.ProxyStrength);
        Close.Equal(0.10136627702704112, rowA.InformationValue);
        var rowB = report.Rows[1];
        Assert.Equal(0.0, rowB.Groups[0].Contribution);
        Close.Equal(3.317551866478918, rowB.InformationValue);
        Close.Equal((0.10136627702704112 + 3.317551866478918) / 2, report.MedianInformationValue);
    }

    [Fact]
    public void Run_StrongProxyThatMovesTheAirWithLowInformation_IsTheOnlyLdaCandidate()
    {
        var report = Run();
        Assert.True(report.Rows.Single(r => r.Name == "A").LdaCandidate);
        Assert.False(report.Rows.Single(r => r.Name == "B").LdaCandidate); // IV above the median, moves nothing
    }

    [Fact]
    public void Auc_AllTied_IsOneHalf_AndEmptySideIsNaN()
    {
        Assert.Equal(0.5, DriverAnalysis.Auc([1, 1, 1, 1], [0, 0, 1, 1], 1, new HashSet<int> { 0 }));
        Assert.True(double.IsNaN(DriverAnalysis.Auc([1, 2], [0, 0], 1, new HashSet<int> { 0 })));
    }
}
