using System.Security.Cryptography;
using CreditAlt.Data.Ledger;

namespace CreditAlt.Data.Consents;

/// <summary>
/// A raw transaction set as the ledger stores it in its decision's transaction (<see cref="DecisionToRecord.RawTransactions"/>):
/// the body deflated and hashed before the batch, the instants as stored text. The SQL is positional (<c>?1</c> for
/// SQLite, <c>$1</c> for PostgreSQL) or named (<c>@SetId</c>, Dapper) per writer; the columns and rules are the same.
/// </summary>
internal sealed record RawSetRow(
    string SetId, string LenderId, string ConsentId, string DecisionId, string ApplicationId, string Format,
    string BodySha256, byte[] BodyDeflate, string ReceivedAt, string DeleteAfter)
{
    public static RawSetRow From(string lenderId, TransactionSetToStore set) => new(
        set.SetId, lenderId, set.ConsentId, set.DecisionId, set.ApplicationId, set.Format,
        Convert.ToHexStringLower(SHA256.HashData(set.Body.Span)), ConsentStore.Deflate(set.Body.Span),
        LedgerRow.FormatInstant(set.ReceivedAt), LedgerRow.FormatInstant(set.DeleteAfter));

    /// <summary>The insert, parameters 1–10 in the order of this record's properties.</summary>
    public static string InsertSql(Func<int, string> parameter) =>
        "INSERT INTO transaction_sets (set_id, lender_id, consent_id, decision_id, application_id, format, body_sha256, body_deflate, received_at, delete_after) " +
        $"VALUES ({string.Join(", ", Enumerable.Range(1, 10).Select(parameter))})";

    /// <summary>
    /// Then, in the same transaction: a set whose consent is revoked by now keeps its row (the decision still shows
    /// which consent its data came from) but not its body, as if the revocation had come just after (parameter 1 the
    /// set id, 2 the writer's now).
    /// </summary>
    public static string DeleteIfRevokedSql(Func<int, string> parameter) =>
        $"UPDATE transaction_sets SET body_deflate = NULL, deleted_at = {parameter(2)}, deleted_because = '{ConsentStore.DeletedOnRevocation}' " +
        $"WHERE set_id = {parameter(1)} AND EXISTS (SELECT 1 FROM consents k WHERE k.lender_id = transaction_sets.lender_id " +
        "AND k.consent_id = transaction_sets.consent_id AND k.revoked_at IS NOT NULL)";
}
