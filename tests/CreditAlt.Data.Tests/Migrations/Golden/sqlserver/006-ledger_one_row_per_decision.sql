ALTER TABLE decisions ADD reasons nvarchar(max) NULL
;
DROP TRIGGER IF EXISTS decisions_append_only
;
UPDATE decisions SET reasons = (SELECT r.code, r.sentence FROM decision_reasons r WHERE r.seq = decisions.seq ORDER BY r.position FOR JSON PATH)
;
CREATE TRIGGER decisions_append_only ON decisions INSTEAD OF UPDATE, DELETE AS BEGIN THROW 50001, N'decisions is append-only', 1; END
;
DROP TRIGGER IF EXISTS decision_reasons_append_only
;
DROP TABLE decision_reasons
;
CREATE UNIQUE INDEX ux_decisions_idempotency_key ON decisions (lender_id, idempotency_key) WHERE idempotency_key IS NOT NULL
;
DROP TABLE idempotency_keys
;
