CREATE TABLE applications (
    application_id TEXT NOT NULL PRIMARY KEY,
    applicant_id TEXT NOT NULL,
    as_of_date TEXT NOT NULL,
    requested_amount TEXT NOT NULL)
;
CREATE INDEX ix_applications_applicant ON applications (applicant_id)
;
CREATE TABLE obligation_accounts (
    application_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    obligation_type TEXT NOT NULL,
    furnisher TEXT NOT NULL,
    monthly_amount TEXT NOT NULL,
    PRIMARY KEY (application_id, account_id))
;
CREATE TABLE payments (
    application_id TEXT NOT NULL,
    account_id TEXT NOT NULL,
    payment_no INTEGER NOT NULL,
    due_date TEXT NOT NULL,
    amount_due TEXT NOT NULL,
    paid_date TEXT NULL,
    amount_paid TEXT NOT NULL,
    PRIMARY KEY (application_id, account_id, payment_no))
;
CREATE TABLE cash_flow_months (
    application_id TEXT NOT NULL,
    month TEXT NOT NULL,
    inflow TEXT NOT NULL,
    outflow TEXT NOT NULL,
    lowest_balance TEXT NOT NULL,
    nsf_count INTEGER NOT NULL,
    PRIMARY KEY (application_id, month))
;
CREATE TABLE demographics (
    application_id TEXT NOT NULL,
    attribute TEXT NOT NULL,
    group_value TEXT NOT NULL,
    probability REAL NOT NULL,
    PRIMARY KEY (application_id, attribute, group_value))
;
