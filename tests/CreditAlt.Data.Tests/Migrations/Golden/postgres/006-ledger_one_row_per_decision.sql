ALTER TABLE decisions ADD reasons text NULL
;
DROP TRIGGER IF EXISTS decisions_append_only ON decisions
;
DROP TRIGGER IF EXISTS decisions_no_truncate ON decisions
;
UPDATE decisions d SET reasons = (SELECT json_agg(json_build_object('code', r.code, 'sentence', r.sentence) ORDER BY r.position)::text FROM decision_reasons r WHERE r.seq = d.seq)
;
CREATE OR REPLACE FUNCTION creditalt_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$
;
CREATE TRIGGER decisions_append_only BEFORE UPDATE OR DELETE ON decisions FOR EACH ROW EXECUTE FUNCTION creditalt_append_only()
;
CREATE TRIGGER decisions_no_truncate BEFORE TRUNCATE ON decisions FOR EACH STATEMENT EXECUTE FUNCTION creditalt_append_only()
;
DROP TRIGGER IF EXISTS decision_reasons_append_only ON decision_reasons
;
DROP TRIGGER IF EXISTS decision_reasons_no_truncate ON decision_reasons
;
DROP TABLE decision_reasons
;
CREATE UNIQUE INDEX ux_decisions_idempotency_key ON decisions (lender_id, idempotency_key) WHERE idempotency_key IS NOT NULL
;
DROP TABLE idempotency_keys
;
