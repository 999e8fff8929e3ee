CREATE TABLE applications (
    application_id nvarchar(200) NOT NULL PRIMARY KEY,
    applicant_id nvarchar(200) NOT NULL,
    as_of_date date NOT NULL,
    requested_amount decimal(19,4) NOT NULL)
;
CREATE INDEX ix_applications_applicant ON applications (applicant_id)
;
CREATE TABLE obligation_accounts (
    application_id nvarchar(200) NOT NULL,
    account_id nvarchar(200) NOT NULL,
    obligation_type nvarchar(200) NOT NULL,
    furnisher nvarchar(max) NOT NULL,
    monthly_amount decimal(19,4) NOT NULL,
    PRIMARY KEY (application_id, account_id))
;
CREATE TABLE payments (
    application_id nvarchar(200) NOT NULL,
    account_id nvarchar(200) NOT NULL,
    payment_no int NOT NULL,
    due_date date NOT NULL,
    amount_due decimal(19,4) NOT NULL,
    paid_date date NULL,
    amount_paid decimal(19,4) NOT NULL,
    PRIMARY KEY (application_id, account_id, payment_no))
;
CREATE TABLE cash_flow_months (
    application_id nvarchar(200) NOT NULL,
    month date NOT NULL,
    inflow decimal(19,4) NOT NULL,
    outflow decimal(19,4) NOT NULL,
    lowest_balance decimal(19,4) NOT NULL,
    nsf_count int NOT NULL,
    PRIMARY KEY (application_id, month))
;
CREATE TABLE demographics (
    application_id nvarchar(200) NOT NULL,
    attribute nvarchar(200) NOT NULL,
    group_value nvarchar(200) NOT NULL,
    probability float NOT NULL,
    PRIMARY KEY (application_id, attribute, group_value))
;
