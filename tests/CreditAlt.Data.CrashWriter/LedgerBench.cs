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
/// key and the applicant's access token (hash and expiry, stored in the same transaction). The records are built
/// before the clock starts, as the API builds them before it appends: what is timed is the append, from the call to
/// the durable acknowledgement (the API's whole path is timed by scripts/load-test.sh).
/// </summary>
internal static class LedgerBench
{
    private const int WarmUp = 5000;

    public static async Task<int> RunAsync(string dbText, int writers, int total)
    {
        // LEDGER_DEFLATE=SmallDeflate|DeflateStream and LEDGER_SQLITE_SYNC=Full|WalSyncThread pick the storage-format
        // settings (LedgerOptions); unset, its defaults.
        var ledger = new LedgerOptions();
        if (Environment.GetEnvironmentVariable("LEDGER_DEFLATE") is { Length: > 0 } deflate) ledger.Deflate = Enum.Parse<LedgerDeflate>(deflate);
        if (Environment.GetEnvironmentVariable("LEDGER_SQLITE_SYNC") is { Length: > 0 } sync) ledger.SqliteSync = Enum.Parse<SqliteLedgerSync>(sync);
        await using var db = CreditAltDatabase.Open(dbText, new CreditAltDataOptions { Ledger = ledger });
        await db.MigrateAsync();
        var app = SampleApplication();
        var json = CanonicalApplicationJson.Of(app);
        // Warm-up, untimed, with the same concurrency: connections, prepared statements, and the JIT's tiered
        // recompilation, which otherwise burns a core during the first seconds of the timed run.
        var warmUp = MakeAll(WarmUp);
        await RunWritersAsync(writers, WarmUp, i => warmUp[i]);
        // BUILD_RECORDS=inline builds each record inside the timed loop instead, as this bench did before 2026-11-27.
        var inline = Environment.GetEnvironmentVariable("BUILD_RECORDS") == "inline";
        var building = Stopwatch.StartNew();
        var records = inline ? [] : MakeAll(total);
        building.Stop();
        await Task.Delay(TimeSpan.FromSeconds(1));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var server = await ServerCpuAsync(db);
        var machine = MachineTicks();
        var watch = Stopwatch.StartNew();
        await RunWritersAsync(writers, total, inline ? _ => MakeNew() : i => records[i]);
        watch.Stop();
        var (all, stolen) = MachineTicks();
        var steal = all > machine.All ? 100.0 * (stolen - machine.Stolen) / (all - machine.All) : 0;
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        server = await ServerCpuAsync(db) - server;
        var v = await db.Ledger.VerifyAsync();
        var serverPart = server > TimeSpan.Zero
            ? string.Create(CultureInfo.InvariantCulture, $", ledger's server backends {server.TotalMicroseconds / total:0} µs")
            : "";
        var recordsNote = inline
            ? "records built inside the timed loop"
            : string.Create(CultureInfo.InvariantCulture, $"records built beforehand in {building.Elapsed.TotalMicroseconds / total:0.0} µs each (one thread)");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{db.Target.Engine} ({ledger.Deflate}, {ledger.SqliteSync}): {total} decisions from {writers} concurrent writers in {watch.Elapsed.TotalSeconds:0.00} s = {total / watch.Elapsed.TotalSeconds:0} decisions/s; " +
            $"client CPU (user+sys) {cpu.TotalMicroseconds / total:0} µs per decision{serverPart}; steal {steal:0.0} % of the machine's CPU time; " +
            $"{recordsNote}; application JSON {json.Utf8.Length} bytes; ledger verify: {(v.Intact ? "intact" : "BROKEN")}, {v.RowsChecked} rows"));
        return v.Intact ? 0 : 1;

        async Task RunWritersAsync(int concurrency, int count, Func<int, DecisionToRecord> record)
        {
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < count)
                    await db.Ledger.AppendAsync(record(i));
            })));
        }

        DecisionToRecord[] MakeAll(int count) => Enumerable.Range(0, count).Select(_ => MakeNew()).ToArray();

        // Decision ids as the API issues them (time-ordered UUIDv7), so index inserts land where they would.
        DecisionToRecord MakeNew() => Make("dec_" + Guid.CreateVersion7().ToString("N"));

        DecisionToRecord Make(string id) => new(id, "LENDER-BENCH", app.ApplicationId, app.ApplicantId, "scorecard", "2026.1", json, 612,
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

    /// <summary>
    /// CPU used so far by the PostgreSQL backends serving the ledger's writer (found by application name), when the
    /// server runs on this machine (/proc); zero otherwise. Client CPU alone hides half of PostgreSQL's cost.
    /// </summary>
    private static async Task<TimeSpan> ServerCpuAsync(CreditAltDatabase db)
    {
        if (db.Target.Engine != CreditAlt.Data.Connections.DatabaseEngine.Postgres)
            return TimeSpan.Zero;
        var pids = await db.RunAsync((c, t) => Dapper.SqlMapper.QueryAsync<int>(c, new Dapper.CommandDefinition(
            "SELECT pid FROM pg_stat_activity WHERE application_name = @name", new { name = CreditAltDatabase.LedgerApplicationName }, cancellationToken: t)));
        long ticks = 0;
        foreach (var pid in pids)
        {
            var stat = $"/proc/{pid}/stat";
            if (!File.Exists(stat))
                return TimeSpan.Zero;
            var fields = File.ReadAllText(stat).Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture); // utime, stime
        }
        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ
    }

    /// <summary>
    /// The machine's CPU time so far, all of it and the part stolen by the hypervisor for other guests (/proc/stat, in
    /// ticks; zeros elsewhere). On a shared virtual machine, steal is what makes one run slower than the next.
    /// </summary>
    private static (long All, long Stolen) MachineTicks()
    {
        if (!File.Exists("/proc/stat"))
            return (0, 0);
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return (fields.Take(8).Sum(), fields[7]); // user nice system idle iowait irq softirq steal
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
