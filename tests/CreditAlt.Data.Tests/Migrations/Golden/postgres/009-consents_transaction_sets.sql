CREATE TABLE consents (
    lender_id text NOT NULL,
    consent_id text NOT NULL,
    applicant_id text NOT NULL,
    application_id text NOT NULL,
    granted_at text NOT NULL,
    expires_at text NOT NULL,
    revoked_at text NULL,
    revoked_by text NULL,
    revocation_reason text NULL,
    record_json text NOT NULL,
    received_at text NOT NULL,
    PRIMARY KEY (lender_id, consent_id))
;
CREATE TABLE transaction_sets (
    set_id text NOT NULL PRIMARY KEY,
    lender_id text NOT NULL,
    consent_id text NOT NULL,
    decision_id text NOT NULL,
    application_id text NOT NULL,
    format text NOT NULL,
    body_sha256 text NOT NULL,
    body_deflate bytea NULL,
    received_at text NOT NULL,
    delete_after text NOT NULL,
    deleted_at text NULL,
    deleted_because text NULL)
;
CREATE INDEX ix_transaction_sets_consent ON transaction_sets (lender_id, consent_id)
;
CREATE INDEX ix_transaction_sets_decision ON transaction_sets (decision_id)
;
CREATE INDEX ix_transaction_sets_delete_after ON transaction_sets (delete_after)
;
