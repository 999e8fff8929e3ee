using System.Text.Json.Serialization;

namespace CreditAlt.Notices;

// The applicant's notice as both hosts build it: the API answers it as JSON, HTML or PDF, the CLI mails it as PDF.

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

/// <summary>The credit score disclosure FCRA §615(a) asks for when a score was used.</summary>
/// <param name="Value">The score.</param>
/// <param name="Minimum">Lowest possible score.</param>
/// <param name="Maximum">Highest possible score.</param>
/// <param name="Date">The date the score was created.</param>
/// <param name="ProvidedBy">Who created the score.</param>
/// <param name="KeyFactors">The codes of up to four key factors that adversely affected the score, most important first: the principal reasons, which are not repeated.</param>
/// <param name="KeyFactorsNote">Says in words that the key factors are the principal reasons above.</param>
public sealed record ScoreDisclosure(int Value, int Minimum, int Maximum, DateOnly Date, string ProvidedBy, IReadOnlyList<string> KeyFactors, string? KeyFactorsNote);

/// <summary>An obligation account the decision was based on, as the applicant shared it.</summary>
/// <param name="Type">rent, utility, telecom, childcare, insurance or other.</param>
/// <param name="Furnisher">Who reported the account.</param>
/// <param name="AccountReference">The last four characters of the account id.</param>
/// <param name="MonthlyAmount">Monthly amount due.</param>
/// <param name="PaymentRecords">How many monthly payment records were used.</param>
/// <param name="FirstDueDate">The earliest due date on record.</param>
/// <param name="LastDueDate">The latest due date on record.</param>
public sealed record AccountUsed(string Type, string Furnisher, string AccountReference, decimal MonthlyAmount, int PaymentRecords, DateOnly? FirstDueDate, DateOnly? LastDueDate);

/// <summary>
/// The notice for the applicant about their own decision: what Regulation B (§1002.9) and the FCRA (§615) expect
/// an adverse action notice to hold. For an approval it is a plain confirmation with the same data disclosure.
/// </summary>
/// <param name="DecisionId">The decision this notice is about.</param>
/// <param name="Creditor">Name of the creditor.</param>
/// <param name="CreditorAddress">Address of the creditor.</param>
/// <param name="Decision">approve, refer, decline or insufficient_data.</param>
/// <param name="IsAdverseAction">True for decline and insufficient data, the outcomes that are adverse action.</param>
/// <param name="ActionTaken">The action taken, in words.</param>
/// <param name="DecisionDate">When the decision was made.</param>
/// <param name="PrincipalReasons">Up to four specific principal reasons, most important first.</param>
/// <param name="Score">The score disclosure; null when no score was produced (insufficient data).</param>
/// <param name="EcoaNotice">The Equal Credit Opportunity Act notice.</param>
/// <param name="MoreDetail">How to ask for more detail about the decision.</param>
/// <param name="Dispute">How to dispute an item of the data used.</param>
/// <param name="AccountsUsed">The obligation accounts the decision was based on.</param>
/// <param name="CashFlowMonthsUsed">How many months of bank cash flow were used (0 when none was shared).</param>
/// <param name="Recourse">What would change the outcome, for a decline or insufficient data (the same object as the API answer).</param>
public sealed record NoticeResponse(
    string DecisionId,
    string Creditor,
    string CreditorAddress,
    string Decision,
    bool IsAdverseAction,
    string ActionTaken,
    DateTimeOffset DecisionDate,
    IReadOnlyList<ReasonView> PrincipalReasons,
    ScoreDisclosure? Score,
    string EcoaNotice,
    string MoreDetail,
    string Dispute,
    IReadOnlyList<AccountUsed> AccountsUsed,
    int CashFlowMonthsUsed,
    RecourseView? Recourse)
{
    /// <summary>Which version of the notice this is: 1 is the model decision's; each final action, resolution or incompleteness notice adds one.</summary>
    public int Version { get; init; } = 1;

    /// <summary>How many versions exist; earlier ones stay readable with <c>?version=N</c>.</summary>
    public int Versions { get; init; } = 1;

    /// <summary>The final action this version reflects, if any.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FinalActionView? FinalAction { get; init; }

    /// <summary>The outcome of each dispute of this decision's data resolved so far (and the re-decision, when the data changed).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<DisputeOutcomeNotice>? Disputes { get; init; }

    /// <summary>For an insufficient-data decision answered with a notice of incompleteness (§1002.9(c)): what is missing and by when.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IncompletenessNoticeSection? Incompleteness { get; init; }

    /// <summary>
    /// For adverse action: the FCRA §615(a) block of each consumer reporting agency that supplied data used (name, address,
    /// phone and the statements the law asks for), or, when none did, the statement that only applicant-provided or
    /// permissioned data was used.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ConsumerReportDisclosure? ConsumerReports { get; init; }

    /// <summary>For a counteroffer: what is offered and how to accept.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CounterofferNotice? Counteroffer { get; init; }
}

/// <summary>The counteroffer part of a notice (Regulation B Appendix C, form C-4).</summary>
/// <param name="Amount">The amount of credit offered.</param>
/// <param name="Terms">The terms offered.</param>
/// <param name="AcceptWithinDays">Days the applicant has to accept (90: §1002.9(a)(1)(iv)).</param>
/// <param name="Wording">The counteroffer paragraph as printed.</param>
public sealed record CounterofferNotice(decimal Amount, string Terms, int AcceptWithinDays, string Wording);


/// <summary>One consumer reporting agency's §615(a) disclosure.</summary>
/// <param name="Name">The agency.</param>
/// <param name="Address">Its address.</param>
/// <param name="Phone">Its telephone number (toll-free for a nationwide agency).</param>
/// <param name="Statements">What §615(a)(3)-(4) require: it supplied information, it did not make the decision and cannot explain it, the free copy within 60 days, the right to dispute with it.</param>
public sealed record AgencyDisclosure(string Name, string Address, string Phone, IReadOnlyList<string> Statements);

/// <summary>The consumer-report part of an adverse action notice.</summary>
/// <param name="Agencies">One block per consumer reporting agency whose data was used; empty when none.</param>
/// <param name="Statement">When no agency's data was used: that the decision used only what the applicant provided or permissioned.</param>
public sealed record ConsumerReportDisclosure(IReadOnlyList<AgencyDisclosure> Agencies, string? Statement);

/// <summary>A recorded notice of incompleteness.</summary>
/// <param name="NoticeId">Id of the notice event (<c>inc_…</c>).</param>
/// <param name="DecisionId">The insufficient-data decision it replaces the adverse action notice of.</param>
/// <param name="Missing">What is missing.</param>
/// <param name="RespondBy">The deadline.</param>
/// <param name="RecordedAt">When it was recorded.</param>
/// <param name="IsDefault">True when it is the lender's configured default rather than a recorded notice.</param>
public sealed record IncompletenessView(string NoticeId, string DecisionId, IReadOnlyList<string> Missing, DateOnly RespondBy, DateTimeOffset RecordedAt, bool IsDefault);

/// <summary>The notice's incompleteness section.</summary>
/// <param name="Missing">The information needed.</param>
/// <param name="RespondBy">The deadline.</param>
/// <param name="Wording">The notice's paragraph: what is needed, by when, and that without it the application will not be considered further.</param>
public sealed record IncompletenessNoticeSection(IReadOnlyList<string> Missing, DateOnly RespondBy, string Wording);

/// <summary>One disputed item: a month of an obligation account, and what the applicant says is wrong.</summary>
/// <param name="AccountId">The account, as in the application.</param>
/// <param name="Month">The month (yyyy-MM) of a payment record of that account.</param>
/// <param name="Statement">What is inaccurate or incomplete (at most 2,000 characters).</param>
public sealed record DisputeItem(string AccountId, string Month, string Statement);

/// <summary>The JSON body of a dispute's ledger row.</summary>
public sealed record DisputeBody(IReadOnlyList<DisputeItem> Items);

/// <summary>The JSON body of a resolution's ledger row: the outcome and the re-decision it led to.</summary>
public sealed record ResolutionBody(string Outcome, string? Note, string? NewDecisionId, string? NewDecision, int? NewScore, IReadOnlyList<ReasonView>? NewReasons, bool DecisionChanged);

public static class DisputeOutcomes
{
    public const string Verified = "verified";
    public const string Corrected = "corrected";
    public const string Deleted = "deleted";
    public static readonly string[] All = [Verified, Corrected, Deleted];
}

/// <summary>A dispute's outcome as the applicant's notice tells it.</summary>
/// <param name="DisputeId">The dispute.</param>
/// <param name="ReceivedAt">When the applicant raised it.</param>
/// <param name="Outcome">verified, corrected or deleted.</param>
/// <param name="ResolvedAt">When it was resolved.</param>
/// <param name="Wording">The outcome in words.</param>
/// <param name="NewDecisionId">The re-decision, when the data changed.</param>
/// <param name="NewDecision">The re-decision's outcome.</param>
/// <param name="NewScore">The re-decision's score.</param>
/// <param name="NewReasons">The re-decision's principal reasons.</param>
public sealed record DisputeOutcomeNotice(
    string DisputeId, DateTimeOffset ReceivedAt, string Outcome, DateTimeOffset ResolvedAt, string Wording,
    string? NewDecisionId, string? NewDecision, int? NewScore, IReadOnlyList<ReasonView>? NewReasons);
