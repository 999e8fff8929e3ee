using System.Diagnostics;
using CreditAlt.Data.Ledger;
using Dapper;

namespace CreditAlt.Data.Tests.Durability;

public sealed class SqliteDurabilityTests : DurabilityTests<SqliteProvider>;

public sealed class PostgresDurabilityTests : DurabilityTests<PostgresProvider>;

public sealed class SqlServerDurabilityTests : DurabilityTests<SqlServerProvider>;

public abstract class DurabilityTests<TProvider> : StorageTestBase<TProvider>
    where TProvider : EngineProvider, new()
{
    private const int AcksBeforeKill = 400;

    [Fact]
    public async Task CrashWriter_KilledWithSigkillMidStream_EveryAcknowledgedDecisionStoredAndChainVerifies()
    {
        var dbText = await NewDatabaseTextAsync();
        var run = "run" + Guid.NewGuid().ToString("N")[..8];
        var acked = new List<string>();
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        using (var writer = Process.Start(new ProcessStartInfo("dotnet", [CrashWriterPath(), dbText, "8", run])
               {
                   RedirectStandardOutput = true,
                   RedirectStandardError = true,
                   UseShellExecute = false,
               })!)
        {
            var reading = Task.Run(async () =>
            {
                while (await writer.StandardOutput.ReadLineAsync() is { } line)
                {
                    if (!line.StartsWith("ack ", StringComparison.Ordinal))
                        continue;
                    lock (acked)
                    {
                        acked.Add(line[4..]);
                        if (acked.Count >= AcksBeforeKill)
                            enough.TrySetResult();
                    }
                }
            }, Ct);
            var finished = await Task.WhenAny(enough.Task, writer.WaitForExitAsync(Ct), Task.Delay(TimeSpan.FromSeconds(90), Ct));
            if (finished != enough.Task)
            {
                writer.Kill();
                Assert.Fail($"the writer did not acknowledge {AcksBeforeKill} decisions: {await writer.StandardError.ReadToEndAsync(Ct)}");
            }
            writer.Kill(); // SIGKILL on Unix: no finaliser, no flush, no clean close.
            await writer.WaitForExitAsync(Ct);
            await reading; // lines already in the pipe were acknowledged before the kill
        }

        var db = Open(dbText);
        var stored = (await db.RunAsync((c, t) => c.QueryAsync<string>(new CommandDefinition(
            "SELECT decision_id FROM decisions WHERE lender_id = 'LENDER-CRASH'", cancellationToken: t)), Ct)).ToHashSet(StringComparer.Ordinal);
        var lost = acked.Where(id => !stored.Contains(id)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {acked.Count} acknowledged decisions are missing, e.g. {string.Join(", ", lost.Take(5))}");
        Assert.True(stored.Count >= acked.Count);

        // The restarted ledger continues the same chain.
        var next = await db.Ledger.AppendAsync(TestData.Decision("after-crash"), Ct);
        Assert.Equal(stored.Count + 1L, next.Sequence);
        var v = await db.Ledger.VerifyAsync(Ct);
        Assert.Equal((true, stored.Count + 1L), (v.Intact, v.RowsChecked));
    }

    private static string CrashWriterPath()
    {
        // tests/CreditAlt.Data.Tests/bin/<Configuration>/net10.0/ -> tests/CreditAlt.Data.CrashWriter/bin/<Configuration>/net10.0/
        var path = AppContext.BaseDirectory.Replace(
            Path.DirectorySeparatorChar + "CreditAlt.Data.Tests" + Path.DirectorySeparatorChar,
            Path.DirectorySeparatorChar + "CreditAlt.Data.CrashWriter" + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        var dll = Path.Combine(path, "CreditAlt.Data.CrashWriter.dll");
        Assert.True(File.Exists(dll), $"build tests/CreditAlt.Data.CrashWriter first: {dll} is missing");
        return dll;
    }
}

