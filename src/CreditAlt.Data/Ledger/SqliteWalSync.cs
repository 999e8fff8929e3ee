using System.Threading.Channels;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Win32.SafeHandles;

namespace CreditAlt.Data.Ledger;

/// <summary>
/// Takes the flush to disk off the SQLite ledger writer's critical path. The writer commits with
/// <c>synchronous=NORMAL</c>, which in WAL mode writes a transaction's frames to the WAL file without an fsync;
/// <see cref="SyncAsync"/> then fsyncs the WAL file — covering every commit written before it — and only then are
/// that batch's callers answered. So an acknowledged decision is on disk exactly as with <c>synchronous=FULL</c>
/// (a power cut can only lose commits nobody was told about, and a lost commit takes every later one with it: the
/// WAL's frame checksums are cumulative), while the writer is already writing the next batch; one fsync serves
/// every batch committed since the last. Checkpoints (copying the WAL into the database file, which SQLite does
/// after syncing the WAL and follows by syncing the database file) run here too, on a connection of their own.
/// </summary>
internal sealed class SqliteWalSync : IAsyncDisposable
{
    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromMilliseconds(50);

    private readonly SafeFileHandle _wal;
    private readonly SqliteConnection _checkpointer;
    private readonly Channel<TaskCompletionSource> _requests = Channel.CreateUnbounded<TaskCompletionSource>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _syncLoop;
    private readonly Task _checkpointLoop;
    private int _commitsSinceCheckpoint;

    private SqliteWalSync(SafeFileHandle wal, SqliteConnection checkpointer)
    {
        _wal = wal;
        _checkpointer = checkpointer;
        _syncLoop = Task.Run(SyncLoopAsync);
        _checkpointLoop = Task.Run(CheckpointLoopAsync);
    }

    /// <summary>
    /// For the writer's connection, in WAL mode: a syncer for its WAL file, or null (not WAL, e.g. in memory) —
    /// then the writer keeps <c>synchronous=FULL</c>.
    /// </summary>
    public static async Task<SqliteWalSync?> StartAsync(CreditAltDatabase db, SqliteConnection writer, CancellationToken ct)
    {
        // Reading once makes SQLite create the WAL file if it is not there yet.
        var mode = await writer.ExecuteScalarAsync<string>("PRAGMA journal_mode").ConfigureAwait(false);
        await writer.ExecuteScalarAsync<long>("SELECT seq FROM ledger_head WHERE id = 1").ConfigureAwait(false);
        var walPath = writer.DataSource + "-wal";
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase) || !File.Exists(walPath))
            return null;
        // Opened for writing only because fsync needs a writable handle on some systems; nothing is written through it.
        var wal = File.OpenHandle(walPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        try
        {
            var checkpointer = await db.OpenDedicatedSqliteAsync(ct).ConfigureAwait(false);
            await writer.ExecuteAsync("PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=0").ConfigureAwait(false);
            return new SqliteWalSync(wal, checkpointer);
        }
        catch
        {
            wal.Dispose();
            throw;
        }
    }

    /// <summary>Completes once everything the writer committed before this call is on disk.</summary>
    public Task SyncAsync()
    {
        Interlocked.Increment(ref _commitsSinceCheckpoint);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_requests.Writer.TryWrite(done))
            throw new ObjectDisposedException(nameof(SqliteWalSync));
        return done.Task;
    }

    private async Task SyncLoopAsync()
    {
        var reader = _requests.Reader;
        var waiting = new List<TaskCompletionSource>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            waiting.Clear();
            while (reader.TryRead(out var request))
                waiting.Add(request);
            try
            {
                RandomAccess.FlushToDisk(_wal);
                foreach (var w in waiting)
                    w.TrySetResult();
            }
            catch (Exception ex)
            {
                foreach (var w in waiting)
                    w.TrySetException(ex);
            }
        }
    }

    private async Task CheckpointLoopAsync()
    {
        using var timer = new PeriodicTimer(CheckpointInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                if (Interlocked.Exchange(ref _commitsSinceCheckpoint, 0) == 0)
                    continue;
                try
                {
                    // PASSIVE never waits for the writer or readers; it copies what it can.
                    await _checkpointer.ExecuteAsync("PRAGMA wal_checkpoint(PASSIVE)").ConfigureAwait(false);
                }
                catch (SqliteException)
                {
                    // The next tick tries again; the writer's periodic RESTART checkpoint does the copying if this keeps failing.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _requests.Writer.TryComplete();
        await _syncLoop.ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        await _checkpointLoop.ConfigureAwait(false);
        _stop.Dispose();
        _wal.Dispose();
        await _checkpointer.DisposeAsync().ConfigureAwait(false);
    }
}
