using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using CreditAlt.Data.Connections;
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
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
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
        EnsureWriter();
        var pending = new Pending(decision, new TaskCompletionSource<AppendResult>(TaskCreationOptions.RunContinuationsAsynchronously));
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
            if (row is null)
                return null;
            await LoadReasonsAsync(c, null, [row], token).ConfigureAwait(false);
            return row.ToEntry();
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
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(d.ApplicationJson)));
        if (!string.Equals(fingerprint, d.ApplicationFingerprint, StringComparison.Ordinal))
            throw new ArgumentException("ApplicationFingerprint must be the lower-case hex SHA-256 of ApplicationJson", nameof(d));
        foreach (var r in d.Reasons)
        {
            Require(r.Code, "Reasons.Code");
            Require(r.Sentence, "Reasons.Sentence");
        }
        if (d.AccessToken is not null)
            Require(d.AccessToken.TokenHash, "AccessToken.TokenHash");
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
        var reader = _queue.Reader;
        var batch = new List<Pending>(_options.MaxBatch);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < _options.MaxBatch && reader.TryRead(out var p))
                batch.Add(p);
            try
            {
                var records = batch.Select(p => p.Record).ToList();
                var results = await _db.Resilience.ExecuteAsync(token => WriteBatchAsync(records, token)).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                    batch[i].Done.TrySetResult(results[i]);
            }
            catch (Exception ex)
            {
                foreach (var p in batch)
                    p.Done.TrySetException(ex);
            }
        }
    }

    /// <summary>One transaction: lock the head, skip what is already stored, chain and insert the rest, move the head.</summary>
    internal async Task<AppendResult[]> WriteBatchAsync(IReadOnlyList<DecisionToRecord> records, CancellationToken ct)
    {
        var dialect = _db.Dialect;
        await using var c = await _db.OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await c.BeginTransactionAsync(ct).ConfigureAwait(false);
        // Taking the row lock first serialises writers from every process (on SQLite the write lock itself).
        await c.ExecuteAsync(new CommandDefinition("UPDATE ledger_head SET seq = seq WHERE id = 1", transaction: tx, cancellationToken: ct)).ConfigureAwait(false);
        var (headSeq, headHash) = await c.QuerySingleAsync<(long, string)>(new CommandDefinition(
            "SELECT seq, hash FROM ledger_head WHERE id = 1", transaction: tx, cancellationToken: ct)).ConfigureAwait(false);

        var byId = new Dictionary<string, (string Lender, string? RequestHash, string? Key, long Seq, string Hash)>(StringComparer.Ordinal);
        foreach (var chunk in records.Select(r => r.DecisionId).Distinct().Chunk(1000))
        {
            var found = await c.QueryAsync<(string, string, string?, string?, long, string)>(new CommandDefinition(
                $"SELECT decision_id, lender_id, request_hash, idempotency_key, seq, hash FROM decisions WHERE {dialect.InList("decision_id", "ids")}",
                new { ids = chunk }, tx, cancellationToken: ct)).ConfigureAwait(false);
            foreach (var (id, lender, rh, key, seq, hash) in found)
                byId[id] = (lender, rh, key, seq, hash);
        }
        var byKey = new Dictionary<(string, string), (string RequestHash, string DecisionId)>();
        foreach (var chunk in records.Where(r => r.IdempotencyKey is not null).Select(r => r.IdempotencyKey!).Distinct().Chunk(1000))
        {
            var found = await c.QueryAsync<(string, string, string, string)>(new CommandDefinition(
                $"SELECT lender_id, idempotency_key, request_hash, decision_id FROM idempotency_keys WHERE {dialect.InList("idempotency_key", "keys")}",
                new { keys = chunk }, tx, cancellationToken: ct)).ConfigureAwait(false);
            foreach (var (lender, key, rh, id) in found)
                byKey[(lender, key)] = (rh, id);
        }

        var results = new AppendResult[records.Count];
        var rows = new List<LedgerRow>(records.Count);
        var tokens = new List<(string DecisionId, AccessToken Token)>();
        var retriedTokens = new List<(string DecisionId, AccessToken Token)>();
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            if (byId.TryGetValue(r.DecisionId, out var existing))
            {
                var same = existing.Lender == r.LenderId && existing.RequestHash == r.RequestHash && existing.Key == r.IdempotencyKey;
                results[i] = same
                    ? new AppendResult(AppendStatus.Recorded, r.DecisionId, existing.Seq, existing.Hash)
                    : new AppendResult(AppendStatus.DecisionIdConflict, r.DecisionId, null, null);
                if (same && r.AccessToken is not null)
                    retriedTokens.Add((r.DecisionId, r.AccessToken));
                continue;
            }
            if (r.IdempotencyKey is not null && byKey.TryGetValue((r.LenderId, r.IdempotencyKey), out var prior))
            {
                results[i] = prior.RequestHash == (r.RequestHash ?? "")
                    ? new AppendResult(AppendStatus.Replayed, prior.DecisionId, null, null)
                    : new AppendResult(AppendStatus.IdempotencyConflict, prior.DecisionId, null, null);
                continue;
            }
            var row = LedgerRow.From(r, headSeq + 1, headHash);
            row.Hash = LedgerHash.Compute(row);
            headSeq = row.Seq;
            headHash = row.Hash;
            rows.Add(row);
            if (r.AccessToken is not null)
                tokens.Add((r.DecisionId, r.AccessToken));
            byId[r.DecisionId] = (r.LenderId, r.RequestHash, r.IdempotencyKey, row.Seq, row.Hash);
            if (r.IdempotencyKey is not null)
                byKey[(r.LenderId, r.IdempotencyKey)] = (r.RequestHash ?? "", r.DecisionId);
            results[i] = new AppendResult(AppendStatus.Recorded, r.DecisionId, row.Seq, row.Hash);
        }

        var now = LedgerRow.FormatInstant(_db.Time.GetUtcNow());
        if (rows.Count > 0)
        {
            if (dialect.Engine == DatabaseEngine.Postgres)
                await InsertPostgresAsync(c, tx, rows, now, ct).ConfigureAwait(false);
            else
                await InsertRowsAsync(c, tx, rows, now, ct).ConfigureAwait(false);
            await c.ExecuteAsync(new CommandDefinition("UPDATE ledger_head SET seq = @headSeq, hash = @headHash WHERE id = 1",
                new { headSeq, headHash }, tx, cancellationToken: ct)).ConfigureAwait(false);
        }
        tokens.AddRange(await TokensNotStoredAsync(c, tx, dialect, retriedTokens, tokens, ct).ConfigureAwait(false));
        await AccessTokenStore.InsertAsync(c, tx, dialect, tokens, now, ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return results;
    }

    /// <summary>
    /// Tokens of decisions found already stored (a retry after a lost acknowledgement) that are not stored yet: the
    /// caller will hand them out with a Recorded answer, so they must open. A retried batch finds its own tokens.
    /// </summary>
    private static async Task<IEnumerable<(string DecisionId, AccessToken Token)>> TokensNotStoredAsync(
        DbConnection c, DbTransaction tx, SqlDialect dialect, List<(string DecisionId, AccessToken Token)> retried,
        List<(string DecisionId, AccessToken Token)> inserting, CancellationToken ct)
    {
        if (retried.Count == 0)
            return [];
        var known = inserting.Select(t => t.Token.TokenHash).ToHashSet(StringComparer.Ordinal);
        foreach (var chunk in retried.Select(t => t.Token.TokenHash).Distinct().Chunk(1000))
            known.UnionWith(await c.QueryAsync<string>(new CommandDefinition(
                $"SELECT token_hash FROM applicant_tokens WHERE {dialect.InList("token_hash", "hashes")}",
                new { hashes = chunk }, tx, cancellationToken: ct)).ConfigureAwait(false));
        return retried.Where(t => known.Add(t.Token.TokenHash)).ToList();
    }

    private static async Task InsertRowsAsync(DbConnection c, DbTransaction tx, List<LedgerRow> rows, string now, CancellationToken ct)
    {
        await PreparedInsert.RunAsync(c, tx, "decisions", DecisionColumns, rows, (r, v) =>
        {
            v[0] = r.Seq;
            v[1] = r.DecisionId;
            v[2] = r.LenderId;
            v[3] = r.ApplicationId;
            v[4] = r.ApplicantId;
            v[5] = r.ModelId;
            v[6] = r.ModelVersion;
            v[7] = r.ApplicationFingerprint;
            v[8] = r.ApplicationJson;
            v[9] = r.Score;
            v[10] = r.Decision;
            v[11] = r.Recourse;
            v[12] = r.AsOfDate;
            v[13] = r.RecordedAt;
            v[14] = r.IdempotencyKey;
            v[15] = r.RequestHash;
            v[16] = r.PrevHash;
            v[17] = r.Hash;
        }, ct).ConfigureAwait(false);
        await PreparedInsert.RunAsync(c, tx, "decision_reasons", ["seq", "position", "code", "sentence"],
            rows.SelectMany(r => r.Reasons.Select((x, i) => (r.Seq, Position: i + 1, x))), (x, v) =>
            {
                v[0] = x.Seq;
                v[1] = x.Position;
                v[2] = x.x.Code;
                v[3] = x.x.Sentence;
            }, ct).ConfigureAwait(false);
        await PreparedInsert.RunAsync(c, tx, "idempotency_keys", ["lender_id", "idempotency_key", "request_hash", "decision_id", "created_at"],
            rows.Where(r => r.IdempotencyKey is not null), (r, v) =>
            {
                v[0] = r.LenderId;
                v[1] = r.IdempotencyKey;
                v[2] = r.RequestHash ?? "";
                v[3] = r.DecisionId;
                v[4] = now;
            }, ct).ConfigureAwait(false);
    }

    internal static readonly string[] DecisionColumns =
    [
        "seq", "decision_id", "lender_id", "application_id", "applicant_id", "model_id", "model_version", "application_fingerprint",
        "application_json", "score", "decision", "recourse", "as_of_date", "recorded_at", "idempotency_key", "request_hash", "prev_hash", "hash",
    ];

    // One statement per table per batch: arrays go over as parameters and unnest() turns them back into rows.
    private static async Task InsertPostgresAsync(DbConnection c, DbTransaction tx, List<LedgerRow> rows, string now, CancellationToken ct)
    {
        await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO decisions (seq, decision_id, lender_id, application_id, applicant_id, model_id, model_version, application_fingerprint, " +
            "application_json, score, decision, recourse, as_of_date, recorded_at, idempotency_key, request_hash, prev_hash, hash) " +
            "SELECT * FROM unnest(@seq, @decisionId, @lenderId, @applicationId, @applicantId, @modelId, @modelVersion, @fingerprint, " +
            "@json, @score, @decision, @recourse, @asOf, @recordedAt, @idem, @requestHash, @prevHash, @hash)",
            new
            {
                seq = rows.Select(r => r.Seq).ToArray(),
                decisionId = rows.Select(r => r.DecisionId).ToArray(),
                lenderId = rows.Select(r => r.LenderId).ToArray(),
                applicationId = rows.Select(r => r.ApplicationId).ToArray(),
                applicantId = rows.Select(r => r.ApplicantId).ToArray(),
                modelId = rows.Select(r => r.ModelId).ToArray(),
                modelVersion = rows.Select(r => r.ModelVersion).ToArray(),
                fingerprint = rows.Select(r => r.ApplicationFingerprint).ToArray(),
                json = rows.Select(r => r.ApplicationJson).ToArray(),
                score = rows.Select(r => r.Score).ToArray(),
                decision = rows.Select(r => r.Decision).ToArray(),
                recourse = rows.Select(r => r.Recourse).ToArray(),
                asOf = rows.Select(r => r.AsOfDate).ToArray(),
                recordedAt = rows.Select(r => r.RecordedAt).ToArray(),
                idem = rows.Select(r => r.IdempotencyKey).ToArray(),
                requestHash = rows.Select(r => r.RequestHash).ToArray(),
                prevHash = rows.Select(r => r.PrevHash).ToArray(),
                hash = rows.Select(r => r.Hash).ToArray(),
            }, tx, cancellationToken: ct)).ConfigureAwait(false);
        var reasons = rows.SelectMany(r => r.Reasons.Select((x, i) => (r.Seq, Position: i + 1, x.Code, x.Sentence))).ToList();
        if (reasons.Count > 0)
            await c.ExecuteAsync(new CommandDefinition(
                "INSERT INTO decision_reasons (seq, position, code, sentence) SELECT * FROM unnest(@seq, @position, @code, @sentence)",
                new
                {
                    seq = reasons.Select(r => r.Seq).ToArray(),
                    position = reasons.Select(r => r.Position).ToArray(),
                    code = reasons.Select(r => r.Code).ToArray(),
                    sentence = reasons.Select(r => r.Sentence).ToArray(),
                }, tx, cancellationToken: ct)).ConfigureAwait(false);
        var keyed = rows.Where(r => r.IdempotencyKey is not null).ToList();
        if (keyed.Count > 0)
            await c.ExecuteAsync(new CommandDefinition(
                "INSERT INTO idempotency_keys (lender_id, idempotency_key, request_hash, decision_id, created_at) " +
                "SELECT l, k, h, d, @now FROM unnest(@lender, @key, @hash, @decision) AS t(l, k, h, d)",
                new
                {
                    now,
                    lender = keyed.Select(r => r.LenderId).ToArray(),
                    key = keyed.Select(r => r.IdempotencyKey!).ToArray(),
                    hash = keyed.Select(r => r.RequestHash ?? "").ToArray(),
                    decision = keyed.Select(r => r.DecisionId).ToArray(),
                }, tx, cancellationToken: ct)).ConfigureAwait(false);
    }

    internal static async Task LoadReasonsAsync(DbConnection c, DbTransaction? tx, IReadOnlyList<LedgerRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
            return;
        var bySeq = rows.ToDictionary(r => r.Seq);
        var reasons = await c.QueryAsync<(long Seq, int Position, string Code, string Sentence)>(new CommandDefinition(
            "SELECT seq, position, code, sentence FROM decision_reasons WHERE seq >= @from AND seq <= @to ORDER BY seq, position",
            new { from = rows.Min(r => r.Seq), to = rows.Max(r => r.Seq) }, tx, cancellationToken: ct)).ConfigureAwait(false);
        foreach (var r in reasons)
            if (bySeq.TryGetValue(r.Seq, out var row))
                row.Reasons.Add(new DecisionReason(r.Code, r.Sentence));
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_writer is not null)
            await _writer.ConfigureAwait(false);
    }

    private sealed record Pending(DecisionToRecord Record, TaskCompletionSource<AppendResult> Done);
}
