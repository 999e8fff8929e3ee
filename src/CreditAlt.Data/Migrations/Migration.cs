using CreditAlt.Data.Connections;

namespace CreditAlt.Data.Migrations;

/// <summary>One schema step. Versions only grow; a shipped migration is never edited, only followed by another.</summary>
public sealed record Migration(int Version, string Name, Func<SqlDialect, IReadOnlyList<string>> Statements);

/// <summary>The schema, as the ordered list of every migration.</summary>
public static class Schema
{
    /// <summary>The hash chain starts from 64 zeros.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    public static readonly IReadOnlyList<Migration> All =
    [
        new(1, "applications", d => Render(d,
            """
            CREATE TABLE applications (
                application_id {key} NOT NULL PRIMARY KEY,
                applicant_id {key} NOT NULL,
                as_of_date {date} NOT NULL,
                requested_amount {money} NOT NULL)
            """,
            "CREATE INDEX ix_applications_applicant ON applications (applicant_id)",
            """
            CREATE TABLE obligation_accounts (
                application_id {key} NOT NULL,
                account_id {key} NOT NULL,
                obligation_type {key} NOT NULL,
                furnisher {text} NOT NULL,
                monthly_amount {money} NOT NULL,
                PRIMARY KEY (application_id, account_id))
            """,
            """
            CREATE TABLE payments (
                application_id {key} NOT NULL,
                account_id {key} NOT NULL,
                payment_no {int} NOT NULL,
                due_date {date} NOT NULL,
                amount_due {money} NOT NULL,
                paid_date {date} NULL,
                amount_paid {money} NOT NULL,
                PRIMARY KEY (application_id, account_id, payment_no))
            """,
            """
            CREATE TABLE cash_flow_months (
                application_id {key} NOT NULL,
                month {date} NOT NULL,
                inflow {money} NOT NULL,
                outflow {money} NOT NULL,
                lowest_balance {money} NOT NULL,
                nsf_count {int} NOT NULL,
                PRIMARY KEY (application_id, month))
            """,
            // Protected attributes live apart from applications and are read only by audits.
            """
            CREATE TABLE demographics (
                application_id {key} NOT NULL,
                attribute {key} NOT NULL,
                group_value {key} NOT NULL,
                probability {real} NOT NULL,
                PRIMARY KEY (application_id, attribute, group_value))
            """)),
        new(2, "decision_ledger", d => Render(d,
            """
            CREATE TABLE ledger_head (
                id {int} NOT NULL PRIMARY KEY,
                seq {bigint} NOT NULL,
                hash {key} NOT NULL)
            """,
            $"INSERT INTO ledger_head (id, seq, hash) VALUES (1, 0, '{GenesisHash}')",
            """
            CREATE TABLE decisions (
                seq {bigint} NOT NULL PRIMARY KEY,
                decision_id {key} NOT NULL,
                lender_id {key} NOT NULL,
                application_id {key} NOT NULL,
                applicant_id {key} NOT NULL,
                model_id {key} NOT NULL,
                model_version {key} NOT NULL,
                application_fingerprint {key} NOT NULL,
                application_json {text} NOT NULL,
                score {int} NULL,
                decision {key} NOT NULL,
                recourse {text} NULL,
                as_of_date {key} NOT NULL,
                recorded_at {key} NOT NULL,
                idempotency_key {key} NULL,
                request_hash {key} NULL,
                prev_hash {key} NOT NULL,
                hash {key} NOT NULL)
            """,
            "CREATE UNIQUE INDEX ux_decisions_decision_id ON decisions (decision_id)",
            "CREATE UNIQUE INDEX ux_decisions_hash ON decisions (hash)",
            "CREATE INDEX ix_decisions_lender ON decisions (lender_id, seq)",
            "CREATE INDEX ix_decisions_application ON decisions (application_id)",
            """
            CREATE TABLE decision_reasons (
                seq {bigint} NOT NULL,
                position {int} NOT NULL,
                code {key} NOT NULL,
                sentence {text} NOT NULL,
                PRIMARY KEY (seq, position))
            """,
            """
            CREATE TABLE idempotency_keys (
                lender_id {key} NOT NULL,
                idempotency_key {key} NOT NULL,
                request_hash {key} NOT NULL,
                decision_id {key} NOT NULL,
                created_at {key} NOT NULL,
                PRIMARY KEY (lender_id, idempotency_key))
            """)
            .Concat(d.AppendOnly("decisions"))
            .Concat(d.AppendOnly("decision_reasons"))
            .ToList()),
        new(3, "registry_audits_security", d => Render(d,
            """
            CREATE TABLE models (
                model_id {key} NOT NULL,
                model_version {key} NOT NULL,
                kind {key} NOT NULL,
                artifact_sha256 {key} NOT NULL,
                card_json {text} NOT NULL,
                registered_at {key} NOT NULL,
                is_active {int} NOT NULL,
                PRIMARY KEY (model_id, model_version))
            """,
            """
            CREATE TABLE audit_runs (
                run_id {key} NOT NULL PRIMARY KEY,
                requested_by {key} NOT NULL,
                parameters_json {text} NOT NULL,
                status {key} NOT NULL,
                result_json {text} NULL,
                created_at {key} NOT NULL,
                completed_at {key} NULL)
            """,
            """
            CREATE TABLE api_keys (
                key_id {key} NOT NULL PRIMARY KEY,
                key_hash {key} NOT NULL,
                role {key} NOT NULL,
                lender_id {key} NULL,
                created_at {key} NOT NULL,
                revoked_at {key} NULL)
            """,
            "CREATE UNIQUE INDEX ux_api_keys_hash ON api_keys (key_hash)",
            """
            CREATE TABLE applicant_tokens (
                token_hash {key} NOT NULL PRIMARY KEY,
                decision_id {key} NOT NULL,
                created_at {key} NOT NULL,
                expires_at {key} NULL)
            """)),
        // The ledger's write path: every index costs each append a page write, and an index on a random key (a
        // hash, a client's application id) dirties a different page per row — on SQLite 4 KB of WAL per decision
        // each. Nothing looks decisions up by hash or application id (verify finds a broken link's predecessor by a
        // scan, once, after tampering is found). On PostgreSQL the application JSON is compressed with lz4, several
        // times cheaper than the default pglz, where the server has it.
        new(4, "ledger_write_path", d =>
        [
            .. d.DropIndex("decisions", "ux_decisions_hash"),
            .. d.DropIndex("decisions", "ix_decisions_application"),
            .. d.PreferFastCompression("decisions", "application_json"),
        ]),
        // Applicant tokens keyed by (decision_id, token_hash) instead of the hash alone: a token is always presented
        // with its decision's id, and decision ids are issued in time order, so each insert lands at the end of the
        // key instead of on a random page (the hash) — one page written per batch instead of one per token.
        new(5, "applicant_tokens_by_decision", d =>
        [
            .. Rebuild(d, "applicant_tokens", 5,
                """
                CREATE TABLE applicant_tokens_v5 (
                    decision_id {key} NOT NULL,
                    token_hash {key} NOT NULL,
                    created_at {key} NOT NULL,
                    expires_at {key} NULL,
                    PRIMARY KEY (decision_id, token_hash))
                """,
                "decision_id, token_hash, created_at, expires_at"),
        ]),
        // One row per decision. The reasons move into the decision's row (a JSON array), and the idempotency keys
        // become a unique index over the decision's own lender and key columns: the ledger's single writer then
        // inserts one row and its index entries per decision instead of six more rows in two more tables (each a
        // table and a key index), which was a third of its time. On SQLite the token table is stored clustered on
        // its key (WITHOUT ROWID): one B-tree instead of two.
        new(6, "ledger_one_row_per_decision", d =>
        [
            d.Render("ALTER TABLE decisions ADD reasons {text} NULL"),
            .. d.DropAppendOnly("decisions"),
            d.ReasonsFromReasonTable,
            .. d.AppendOnly("decisions"),
            .. d.DropAppendOnly("decision_reasons"),
            "DROP TABLE decision_reasons",
            "CREATE UNIQUE INDEX ux_decisions_idempotency_key ON decisions (lender_id, idempotency_key) WHERE idempotency_key IS NOT NULL",
            "DROP TABLE idempotency_keys",
            .. d.Engine == DatabaseEngine.Sqlite
                ? Rebuild(d, "applicant_tokens", 6,
                    """
                    CREATE TABLE applicant_tokens_v6 (
                        decision_id {key} NOT NULL,
                        token_hash {key} NOT NULL,
                        created_at {key} NOT NULL,
                        expires_at {key} NULL,
                        PRIMARY KEY (decision_id, token_hash)) WITHOUT ROWID
                    """,
                    "decision_id, token_hash, created_at, expires_at")
                : [],
        ]),
        // The application JSON deflated (see Ledger.ApplicationDocument): new rows fill application_json_deflate and
        // leave application_json NULL; rows stored before keep their text, which readers prefer when present. SQLite
        // cannot drop a NOT NULL in place, so there the table is rebuilt (a copy of the ledger, once).
        new(7, "ledger_application_json_deflated", d => d.Engine == DatabaseEngine.Sqlite
            ?
            [
                .. Rebuild(d, "decisions", 7,
                    """
                    CREATE TABLE decisions_v7 (
                        seq {bigint} NOT NULL PRIMARY KEY,
                        decision_id {key} NOT NULL,
                        lender_id {key} NOT NULL,
                        application_id {key} NOT NULL,
                        applicant_id {key} NOT NULL,
                        model_id {key} NOT NULL,
                        model_version {key} NOT NULL,
                        application_fingerprint {key} NOT NULL,
                        application_json {text} NULL,
                        score {int} NULL,
                        decision {key} NOT NULL,
                        recourse {text} NULL,
                        as_of_date {key} NOT NULL,
                        recorded_at {key} NOT NULL,
                        idempotency_key {key} NULL,
                        request_hash {key} NULL,
                        prev_hash {key} NOT NULL,
                        hash {key} NOT NULL,
                        reasons {text} NULL,
                        application_json_deflate {blob} NULL)
                    """,
                    "seq, decision_id, lender_id, application_id, applicant_id, model_id, model_version, application_fingerprint, application_json, " +
                    "score, decision, recourse, as_of_date, recorded_at, idempotency_key, request_hash, prev_hash, hash, reasons"),
                "CREATE UNIQUE INDEX ux_decisions_decision_id ON decisions (decision_id)",
                "CREATE INDEX ix_decisions_lender ON decisions (lender_id, seq)",
                "CREATE UNIQUE INDEX ux_decisions_idempotency_key ON decisions (lender_id, idempotency_key) WHERE idempotency_key IS NOT NULL",
                .. d.AppendOnly("decisions"),
            ]
            :
            [
                d.DropNotNull("decisions", "application_json", "{text}"),
                d.Render("ALTER TABLE decisions ADD application_json_deflate {blob} NULL"),
            ]),
        // What happens after the model (Lifecycle.LifecycleStore): final actions, disputes and their resolutions,
        // incompleteness notices. Their own hash chain and head, so the decisions' group-commit writer is untouched;
        // each event also carries the hash of the decision row it is about.
        new(8, "lifecycle_events", Lifecycle.LifecycleSchema.Migration),
        // Bank-data consents and the raw transaction sets received under them (Consents.ConsentStore, docs/transactions.md).
        new(9, "consents_transaction_sets", Consents.ConsentSchema.Migration),
    ];

    private static List<string> Render(SqlDialect d, params string[] templates) => templates.Select(d.Render).ToList();

    /// <summary>
    /// Replaces <paramref name="table"/> by the table <paramref name="create"/> makes (named <c>table_vN</c> for
    /// migration <paramref name="version"/>), keeping its rows.
    /// </summary>
    private static List<string> Rebuild(SqlDialect d, string table, int version, string create, string columns) =>
    [
        d.Render(create),
        $"INSERT INTO {table}_v{version} ({columns}) SELECT {columns} FROM {table}",
        $"DROP TABLE {table}",
        d.RenameTable($"{table}_v{version}", table),
    ];
}
