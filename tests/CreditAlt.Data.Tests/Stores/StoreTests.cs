using System.Text;
using CreditAlt.Core.Applications;
using CreditAlt.Data.Applications;
using CreditAlt.Data.Audits;
using CreditAlt.Data.Security;

namespace CreditAlt.Data.Tests.Stores;

public sealed class SqliteStoreTests : StoreTests<SqliteProvider>;

public sealed class PostgresStoreTests : StoreTests<PostgresProvider>;

public sealed class SqlServerStoreTests : StoreTests<SqlServerProvider>;

public abstract class StoreTests<TProvider> : StorageTestBase<TProvider>
    where TProvider : EngineProvider, new()
{
    [Fact]
    public async Task MigrateAsync_SecondTime_AppliesNothing()
    {
        var db = await NewDatabaseAsync(); // applied 1 to 9

        Assert.Empty(await db.MigrateAsync(Ct));
        Assert.Equal(9, await ScalarAsync<int>(db, "SELECT COUNT(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task Applications_SaveThenGet_SameCanonicalJson()
    {
        var db = await NewDatabaseAsync();
        var app = TestData.Application("APP-9");

        await db.Applications.SaveAsync(app, Ct);
        await db.Applications.SaveAsync(app, Ct); // a retry replaces, never duplicates
        var back = await db.Applications.GetAsync("APP-9", Ct);

        Assert.Equal(Encoding.UTF8.GetString(ApplicationJson.ToCanonicalJson(app)), Encoding.UTF8.GetString(ApplicationJson.ToCanonicalJson(back!)));
        Assert.Equal(1L, await db.Applications.CountAsync(Ct));
    }

    [Fact]
    public async Task ImportAsync_SourceThrowsMidway_NothingStored()
    {
        var db = await NewDatabaseAsync();
        static IEnumerable<Application> Source()
        {
            for (var i = 0; i < PortfolioImport.BatchSize + 5; i++)
                yield return TestData.Application($"APP-{i:D5}");
            throw new FormatException("payments.csv, line 77, column 4 (amount_due): expected a decimal");
        }

        var ex = await Assert.ThrowsAsync<FormatException>(() => PortfolioImport.ImportAsync(db, Source(), ct: Ct));

        Assert.Equal("payments.csv, line 77, column 4 (amount_due): expected a decimal", ex.Message);
        Assert.Equal(0L, await db.Applications.CountAsync(Ct));
        Assert.Equal(0, await ScalarAsync<int>(db, "SELECT COUNT(*) FROM payments"));
    }

    [Fact]
    public async Task ImportAsync_ThreeApplications_RowsInEveryTable()
    {
        var db = await NewDatabaseAsync();

        var summary = await PortfolioImport.ImportAsync(db, [TestData.Application("A1"), TestData.Application("A2"), TestData.Application("A3")],
            [new DemographicRecord("A1", "sex", "female")], ct: Ct);

        Assert.Equal(new ImportSummary(3, 1), summary);
        // Each application: 2 accounts, 4 payments, 2 cash-flow months.
        Assert.Equal((6, 12, 6), (await ScalarAsync<int>(db, "SELECT COUNT(*) FROM obligation_accounts"), await ScalarAsync<int>(db, "SELECT COUNT(*) FROM payments"), await ScalarAsync<int>(db, "SELECT COUNT(*) FROM cash_flow_months")));
        Assert.Equal(TestData.Application("A2"), await db.Applications.GetAsync("A2", Ct), new ApplicationComparer());
    }

    [Fact]
    public async Task GroupCountsAsync_WeightedDecisions_SummedPerGroupInSql()
    {
        var db = await NewDatabaseAsync();
        await db.Ledger.AppendAsync(TestData.Decision("D1", applicationId: "A1", decision: "approve", score: 700), Ct);
        await db.Ledger.AppendAsync(TestData.Decision("D2", applicationId: "A2", decision: "decline", score: 500), Ct);
        await db.Ledger.AppendAsync(TestData.Decision("D3", applicationId: "A3", decision: "insufficient_data", score: null), Ct);
        await db.Demographics.SaveAsync(
        [
            new DemographicRecord("A1", "race_ethnicity", "black"),
            new DemographicRecord("A2", "race_ethnicity", "black", 0.25),
            new DemographicRecord("A2", "race_ethnicity", "white", 0.75),
            new DemographicRecord("A3", "race_ethnicity", "white"),
            new DemographicRecord("A1", "sex", "female"),
        ], Ct);

        var groups = await db.Demographics.GroupCountsAsync("race_ethnicity", ct: Ct);

        // black: A1 (1.0, approve, 700) + A2 (0.25, decline, 500); white: A2 (0.75, decline, 500) + A3 (1.0, no score).
        Assert.Equal(
            [
                new GroupCount("black", 2, 1.25, 1.0, 0, 0.25, 0, 1.25, 700 + 0.25 * 500, 490000 + 0.25 * 250000),
                new GroupCount("white", 2, 1.75, 0, 0, 0.75, 1.0, 0.75, 0.75 * 500, 0.75 * 250000),
            ],
            groups);
    }

    [Fact]
    public async Task ApiKeys_CreateFindRevoke_OnlyHashStored()
    {
        var db = await NewDatabaseAsync();

        var issued = await db.ApiKeys.CreateAsync("lender", "LENDER-A", Ct);
        var found = await db.ApiKeys.FindAsync(issued.Secret, Ct);
        var stored = await ScalarAsync<string>(db, "SELECT key_hash FROM api_keys");

        Assert.Equal(issued.Key, found);
        Assert.Equal(SecretHash.Hash(issued.Secret), stored);
        Assert.Equal(46, issued.Secret.Length); // "ca_" + 43 base64url characters = 256 random bits
        Assert.Null(await db.ApiKeys.FindAsync(issued.Secret + "x", Ct));
        Assert.True(await db.ApiKeys.RevokeAsync(issued.Key.KeyId, Ct));
        Assert.Null(await db.ApiKeys.FindAsync(issued.Secret, Ct));
    }

    [Fact]
    public async Task AccessTokens_Issued_OpenOnlyTheirOwnDecisionUntilExpiry()
    {
        var db = await NewDatabaseAsync();

        var token = await db.AccessTokens.IssueAsync("D-1", TestData.T0.AddDays(30), Ct);

        Assert.Equal((true, false), (await db.AccessTokens.OpensAsync("D-1", token, Ct), await db.AccessTokens.OpensAsync("D-2", token, Ct)));
        Clock.Now = TestData.T0.AddDays(31);
        Assert.False(await db.AccessTokens.OpensAsync("D-1", token, Ct));
        Assert.Equal(SecretHash.Hash(token), await ScalarAsync<string>(db, "SELECT token_hash FROM applicant_tokens"));
    }

    [Fact]
    public async Task AccessTokens_IssueMany_OneRowPerRequestEachOpeningItsDecision()
    {
        var db = await NewDatabaseAsync();

        var secrets = await db.AccessTokens.IssueManyAsync(
            [new("D-1", TestData.T0.AddDays(30)), new("D-2"), new("D-1", TestData.T0.AddDays(1))], Ct);

        Assert.Equal(3, secrets.Distinct().Count());
        Assert.All(secrets, s => Assert.Matches("^at_[A-Za-z0-9_-]{43}$", s));
        var stored = await QueryAsync<(string, string, string, string?)>(db, "SELECT token_hash, decision_id, created_at, expires_at FROM applicant_tokens");
        Assert.Equal(
            new[]
            {
                (SecretHash.Hash(secrets[0]), "D-1", "2026-03-01T09:30:15.1230000Z", (string?)"2026-03-31T09:30:15.1230000Z"),
                (SecretHash.Hash(secrets[1]), "D-2", "2026-03-01T09:30:15.1230000Z", null),
                (SecretHash.Hash(secrets[2]), "D-1", "2026-03-01T09:30:15.1230000Z", "2026-03-02T09:30:15.1230000Z"),
            }.OrderBy(r => r.Item1, StringComparer.Ordinal),
            stored.OrderBy(r => r.Item1, StringComparer.Ordinal));
        Assert.Equal((true, true, false), (
            await db.AccessTokens.OpensAsync("D-1", secrets[0], Ct),
            await db.AccessTokens.OpensAsync("D-2", secrets[1], Ct),
            await db.AccessTokens.OpensAsync("D-2", secrets[2], Ct)));
        Clock.Now = TestData.T0.AddDays(2);
        Assert.Equal((true, true, false), (
            await db.AccessTokens.OpensAsync("D-1", secrets[0], Ct),
            await db.AccessTokens.OpensAsync("D-2", secrets[1], Ct),
            await db.AccessTokens.OpensAsync("D-1", secrets[2], Ct)));
    }

    [Fact]
    public async Task AccessTokens_IssueManyEmpty_StoresNothing()
    {
        var db = await NewDatabaseAsync();

        var secrets = await db.AccessTokens.IssueManyAsync([], Ct);

        Assert.Empty(secrets);
        Assert.Equal(0L, await ScalarAsync<long>(db, "SELECT COUNT(*) FROM applicant_tokens"));
    }

    [Fact]
    public async Task Models_RegisterTwoActivateSecond_OnlySecondActive()
    {
        var db = await NewDatabaseAsync();
        await db.Models.RegisterAsync("scorecard", "2026.1", "scorecard", "aa", "{}", Ct);
        Clock.Now = TestData.T0.AddHours(1);
        await db.Models.RegisterAsync("scorecard", "2026.2", "scorecard", "bb", "{}", Ct);
        await db.Models.RegisterAsync("scorecard", "2026.2", "scorecard", "bb", "{}", Ct); // idempotent

        await db.Models.ActivateAsync("scorecard", "2026.2", Ct);

        Assert.Equal([("2026.1", false), ("2026.2", true)], (await db.Models.ListAsync(Ct)).Select(m => (m.ModelVersion, m.IsActive)));
    }

    [Fact]
    public async Task AuditRuns_CreateThenSucceed_ResultAndCompletionStored()
    {
        var db = await NewDatabaseAsync();
        await db.AuditRuns.CreateAsync("run-1", "key_compliance", """{"attribute":"sex"}""", Ct);
        Clock.Now = TestData.T0.AddMinutes(5);

        await db.AuditRuns.SetStatusAsync("run-1", "succeeded", """{"air":0.91}""", Ct);

        Assert.Equal(new AuditRun("run-1", "key_compliance", """{"attribute":"sex"}""", "succeeded", """{"air":0.91}""", TestData.T0, TestData.T0.AddMinutes(5)),
            await db.AuditRuns.GetAsync("run-1", Ct));
    }

    private sealed class ApplicationComparer : IEqualityComparer<Application?>
    {
        public bool Equals(Application? x, Application? y) =>
            x is not null && y is not null && ApplicationJson.ToCanonicalJson(x).AsSpan().SequenceEqual(ApplicationJson.ToCanonicalJson(y));

        public int GetHashCode(Application? obj) => 0;
    }
}
