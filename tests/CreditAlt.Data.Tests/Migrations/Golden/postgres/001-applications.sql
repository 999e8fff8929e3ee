CREATE TABLE applications (
    application_id text NOT NULL PRIMARY KEY,
    applicant_id text NOT NULL,
    as_of_date date NOT NULL,
    requested_amount numeric NOT NULL)
;
CREATE INDEX ix_applications_applicant ON applications (applicant_id)
;
CREATE TABLE obligation_accounts (
    application_id text NOT NULL,
    account_id text NOT NULL,
    obligation_type text NOT NULL,
    furnisher text NOT NULL,
    monthly_amount numeric NOT NULL,
    PRIMARY KEY (application_id, account_id))
;
CREATE TABLE payments (
    application_id text NOT NULL,
    account_id text NOT NULL,
    payment_no integer NOT NULL,
    due_date date NOT NULL,
    amount_due numeric NOT NULL,
    paid_date date NULL,
    amount_paid numeric NOT NULL,
    PRIMARY KEY (application_id, account_id, payment_no))
;
CREATE TABLE cash_flow_months (
    application_id text NOT NULL,
    month date NOT NULL,
    inflow numeric NOT NULL,
    outflow numeric NOT NULL,
    lowest_balance numeric NOT NULL,
    nsf_count integer NOT NULL,
    PRIMARY KEY (application_id, month))
;
CREATE TABLE demographics (
    application_id text NOT NULL,
    attribute text NOT NULL,
    group_value text NOT NULL,
    probability double precision NOT NULL,
    PRIMARY KEY (application_id, attribute, group_value))
;
