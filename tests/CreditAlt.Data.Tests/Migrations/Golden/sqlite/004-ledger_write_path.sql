DROP INDEX ux_decisions_hash
;
DROP INDEX ix_decisions_application
;
