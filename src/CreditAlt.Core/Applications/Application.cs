namespace CreditAlt.Core.Applications;

/// <summary>
/// One credit application: who applies, for how much, as of which date, and the
/// obligations and bank cash flow the applicant agreed to share. Nothing about debt
/// usage and nothing protected (race, sex, age, ...) has a place here.
/// </summary>
public sealed record Application(
    string ApplicationId,
    string ApplicantId,
    DateOnly AsOfDate,
    decimal RequestedAmount,
    IReadOnlyList<ObligationAccount> Obligations,
    IReadOnlyList<CashFlowMonth> CashFlow)
{
    /// <summary>Who supplied the cash-flow months (optional provenance, not a model input).</summary>
    public DataSource? CashFlowSource { get; init; }

    /// <summary>The applicant's name and mailing address for letters (optional, never a model input).</summary>
    public MailingAddress? Applicant { get; init; }
}

/// <summary>The kinds of obligation CreditAlt scores.</summary>
public enum ObligationType
{
    Rent,
    Utility,
    Telecom,
    Childcare,
    Insurance,
    Other,
}

/// <summary>An obligation account (a lease, a utility contract, ...) with its monthly payment history.</summary>
public sealed record ObligationAccount(
    string AccountId,
    ObligationType Type,
    string Furnisher,
    decimal MonthlyAmount,
    IReadOnlyList<PaymentRecord> Payments)
{
    /// <summary>Who supplied the account's record (optional provenance, not a model input).</summary>
    public DataSource? Source { get; init; }
}

/// <summary>
/// One monthly payment: what was due when, and what was paid when. Days past due and
/// partial payments follow from these four facts; nothing else is stored.
/// </summary>
public sealed record PaymentRecord(DateOnly DueDate, decimal AmountDue, DateOnly? PaidDate, decimal AmountPaid);

/// <summary>One calendar month of a bank account's cash flow. <see cref="Month"/> is the first day of the month.</summary>
public sealed record CashFlowMonth(DateOnly Month, decimal Inflow, decimal Outflow, decimal LowestBalance, int NsfCount);

/// <summary>Converts obligation types to and from their wire names (<c>rent</c>, <c>utility</c>, ...).</summary>
public static class ObligationTypes
{
    public static readonly IReadOnlyList<ObligationType> All = Enum.GetValues<ObligationType>();

    public static string ToWire(this ObligationType type) => type switch
    {
        ObligationType.Rent => "rent",
        ObligationType.Utility => "utility",
        ObligationType.Telecom => "telecom",
        ObligationType.Childcare => "childcare",
        ObligationType.Insurance => "insurance",
        _ => "other",
    };

    public static bool TryParse(string? text, out ObligationType type)
    {
        switch (text)
        {
            case "rent": type = ObligationType.Rent; return true;
            case "utility": type = ObligationType.Utility; return true;
            case "telecom": type = ObligationType.Telecom; return true;
            case "childcare": type = ObligationType.Childcare; return true;
            case "insurance": type = ObligationType.Insurance; return true;
            case "other": type = ObligationType.Other; return true;
            default: type = default; return false;
        }
    }

    public const string WireNames = "one of rent, utility, telecom, childcare, insurance, other";
}
