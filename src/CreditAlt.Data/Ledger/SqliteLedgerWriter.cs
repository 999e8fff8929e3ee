using System.Diagnostics;
using CreditAlt.Data.Connections;
using CreditAlt.Data.Consents;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CreditAlt.Data.Ledger;

/// <summary>
/// The SQLite writer: one dedicated connection kept open across batches, with its statements compiled once
/// (<see cref="SqliteStatement"/>). <c>BEGIN IMMEDIATE</c> takes SQLite's write lock, which serialises writers of
/// every process; lookups are single-row probes on the unique indexes.
/// </summary>
internal sealed class SqliteLedgerWriter(CreditAltDatabase db) : LedgerWriter(db)
{
    private Session? _session;

    protected override async Task<StoredState> BeginAsync(
        IReadOnlyList<string> decisionIds, IReadOnlyList<(string Lender, string Key)> keys, CancellationToken ct)
    {
        var s = _session ??= await Session.OpenAsync(Db, ct).ConfigureAwait(false);
        s.RestartWalWhenDue();
        s.Begin.Execute();
        s.Head.Read();
        var head = (s.Head.Int64(0), s.Head.Text(1)!);
        s.Head.Reset();

        var byId = new Dictionary<string, StoredDecision>(decisionIds.Count, StringComparer.Ordinal);
        foreach (var id in decisionIds)
        {
            if (s.FindDecision.Bind(1, id).Read())
                byId[id] = new StoredDecision(s.FindDecision.Text(0)!, s.FindDecision.Text(1), s.FindDecision.Text(2), s.FindDecision.Int64(3), s.FindDecision.Text(4)!);
            s.FindDecision.Reset();
        }
        var byKey = new Dictionary<(string Lender, string Key), StoredKey>(keys.Count);
        foreach (var (lender, key) in keys)
        {
            if (s.FindKey.Bind(1, lender).Bind(2, key).Read())
                byKey[(lender, key)] = new StoredKey(s.FindKey.Text(0) ?? "", s.FindKey.Text(1)!);
            s.FindKey.Reset();
        }
        return new StoredState(head.Item1, head.Item2, byId, byKey);
    }

    protected override Task<IReadOnlyList<string>> FindTokensAsync(IReadOnlyList<(string DecisionId, string Hash)> tokens, CancellationToken ct)
    {
        var s = _session!;
        var found = new List<string>();
        foreach (var (decisionId, hash) in tokens)
        {
            if (s.FindToken.Bind(1, decisionId).Bind(2, hash).Read())
                found.Add(hash);
            s.FindToken.Reset();
        }
        return Task.FromResult<IReadOnlyList<string>>(found);
    }

    protected override Task<Task> InsertAndCommitAsync(LedgerBatch plan, string now, CancellationToken ct)
    {
        var s = _session!;
        foreach (var r in plan.Rows)
        {
            s.InsertDecision
                .Bind(1, r.Seq).Bind(2, r.DecisionId).Bind(3, r.LenderId).Bind(4, r.ApplicationId).Bind(5, r.ApplicantId)
                .Bind(6, r.ModelId).Bind(7, r.ModelVersion).Bind(8, r.ApplicationFingerprint).BindBlob(9, r.ApplicationJsonDeflate!)
                .Bind(10, r.Score).Bind(11, r.Decision).Bind(12, r.Recourse).Bind(13, r.AsOfDate).Bind(14, r.RecordedAt)
                .Bind(15, r.IdempotencyKey).Bind(16, r.RequestHash).Bind(17, r.PrevHash).Bind(18, r.Hash).Bind(19, r.ReasonsJson)
                .Execute();
        }
        foreach (var (decisionId, token) in plan.Tokens)
            s.InsertToken.Bind(1, token.TokenHash).Bind(2, decisionId).Bind(3, now).Bind(4, token.ExpiresAt is { } e ? LedgerRow.FormatInstant(e) : null).Execute();
        foreach (var set in plan.Sets)
        {
            s.InsertSet.Bind(1, set.SetId).Bind(2, set.LenderId).Bind(3, set.ConsentId).Bind(4, set.DecisionId).Bind(5, set.ApplicationId)
                .Bind(6, set.Format).Bind(7, set.BodySha256).BindBlob(8, set.BodyDeflate).Bind(9, set.ReceivedAt).Bind(10, set.DeleteAfter).Execute();
            s.DeleteSetIfRevoked.Bind(1, set.SetId).Bind(2, now).Execute();
        }
        if (plan.Rows.Count > 0)
            s.MoveHead.Bind(1, plan.HeadSeq).Bind(2, plan.HeadHash).Execute();
        s.Commit.Execute();
        return Task.FromResult(s.Wal?.SyncAsync() ?? Task.CompletedTask);
    }

    protected override async ValueTask AbandonAsync()
    {
        // Closing the (unpooled) connection rolls back an open transaction; commits waiting for their fsync get it first.
        if (_session is not null)
            await _session.DisposeAsync().ConfigureAwait(false);
        _session = null;
    }

    /// <summary>The open connection and its compiled statements.</summary>
    private sealed class Session : IAsyncDisposable
    {
        // How often the writer lets the WAL start over (see RestartWalWhenDue); the checkpointer copies in between.
        private static readonly TimeSpan WalRestartInterval = TimeSpan.FromSeconds(1);

        private readonly SqliteConnection _connection;
        private readonly List<SqliteStatement> _statements = [];
        private long _lastRestart = Stopwatch.GetTimestamp();

        private Session(SqliteConnection connection, SqliteWalSync? wal)
        {
            _connection = connection;
            Wal = wal;
            Begin = Prepare("BEGIN IMMEDIATE");
            Head = Prepare("SELECT seq, hash FROM ledger_head WHERE id = 1");
            FindDecision = Prepare("SELECT lender_id, request_hash, idempotency_key, seq, hash FROM decisions WHERE decision_id = ?1");
            FindKey = Prepare("SELECT request_hash, decision_id FROM decisions WHERE lender_id = ?1 AND idempotency_key = ?2");
            FindToken = Prepare("SELECT token_hash FROM applicant_tokens WHERE decision_id = ?1 AND token_hash = ?2");
            InsertDecision = Prepare(
                $"INSERT INTO decisions ({string.Join(", ", LedgerRow.StoredColumns)}) VALUES ({string.Join(", ", LedgerRow.StoredColumns.Select((_, i) => "?" + (i + 1)))})");
            InsertToken = Prepare("INSERT INTO applicant_tokens (token_hash, decision_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)");
            InsertSet = Prepare(RawSetRow.InsertSql(i => "?" + i));
            DeleteSetIfRevoked = Prepare(RawSetRow.DeleteIfRevokedSql(i => "?" + i));
            MoveHead = Prepare("UPDATE ledger_head SET seq = ?1, hash = ?2 WHERE id = 1");
            Commit = Prepare("COMMIT");
        }

        public SqliteStatement Begin { get; }
        public SqliteStatement Head { get; }
        public SqliteStatement FindDecision { get; }
        public SqliteStatement FindKey { get; }
        public SqliteStatement FindToken { get; }
        public SqliteStatement InsertDecision { get; }
        public SqliteStatement InsertToken { get; }
        public SqliteStatement InsertSet { get; }
        public SqliteStatement DeleteSetIfRevoked { get; }
        public SqliteStatement MoveHead { get; }
        public SqliteStatement Commit { get; }

        /// <summary>The fsync and checkpoint helper; null when the database is not in WAL mode (then every commit is FULL).</summary>
        public SqliteWalSync? Wal { get; }

        /// <summary>
        /// About once a second, a RESTART checkpoint between two batches. The checkpointer's PASSIVE checkpoints copy
        /// the WAL into the database but cannot let the WAL start over while this writer keeps appending; this one
        /// finishes the little left to copy, and the next write then starts the WAL from its beginning, so it stays
        /// about a second of writes long. It never waits: with readers still on the WAL it copies what it can.
        /// </summary>
        public void RestartWalWhenDue()
        {
            if (Wal is null || Stopwatch.GetElapsedTime(_lastRestart) < WalRestartInterval)
                return;
            _lastRestart = Stopwatch.GetTimestamp();
            var db = _connection.Handle!;
            raw.sqlite3_busy_timeout(db, 0);
            try
            {
                var rc = raw.sqlite3_wal_checkpoint_v2(db, "main", raw.SQLITE_CHECKPOINT_RESTART, out _, out _);
                if (rc is not (raw.SQLITE_OK or raw.SQLITE_BUSY or raw.SQLITE_LOCKED))
                    SqliteException.ThrowExceptionForRC(rc, db);
            }
            finally
            {
                raw.sqlite3_busy_timeout(db, CreditAltDatabase.SqliteBusyTimeoutMs);
            }
        }

        public static async Task<Session> OpenAsync(CreditAltDatabase db, CancellationToken ct)
        {
            var connection = await db.OpenDedicatedSqliteAsync(ct).ConfigureAwait(false);
            SqliteWalSync? wal = null;
            try
            {
                // With SqliteLedgerSync.Full the connection keeps synchronous=FULL (CreditAltDatabase): SQLite syncs each commit itself.
                if (db.Options.Ledger.SqliteSync == SqliteLedgerSync.WalSyncThread)
                    wal = await SqliteWalSync.StartAsync(db, connection, ct).ConfigureAwait(false);
                return new Session(connection, wal);
            }
            catch
            {
                if (wal is not null)
                    await wal.DisposeAsync().ConfigureAwait(false);
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        private SqliteStatement Prepare(string sql)
        {
            var statement = new SqliteStatement(_connection, sql);
            _statements.Add(statement);
            return statement;
        }

        public async ValueTask DisposeAsync()
        {
            if (Wal is not null)
                await Wal.DisposeAsync().ConfigureAwait(false);
            foreach (var s in _statements)
                s.Dispose();
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
