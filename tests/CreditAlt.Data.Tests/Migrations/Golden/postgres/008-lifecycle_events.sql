CREATE TABLE lifecycle_head (
    id integer NOT NULL PRIMARY KEY,
    seq bigint NOT NULL,
    hash text NOT NULL)
;
INSERT INTO lifecycle_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000')
;
CREATE TABLE lifecycle_events (
    seq bigint NOT NULL PRIMARY KEY,
    event_id text NOT NULL,
    kind text NOT NULL,
    decision_id text NOT NULL,
    lender_id text NOT NULL,
    related_id text NULL,
    decision_hash text NOT NULL,
    due_date text NULL,
    recorded_at text NOT NULL,
    body text NOT NULL,
    prev_hash text NOT NULL,
    hash text NOT NULL)
;
CREATE UNIQUE INDEX ux_lifecycle_events_event_id ON lifecycle_events (event_id)
;
CREATE INDEX ix_lifecycle_events_decision ON lifecycle_events (decision_id, kind)
;
CREATE INDEX ix_lifecycle_events_lender_kind ON lifecycle_events (lender_id, kind, seq)
;
CREATE INDEX ix_lifecycle_events_related ON lifecycle_events (related_id)
;
CREATE OR REPLACE FUNCTION creditalt_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$
;
CREATE TRIGGER lifecycle_events_append_only BEFORE UPDATE OR DELETE ON lifecycle_events FOR EACH ROW EXECUTE FUNCTION creditalt_append_only()
;
CREATE TRIGGER lifecycle_events_no_truncate BEFORE TRUNCATE ON lifecycle_events FOR EACH STATEMENT EXECUTE FUNCTION creditalt_append_only()
;
