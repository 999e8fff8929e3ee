using CreditAlt.Data.Ledger;

namespace CreditAlt.Data.Tests.Ledger;

public sealed class SqliteLedgerStorageSettingsTests : LedgerStorageSettingsTests<SqliteProvider>;

public sealed class PostgresLedgerStorageSettingsTests : LedgerStorageSettingsTests<PostgresProvider>;

/// <summary>
/// Each storage-format setting of <see cref="LedgerOptions"/> (deflater; on SQLite, how commits are synced) stores
/// decisions that read back and verify, and rows written under one setting read and verify under the others, so a
/// ledger written before a default changed stays readable.
/// </summary>
public abstract class LedgerStorageSettingsTests<TProvider> : StorageTestBase<TProvider>
    where TProvider : EngineProvider, new()
{
    public static TheoryData<LedgerDeflate, SqliteLedgerSync> Settings() =>
        [.. from deflate in Enum.GetValues<LedgerDeflate>() from sync in Enum.GetValues<SqliteLedgerSync>() select (deflate, sync)];

    [Theory]
    [MemberData(nameof(Settings))]
    public async Task AppendAsync_EachSetting_ReadsBackAndVerifies(LedgerDeflate deflate, SqliteLedgerSync sync)
    {
        var db = await NewDatabaseAsync(Options(deflate, sync));

        await Task.WhenAll(Enumerable.Range(1, 40).Select(i => db.Ledger.AppendAsync(TestData.Decision($"D-{i}"), Ct)));

        var entry = await db.Ledger.GetAsync("D-7", Ct);
        Assert.Equal(TestData.Decision("D-7").ApplicationFingerprint, entry!.ApplicationFingerprint);
        var verification = await db.Ledger.VerifyAsync(Ct);
        Assert.True(verification.Intact, verification.Problem?.ToString());
        Assert.Equal(40, verification.RowsChecked);
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public async Task VerifyAsync_RowsWrittenUnderTheOtherSetting_StillIntact(LedgerDeflate deflate, SqliteLedgerSync sync)
    {
        var text = await NewDatabaseTextAsync();
        await using (var first = CreditAltDatabase.Open(text, Options(deflate, sync), Clock))
        {
            await first.MigrateAsync(Ct);
            for (var i = 1; i <= 5; i++)
                await first.Ledger.AppendAsync(TestData.Decision($"D-{i}"), Ct);
        }

        var other = Open(text, Options(deflate == LedgerDeflate.SmallDeflate ? LedgerDeflate.DeflateStream : LedgerDeflate.SmallDeflate,
            sync == SqliteLedgerSync.Full ? SqliteLedgerSync.WalSyncThread : SqliteLedgerSync.Full));
        for (var i = 6; i <= 10; i++)
            await other.Ledger.AppendAsync(TestData.Decision($"D-{i}"), Ct);

        Assert.Equal(TestData.Decision("D-3").ApplicationFingerprint, (await other.Ledger.GetAsync("D-3", Ct))!.ApplicationFingerprint);
        var verification = await other.Ledger.VerifyAsync(Ct);
        Assert.True(verification.Intact, verification.Problem?.ToString());
        Assert.Equal(10, verification.RowsChecked);
    }

    private static CreditAltDataOptions Options(LedgerDeflate deflate, SqliteLedgerSync sync) =>
        new() { Ledger = new LedgerOptions { Deflate = deflate, SqliteSync = sync } };
}
