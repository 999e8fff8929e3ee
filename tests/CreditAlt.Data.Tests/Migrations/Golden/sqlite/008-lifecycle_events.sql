CREATE TABLE lifecycle_head (
    id INTEGER NOT NULL PRIMARY KEY,
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL)
;
INSERT INTO lifecycle_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000')
;
CREATE TABLE lifecycle_events (
    seq INTEGER NOT NULL PRIMARY KEY,
    event_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    decision_id TEXT NOT NULL,
    lender_id TEXT NOT NULL,
    related_id TEXT NULL,
    decision_hash TEXT NOT NULL,
    due_date TEXT NULL,
    recorded_at TEXT NOT NULL,
    body TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL)
;
CREATE UNIQUE INDEX ux_lifecycle_events_event_id ON lifecycle_events (event_id)
;
CREATE INDEX ix_lifecycle_events_decision ON lifecycle_events (decision_id, kind)
;
CREATE INDEX ix_lifecycle_events_lender_kind ON lifecycle_events (lender_id, kind, seq)
;
CREATE INDEX ix_lifecycle_events_related ON lifecycle_events (related_id)
;
CREATE TRIGGER lifecycle_events_no_update BEFORE UPDATE ON lifecycle_events BEGIN SELECT RAISE(ABORT, 'lifecycle_events is append-only'); END
;
CREATE TRIGGER lifecycle_events_no_delete BEFORE DELETE ON lifecycle_events BEGIN SELECT RAISE(ABORT, 'lifecycle_events is append-only'); END
;
