DROP INDEX ux_decisions_hash
;
DROP INDEX ix_decisions_application
;
DO $$ BEGIN EXECUTE 'ALTER TABLE decisions ALTER COLUMN application_json SET COMPRESSION lz4'; EXCEPTION WHEN OTHERS THEN RAISE NOTICE 'lz4 compression not available: %', SQLERRM; END $$
;
