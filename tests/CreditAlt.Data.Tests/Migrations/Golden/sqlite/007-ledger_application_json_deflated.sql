CREATE TABLE decisions_v7 (
    seq INTEGER NOT NULL PRIMARY KEY,
    decision_id TEXT NOT NULL,
    lender_id TEXT NOT NULL,
    application_id TEXT NOT NULL,
    applicant_id TEXT NOT NULL,
    model_id TEXT NOT NULL,
    model_version TEXT NOT NULL,
    application_fingerprint TEXT NOT NULL,
    application_json TEXT NULL,
    score INTEGER NULL,
    decision TEXT NOT NULL,
    recourse TEXT NULL,
    as_of_date TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    idempotency_key TEXT NULL,
    request_hash TEXT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    reasons TEXT NULL,
    application_json_deflate BLOB NULL)
;
INSERT INTO decisions_v7 (seq, decision_id, lender_id, application_id, applicant_id, model_id, model_version, application_fingerprint, application_json, score, decision, recourse, as_of_date, recorded_at, idempotency_key, request_hash, prev_hash, hash, reasons) SELECT seq, decision_id, lender_id, application_id, applicant_id, model_id, model_version, application_fingerprint, application_json, score, decision, recourse, as_of_date, recorded_at, idempotency_key, request_hash, prev_hash, hash, reasons FROM decisions
;
DROP TABLE decisions
;
ALTER TABLE decisions_v7 RENAME TO decisions
;
CREATE UNIQUE INDEX ux_decisions_decision_id ON decisions (decision_id)
;
CREATE INDEX ix_decisions_lender ON decisions (lender_id, seq)
;
CREATE UNIQUE INDEX ux_decisions_idempotency_key ON decisions (lender_id, idempotency_key) WHERE idempotency_key IS NOT NULL
;
CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions BEGIN SELECT RAISE(ABORT, 'decisions is append-only'); END
;
CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions BEGIN SELECT RAISE(ABORT, 'decisions is append-only'); END
;
