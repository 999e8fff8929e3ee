CREATE TABLE ledger_head (
    id INTEGER NOT NULL PRIMARY KEY,
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL)
;
INSERT INTO ledger_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000')
;
CREATE TABLE decisions (
    seq INTEGER NOT NULL PRIMARY KEY,
    decision_id TEXT NOT NULL,
    lender_id TEXT NOT NULL,
    application_id TEXT NOT NULL,
    applicant_id TEXT NOT NULL,
    model_id TEXT NOT NULL,
    model_version TEXT NOT NULL,
    application_fingerprint TEXT NOT NULL,
    application_json TEXT NOT NULL,
    score INTEGER NULL,
    decision TEXT NOT NULL,
    recourse TEXT NULL,
    as_of_date TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    idempotency_key TEXT NULL,
    request_hash TEXT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL)
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
    seq INTEGER NOT NULL,
    position INTEGER NOT NULL,
    code TEXT NOT NULL,
    sentence TEXT NOT NULL,
    PRIMARY KEY (seq, position))
;
CREATE TABLE idempotency_keys (
    lender_id TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    decision_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (lender_id, idempotency_key))
;
CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions BEGIN SELECT RAISE(ABORT, 'decisions is append-only'); END
;
CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions BEGIN SELECT RAISE(ABORT, 'decisions is append-only'); END
;
CREATE TRIGGER decision_reasons_no_update BEFORE UPDATE ON decision_reasons BEGIN SELECT RAISE(ABORT, 'decision_reasons is append-only'); END
;
CREATE TRIGGER decision_reasons_no_delete BEFORE DELETE ON decision_reasons BEGIN SELECT RAISE(ABORT, 'decision_reasons is append-only'); END
;
