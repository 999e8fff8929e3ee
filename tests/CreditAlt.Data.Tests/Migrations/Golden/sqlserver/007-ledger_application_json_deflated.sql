ALTER TABLE decisions ALTER COLUMN application_json nvarchar(max) NULL
;
ALTER TABLE decisions ADD application_json_deflate varbinary(max) NULL
;
