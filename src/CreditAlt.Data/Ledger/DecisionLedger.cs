using System.Threading.Channels;
using CreditAlt.Data.Connections;
using CreditAlt.Data.Consents;
using CreditAlt.Data.Security;
using Dapper;

namespace CreditAlt.Data.Ledger;

/// <summary>
/// The append-only, hash-chained decision ledger. Appends from any number of threads go to one writer loop
/// that commits them in batches (group commit); each caller's task completes only after its batch committed,
/// so an acknowledged decision is durable. Across processes the chain stays linear because every batch first
/// locks the single <c>ledger_head</c> row.
/// </summary>
public sealed class DecisionLedger : IAsyncDisposable
{
    private readonly CreditAltDatabase _db;
    private readonly LedgerOptions _options;
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _startLock = new();
    private Task? _writer;

    internal DecisionLedger(CreditAltDatabase db, LedgerOptions options)
    {
        _db = db;
        _options = options;
    }

    /// <summary>
    /// Appends one decision. Completes after the decision is committed (or found already stored: appends are
    /// idempotent by decision id and by lender + idempotency key). Throws <see cref="ArgumentException"/> for a
    /// malformed record and <see cref="Resilience.StorageUnavailableException"/> when the database stays down.
    /// </summary>
    public Task<AppendResult> AppendAsync(DecisionToRecord decision, CancellationToken ct = default)
    {
        Validate(decision);
        var row = LedgerRow.From(decision);
        row.ApplicationJsonDeflate = ApplicationDocument.Deflate(decision.ApplicationJson.Utf8.Span, _options.Deflate);
        EnsureWriter();
        // The raw set is deflated and hashed here, on the caller's thread, like the application JSON.
        var set = decision.RawTransactions is { } raw ? RawSetRow.From(decision.LenderId, raw) : null;
        var pending = new PendingAppend(decision, row, LedgerHash.EncodeBody(row), new TaskCompletionSource<AppendResult>(TaskCreationOptions.RunContinuationsAsynchronously), set);
        if (!_queue.Writer.TryWrite(pending))
            throw new ObjectDisposedException(nameof(DecisionLedger));
        return pending.Done.Task.WaitAsync(ct);
    }

    /// <summary>The stored decision with this id, or null.</summary>
    public Task<LedgerEntry?> GetAsync(string decisionId, CancellationToken ct = default) =>
        _db.RunAsync(async (c, token) =>
        {
            var row = await c.QuerySingleOrDefaultAsync<LedgerRow>(new CommandDefinition(
                $"SELECT {LedgerRow.Columns} FROM decisions WHERE decision_id = @decisionId", new { decisionId }, cancellationToken: token)).ConfigureAwait(false);
            return row?.ToEntry();
        }, ct);

    /// <summary>Number of decisions stored.</summary>
    public Task<long> CountAsync(CancellationToken ct = default) =>
        _db.RunAsync((c, token) => c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM decisions", cancellationToken: token)), ct);

    /// <summary>
    /// Checks the whole chain; see <see cref="LedgerVerifier"/>. Runs outside the retry pipeline: its length
    /// grows with the ledger, so the per-call timeout does not apply.
    /// </summary>
    public async Task<LedgerVerification> VerifyAsync(CancellationToken ct = default)
    {
        await using var c = await _db.Resilience.ExecuteAsync(token => _db.OpenAsync(token), ct).ConfigureAwait(false);
        return await LedgerVerifier.VerifyAsync(c, _db.Dialect, ct).ConfigureAwait(false);
    }

    /// <summary>Checks the record.</summary>
    private static void Validate(DecisionToRecord d)
    {
        Require(d.DecisionId, nameof(d.DecisionId));
        Require(d.LenderId, nameof(d.LenderId));
        Require(d.ApplicationId, nameof(d.ApplicationId));
        Require(d.ApplicantId, nameof(d.ApplicantId));
        Require(d.ModelId, nameof(d.ModelId));
        Require(d.ModelVersion, nameof(d.ModelVersion));
        if (!DecisionOutcomes.All.Contains(d.Decision))
            throw new ArgumentException($"decision must be one of {string.Join(", ", DecisionOutcomes.All)}, got '{d.Decision}'", nameof(d));
        if (d.ApplicationJson is null || d.ApplicationJson.Utf8.IsEmpty)
            throw new ArgumentException("ApplicationJson is required", nameof(d));
        foreach (var r in d.Reasons)
        {
            Require(r.Code, "Reasons.Code");
            Require(r.Sentence, "Reasons.Sentence");
        }
        if (d.AccessToken is not null)
            Require(d.AccessToken.TokenHash, "AccessToken.TokenHash");
        if (d.RawTransactions is { } set)
        {
            Require(set.SetId, "RawTransactions.SetId");
            Require(set.ConsentId, "RawTransactions.ConsentId");
            Require(set.Format, "RawTransactions.Format");
            if (set.DecisionId != d.DecisionId || set.ApplicationId != d.ApplicationId)
                throw new ArgumentException($"RawTransactions must belong to decision '{d.DecisionId}' of application '{d.ApplicationId}', got '{set.DecisionId}' of '{set.ApplicationId}'", nameof(d));
        }
    }

    private static void Require(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new ArgumentException($"{name} is required", name);
    }

    private void EnsureWriter()
    {
        if (_writer is not null)
            return;
        lock (_startLock)
            _writer ??= Task.Run(WriterLoopAsync);
    }

    private async Task WriterLoopAsync()
    {
        var finishing = new List<Task>();
        try
        {
            await using var writer = LedgerWriter.For(_db);
            var reader = _queue.Reader;
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                var batch = new List<PendingAppend>();
                while (batch.Count < _options.MaxBatch && reader.TryRead(out var p))
                    batch.Add(p);
                try
                {
                    var written = await _db.Resilience.ExecuteAsync(token => writer.WriteAsync(batch, token)).ConfigureAwait(false);
                    finishing.RemoveAll(t => t.IsCompleted);
                    finishing.Add(AnswerWhenDurableAsync(batch, written));
                }
                catch (Exception ex)
                {
                    foreach (var p in batch)
                        p.Done.TrySetException(ex);
                }
            }
        }
        catch (Exception ex)
        {
            // A bug in the loop itself must not leave callers waiting forever: refuse new appends, fail the queued ones.
            _queue.Writer.TryComplete(ex);
            while (_queue.Reader.TryRead(out var p))
                p.Done.TrySetException(ex);
            throw;
        }
        finally
        {
            await Task.WhenAll(finishing).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Answers the batch's callers once its commit is durable. A commit whose outcome is unknown (the connection
    /// broke while it was in flight) is written again, as a whole, on a writer of its own: appends are idempotent,
    /// so what did commit is found stored and answered as such.
    /// </summary>
    private async Task AnswerWhenDurableAsync(List<PendingAppend> batch, WrittenBatch written)
    {
        var results = written.Results;
        try
        {
            try
            {
                await written.Durable.ConfigureAwait(false);
            }
            catch (Exception ex) when (Resilience.StorageResilience.IsTransient(ex))
            {
                results = await _db.Resilience.ExecuteAsync(async token =>
                {
                    await using var retry = LedgerWriter.For(_db);
                    var again = await retry.WriteAsync(batch, token).ConfigureAwait(false);
                    await again.Durable.ConfigureAwait(false);
                    return again.Results;
                }).ConfigureAwait(false);
            }
            for (var i = 0; i < batch.Count; i++)
                batch[i].Done.TrySetResult(results[i]);
        }
        catch (Exception ex)
        {
            foreach (var p in batch)
                p.Done.TrySetException(ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_writer is not null)
            await _writer.ConfigureAwait(false);
    }
}
