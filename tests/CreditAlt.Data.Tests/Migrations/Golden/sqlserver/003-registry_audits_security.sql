CREATE TABLE models (
    model_id nvarchar(200) NOT NULL,
    model_version nvarchar(200) NOT NULL,
    kind nvarchar(200) NOT NULL,
    artifact_sha256 nvarchar(200) NOT NULL,
    card_json nvarchar(max) NOT NULL,
    registered_at nvarchar(200) NOT NULL,
    is_active int NOT NULL,
    PRIMARY KEY (model_id, model_version))
;
CREATE TABLE audit_runs (
    run_id nvarchar(200) NOT NULL PRIMARY KEY,
    requested_by nvarchar(200) NOT NULL,
    parameters_json nvarchar(max) NOT NULL,
    status nvarchar(200) NOT NULL,
    result_json nvarchar(max) NULL,
    created_at nvarchar(200) NOT NULL,
    completed_at nvarchar(200) NULL)
;
CREATE TABLE api_keys (
    key_id nvarchar(200) NOT NULL PRIMARY KEY,
    key_hash nvarchar(200) NOT NULL,
    role nvarchar(200) NOT NULL,
    lender_id nvarchar(200) NULL,
    created_at nvarchar(200) NOT NULL,
    revoked_at nvarchar(200) NULL)
;
CREATE UNIQUE INDEX ux_api_keys_hash ON api_keys (key_hash)
;
CREATE TABLE applicant_tokens (
    token_hash nvarchar(200) NOT NULL PRIMARY KEY,
    decision_id nvarchar(200) NOT NULL,
    created_at nvarchar(200) NOT NULL,
    expires_at nvarchar(200) NULL)
;
