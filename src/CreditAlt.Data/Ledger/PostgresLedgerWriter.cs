using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace CreditAlt.Data.Ledger;

/// <summary>
/// The PostgreSQL writer: one connection kept across batches; the head lock and both lookups go in one round trip
/// (an <see cref="NpgsqlBatch"/>), the rows go in by binary <c>COPY</c>. <c>UPDATE ledger_head … RETURNING</c> takes the
/// head's row lock, which serialises writers of every process until commit.
/// </summary>
internal sealed class PostgresLedgerWriter(CreditAltDatabase db) : LedgerWriter(db)
{
    private NpgsqlConnection? _connection;
    private NpgsqlTransaction? _tx;

    protected override async Task<StoredState> BeginAsync(
        IReadOnlyList<string> decisionIds, IReadOnlyList<(string Lender, string Key)> keys, CancellationToken ct)
    {
        var c = _connection ??= (NpgsqlConnection)await Db.OpenAsync(ct).ConfigureAwait(false);
        _tx = await c.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(c, _tx)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("UPDATE ledger_head SET seq = seq WHERE id = 1 RETURNING seq, hash"),
                new NpgsqlBatchCommand("SELECT decision_id, lender_id, request_hash, idempotency_key, seq, hash FROM decisions WHERE decision_id = ANY($1)")
                {
                    Parameters = { new NpgsqlParameter<string[]> { TypedValue = [.. decisionIds] } },
                },
                new NpgsqlBatchCommand(
                    "SELECT k.lender_id, k.idempotency_key, k.request_hash, k.decision_id FROM unnest($1::text[], $2::text[]) AS t(lender_id, idempotency_key) " +
                    "JOIN idempotency_keys k ON k.lender_id = t.lender_id AND k.idempotency_key = t.idempotency_key")
                {
                    Parameters =
                    {
                        new NpgsqlParameter<string[]> { TypedValue = keys.Select(k => k.Lender).ToArray() },
                        new NpgsqlParameter<string[]> { TypedValue = keys.Select(k => k.Key).ToArray() },
                    },
                },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
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

    protected override async Task<IReadOnlyList<string>> FindTokensAsync(IReadOnlyList<string> hashes, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT token_hash FROM applicant_tokens WHERE token_hash = ANY($1)", _connection, _tx)
        {
            Parameters = { new NpgsqlParameter<string[]> { TypedValue = [.. hashes] } },
        };
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var found = new List<string>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
            found.Add(reader.GetString(0));
        return found;
    }

    protected override async Task InsertAsync(LedgerBatch plan, string now, CancellationToken ct)
    {
        if (plan.Rows.Count > 0)
        {
            await CopyAsync("decisions", LedgerRow.StoredColumns, plan.Rows, (w, r) =>
            {
                w.Write(r.Seq, NpgsqlDbType.Bigint);
                Text(w, r.DecisionId);
                Text(w, r.LenderId);
                Text(w, r.ApplicationId);
                Text(w, r.ApplicantId);
                Text(w, r.ModelId);
                Text(w, r.ModelVersion);
                Text(w, r.ApplicationFingerprint);
                Text(w, r.ApplicationJson);
                if (r.Score is { } score)
                    w.Write(score, NpgsqlDbType.Integer);
                else
                    w.WriteNull();
                Text(w, r.Decision);
                Text(w, r.Recourse);
                Text(w, r.AsOfDate);
                Text(w, r.RecordedAt);
                Text(w, r.IdempotencyKey);
                Text(w, r.RequestHash);
                Text(w, r.PrevHash);
                Text(w, r.Hash);
            }, ct).ConfigureAwait(false);
            await CopyAsync("decision_reasons", ["seq", "position", "code", "sentence"], plan.Reasons(), (w, x) =>
            {
                w.Write(x.Seq, NpgsqlDbType.Bigint);
                w.Write(x.Position, NpgsqlDbType.Integer);
                Text(w, x.Reason.Code);
                Text(w, x.Reason.Sentence);
            }, ct).ConfigureAwait(false);
            await CopyAsync("idempotency_keys", ["lender_id", "idempotency_key", "request_hash", "decision_id", "created_at"], plan.KeyedRows(), (w, r) =>
            {
                Text(w, r.LenderId);
                Text(w, r.IdempotencyKey);
                Text(w, r.RequestHash ?? "");
                Text(w, r.DecisionId);
                Text(w, now);
            }, ct).ConfigureAwait(false);
        }
        await CopyAsync("applicant_tokens", ["token_hash", "decision_id", "created_at", "expires_at"], plan.Tokens, (w, t) =>
        {
            Text(w, t.Token.TokenHash);
            Text(w, t.DecisionId);
            Text(w, now);
            Text(w, t.Token.ExpiresAt is { } e ? LedgerRow.FormatInstant(e) : null);
        }, ct).ConfigureAwait(false);
    }

    protected override async Task CommitAsync(LedgerBatch plan, CancellationToken ct)
    {
        if (plan.Rows.Count > 0)
        {
            await using var move = new NpgsqlCommand("UPDATE ledger_head SET seq = $1, hash = $2 WHERE id = 1", _connection, _tx)
            {
                Parameters = { new NpgsqlParameter<long> { TypedValue = plan.HeadSeq }, new NpgsqlParameter<string> { TypedValue = plan.HeadHash } },
            };
            await move.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        await _tx!.CommitAsync(ct).ConfigureAwait(false);
        await _tx.DisposeAsync().ConfigureAwait(false);
        _tx = null;
    }

    protected override async ValueTask AbandonAsync()
    {
        try
        {
            if (_tx is not null)
                await _tx.DisposeAsync().ConfigureAwait(false);
            if (_connection is not null)
                await _connection.DisposeAsync().ConfigureAwait(false);
        }
        catch (DbException)
        {
            // The connection is already broken; the pool discards it.
        }
        _tx = null;
        _connection = null;
    }

    private async Task CopyAsync<T>(string table, string[] columns, IEnumerable<T> rows, Action<NpgsqlBinaryImporter, T> write, CancellationToken ct)
    {
        using var e = rows.GetEnumerator();
        if (!e.MoveNext())
            return;
        await using var importer = await _connection!.BeginBinaryImportAsync(
            $"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false);
        do
        {
            await importer.StartRowAsync(ct).ConfigureAwait(false);
            write(importer, e.Current);
        }
        while (e.MoveNext());
        await importer.CompleteAsync(ct).ConfigureAwait(false);
    }

    private static void Text(NpgsqlBinaryImporter w, string? value)
    {
        if (value is null)
            w.WriteNull();
        else
            w.Write(value, NpgsqlDbType.Text);
    }

    private static string? NullableText(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);
}
