namespace CreditAlt.Portfolio.Csv;

/// <summary>The file names and exact header rows of the bulk formats (docs/data-formats.md).</summary>
public static class PortfolioFiles
{
    public const string Applications = "applications.csv";
    public const string Obligations = "obligations.csv";
    public const string Payments = "payments.csv";
    public const string CashFlow = "cashflow.csv";
    public const string Demographics = "demographics.csv";
    public const string Outcomes = "outcomes.csv";

    /// <summary>Optional: who supplied each account's data and the cash flow (FCRA §615(a) provenance).</summary>
    public const string Sources = "sources.csv";

    public static readonly IReadOnlyList<string> ApplicationsHeader = ["application_id", "applicant_id", "as_of_date", "requested_amount"];
    public static readonly IReadOnlyList<string> ObligationsHeader = ["application_id", "account_id", "type", "furnisher", "monthly_amount"];
    public static readonly IReadOnlyList<string> PaymentsHeader = ["application_id", "account_id", "due_date", "amount_due", "paid_date", "amount_paid"];
    public static readonly IReadOnlyList<string> CashFlowHeader = ["application_id", "month", "inflow", "outflow", "lowest_balance", "nsf_count"];
    public static readonly IReadOnlyList<string> DemographicsHeader = ["application_id", "race_ethnicity", "sex", "age_band"];
    public static readonly IReadOnlyList<string> SourcesHeader = ["application_id", "account_id", "name", "address", "phone", "is_consumer_reporting_agency"];
    public static readonly IReadOnlyList<string> OutcomesHeader = ["application_id", "defaulted", "true_pd", "bureau_score", "observed"];
}
