CREATE TABLE data_sources (
    application_id text NOT NULL,
    account_id text NOT NULL,
    name text NOT NULL,
    address text NULL,
    phone text NULL,
    is_consumer_reporting_agency integer NOT NULL,
    PRIMARY KEY (application_id, account_id))
;
