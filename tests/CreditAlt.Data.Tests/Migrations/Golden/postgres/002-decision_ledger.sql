CREATE TABLE ledger_head (
    id integer NOT NULL PRIMARY KEY,
    seq bigint NOT NULL,
    hash text NOT NULL)
;
INSERT INTO ledger_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000')
;
CREATE TABLE decisions (
    seq bigint NOT NULL PRIMARY KEY,
    decision_id text NOT NULL,
    lender_id text NOT NULL,
    application_id text NOT NULL,
    applicant_id text NOT NULL,
    model_id text NOT NULL,
    model_version text NOT NULL,
    application_fingerprint text NOT NULL,
    application_json text NOT NULL,
    score integer NULL,
    decision text NOT NULL,
    recourse text NULL,
    as_of_date text NOT NULL,
    recorded_at text NOT NULL,
    idempotency_key text NULL,
    request_hash text NULL,
    prev_hash text NOT NULL,
    hash text NOT NULL)
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
    position integer NOT NULL,
    code text NOT NULL,
    sentence text NOT NULL,
    PRIMARY KEY (seq, position))
;
CREATE TABLE idempotency_keys (
    lender_id text NOT NULL,
    idempotency_key text NOT NULL,
    request_hash text NOT NULL,
    decision_id text NOT NULL,
    created_at text NOT NULL,
    PRIMARY KEY (lender_id, idempotency_key))
;
CREATE OR REPLACE FUNCTION creditalt_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$
;
CREATE TRIGGER decisions_append_only BEFORE UPDATE OR DELETE ON decisions FOR EACH ROW EXECUTE FUNCTION creditalt_append_only()
;
CREATE TRIGGER decisions_no_truncate BEFORE TRUNCATE ON decisions FOR EACH STATEMENT EXECUTE FUNCTION creditalt_append_only()
;
CREATE OR REPLACE FUNCTION creditalt_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$
;
CREATE TRIGGER decision_reasons_append_only BEFORE UPDATE OR DELETE ON decision_reasons FOR EACH ROW EXECUTE FUNCTION creditalt_append_only()
;
CREATE TRIGGER decision_reasons_no_truncate BEFORE TRUNCATE ON decision_reasons FOR EACH STATEMENT EXECUTE FUNCTION creditalt_append_only()
;
