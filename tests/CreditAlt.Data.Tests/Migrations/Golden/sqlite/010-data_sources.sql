CREATE TABLE data_sources (
    application_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    name TEXT NOT NULL,
    address TEXT NULL,
    phone TEXT NULL,
    is_consumer_reporting_agency INTEGER NOT NULL,
    PRIMARY KEY (application_id, account_id))
;
