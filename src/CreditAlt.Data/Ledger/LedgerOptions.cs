namespace CreditAlt.Data.Ledger;

/// <summary>Group-commit and storage-format settings of the ledger writer (configuration: <c>CreditAlt:Storage:Ledger</c>).</summary>
public sealed class LedgerOptions
{
    /// <summary>Most decisions written in one transaction.</summary>
    /// <value>2000</value>
    public int MaxBatch { get; set; } = 2000;

    /// <summary>
    /// Which deflater writes the stored application document. Both write ordinary raw DEFLATE that the same inflater
    /// reads, so the setting can change at any time: rows written under either read and verify under both.
    /// </summary>
    /// <value><see cref="LedgerDeflate.DeflateStream"/>, the library's path: the own deflater saved client CPU in the ledger
    /// bench but gained nothing end to end in the API load test (docs/benchmarks.md, "Ledger storage format: library or own code")</value>
    public LedgerDeflate Deflate { get; set; } = LedgerDeflate.DeflateStream;

    /// <summary>How a SQLite ledger commit reaches the disk before its callers are answered (ignored on other engines).</summary>
    /// <value><see cref="SqliteLedgerSync.Full"/>, SQLite's own path: the other's gain was not shown to reach 10 % end to end (docs/benchmarks.md, "Ledger storage format: library or own code")</value>
    public SqliteLedgerSync SqliteSync { get; set; } = SqliteLedgerSync.Full;
}

/// <summary>The deflater of the ledger's application documents.</summary>
public enum LedgerDeflate
{
    /// <summary>.NET's <see cref="System.IO.Compression.DeflateStream"/> (zlib) at its fastest level.</summary>
    DeflateStream,

    /// <summary>The hand-written single-block deflater (<c>SmallDeflate</c>): no per-stream set-up, output within 1 % of zlib's fastest.</summary>
    SmallDeflate,
}

/// <summary>How a SQLite ledger commit is made durable.</summary>
public enum SqliteLedgerSync
{
    /// <summary>
    /// SQLite's own path: <c>synchronous=FULL</c>, each commit fsyncs the WAL inside SQLite before COMMIT returns, and
    /// SQLite checkpoints by itself.
    /// </summary>
    Full,

    /// <summary>
    /// <c>synchronous=NORMAL</c> with the WAL fsynced from outside SQLite (<c>SqliteWalSync</c>) before the batch's callers
    /// are answered, and checkpoints on a connection of their own: the writer goes on with the next batch meanwhile.
    /// </summary>
    WalSyncThread,
}
