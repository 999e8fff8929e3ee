CREATE TABLE consents (
    lender_id TEXT NOT NULL,
    consent_id TEXT NOT NULL,
    applicant_id TEXT NOT NULL,
    application_id TEXT NOT NULL,
    granted_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT NULL,
    revoked_by TEXT NULL,
    revocation_reason TEXT NULL,
    record_json TEXT NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (lender_id, consent_id))
;
CREATE TABLE transaction_sets (
    set_id TEXT NOT NULL PRIMARY KEY,
    lender_id TEXT NOT NULL,
    consent_id TEXT NOT NULL,
    decision_id TEXT NOT NULL,
    application_id TEXT NOT NULL,
    format TEXT NOT NULL,
    body_sha256 TEXT NOT NULL,
    body_deflate BLOB NULL,
    received_at TEXT NOT NULL,
    delete_after TEXT NOT NULL,
    deleted_at TEXT NULL,
    deleted_because TEXT NULL)
;
CREATE INDEX ix_transaction_sets_consent ON transaction_sets (lender_id, consent_id)
;
CREATE INDEX ix_transaction_sets_decision ON transaction_sets (decision_id)
;
CREATE INDEX ix_transaction_sets_delete_after ON transaction_sets (delete_after)
;
