using System.Text.Json.Serialization;

namespace CreditAlt.Api.Decisions;

/// <summary>A principal reason: a stable code and a sentence about the applicant's own data.</summary>
/// <param name="Code">Stable reason code (see docs/reason-codes.md), e.g. <c>RNT-L30-12</c>.</param>
/// <param name="Sentence">The reason in plain words, built from the applicant's values.</param>
/// <param name="PointsBelowBest">Points the cause cost against the attribute's best ordinary value (at least 5, docs/reason-codes.md); null when the deciding model is no longer loaded.</param>
/// <param name="ObligationType">The obligation kind the reason is about (rent, utility, telecom, childcare), or null.</param>
public sealed record ReasonView(string Code, string Sentence, int? PointsBelowBest = null, string? ObligationType = null);

/// <summary>One thing that would change the outcome (docs/reason-codes.md, "Recourse").</summary>
/// <param name="Kind"><c>time</c>, <c>amount</c> or <c>shareData</c>.</param>
/// <param name="Attribute">The attribute an amount action moves (or the history a time action waits for); null otherwise.</param>
/// <param name="Current">The applicant's value now.</param>
/// <param name="Target">The value to reach (inside the 10th–90th percentile of approved applicants for an amount).</param>
/// <param name="Months">Months to wait (time) or to hold the change (amount).</param>
/// <param name="ByDate">The date by which the action shows in an application.</param>
/// <param name="Sentence">The action in plain words.</param>
public sealed record RecourseActionView(string Kind, string? Attribute, double? Current, double? Target, int? Months, DateOnly? ByDate, string Sentence);

/// <summary>Recourse for a decline or insufficient data, verified by scoring (docs/reason-codes.md, "Recourse").</summary>
/// <param name="Reachable">True when the time path within 24 months or a verified amount path reaches approval.</param>
/// <param name="ApprovedFrom">As-of date of the first future application (paying on time) that the model approves; null when none within 24 months.</param>
/// <param name="ApprovedScore">Its score.</param>
/// <param name="Actions">The actions: the time path first, then the amount path (at most two levers), then sharing bank data.</param>
/// <param name="EnoughHistoryFrom">For insufficient data: the first month-end with enough history to be scored.</param>
/// <param name="DecisionThen">For insufficient data: the decision an application would get then.</param>
/// <param name="Summary">The same in sentences, as the notice prints them.</param>
public sealed record RecourseView(bool Reachable, DateOnly? ApprovedFrom, int? ApprovedScore, IReadOnlyList<RecourseActionView> Actions,
    DateOnly? EnoughHistoryFrom, string? DecisionThen, IReadOnlyList<string> Summary)
{
    public static RecourseView From(CreditAlt.Core.Recourse.RecoursePlan p) => new(
        p.Reachable, p.ApprovedFrom, p.ApprovedScore,
        [.. p.Actions.Select(a => new RecourseActionView(a.Kind, a.Attribute, a.Current, a.Target, a.Months, a.ByDate, a.Sentence))],
        p.EnoughHistoryFrom, p.DecisionThen, p.Summary);
}

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
