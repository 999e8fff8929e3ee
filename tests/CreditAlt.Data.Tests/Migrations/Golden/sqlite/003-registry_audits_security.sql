CREATE TABLE models (
    model_id TEXT NOT NULL,
    model_version TEXT NOT NULL,
    kind TEXT NOT NULL,
    artifact_sha256 TEXT NOT NULL,
    card_json TEXT NOT NULL,
    registered_at TEXT NOT NULL,
    is_active INTEGER NOT NULL,
    PRIMARY KEY (model_id, model_version))
;
CREATE TABLE audit_runs (
    run_id TEXT NOT NULL PRIMARY KEY,
    requested_by TEXT NOT NULL,
    parameters_json TEXT NOT NULL,
    status TEXT NOT NULL,
    result_json TEXT NULL,
    created_at TEXT NOT NULL,
    completed_at TEXT NULL)
;
CREATE TABLE api_keys (
    key_id TEXT NOT NULL PRIMARY KEY,
    key_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    lender_id TEXT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT NULL)
;
CREATE UNIQUE INDEX ux_api_keys_hash ON api_keys (key_hash)
;
CREATE TABLE applicant_tokens (
    token_hash TEXT NOT NULL PRIMARY KEY,
    decision_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NULL)
;
