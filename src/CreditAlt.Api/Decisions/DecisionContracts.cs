using System.Text.Json.Serialization;

namespace CreditAlt.Api.Decisions;

/// <summary>The range scores are published in.</summary>
public sealed record ScoreRange(int Minimum, int Maximum);

/// <summary>The model that made a decision.</summary>
public sealed record ModelRef(string ModelId, string Version);

/// <summary>A recorded decision as the lender sees it. Holds nothing protected (no demographics, ever).</summary>
/// <param name="DecisionId">Id of the decision in the ledger.</param>
/// <param name="ApplicationId">The lender's application id, as sent.</param>
/// <param name="Decision">One of <c>approve</c>, <c>refer</c>, <c>decline</c>, <c>insufficient_data</c>.</param>
/// <param name="Score">The score in <see cref="ScoreRange"/>; null for <c>insufficient_data</c> (too little history to score).</param>
/// <param name="ScoreRange">Lowest and highest score the deciding model can produce.</param>
/// <param name="Reasons">Up to four principal reasons for refer and decline, largest first; the missing history for insufficient data; empty for approve.</param>
/// <param name="Recourse">For a decline or insufficient data: the time path, the amount path and whether sharing bank data could help; null otherwise.</param>
/// <param name="Model">The model id and version that decided.</param>
/// <param name="AsOfDate">The date the application was assessed as of.</param>
/// <param name="RecordedAt">When the decision was recorded (UTC).</param>
/// <param name="ApplicationFingerprint">Lower-case hex SHA-256 of the canonical application JSON, as chained in the ledger.</param>
/// <param name="NoticeUrl">Where the applicant reads the adverse action notice (with their access token).</param>
/// <param name="ApplicantAccessToken">Secret that opens this decision's notice; give it to the applicant. Returned only by POST, shown once.</param>
/// <param name="Derived">For a request with bank transactions: what was inferred from them (obligations found, monthly cash flow). Absent otherwise.</param>
public sealed partial record DecisionResponse(
    string DecisionId,
    string ApplicationId,
    string Decision,
    int? Score,
    ScoreRange ScoreRange,
    IReadOnlyList<ReasonView> Reasons,
    RecourseView? Recourse,
    ModelRef Model,
    DateOnly AsOfDate,
    DateTimeOffset RecordedAt,
    string ApplicationFingerprint,
    string NoticeUrl,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ApplicantAccessToken,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CreditAlt.Api.Transactions.DerivedView? Derived = null);

/// <summary>The application a lender sends (docs/data-formats.md). Every field problem is reported at once, by JSON path.</summary>
/// <param name="ApplicationId">The lender's id for this application (at most 64 characters).</param>
/// <param name="ApplicantId">The lender's id for the applicant (at most 64 characters).</param>
/// <param name="AsOfDate">Date the application is assessed as of (yyyy-MM-dd); nothing after it is used.</param>
/// <param name="RequestedAmount">Amount of credit asked for (0 to 10,000,000, at most 2 decimals).</param>
/// <param name="Obligations">Obligation accounts (at most 20) with their monthly payment history.</param>
/// <param name="CashFlow">Optional bank cash-flow months (at most 60).</param>
public sealed record ApplicationDocument(
    string ApplicationId,
    string ApplicantId,
    DateOnly AsOfDate,
    decimal RequestedAmount,
    IReadOnlyList<ObligationDocument> Obligations,
    IReadOnlyList<CashFlowDocument>? CashFlow = null);

/// <summary>One obligation account.</summary>
/// <param name="AccountId">Id of the account (at most 64 characters).</param>
/// <param name="Type">One of rent, utility, telecom, childcare, insurance, other.</param>
/// <param name="Furnisher">Who reports the account: landlord, utility, carrier (at most 200 characters).</param>
/// <param name="MonthlyAmount">Amount due each month.</param>
/// <param name="Payments">Monthly payment records (at most 120).</param>
public sealed record ObligationDocument(string AccountId, string Type, string Furnisher, decimal MonthlyAmount, IReadOnlyList<PaymentDocument> Payments);

/// <summary>One monthly payment: what was due when and what was paid when.</summary>
/// <param name="DueDate">Due date (yyyy-MM-dd).</param>
/// <param name="AmountDue">Amount due.</param>
/// <param name="PaidDate">Date paid (yyyy-MM-dd), or null when unpaid.</param>
/// <param name="AmountPaid">Amount paid (0 when unpaid).</param>
public sealed record PaymentDocument(DateOnly DueDate, decimal AmountDue, DateOnly? PaidDate, decimal AmountPaid);

/// <summary>One month of a bank account's cash flow.</summary>
/// <param name="Month">The month (yyyy-MM).</param>
/// <param name="Inflow">Total deposits.</param>
/// <param name="Outflow">Total withdrawals.</param>
/// <param name="LowestBalance">Lowest balance in the month (may be negative).</param>
/// <param name="NsfCount">Returned or overdraft items in the month.</param>
public sealed record CashFlowDocument(string Month, decimal Inflow, decimal Outflow, decimal LowestBalance, int NsfCount);
