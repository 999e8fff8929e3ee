using CreditAlt.Fairness;
using CreditAlt.Fairness.Audit;

namespace CreditAlt.Fairness.Tests;

public sealed class CellAuditTests
{
    // Eight decisions by race (A/B, one missing) and sex (F/M), with scores:
    //   A F 700 approve, A F 700 approve, A M 600 decline, B F 650 approve,
    //   B M 600 decline, B M 600 decline, B M 750 approve, (none) F 500 decline.
    private static readonly (string? Race, string? Sex, int Score, bool Approved)[] Decisions =
    [
        ("A", "F", 700, true), ("A", "F", 700, true), ("A", "M", 600, false), ("B", "F", 650, true),
        ("B", "M", 600, false), ("B", "M", 600, false), ("B", "M", 750, true), (null, "F", 500, false),
    ];

    /// <summary>What a database's GROUP BY over <see cref="Decisions"/> answers for the given attributes.</summary>
    private static IReadOnlyList<AuditCell> GroupBy(IReadOnlyList<string> attributes) =>
        Decisions
            .GroupBy(d => (Key: string.Join('|', attributes.Select(a => a == "race" ? d.Race ?? "∅" : d.Sex ?? "∅")), d.Score))
            .Select(g =>
            {
                var first = g.First();
                var groups = attributes.Select(a => a == "race" ? first.Race : first.Sex).ToArray();
                return new AuditCell(groups, g.Key.Score, g.Count(), g.Count(), g.Count(), g.Count(d => d.Approved));
            })
            .ToList();

    private static Task<AuditCounts> Counts(AuditOptions options, List<string> queried, bool proxies = false) =>
        CellAudit.CountsAsync(
            (names, _) =>
            {
                queried.Add(string.Join('×', names));
                return Task.FromResult(GroupBy(names));
            },
            (_, _) => Task.FromResult(proxies),
            ["race", "sex"],
            options,
            "the ledger",
            step: null,
            CancellationToken.None);

    [Fact]
    public async Task CountsAsync_WithIntersections_OneCrossTabulationServesEveryMargin()
    {
        var queried = new List<string>();
        var counts = await Counts(new AuditOptions { Intersections = true }, queried);

        Assert.Equal(["", "race×sex"], queried);
        Assert.Equal(8, counts.RowCount);
        Assert.Equal(["race", "sex", "race × sex"], counts.Attributes.Select(a => a.Attribute));
        var race = counts.Attributes[0].Groups;
        Assert.Equal(["A", "B", "(missing)"], race.Select(g => g.Group));
        Assert.Equal([3.0, 4.0, 1.0], race.Select(g => g.Count));
        Assert.Equal([2.0, 2.0, 0.0], race.Select(g => g.Favorable));
        Assert.Equal((700 + 700 + 600) / 3.0, race[0].ScoreSum / race[0].ScoreCount, 12);
        var sex = counts.Attributes[1].Groups;
        Assert.Equal(["F", "M"], sex.Select(g => g.Group));
        Assert.Equal([4.0, 4.0], sex.Select(g => g.Count));
        var both = counts.Attributes[2].Groups;
        Assert.Equal(["A × F", "A × M", "B × F", "B × M", "(missing)"], both.Select(g => g.Group));
        Assert.Equal([2.0, 1.0, 1.0, 3.0, 1.0], both.Select(g => g.Count));
        Assert.Equal([2.0, 0.0, 1.0, 1.0, 0.0], both.Select(g => g.Favorable));
    }

    [Fact]
    public async Task CountsAsync_WithProxies_QueriesEachAttributeAndIntersection()
    {
        var queried = new List<string>();
        await Counts(new AuditOptions { Intersections = true }, queried, proxies: true);

        Assert.Equal(["", "race", "sex", "race×sex"], queried);
    }

    [Fact]
    public async Task CountsAsync_NoDecisions_ThrowsNamingTheSource()
    {
        var ex = await Assert.ThrowsAsync<FairnessInputException>(() => CellAudit.CountsAsync(
            (_, _) => Task.FromResult<IReadOnlyList<AuditCell>>([]), (_, _) => Task.FromResult(false),
            ["race"], new AuditOptions(), "the ledger (model m 1)", null, CancellationToken.None));

        Assert.Equal("the ledger (model m 1) holds no decisions", ex.Message);
    }

    [Fact]
    public async Task CountsAsync_AttributeWithoutDemographics_ThrowsNamingTheAttribute()
    {
        var ex = await Assert.ThrowsAsync<FairnessInputException>(() => CellAudit.CountsAsync(
            (names, _) => Task.FromResult<IReadOnlyList<AuditCell>>([new AuditCell(names.Select(_ => (string?)null).ToArray(), 600, 5, 5, 5, 2)]),
            (_, _) => Task.FromResult(false), ["race"], new AuditOptions(), "the ledger", null, CancellationToken.None));

        Assert.Equal("no decision in the ledger has demographics for attribute 'race'", ex.Message);
    }
}
