CREATE TABLE ledger_head (
    id int NOT NULL PRIMARY KEY,
    seq bigint NOT NULL,
    hash nvarchar(200) NOT NULL)
;
INSERT INTO ledger_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000')
;
CREATE TABLE decisions (
    seq bigint NOT NULL PRIMARY KEY,
    decision_id nvarchar(200) NOT NULL,
    lender_id nvarchar(200) NOT NULL,
    application_id nvarchar(200) NOT NULL,
    applicant_id nvarchar(200) NOT NULL,
    model_id nvarchar(200) NOT NULL,
    model_version nvarchar(200) NOT NULL,
    application_fingerprint nvarchar(200) NOT NULL,
    application_json nvarchar(max) NOT NULL,
    score int NULL,
    decision nvarchar(200) NOT NULL,
    recourse nvarchar(max) NULL,
    as_of_date nvarchar(200) NOT NULL,
    recorded_at nvarchar(200) NOT NULL,
    idempotency_key nvarchar(200) NULL,
    request_hash nvarchar(200) NULL,
    prev_hash nvarchar(200) NOT NULL,
    hash nvarchar(200) NOT NULL)
;
CREATE UNIQUE INDEX ux_decisions_decision_id ON decisions (decision_id)
;
CREATE UNIQUE INDEX ux_decisions_hash ON decisions (hash)
;
CREATE INDEX ix_decisions_lender ON decisions (lender_id, seq)
;
CREATE INDEX ix_decisions_application ON decisions (application_id)
;
CREATE TABLE decision_reasons (
    seq bigint NOT NULL,
    position int NOT NULL,
    code nvarchar(200) NOT NULL,
    sentence nvarchar(max) NOT NULL,
    PRIMARY KEY (seq, position))
;
CREATE TABLE idempotency_keys (
    lender_id nvarchar(200) NOT NULL,
    idempotency_key nvarchar(200) NOT NULL,
    request_hash nvarchar(200) NOT NULL,
    decision_id nvarchar(200) NOT NULL,
    created_at nvarchar(200) NOT NULL,
    PRIMARY KEY (lender_id, idempotency_key))
;
CREATE TRIGGER decisions_append_only ON decisions INSTEAD OF UPDATE, DELETE AS BEGIN THROW 50001, N'decisions is append-only', 1; END
;
CREATE TRIGGER decision_reasons_append_only ON decision_reasons INSTEAD OF UPDATE, DELETE AS BEGIN THROW 50001, N'decision_reasons is append-only', 1; END
;
