using System.Data.Common;
using CreditAlt.Data.Consents;
using Npgsql;
using NpgsqlTypes;

namespace CreditAlt.Data.Ledger;

/// <summary>
/// The PostgreSQL writer: two round trips per batch, on connections kept open. The first begins the transaction,
/// takes the head's row lock (<c>UPDATE ledger_head … RETURNING</c>, which serialises writers of every process until
/// commit) and looks up the batch's ids and keys — one key lookup per id or key, whatever the planner's statistics
/// say (a lateral subquery with LIMIT cannot be turned into a scan of the whole table); the second inserts everything (arrays through <c>unnest</c>),
/// moves the head and commits. Two connections take turns: while one batch's insert-and-commit is in flight, the
/// next batch's first round trip is already at the server, waiting for the head lock, and runs the moment the
/// first commits — its lookups see that commit, so the chain and the idempotency checks stay exact.
/// </summary>
internal sealed class PostgresLedgerWriter(CreditAltDatabase db) : LedgerWriter(db)
{
    private readonly Lane[] _lanes = [new(), new()];
    private int _next;
    private Lane? _current;

    protected override async Task<StoredState> BeginAsync(
        IReadOnlyList<string> decisionIds, IReadOnlyList<(string Lender, string Key)> keys, CancellationToken ct)
    {
        var lane = _current = _lanes[_next];
        _next = (_next + 1) % _lanes.Length;
        await lane.WaitIdleAsync().ConfigureAwait(false);
        var c = lane.Connection ??= await Db.OpenLedgerPostgresAsync(ct).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(c)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("BEGIN"),
                new NpgsqlBatchCommand("UPDATE ledger_head SET seq = seq WHERE id = 1 RETURNING seq, hash"),
                Command(
                    "SELECT d.decision_id, d.lender_id, d.request_hash, d.idempotency_key, d.seq, d.hash FROM unnest($1::text[]) AS t(decision_id) " +
                    "CROSS JOIN LATERAL (SELECT * FROM decisions WHERE decision_id = t.decision_id LIMIT 1) AS d",
                    (object)decisionIds.ToArray()),
                Command(
                    "SELECT k.lender_id, k.idempotency_key, coalesce(k.request_hash, ''), k.decision_id FROM unnest($1::text[], $2::text[]) AS t(lender_id, idempotency_key) " +
                    "CROSS JOIN LATERAL (SELECT * FROM decisions WHERE lender_id = t.lender_id AND idempotency_key = t.idempotency_key LIMIT 1) AS k",
                    keys.Select(k => k.Lender).ToArray(), keys.Select(k => k.Key).ToArray()),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
        // The reader skips BEGIN, which returns no rows: it starts at the head.
        await reader.ReadAsync(ct).ConfigureAwait(false);
        var (headSeq, headHash) = (reader.GetInt64(0), reader.GetString(1));
        await reader.NextResultAsync(ct).ConfigureAwait(false);
        var byId = new Dictionary<string, StoredDecision>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
            byId[reader.GetString(0)] = new StoredDecision(reader.GetString(1), NullableText(reader, 2), NullableText(reader, 3), reader.GetInt64(4), reader.GetString(5));
        await reader.NextResultAsync(ct).ConfigureAwait(false);
        var byKey = new Dictionary<(string Lender, string Key), StoredKey>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
            byKey[(reader.GetString(0), reader.GetString(1))] = new StoredKey(reader.GetString(2), reader.GetString(3));
        return new StoredState(headSeq, headHash, byId, byKey);
    }

    protected override async Task<IReadOnlyList<string>> FindTokensAsync(IReadOnlyList<(string DecisionId, string Hash)> tokens, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(_current!.Connection)
        {
            BatchCommands =
            {
                Command(
                    "SELECT a.token_hash FROM unnest($1::text[], $2::text[]) AS t(decision_id, token_hash) " +
                    "CROSS JOIN LATERAL (SELECT * FROM applicant_tokens WHERE decision_id = t.decision_id AND token_hash = t.token_hash LIMIT 1) AS a",
                    tokens.Select(t => t.DecisionId).ToArray(), tokens.Select(t => t.Hash).ToArray()),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var found = new List<string>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
            found.Add(reader.GetString(0));
        return found;
    }

    protected override Task<Task> InsertAndCommitAsync(LedgerBatch plan, string now, CancellationToken ct)
    {
        var batch = new NpgsqlBatch(_current!.Connection);
        var rows = plan.Rows;
        if (rows.Count > 0)
        {
            batch.BatchCommands.Add(Command(
                $"INSERT INTO decisions ({string.Join(", ", LedgerRow.StoredColumns)}) SELECT * FROM unnest(" +
                "$1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::bytea[], " +
                "$10::integer[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[])",
                rows.Select(r => r.Seq).ToArray(), Texts(rows, r => r.DecisionId), Texts(rows, r => r.LenderId), Texts(rows, r => r.ApplicationId),
                Texts(rows, r => r.ApplicantId), Texts(rows, r => r.ModelId), Texts(rows, r => r.ModelVersion), Texts(rows, r => r.ApplicationFingerprint),
                rows.Select(r => r.ApplicationJsonDeflate!).ToArray(), rows.Select(r => r.Score).ToArray(), Texts(rows, r => r.Decision), Texts(rows, r => r.Recourse),
                Texts(rows, r => r.AsOfDate), Texts(rows, r => r.RecordedAt), Texts(rows, r => r.IdempotencyKey), Texts(rows, r => r.RequestHash),
                Texts(rows, r => r.PrevHash), Texts(rows, r => r.Hash), Texts(rows, r => r.ReasonsJson)));
        }
        if (plan.Tokens.Count > 0)
            batch.BatchCommands.Add(Command(
                "INSERT INTO applicant_tokens (token_hash, decision_id, created_at, expires_at) " +
                "SELECT h, d, $4, e FROM unnest($1::text[], $2::text[], $3::text[]) AS t(h, d, e)",
                plan.Tokens.Select(t => t.Token.TokenHash).ToArray(), plan.Tokens.Select(t => t.DecisionId).ToArray(),
                plan.Tokens.Select(t => t.Token.ExpiresAt is { } e ? LedgerRow.FormatInstant(e) : null).ToArray(), now));
        foreach (var set in plan.Sets)
        {
            batch.BatchCommands.Add(Command(RawSetRow.InsertSql(i => "$" + i), set.SetId, set.LenderId, set.ConsentId, set.DecisionId, set.ApplicationId,
                set.Format, set.BodySha256, set.BodyDeflate, set.ReceivedAt, set.DeleteAfter));
            batch.BatchCommands.Add(Command(RawSetRow.DeleteIfRevokedSql(i => "$" + i), set.SetId, now));
        }
        if (rows.Count > 0)
            batch.BatchCommands.Add(Command("UPDATE ledger_head SET seq = $1, hash = $2 WHERE id = 1", plan.HeadSeq, plan.HeadHash));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        // Not awaited: the next batch starts on the other connection while this commit is in flight. It gets no
        // cancellation token: once sent, a commit is seen through, whatever happens to the attempt that sent it.
        var lane = _current;
        lane.InFlight = lane.RunAsync(batch);
        return Task.FromResult(lane.InFlight);
    }

    protected override async ValueTask AbandonAsync()
    {
        if (_current is not null)
            await _current.DropAsync().ConfigureAwait(false);
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var lane in _lanes)
        {
            await lane.WaitIdleAsync().ConfigureAwait(false);
            await lane.DropAsync().ConfigureAwait(false);
        }
    }

    private static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var v in values)
            command.Parameters.Add(new NpgsqlParameter { Value = v ?? DBNull.Value });
        return command;
    }

    private static string?[] Texts<T>(List<T> rows, Func<T, string?> field)
    {
        var values = new string?[rows.Count];
        for (var i = 0; i < values.Length; i++)
            values[i] = field(rows[i]);
        return values;
    }

    private static string? NullableText(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    /// <summary>One connection and the commit in flight on it.</summary>
    private sealed class Lane
    {
        public NpgsqlConnection? Connection { get; set; }

        public Task InFlight { get; set; } = Task.CompletedTask;

        public async Task RunAsync(NpgsqlBatch batch)
        {
            try
            {
                await batch.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch
            {
                // The transaction is aborted or the connection broken: start the next batch on a fresh connection.
                await DropAsync().ConfigureAwait(false);
                throw;
            }
            finally
            {
                await batch.DisposeAsync().ConfigureAwait(false);
            }
        }

        /// <summary>Waits for the commit in flight; its outcome goes to its own callers, not here.</summary>
        public async Task WaitIdleAsync()
        {
            try
            {
                await InFlight.ConfigureAwait(false);
            }
            catch
            {
                // Reported through WrittenBatch.Durable.
            }
        }

        /// <summary>Closes the connection; the pool rolls back anything left open on it.</summary>
        public async ValueTask DropAsync()
        {
            var c = Connection;
            Connection = null;
            if (c is null)
                return;
            try
            {
                await c.DisposeAsync().ConfigureAwait(false);
            }
            catch (DbException)
            {
                // Already broken; the pool discards it.
            }
        }
    }
}
