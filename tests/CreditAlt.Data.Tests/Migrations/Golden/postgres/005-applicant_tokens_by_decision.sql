CREATE TABLE applicant_tokens_v5 (
    decision_id text NOT NULL,
    token_hash text NOT NULL,
    created_at text NOT NULL,
    expires_at text NULL,
    PRIMARY KEY (decision_id, token_hash))
;
INSERT INTO applicant_tokens_v5 (decision_id, token_hash, created_at, expires_at) SELECT decision_id, token_hash, created_at, expires_at FROM applicant_tokens
;
DROP TABLE applicant_tokens
;
ALTER TABLE applicant_tokens_v5 RENAME TO applicant_tokens
;
