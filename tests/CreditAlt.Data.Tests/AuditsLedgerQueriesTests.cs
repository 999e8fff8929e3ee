using CreditAlt.Data.Audits;

namespace CreditAlt.Data.Tests;

public sealed class SqliteAuditsLedgerQueriesTests : AuditsLedgerQueriesTests<SqliteProvider>;

public sealed class PostgresAuditsLedgerQueriesTests : AuditsLedgerQueriesTests<PostgresProvider>;

public sealed class SqlServerAuditsLedgerQueriesTests : AuditsLedgerQueriesTests<SqlServerProvider>;

/// <summary>The audit aggregates are computed in the database: checked against counts worked out by hand.</summary>
public abstract class AuditsLedgerQueriesTests<TProvider> : StorageTestBase<TProvider>
    where TProvider : EngineProvider, new()
{
    /// <summary>
    /// Ledger: APP-1 approve 700 (decided twice), APP-2 decline 600, APP-3 approve 650, APP-4 insufficient data.
    /// Demographics: race reported for APP-1 (white) and APP-3 (black); a proxy for APP-2 (white 0.7, black 0.3);
    /// none for APP-4. Sex reported for APP-1 (female) and APP-2 (male) only.
    /// </summary>
    private async Task<CreditAltDatabase> FilledAsync()
    {
        var db = await NewDatabaseAsync();
        await db.Ledger.AppendAsync(TestData.Decision("D-1", applicationId: "APP-1", score: 700, decision: "approve"), Ct);
        await db.Ledger.AppendAsync(TestData.Decision("D-2", applicationId: "APP-1", score: 700, decision: "approve"), Ct);
        await db.Ledger.AppendAsync(TestData.Decision("D-3", applicationId: "APP-2", score: 600, decision: "decline"), Ct);
        await db.Ledger.AppendAsync(TestData.Decision("D-4", applicationId: "APP-3", score: 650, decision: "approve"), Ct);
        await db.Ledger.AppendAsync(TestData.Decision("D-5", applicationId: "APP-4", score: null, decision: "insufficient_data"), Ct);
        await db.Demographics.SaveAsync(
        [
            new("APP-1", "race", "white"),
            new("APP-3", "race", "black"),
            new("APP-2", "race", "white", 0.7),
            new("APP-2", "race", "black", 0.3),
            new("APP-1", "sex", "female"),
            new("APP-2", "sex", "male"),
        ], Ct);
        return db;
    }

    private static List<(string?, string?, int?, long, double, double, double)> Sorted(IReadOnlyList<LedgerAuditCell> cells) =>
        cells.Select(c => (c.Groups.ElementAtOrDefault(0), c.Groups.ElementAtOrDefault(1), c.Score, c.Rows, Math.Round(c.Weight, 9), Math.Round(c.WeightSquared, 9), Math.Round(c.Favorable, 9)))
            .OrderBy(t => t.Item1 ?? "~", StringComparer.Ordinal).ThenBy(t => t.Item2 ?? "~", StringComparer.Ordinal).ThenBy(t => t.Score ?? -1)
            .ToList();

    [Fact]
    public async Task AuditCellsAsync_NoAttribute_CountsDecisionsByScore()
    {
        var db = await FilledAsync();

        var cells = await db.AuditCellsAsync([], "approve", ct: Ct);

        Assert.Equal(
            [(null, null, null, 1L, 1.0, 1.0, 0.0), (null, null, 600, 1L, 1.0, 1.0, 0.0), (null, null, 650, 1L, 1.0, 1.0, 1.0), (null, null, 700, 2L, 2.0, 2.0, 2.0)],
            Sorted(cells));
    }

    [Fact]
    public async Task AuditCellsAsync_ProxyAndMissing_WeighsByProbabilityAndKeepsDecisionsWithoutDemographics()
    {
        var db = await FilledAsync();

        var cells = await db.AuditCellsAsync(["race"], "approve", ct: Ct);

        // black: APP-2 × 0.3 at 600 (declined), APP-3 at 650 (approved); white: APP-1 twice at 700, APP-2 × 0.7 at 600.
        Assert.Equal(
            [
                ("black", null, 600, 1L, 0.3, 0.09, 0.0), ("black", null, 650, 1L, 1.0, 1.0, 1.0),
                ("white", null, 600, 1L, 0.7, 0.49, 0.0), ("white", null, 700, 2L, 2.0, 2.0, 2.0),
                (null, null, null, 1L, 1.0, 1.0, 0.0),
            ],
            Sorted(cells));
    }

    [Fact]
    public async Task AuditCellsAsync_Intersection_MultipliesProbabilitiesAndTreatsAnyMissingComponentAsNull()
    {
        var db = await FilledAsync();

        var cells = await db.AuditCellsAsync(["race", "sex"], "approve", ct: Ct);

        Assert.Equal(
            [
                ("black", "male", 600, 1L, 0.3, 0.09, 0.0), ("black", null, 650, 1L, 1.0, 1.0, 1.0),
                ("white", "female", 700, 2L, 2.0, 2.0, 2.0), ("white", "male", 600, 1L, 0.7, 0.49, 0.0),
                (null, null, null, 1L, 1.0, 1.0, 0.0),
            ],
            Sorted(cells));
    }

    [Fact]
    public async Task AuditCellsAsync_OtherModel_IsFilteredOut()
    {
        var db = await FilledAsync();

        var none = await db.AuditCellsAsync(["race"], "approve", modelId: "challenger", ct: Ct);
        var all = await db.AuditCellsAsync(["race"], "approve", modelId: "scorecard", modelVersion: "2026.1", ct: Ct);

        Assert.Empty(none);
        Assert.Equal(5, all.Count);
    }

    [Fact]
    public async Task HasProxiesAsync_ReportedOnlyOrWithProxy_TellsThemApart()
    {
        var db = await FilledAsync();

        Assert.Equal((false, true, true), (await db.HasProxiesAsync(["sex"], Ct), await db.HasProxiesAsync(["race"], Ct), await db.HasProxiesAsync(["sex", "race"], Ct)));
    }
}
