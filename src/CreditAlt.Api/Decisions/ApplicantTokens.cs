using System.Globalization;
using System.Threading.Channels;
using CreditAlt.Data;
using CreditAlt.Data.Security;
using Dapper;

namespace CreditAlt.Api.Decisions;

/// <summary>
/// Issues and checks applicant access tokens (hashed at rest, in the Data layer's <c>applicant_tokens</c> table).
/// Issuing goes through a group-commit writer like the ledger's: every decision needs a token, and one fsync'd
/// transaction per token capped the service at ~140 decisions/s on SQLite, while one transaction per batch keeps up
/// with the ledger. A token is returned only after its batch committed, so a token a client holds always opens.
/// (The Data layer's <see cref="AccessTokenStore.IssueAsync"/> writes one row per call; this is its batched form.)
/// </summary>
internal sealed class ApplicantTokens : IAsyncDisposable
{
    public const string Prefix = "at_";
    private const int MaxBatch = 2000;

    private readonly CreditAltDatabase _database;
    private readonly TimeProvider _time;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public ApplicantTokens(CreditAltDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>A new token for <paramref name="decisionId"/>, durable once returned. The secret is shown once.</summary>
    public Task<string> IssueAsync(string decisionId, CancellationToken ct)
    {
        var secret = SecretHash.NewSecret(Prefix);
        var pending = new Pending(new Row(SecretHash.Hash(secret), decisionId, ""), secret,
            new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
            throw new ObjectDisposedException(nameof(ApplicantTokens));
        return pending.Done.Task.WaitAsync(ct);
    }

    public Task<bool> OpensAsync(string decisionId, string token, CancellationToken ct) =>
        token.StartsWith(Prefix, StringComparison.Ordinal) && token.Length <= 128
            ? _database.AccessTokens.OpensAsync(decisionId, token, ct)
            : Task.FromResult(false);

    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Pending>(MaxBatch);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var p))
                batch.Add(p);
            try
            {
                var now = _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
                var rows = batch.Select(p => p.Row with { CreatedAt = now }).ToList();
                await _database.RunAsync(async (c, token) =>
                {
                    await using var tx = await c.BeginTransactionAsync(token).ConfigureAwait(false);
                    await c.ExecuteAsync(new CommandDefinition(
                        "INSERT INTO applicant_tokens (token_hash, decision_id, created_at, expires_at) VALUES (@TokenHash, @DecisionId, @CreatedAt, NULL)",
                        rows, tx, cancellationToken: token)).ConfigureAwait(false);
                    await tx.CommitAsync(token).ConfigureAwait(false);
                    return true;
                }).ConfigureAwait(false);
                foreach (var p in batch)
                    p.Done.TrySetResult(p.Secret);
            }
            catch (Exception ex)
            {
                foreach (var p in batch)
                    p.Done.TrySetException(ex);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private sealed record Row(string TokenHash, string DecisionId, string CreatedAt);

    private sealed record Pending(Row Row, string Secret, TaskCompletionSource<string> Done);
}
