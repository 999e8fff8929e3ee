ALTER TABLE decisions ADD reasons TEXT NULL
;
DROP TRIGGER IF EXISTS decisions_no_update
;
DROP TRIGGER IF EXISTS decisions_no_delete
;
UPDATE decisions SET reasons = (SELECT json_group_array(json_object('code', r.code, 'sentence', r.sentence) ORDER BY r.position) FROM decision_reasons r WHERE r.seq = decisions.seq)
;
CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions BEGIN SELECT RAISE(ABORT, 'decisions is append-only'); END
;
CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions BEGIN SELECT RAISE(ABORT, 'decisions is append-only'); END
;
DROP TRIGGER IF EXISTS decision_reasons_no_update
;
DROP TRIGGER IF EXISTS decision_reasons_no_delete
;
DROP TABLE decision_reasons
;
CREATE UNIQUE INDEX ux_decisions_idempotency_key ON decisions (lender_id, idempotency_key) WHERE idempotency_key IS NOT NULL
;
DROP TABLE idempotency_keys
;
CREATE TABLE applicant_tokens_v6 (
    decision_id TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NULL,
    PRIMARY KEY (decision_id, token_hash)) WITHOUT ROWID
;
INSERT INTO applicant_tokens_v6 (decision_id, token_hash, created_at, expires_at) SELECT decision_id, token_hash, created_at, expires_at FROM applicant_tokens
;
DROP TABLE applicant_tokens
;
ALTER TABLE applicant_tokens_v6 RENAME TO applicant_tokens
;
