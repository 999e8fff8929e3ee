using System.Globalization;
using CreditAlt.Api.Infrastructure;
using CreditAlt.Api.Models;
using CreditAlt.Core.Applications;
using CreditAlt.Core.Scoring;
using CreditAlt.Data.Ledger;

namespace CreditAlt.Api.Decisions;

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
public sealed partial record NoticeResponse(
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
    RecourseView? Recourse);

internal static class Notice
{
    public const string ScoreProvider = "CreditAlt alternative-data scorecard";

    public const string KeyFactorsAreTheReasons = "The key factors that adversely affected your score are the principal reasons listed above.";

    public static NoticeResponse Build(LedgerEntry e, ActiveModel active, NoticeOptions options)
    {
        var range = DecisionService.Range(active, e.ModelId, e.ModelVersion);
        var parsed = ApplicationJson.Parse(System.Text.Encoding.UTF8.GetBytes(e.ApplicationJson));
        var accounts = parsed.Application?.Obligations.Select(a => new AccountUsed(
            a.Type.ToWire(), a.Furnisher, Mask(a.AccountId), a.MonthlyAmount, a.Payments.Count,
            a.Payments.Count == 0 ? null : a.Payments.Min(p => p.DueDate),
            a.Payments.Count == 0 ? null : a.Payments.Max(p => p.DueDate))).ToArray() ?? [];
        var reasons = DecisionService.Reasons(e, active).Take(Scorecard.MaxReasons).ToArray();
        // The key factors of the score disclosure are the principal reasons: named once, above, and referred to here.
        var score = e.Score is { } s
            ? new ScoreDisclosure(s, range.Minimum, range.Maximum, DateOnly.FromDateTime(e.RecordedAt.UtcDateTime), ScoreProvider,
                reasons.Select(r => r.Code).ToArray(), reasons.Length > 0 ? KeyFactorsAreTheReasons : null)
            : null;
        return new NoticeResponse(
            e.DecisionId,
            options.CreditorName,
            options.CreditorAddress,
            e.Decision,
            e.Decision is DecisionOutcomes.Decline or DecisionOutcomes.InsufficientData,
            ActionTaken(e.Decision, options.CreditorName),
            e.RecordedAt,
            reasons,
            score,
            EcoaNotice(options),
            MoreDetail(options, e.RecordedAt),
            Dispute(options),
            accounts,
            parsed.Application?.CashFlow.Count ?? 0,
            DecisionService.RecourseOf(e));
    }

    public static string ActionTaken(string decision, string creditor) => decision switch
    {
        DecisionOutcomes.Approve => $"{creditor} approved your application for credit.",
        DecisionOutcomes.Refer => $"{creditor} has not yet decided on your application: it was referred to an underwriter for review. You will hear from us once a decision is made.",
        DecisionOutcomes.Decline => $"{creditor} is unable to approve your application for credit at this time.",
        _ => $"{creditor} is unable to approve your application for credit at this time because the payment history you shared is too short to assess (insufficient credit history).",
    };

    /// <summary>The ECOA notice of Regulation B §1002.9(b)(1), with the creditor's supervising agency.</summary>
    public static string EcoaNotice(NoticeOptions o) =>
        "The Federal Equal Credit Opportunity Act prohibits creditors from discriminating against credit applicants on the basis of " +
        "race, color, religion, national origin, sex, marital status, age (provided the applicant has the capacity to enter into a binding contract); " +
        "because all or part of the applicant's income derives from any public assistance program; or because the applicant has in good faith " +
        "exercised any right under the Consumer Credit Protection Act. The Federal agency that administers compliance with this law concerning this creditor is: " +
        o.AgencyNameAndAddress + ".";

    public static string MoreDetail(NoticeOptions o, DateTimeOffset decided) =>
        $"The reasons above are the principal ones. You may ask for more detail, including the points each part of your payment history " +
        $"contributed, within 60 days of {decided.UtcDateTime.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture)}: write to {o.CreditorName}, {o.CreditorAddress}, " +
        $"email {o.ContactEmail} or call {o.ContactPhone}. We will answer within 30 days of your request.";

    public static string Dispute(NoticeOptions o) =>
        "The decision used only the payment records and bank cash-flow data you agreed to share, as listed in this notice. If any item is inaccurate or incomplete, " +
        $"you have the right to dispute it: tell {o.CreditorName} which account and month are wrong, by email to {o.ContactEmail}, by phone at {o.ContactPhone} " +
        $"or by post to {o.CreditorAddress}, and the company that furnished the record. We will reinvestigate free of charge, and reconsider your application " +
        "if a corrected record changes the outcome. You may also ask the furnisher to correct its record directly.";

    private static string Mask(string accountId) => accountId.Length <= 4 ? accountId : "…" + accountId[^4..];
}
