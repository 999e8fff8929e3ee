CREATE TABLE applicant_tokens_v5 (
    decision_id nvarchar(200) NOT NULL,
    token_hash nvarchar(200) NOT NULL,
    created_at nvarchar(200) NOT NULL,
    expires_at nvarchar(200) NULL,
    PRIMARY KEY (decision_id, token_hash))
;
INSERT INTO applicant_tokens_v5 (decision_id, token_hash, created_at, expires_at) SELECT decision_id, token_hash, created_at, expires_at FROM applicant_tokens
;
DROP TABLE applicant_tokens
;
EXEC sp_rename N'applicant_tokens_v5', N'applicant_tokens'
;
