DROP INDEX ux_decisions_hash ON decisions
;
DROP INDEX ix_decisions_application ON decisions
;
