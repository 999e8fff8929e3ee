CREATE TABLE data_sources (
    application_id nvarchar(200) NOT NULL,
    account_id nvarchar(200) NOT NULL,
    name nvarchar(max) NOT NULL,
    address nvarchar(max) NULL,
    phone nvarchar(max) NULL,
    is_consumer_reporting_agency int NOT NULL,
    PRIMARY KEY (application_id, account_id))
;
