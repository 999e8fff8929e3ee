using System.Diagnostics;
using System.Globalization;
using System.Text;
using CreditAlt.Core.Applications;
using CreditAlt.Data;
using CreditAlt.Data.Ledger;
using CreditAlt.Data.Security;

/// <summary>
/// Ledger append throughput: W concurrent writers (as many requests in flight as an API would have) each append
/// decisions one after another, awaiting each acknowledgement (durable commit) before the next. Each decision
/// carries what the API stores with it: a 5.4 KB application JSON, four reasons, a recourse sentence, an idempotency
/// key and the applicant's access token (hash and expiry, stored in the same transaction).
/// </summary>
internal static class LedgerBench
{
    private const int WarmUp = 5000;

    public static async Task<int> RunAsync(string dbText, int writers, int total)
    {
        await using var db = CreditAltDatabase.Open(dbText);
        await db.MigrateAsync();
        var app = SampleApplication();
        var json = Encoding.UTF8.GetString(ApplicationJson.ToCanonicalJson(app));
        var fingerprint = ApplicationJson.Fingerprint(app);
        var run = Guid.NewGuid().ToString("N")[..8];
        // Warm-up, untimed, with the same concurrency: connections, prepared statements, and the JIT's tiered
        // recompilation, which otherwise burns a core during the first seconds of the timed run.
        await RunWritersAsync(writers, WarmUp, i => $"{run}-warm-{i}");
        await Task.Delay(TimeSpan.FromSeconds(1));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await RunWritersAsync(writers, total, i => $"{run}-{i}");
        watch.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var v = await db.Ledger.VerifyAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{db.Target.Engine}: {total} decisions from {writers} concurrent writers in {watch.Elapsed.TotalSeconds:0.00} s = {total / watch.Elapsed.TotalSeconds:0} decisions/s; " +
            $"client CPU (user+sys) {cpu.TotalMicroseconds / total:0} µs per decision; application JSON {json.Length} bytes; ledger verify: {(v.Intact ? "intact" : "BROKEN")}, {v.RowsChecked} rows"));
        return v.Intact ? 0 : 1;

        async Task RunWritersAsync(int concurrency, int count, Func<int, string> id)
        {
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < count)
                    await db.Ledger.AppendAsync(Make(id(i)));
            })));
        }

        DecisionToRecord Make(string id) => new(id, "LENDER-BENCH", app.ApplicationId, app.ApplicantId, "scorecard", "2026.1", fingerprint, json, 612,
            DecisionOutcomes.Decline,
            [
                new DecisionReason("RENT_LATE_30_12M", "2 rent payments 30 or more days late in the last 12 months"),
                new DecisionReason("NSF_3M", "3 returned or overdraft items in the last 3 months"),
                new DecisionReason("BURDEN", "Obligations take 62% of monthly inflow"),
                new DecisionReason("HISTORY_SHORT", "Only 7 months of utility payment history"),
            ],
            "Four more months of on-time rent would have reached approval.", app.AsOfDate, DateTimeOffset.UtcNow, "idem-" + id, "rh-" + id,
            AccessToken.FromSecret(AccessTokenStore.NewSecret(), DateTimeOffset.UtcNow.AddDays(90)));
    }

    private static Application SampleApplication()
    {
        var asOf = new DateOnly(2026, 6, 30);
        ObligationAccount Account(string id, ObligationType type, decimal amount, int months) => new(id, type, "Furnisher " + id, amount,
            Enumerable.Range(1, months).Select(m =>
            {
                var due = asOf.AddMonths(-m);
                return new PaymentRecord(due, amount, m % 7 == 0 ? due.AddDays(35) : due.AddDays(1), amount);
            }).ToList());
        return new Application("APP-BENCH", "PER-BENCH", asOf, 2500m,
            [Account("RENT", ObligationType.Rent, 1250m, 24), Account("POWER", ObligationType.Utility, 95.40m, 18), Account("PHONE", ObligationType.Telecom, 55m, 12)],
            Enumerable.Range(1, 6).Select(m => new CashFlowMonth(new DateOnly(2026, 6, 1).AddMonths(-m), 3400m, 3100m, 120m, m == 2 ? 1 : 0)).ToList());
    }
}
