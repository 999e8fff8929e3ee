CREATE TABLE models (
    model_id text NOT NULL,
    model_version text NOT NULL,
    kind text NOT NULL,
    artifact_sha256 text NOT NULL,
    card_json text NOT NULL,
    registered_at text NOT NULL,
    is_active integer NOT NULL,
    PRIMARY KEY (model_id, model_version))
;
CREATE TABLE audit_runs (
    run_id text NOT NULL PRIMARY KEY,
    requested_by text NOT NULL,
    parameters_json text NOT NULL,
    status text NOT NULL,
    result_json text NULL,
    created_at text NOT NULL,
    completed_at text NULL)
;
CREATE TABLE api_keys (
    key_id text NOT NULL PRIMARY KEY,
    key_hash text NOT NULL,
    role text NOT NULL,
    lender_id text NULL,
    created_at text NOT NULL,
    revoked_at text NULL)
;
CREATE UNIQUE INDEX ux_api_keys_hash ON api_keys (key_hash)
;
CREATE TABLE applicant_tokens (
    token_hash text NOT NULL PRIMARY KEY,
    decision_id text NOT NULL,
    created_at text NOT NULL,
    expires_at text NULL)
;
