CREATE TABLE applicant_tokens_v5 (
    decision_id TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NULL,
    PRIMARY KEY (decision_id, token_hash))
;
INSERT INTO applicant_tokens_v5 (decision_id, token_hash, created_at, expires_at) SELECT decision_id, token_hash, created_at, expires_at FROM applicant_tokens
;
DROP TABLE applicant_tokens
;
ALTER TABLE applicant_tokens_v5 RENAME TO applicant_tokens
;
