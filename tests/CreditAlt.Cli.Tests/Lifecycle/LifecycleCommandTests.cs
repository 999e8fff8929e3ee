using CreditAlt.Core.Applications;
using CreditAlt.Data;
using CreditAlt.Data.Ledger;
using CreditAlt.Data.Lifecycle;
using Dapper;

namespace CreditAlt.Cli.Tests.Lifecycle;

/// <summary><c>creditalt decisions pending</c> and <c>creditalt ledger verify</c> over final actions, on a real SQLite file.</summary>
public sealed class LifecycleCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DecisionToRecord Referral(string id, DateTimeOffset at)
    {
        var app = new Application("APP-" + id, "PER-" + id, new DateOnly(2026, 6, 30), 1000m,
            [new ObligationAccount("L-1", ObligationType.Rent, "Maple Court", 900m, [new PaymentRecord(new DateOnly(2026, 6, 1), 900m, new DateOnly(2026, 6, 1), 900m)])], []);
        return new DecisionToRecord(id, "lender-a", app.ApplicationId, app.ApplicantId, "scorecard", "1", CanonicalApplicationJson.Of(app), 650, "refer",
            [new DecisionReason("RNT-OT12", "Only 90% of rent payments in the last 12 months were paid on time")], null, app.AsOfDate, at, null, null);
    }

    [Fact]
    public async Task DecisionsPending_And_LedgerVerify_SeeFinalActionsAndTampering()
    {
        using var dir = new TempDirectory();
        var db = "sqlite:" + Path.Combine(dir.Path, "c.db");
        var now = DateTimeOffset.UtcNow;
        await using (var database = CreditAltDatabase.Open(db))
        {
            await database.Ledger.AppendAsync(Referral("dec_old", now.AddDays(-40)), Ct);
            await database.Ledger.AppendAsync(Referral("dec_acted", now.AddDays(-35)), Ct);
            await database.Ledger.AppendAsync(Referral("dec_new", now.AddDays(-2)), Ct);
            await database.Lifecycle.AppendAsync(new NewLifecycleEvent("fa_1", LifecycleKinds.FinalAction, "dec_acted", null, null, "{\"action\":\"approve\"}"), ct: Ct);
        }

        var (code, output) = CliRunner.RunWithOutput("decisions", "pending", "--db", db, "--older-than-days", "25");
        Assert.Equal(0, code);
        Assert.Contains("dec_old", output, StringComparison.Ordinal);
        Assert.DoesNotContain("dec_acted", output, StringComparison.Ordinal);
        Assert.DoesNotContain("dec_new", output, StringComparison.Ordinal);
        Assert.Contains("1 referral(s) awaiting a final action, recorded more than 25 day(s) ago", output, StringComparison.Ordinal);
        Assert.Contains(DateOnly.FromDateTime(now.AddDays(-40).UtcDateTime).AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), output, StringComparison.Ordinal);

        Assert.Equal(0, CliRunner.Run("ledger", "verify", "--db", db).ExitCode);

        await using (var database = CreditAltDatabase.Open(db))
        await using (var c = await database.OpenAsync(Ct))
        {
            foreach (var sql in database.Dialect.DropAppendOnly("lifecycle_events"))
                await c.ExecuteAsync(sql);
            await c.ExecuteAsync("UPDATE lifecycle_events SET body = '{\"action\":\"decline\"}'");
        }
        Assert.Equal(1, CliRunner.Run("ledger", "verify", "--db", db).ExitCode);

        Assert.Equal(2, CliRunner.Run("decisions", "pending", "--db", db, "--older-than-days", "-3").ExitCode);
    }

    [Fact]
    public async Task DisputesOverdue_OpenDisputesPastTheirDueDate()
    {
        using var dir = new TempDirectory();
        var db = "sqlite:" + Path.Combine(dir.Path, "d.db");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await using (var database = CreditAltDatabase.Open(db))
        {
            await database.Ledger.AppendAsync(Referral("dec_1", DateTimeOffset.UtcNow.AddDays(-60)), Ct);
            await database.Lifecycle.AppendAsync(new NewLifecycleEvent("dsp_late", LifecycleKinds.Dispute, "dec_1", null, today.AddDays(-3), "{\"items\":[{}]}"), ct: Ct);
            await database.Lifecycle.AppendAsync(new NewLifecycleEvent("dsp_done", LifecycleKinds.Dispute, "dec_1", null, today.AddDays(-9), "{\"items\":[{}]}"), ct: Ct);
            await database.Lifecycle.AppendAsync(new NewLifecycleEvent("dsp_fresh", LifecycleKinds.Dispute, "dec_1", null, today.AddDays(20), "{\"items\":[{}]}"), ct: Ct);
            await database.Lifecycle.AppendAsync(new NewLifecycleEvent("res_1", LifecycleKinds.DisputeResolution, "dec_1", "dsp_done", null, "{}"), ct: Ct);
        }

        var (code, output) = CliRunner.RunWithOutput("disputes", "overdue", "--db", db);

        Assert.Equal(0, code);
        Assert.Contains("dsp_late", output, StringComparison.Ordinal);
        Assert.DoesNotContain("dsp_done", output, StringComparison.Ordinal);
        Assert.DoesNotContain("dsp_fresh", output, StringComparison.Ordinal);
        Assert.Contains("1 overdue dispute(s) of 2 open", output, StringComparison.Ordinal);
    }
}
