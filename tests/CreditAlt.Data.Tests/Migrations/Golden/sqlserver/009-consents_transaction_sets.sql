CREATE TABLE consents (
    lender_id nvarchar(200) NOT NULL,
    consent_id nvarchar(200) NOT NULL,
    applicant_id nvarchar(200) NOT NULL,
    application_id nvarchar(200) NOT NULL,
    granted_at nvarchar(200) NOT NULL,
    expires_at nvarchar(200) NOT NULL,
    revoked_at nvarchar(200) NULL,
    revoked_by nvarchar(200) NULL,
    revocation_reason nvarchar(max) NULL,
    record_json nvarchar(max) NOT NULL,
    received_at nvarchar(200) NOT NULL,
    PRIMARY KEY (lender_id, consent_id))
;
CREATE TABLE transaction_sets (
    set_id nvarchar(200) NOT NULL PRIMARY KEY,
    lender_id nvarchar(200) NOT NULL,
    consent_id nvarchar(200) NOT NULL,
    decision_id nvarchar(200) NOT NULL,
    application_id nvarchar(200) NOT NULL,
    format nvarchar(200) NOT NULL,
    body_sha256 nvarchar(200) NOT NULL,
    body_deflate varbinary(max) NULL,
    received_at nvarchar(200) NOT NULL,
    delete_after nvarchar(200) NOT NULL,
    deleted_at nvarchar(200) NULL,
    deleted_because nvarchar(200) NULL)
;
CREATE INDEX ix_transaction_sets_consent ON transaction_sets (lender_id, consent_id)
;
CREATE INDEX ix_transaction_sets_decision ON transaction_sets (decision_id)
;
CREATE INDEX ix_transaction_sets_delete_after ON transaction_sets (delete_after)
;
