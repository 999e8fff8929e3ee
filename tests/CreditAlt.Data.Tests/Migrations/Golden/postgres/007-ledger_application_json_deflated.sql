ALTER TABLE decisions ALTER COLUMN application_json DROP NOT NULL
;
ALTER TABLE decisions ADD application_json_deflate bytea NULL
;
