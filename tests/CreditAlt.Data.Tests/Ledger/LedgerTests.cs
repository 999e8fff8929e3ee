using System.Globalization;
using System.Text;
using CreditAlt.Data.Ledger;
using CreditAlt.Data.Migrations;

namespace CreditAlt.Data.Tests.Ledger;

public sealed class SqliteLedgerTests : LedgerTests<SqliteProvider>;

public sealed class PostgresLedgerTests : LedgerTests<PostgresProvider>;

public sealed class SqlServerLedgerTests : LedgerTests<SqlServerProvider>;

public abstract class LedgerTests<TProvider> : StorageTestBase<TProvider>
    where TProvider : EngineProvider, new()
{
    [Fact]
    public async Task AppendAsync_FirstDecision_HashIsSha256OfDocumentedNetstrings()
    {
        var db = await NewDatabaseAsync();
        var d = TestData.Decision("D-1");

        var result = await db.Ledger.AppendAsync(d, Ct);

        // The documented encoding written out by hand: length:bytes, per field; null as ~,
        static string N(string s) => Encoding.UTF8.GetByteCount(s).ToString(CultureInfo.InvariantCulture) + ":" + s + ",";
        var text = N("creditalt-ledger-v1") + N("1") + N("D-1") + N("LENDER-A") + N("APP-1") + N("PER-APP-1") + N("scorecard") + N("2026.1")
            + N(d.ApplicationFingerprint) + N("612") + N("decline") + N("2")
            + N("RENT_LATE_30") + N("1 rent payment 30 or more days late in the last 12 months")
            + N("NSF_COUNT") + N("1 returned or overdraft item in the last 3 months")
            + N("Two more months of on-time rent would have reached approval.") + N("2026-02-28") + N("2026-03-01T09:30:15.1230000Z")
            + "~," + "~," + N(Schema.GenesisHash);
        Assert.Equal(new AppendResult(AppendStatus.Recorded, "D-1", 1, TestData.Sha256Hex(Encoding.UTF8.GetBytes(text))), result);
    }

    [Fact]
    public async Task AppendAsync_RecordedAtWithOffset_StoredAsUtcWithSevenDigits()
    {
        var db = await NewDatabaseAsync();

        await db.Ledger.AppendAsync(TestData.Decision("D-1", at: new DateTimeOffset(2026, 3, 1, 0, 30, 15, TimeSpan.FromHours(2))), Ct);

        Assert.Equal([("2026-02-28T22:30:15.0000000Z", "2026-02-28")], await QueryAsync<(string, string)>(db, "SELECT recorded_at, as_of_date FROM decisions"));
    }

    [Fact]
    public async Task AppendAsync_ThreeDecisions_EachLinksToThePreviousHash()
    {
        var db = await NewDatabaseAsync();

        var r1 = await db.Ledger.AppendAsync(TestData.Decision("D-1"), Ct);
        var r2 = await db.Ledger.AppendAsync(TestData.Decision("D-2", score: null, decision: "insufficient_data"), Ct);
        var r3 = await db.Ledger.AppendAsync(TestData.Decision("D-3", decision: "approve", score: 790), Ct);

        var e1 = await db.Ledger.GetAsync("D-1", Ct);
        var e2 = await db.Ledger.GetAsync("D-2", Ct);
        var e3 = await db.Ledger.GetAsync("D-3", Ct);
        Assert.Equal([1L, 2L, 3L], new[] { e1!.Sequence, e2!.Sequence, e3!.Sequence });
        Assert.Equal([Schema.GenesisHash, r1.Hash!, r2.Hash!], new[] { e1.PreviousHash, e2.PreviousHash, e3.PreviousHash });
        Assert.Equal(r3.Hash, e3.Hash);
        Assert.Null(e2.Score);
        Assert.Equal("insufficient_data", e2.Decision);
    }

    [Fact]
    public async Task GetAsync_StoredDecision_ReturnsEveryFieldAsAppended()
    {
        var db = await NewDatabaseAsync();
        var d = TestData.Decision("D-7", idempotencyKey: "idem-7", requestHash: "rh-7");
        await db.Ledger.AppendAsync(d, Ct);

        var e = (await db.Ledger.GetAsync("D-7", Ct))!;

        Assert.Equal(
            (d.DecisionId, d.LenderId, d.ApplicationId, d.ApplicantId, d.ModelId, d.ModelVersion, d.ApplicationFingerprint, Encoding.UTF8.GetString(d.ApplicationJson.Utf8.Span), d.Score, d.Decision, d.Recourse, d.AsOfDate, d.RecordedAt, d.IdempotencyKey, d.RequestHash),
            (e.DecisionId, e.LenderId, e.ApplicationId, e.ApplicantId, e.ModelId, e.ModelVersion, e.ApplicationFingerprint, e.ApplicationJson, e.Score, e.Decision, e.Recourse, e.AsOfDate, e.RecordedAt, e.IdempotencyKey, e.RequestHash));
        Assert.Equal(d.Reasons, e.Reasons);
        Assert.Null(await db.Ledger.GetAsync("nope", Ct));
    }

    [Fact]
    public async Task AppendAsync_NoneOneAndFourReasons_EachStoredInOrderAndChainVerifies()
    {
        var db = await NewDatabaseAsync();
        DecisionReason[] four = [new("A", "First."), new("B", "Second."), new("C", "Third."), new("D", "Fourth.")];

        await Task.WhenAll(
            db.Ledger.AppendAsync(TestData.Decision("D-0") with { Reasons = [] }, Ct),
            db.Ledger.AppendAsync(TestData.Decision("D-1") with { Reasons = four[..1] }, Ct),
            db.Ledger.AppendAsync(TestData.Decision("D-4") with { Reasons = four }, Ct));

        var stored = await Task.WhenAll(new[] { "D-0", "D-1", "D-4" }.Select(id => db.Ledger.GetAsync(id, Ct)));
        Assert.Equal([[], four[..1], four], stored.Select(e => e!.Reasons.ToArray()));
        Assert.True((await db.Ledger.VerifyAsync(Ct)).Intact);
    }

    [Fact]
    public async Task AppendAsync_SameDecisionTwice_StoredOnce()
    {
        var db = await NewDatabaseAsync();

        var first = await db.Ledger.AppendAsync(TestData.Decision("D-1"), Ct);
        var again = await db.Ledger.AppendAsync(TestData.Decision("D-1"), Ct);

        Assert.Equal(first, again);
        Assert.Equal(1L, await db.Ledger.CountAsync(Ct));
    }

    [Fact]
    public async Task AppendAsync_IdempotencyKeyReused_ReplaysSameRequestAndRejectsOther()
    {
        var db = await NewDatabaseAsync();
        await db.Ledger.AppendAsync(TestData.Decision("D-1", idempotencyKey: "K", requestHash: "H1"), Ct);

        var replay = await db.Ledger.AppendAsync(TestData.Decision("D-2", idempotencyKey: "K", requestHash: "H1"), Ct);
        var conflict = await db.Ledger.AppendAsync(TestData.Decision("D-3", idempotencyKey: "K", requestHash: "H2"), Ct);
        var otherLender = await db.Ledger.AppendAsync(TestData.Decision("D-4", lender: "LENDER-B", idempotencyKey: "K", requestHash: "H2"), Ct);

        Assert.Equal(new AppendResult(AppendStatus.Replayed, "D-1", null, null), replay);
        Assert.Equal(new AppendResult(AppendStatus.IdempotencyConflict, "D-1", null, null), conflict);
        Assert.Equal((AppendStatus.Recorded, "D-4", 2L), (otherLender.Status, otherLender.DecisionId, otherLender.Sequence!.Value));
        Assert.Equal(2L, await db.Ledger.CountAsync(Ct));
    }

    [Fact]
    public async Task AppendAsync_DecisionIdReusedWithOtherContent_Conflicts()
    {
        var db = await NewDatabaseAsync();
        await db.Ledger.AppendAsync(TestData.Decision("D-1", requestHash: "H1"), Ct);

        var clash = await db.Ledger.AppendAsync(TestData.Decision("D-1", requestHash: "H2"), Ct);

        Assert.Equal(new AppendResult(AppendStatus.DecisionIdConflict, "D-1", null, null), clash);
        Assert.Equal(1L, await db.Ledger.CountAsync(Ct));
    }

    [Fact]
    public async Task AppendAsync_NoApplicationJson_ThrowsArgumentException()
    {
        var db = await NewDatabaseAsync();
        var bad = TestData.Decision("D-1") with { ApplicationJson = null! };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => db.Ledger.AppendAsync(bad, Ct));

        Assert.StartsWith("ApplicationJson is required", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await db.Ledger.CountAsync(Ct));
    }

    [Fact]
    public async Task AppendAsync_400ConcurrentWriters_AllStoredInOneUnbrokenChain()
    {
        var db = await NewDatabaseAsync();

        var results = await Task.WhenAll(Enumerable.Range(1, 400).Select(i =>
            Task.Run(() => db.Ledger.AppendAsync(TestData.Decision($"D-{i}", applicationId: $"APP-{i % 7}"), Ct))));

        Assert.Equal(Enumerable.Range(1, 400).Select(i => (long)i), results.Select(r => r.Sequence!.Value).Order());
        var verification = await db.Ledger.VerifyAsync(Ct);
        Assert.Equal((true, 400L, 400L), (verification.Intact, verification.RowsChecked, verification.HeadSequence));
    }

    [Fact]
    public async Task UpdateOrDelete_OnDecisions_RejectedByAppendOnlyTrigger()
    {
        var db = await NewDatabaseAsync();
        await db.Ledger.AppendAsync(TestData.Decision("D-1"), Ct);

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => ExecAsync(db, "UPDATE decisions SET score = 850"));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => ExecAsync(db, "DELETE FROM decisions"));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => ExecAsync(db, "UPDATE decisions SET reasons = NULL"));
        Assert.True((await db.Ledger.VerifyAsync(Ct)).Intact);
    }

    [Fact]
    public async Task VerifyAsync_EmptyLedger_Intact()
    {
        var db = await NewDatabaseAsync();

        var v = await db.Ledger.VerifyAsync(Ct);

        Assert.Equal(new LedgerVerification(0, 0, Schema.GenesisHash, null), v);
    }

    [Fact]
    public async Task VerifyAsync_ScoreChanged_NamesChangedRow()
    {
        var db = await TamperableLedgerAsync();
        await ExecAsync(db, "UPDATE decisions SET score = 850, decision = 'approve' WHERE seq = 3");

        var problem = (await db.Ledger.VerifyAsync(Ct)).Problem;

        Assert.Equal((TamperKind.Changed, 3L), (problem!.Kind, problem.Sequence));
    }

    [Fact]
    public async Task VerifyAsync_ApplicationJsonChanged_NamesChangedRow()
    {
        var db = await TamperableLedgerAsync();
        var json = (await db.Ledger.GetAsync("D-5", Ct))!.ApplicationJson;
        await ExecAsync(db, "UPDATE decisions SET application_json_deflate = @forged WHERE seq = 5",
            new { forged = Deflate(json.Replace("950", "150", StringComparison.Ordinal)) });

        var problem = (await db.Ledger.VerifyAsync(Ct)).Problem;

        Assert.Equal((TamperKind.Changed, 5L), (problem!.Kind, problem.Sequence));
    }

    [Fact]
    public async Task VerifyAsync_ApplicationDocumentNotDeflate_NamesChangedRow()
    {
        var db = await TamperableLedgerAsync();
        await ExecAsync(db, "UPDATE decisions SET application_json_deflate = @garbage WHERE seq = 2", new { garbage = new byte[] { 0xff, 0xfe, 0x00, 0x01 } });

        var v = await db.Ledger.VerifyAsync(Ct);

        Assert.Equal((TamperKind.Changed, 2L, 1L), (v.Problem!.Kind, v.Problem.Sequence, v.RowsChecked));
    }

    [Fact]
    public async Task AppendAsync_ApplicationJson_StoredDeflatedAndReadBackExactly()
    {
        var db = await NewDatabaseAsync();
        var d = TestData.Decision("D-1");
        await db.Ledger.AppendAsync(d, Ct);

        var (text, deflated) = (await QueryAsync<(string?, byte[])>(db, "SELECT application_json, application_json_deflate FROM decisions"))[0];

        Assert.Null(text);
        var json = Encoding.UTF8.GetString(d.ApplicationJson.Utf8.Span);
        Assert.Equal(json, Inflate(deflated));
        Assert.True(deflated.Length < d.ApplicationJson.Utf8.Length, $"{deflated.Length} deflated bytes");
        Assert.Equal(json, (await db.Ledger.GetAsync("D-1", Ct))!.ApplicationJson);
    }

    private static byte[] Deflate(string json)
    {
        using var output = new MemoryStream();
        using (var deflate = new System.IO.Compression.DeflateStream(output, System.IO.Compression.CompressionLevel.Optimal))
            deflate.Write(Encoding.UTF8.GetBytes(json));
        return output.ToArray();
    }

    // An independent reader: the column is plain RFC 1951 DEFLATE.
    private static string Inflate(byte[] deflated)
    {
        using var input = new System.IO.Compression.DeflateStream(new MemoryStream(deflated), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(input, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [Fact]
    public async Task VerifyAsync_ReasonSentenceChanged_NamesChangedRow()
    {
        var db = await TamperableLedgerAsync();
        await ExecAsync(db, "UPDATE decisions SET reasons = REPLACE(reasons, '1 returned or overdraft item', 'A vague reason') WHERE seq = 4");

        var v = await db.Ledger.VerifyAsync(Ct);

        Assert.Equal((TamperKind.Changed, 4L, 3L), (v.Problem!.Kind, v.Problem.Sequence, v.RowsChecked));
    }

    [Fact]
    public async Task VerifyAsync_ReasonsColumnNotJson_NamesChangedRow()
    {
        var db = await TamperableLedgerAsync();
        await ExecAsync(db, "UPDATE decisions SET reasons = 'no reasons given' WHERE seq = 2");

        var v = await db.Ledger.VerifyAsync(Ct);

        Assert.Equal((TamperKind.Changed, 2L, 1L), (v.Problem!.Kind, v.Problem.Sequence, v.RowsChecked));
    }

    [Fact]
    public async Task VerifyAsync_MiddleRowDeleted_NamesDeletedRow()
    {
        var db = await TamperableLedgerAsync();
        await ExecAsync(db, "DELETE FROM decisions WHERE seq = 3");

        var problem = (await db.Ledger.VerifyAsync(Ct)).Problem;

        Assert.Equal((TamperKind.Deleted, 3L), (problem!.Kind, problem.Sequence));
    }

    [Fact]
    public async Task VerifyAsync_MiddleRowDeletedAndLaterRowsRenumbered_NamesDeletedRow()
    {
        var db = await TamperableLedgerAsync();
        await ExecAsync(db, "DELETE FROM decisions WHERE seq = 3");
        await ShiftAsync(db, from: 4, by: -1);

        var problem = (await db.Ledger.VerifyAsync(Ct)).Problem;

        Assert.Equal((TamperKind.Deleted, 3L), (problem!.Kind, problem.Sequence));
    }

    [Fact]
    public async Task VerifyAsync_LastRowDeleted_NamesDeletedRow()
    {
        var db = await TamperableLedgerAsync();
        await ExecAsync(db, "DELETE FROM decisions WHERE seq = 6");

        var v = await db.Ledger.VerifyAsync(Ct);

        Assert.Equal((TamperKind.Deleted, 6L, 5L), (v.Problem!.Kind, v.Problem.Sequence, v.RowsChecked));
    }

    [Fact]
    public async Task VerifyAsync_ForgedRowInsertedInMiddle_NamesInsertedRow()
    {
        var db = await TamperableLedgerAsync();
        await ShiftAsync(db, from: 4, by: 1);
        await ForgeAsync(db, seq: 4, copyOf: 2, prevHash: await HashOfAsync(db, 3), hash: new string('f', 64));

        var problem = (await db.Ledger.VerifyAsync(Ct)).Problem;

        Assert.Equal((TamperKind.Inserted, 4L), (problem!.Kind, problem.Sequence));
    }

    [Fact]
    public async Task VerifyAsync_WellForgedRowInsertedInMiddle_NamesInsertedRow()
    {
        var db = await TamperableLedgerAsync();
        var prev = await HashOfAsync(db, 3);
        await ShiftAsync(db, from: 4, by: 1);
        // The forger knows the algorithm: the forged row's own hash is right and it links to row 3.
        var copy = (await db.Ledger.GetAsync("D-2", Ct))!;
        var forgedHash = ForgedHash(copy, 4, "FORGED", prev);
        await ForgeAsync(db, seq: 4, copyOf: 2, prevHash: prev, hash: forgedHash);

        var v = await db.Ledger.VerifyAsync(Ct);

        Assert.Equal((TamperKind.Inserted, 4L, 4L), (v.Problem!.Kind, v.Problem.Sequence, v.RowsChecked));
    }

    [Fact]
    public async Task VerifyAsync_RowAppendedAfterHead_NamesInsertedRow()
    {
        var db = await TamperableLedgerAsync();
        await ForgeAsync(db, seq: 7, copyOf: 2, prevHash: await HashOfAsync(db, 6), hash: new string('e', 64));

        var problem = (await db.Ledger.VerifyAsync(Ct)).Problem;

        Assert.Equal((TamperKind.Inserted, 7L), (problem!.Kind, problem.Sequence));
    }

    [Fact]
    public async Task VerifyAsync_TwoRowsSwapped_NamesReorderedRow()
    {
        var db = await TamperableLedgerAsync();
        await ExecAsync(db, "UPDATE decisions SET seq = -3 WHERE seq = 3; UPDATE decisions SET seq = 3 WHERE seq = 4; UPDATE decisions SET seq = 4 WHERE seq = -3");

        var problem = (await db.Ledger.VerifyAsync(Ct)).Problem;

        Assert.Equal((TamperKind.Reordered, 3L), (problem!.Kind, problem.Sequence));
    }

    [Fact]
    public async Task VerifyAsync_Row150DocumentFingerprintAndHashRewritten_NamesRow150AsChanged()
    {
        var db = await TamperableLedgerAsync(152);
        var row = (await QueryAsync<LedgerRow>(db, $"SELECT {LedgerRow.Columns} FROM decisions WHERE seq = 150")).Single();
        var forged = row.ApplicationJson.Replace("950", "150", StringComparison.Ordinal);
        Assert.NotEqual(row.ApplicationJson, forged);
        // A careful forger: the new document, its fingerprint, and the row's hash recomputed over both (still linked to row 149).
        var rewritten = new LedgerRow
        {
            Seq = row.Seq, DecisionId = row.DecisionId, LenderId = row.LenderId, ApplicationId = row.ApplicationId, ApplicantId = row.ApplicantId,
            ModelId = row.ModelId, ModelVersion = row.ModelVersion, ApplicationFingerprint = CreditAlt.Core.Applications.ApplicationJson.Fingerprint(Encoding.UTF8.GetBytes(forged)),
            ApplicationJsonDeflate = Deflate(forged), Score = row.Score, Decision = row.Decision, Recourse = row.Recourse, AsOfDate = row.AsOfDate,
            RecordedAt = row.RecordedAt, IdempotencyKey = row.IdempotencyKey, RequestHash = row.RequestHash, PrevHash = row.PrevHash, ReasonsJson = row.ReasonsJson,
        };
        rewritten.Hash = LedgerHash.Compute(rewritten);
        await ExecAsync(db, "UPDATE decisions SET application_json_deflate = @d, application_fingerprint = @f, hash = @h WHERE seq = 150",
            new { d = rewritten.ApplicationJsonDeflate, f = rewritten.ApplicationFingerprint, h = rewritten.Hash });

        var v = await db.Ledger.VerifyAsync(Ct);

        Assert.Equal((TamperKind.Changed, 150L, 149L), (v.Problem!.Kind, v.Problem.Sequence, v.RowsChecked));
        Assert.Equal("row 150 (decision D-150) was changed and its hash recomputed: row 151 links to its original hash, which no row has any more", v.Problem.Message);
    }

    /// <summary>Decisions D-1 to D-<paramref name="count"/>, with the append-only triggers dropped as an attacker with database rights could.</summary>
    private async Task<CreditAltDatabase> TamperableLedgerAsync(int count = 6)
    {
        var db = await NewDatabaseAsync();
        for (var i = 1; i <= count; i++)
        {
            Clock.Now = TestData.T0.AddSeconds(i);
            await db.Ledger.AppendAsync(TestData.Decision($"D-{i}", applicationId: $"APP-{i}", score: 500 + i), Ct);
        }
        Assert.True((await db.Ledger.VerifyAsync(Ct)).Intact);
        foreach (var sql in db.Dialect.DropAppendOnly("decisions"))
            await ExecAsync(db, sql);
        return db;
    }

    private static Task<string> HashOfAsync(CreditAltDatabase db, long seq) =>
        ScalarAsync<string>(db, "SELECT hash FROM decisions WHERE seq = @seq", new { seq });

    /// <summary>Moves rows from <paramref name="from"/> on by <paramref name="by"/>, in two steps to dodge the key.</summary>
    private static async Task ShiftAsync(CreditAltDatabase db, long from, long by)
    {
        await ExecAsync(db, "UPDATE decisions SET seq = seq + 1000 WHERE seq >= @from", new { from });
        await ExecAsync(db, "UPDATE decisions SET seq = seq - 1000 + @by WHERE seq >= 1000", new { by });
    }

    private static Task ForgeAsync(CreditAltDatabase db, long seq, long copyOf, string prevHash, string hash) =>
        ExecAsync(db,
            "INSERT INTO decisions (seq, decision_id, lender_id, application_id, applicant_id, model_id, model_version, application_fingerprint, application_json_deflate, score, decision, recourse, as_of_date, recorded_at, idempotency_key, request_hash, prev_hash, hash) " +
            "SELECT @seq, 'FORGED', lender_id, application_id, applicant_id, model_id, model_version, application_fingerprint, application_json_deflate, score, decision, recourse, as_of_date, recorded_at, idempotency_key, request_hash, @prevHash, @hash FROM decisions WHERE seq = @copyOf",
            new { seq, copyOf, prevHash, hash });

    private static string ForgedHash(LedgerEntry e, long seq, string decisionId, string prevHash)
    {
        var fields = new List<string?>
        {
            LedgerHash.FormatTag, seq.ToString(CultureInfo.InvariantCulture), decisionId, e.LenderId, e.ApplicationId, e.ApplicantId,
            e.ModelId, e.ModelVersion, e.ApplicationFingerprint, e.Score?.ToString(CultureInfo.InvariantCulture), e.Decision,
            "0", // the forged row has no reasons
            e.Recourse, e.AsOfDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            e.RecordedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            e.IdempotencyKey, e.RequestHash, prevHash,
        };
        return TestData.Sha256Hex(LedgerHash.Encode([.. fields]));
    }
}
