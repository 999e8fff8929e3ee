using System.Text;
using CreditAlt.Core.Applications;
using CreditAlt.Data;
using CreditAlt.Data.Ledger;

// Records decisions from several threads and prints "ack <decision id>" only after AppendAsync returned,
// i.e. after the group-commit transaction holding it committed. The durability test kills this process
// with SIGKILL mid-stream and checks that every acknowledged id is in the database.
// Usage: CreditAlt.Data.CrashWriter <db> <threads> <run id>
//        CreditAlt.Data.CrashWriter bench <db> <concurrent writers> <decisions>   (scripts/bench-storage.sh)
if (args.Length == 4 && args[0] == "bench")
    return await LedgerBench.RunAsync(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture));
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: CreditAlt.Data.CrashWriter <db> <threads> <run id>");
    return 2;
}
var (dbText, threads, run) = (args[0], int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args[2]);
await using var db = CreditAltDatabase.Open(dbText);
await db.MigrateAsync();
var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true };
var gate = new Lock();
lock (gate)
    stdout.WriteLine("ready");

var json = CanonicalApplicationJson.FromUtf8("{\"applicationId\":\"CRASH\"}"u8);
var workers = Enumerable.Range(0, threads).Select(t => Task.Run(async () =>
{
    for (var i = 0; ; i++)
    {
        var id = $"{run}-t{t}-{i}";
        var d = new DecisionToRecord(id, "LENDER-CRASH", "CRASH", "PER-CRASH", "scorecard", "1", json, 600 + (i % 200),
            DecisionOutcomes.Refer, [new DecisionReason("R1", "Reason one.")], null, new DateOnly(2026, 1, 31), DateTimeOffset.UtcNow,
            "idem-" + id, "rh-" + id);
        var result = await db.Ledger.AppendAsync(d);
        if (result.Status != AppendStatus.Recorded)
            throw new InvalidOperationException($"{id}: {result.Status}");
        lock (gate)
            stdout.WriteLine("ack " + id);
    }
})).ToArray();
await Task.WhenAll(workers);
return 0;
