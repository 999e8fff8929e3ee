using CreditAlt.Data.Connections;

namespace CreditAlt.Data.Consents;

/// <summary>Migration 9: the applicants' consents, and the raw transaction sets received under them.</summary>
internal static class ConsentSchema
{
    // Consents are kept after they end (the record of what the applicant authorised is evidence of compliance); the raw
    // transaction sets are not: a set's body is deleted on revocation or when its retention ends, and its row stays with
    // when and why, so the ledger's decision still shows which consent its data came from.
    public static IReadOnlyList<string> Migration(SqlDialect d) =>
    [
        d.Render("""
            CREATE TABLE consents (
                lender_id {key} NOT NULL,
                consent_id {key} NOT NULL,
                applicant_id {key} NOT NULL,
                application_id {key} NOT NULL,
                granted_at {key} NOT NULL,
                expires_at {key} NOT NULL,
                revoked_at {key} NULL,
                revoked_by {key} NULL,
                revocation_reason {text} NULL,
                record_json {text} NOT NULL,
                received_at {key} NOT NULL,
                PRIMARY KEY (lender_id, consent_id))
            """),
        d.Render("""
            CREATE TABLE transaction_sets (
                set_id {key} NOT NULL PRIMARY KEY,
                lender_id {key} NOT NULL,
                consent_id {key} NOT NULL,
                decision_id {key} NOT NULL,
                application_id {key} NOT NULL,
                format {key} NOT NULL,
                body_sha256 {key} NOT NULL,
                body_deflate {blob} NULL,
                received_at {key} NOT NULL,
                delete_after {key} NOT NULL,
                deleted_at {key} NULL,
                deleted_because {key} NULL)
            """),
        "CREATE INDEX ix_transaction_sets_consent ON transaction_sets (lender_id, consent_id)",
        "CREATE INDEX ix_transaction_sets_decision ON transaction_sets (decision_id)",
        "CREATE INDEX ix_transaction_sets_delete_after ON transaction_sets (delete_after)",
    ];
}
