CREATE TABLE lifecycle_head (
    id int NOT NULL PRIMARY KEY,
    seq bigint NOT NULL,
    hash nvarchar(200) NOT NULL)
;
INSERT INTO lifecycle_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000')
;
CREATE TABLE lifecycle_events (
    seq bigint NOT NULL PRIMARY KEY,
    event_id nvarchar(200) NOT NULL,
    kind nvarchar(200) NOT NULL,
    decision_id nvarchar(200) NOT NULL,
    lender_id nvarchar(200) NOT NULL,
    related_id nvarchar(200) NULL,
    decision_hash nvarchar(200) NOT NULL,
    due_date nvarchar(200) NULL,
    recorded_at nvarchar(200) NOT NULL,
    body nvarchar(max) NOT NULL,
    prev_hash nvarchar(200) NOT NULL,
    hash nvarchar(200) NOT NULL)
;
CREATE UNIQUE INDEX ux_lifecycle_events_event_id ON lifecycle_events (event_id)
;
CREATE INDEX ix_lifecycle_events_decision ON lifecycle_events (decision_id, kind)
;
CREATE INDEX ix_lifecycle_events_lender_kind ON lifecycle_events (lender_id, kind, seq)
;
CREATE INDEX ix_lifecycle_events_related ON lifecycle_events (related_id)
;
CREATE TRIGGER lifecycle_events_append_only ON lifecycle_events INSTEAD OF UPDATE, DELETE AS BEGIN THROW 50001, N'lifecycle_events is append-only', 1; END
;
