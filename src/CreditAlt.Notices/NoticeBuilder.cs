using System.Globalization;
using CreditAlt.Core.Applications;
using CreditAlt.Core.Scoring;
using CreditAlt.Data;
using CreditAlt.Data.Ledger;
using CreditAlt.Data.Lifecycle;

namespace CreditAlt.Notices;

/// <summary>
/// The applicant's notice as it stands after the events that follow the model decision. Version 1 is the model
/// decision's notice; every event that changes what the applicant must be told (a final action, a correction of one)
/// makes the next version, built from version 1 and the events up to it, so earlier versions stay exactly readable.
/// </summary>
public static class NoticeBuilder
{
    /// <summary>Days a counteroffer stays open: Regulation B §1002.9(a)(1)(iv) allows 90 days before adverse action must follow.</summary>
    public const int CounterofferAcceptDays = 90;

    /// <summary>The events that make a new notice version, oldest first.</summary>
    public static List<LifecycleEvent> VersionEvents(IReadOnlyList<LifecycleEvent> events) =>
        events.Where(e => e.Kind is LifecycleKinds.FinalAction or LifecycleKinds.DisputeResolution or LifecycleKinds.IncompletenessNotice).ToList();

    /// <summary>
    /// The notice at <paramref name="version"/> (null: the latest), or null when there is no such version.
    /// <paramref name="incompleteByDefault"/>: the decision's lender answers insufficient data with a notice of incompleteness by default.
    /// </summary>
    public static async Task<NoticeResponse?> BuildAsync(
        CreditAltDatabase database, LedgerEntry entry, ScorecardEngine loaded, NoticeOptions options, int? version, bool incompleteByDefault, CancellationToken ct)
    {
        var events = await database.Lifecycle.ForDecisionAsync(entry.DecisionId, ct).ConfigureAwait(false);
        return Build(entry, loaded, options, events, version, incompleteByDefault);
    }

    public static NoticeResponse? Build(
        LedgerEntry entry, ScorecardEngine loaded, NoticeOptions options, IReadOnlyList<LifecycleEvent> events, int? version, bool incompleteByDefault = false)
    {
        var changes = VersionEvents(events);
        var count = changes.Count + 1;
        var v = version ?? count;
        if (v < 1 || v > count)
            return null;
        var notice = ModelNotice(entry, loaded, options) with { Version = v, Versions = count };
        // A lender that answers insufficient data with a notice of incompleteness by default: that is version 1.
        if (incompleteByDefault && entry.Decision == DecisionOutcomes.InsufficientData)
            notice = WithIncompleteness(notice, LifecycleViews.DefaultIncompleteness(entry), options);
        foreach (var e in changes.Take(v - 1))
            notice = e.Kind switch
            {
                LifecycleKinds.IncompletenessNotice => WithIncompleteness(notice, LifecycleViews.Incompleteness(e), options),
                LifecycleKinds.FinalAction => WithFinalAction(notice, LifecycleViews.FinalAction(e), options),
                LifecycleKinds.DisputeResolution => WithResolution(notice, e, events.First(d => d.EventId == e.RelatedId)),
                _ => notice,
            };
        return WithProvenance(notice, entry, options);
    }

    /// <summary>
    /// The score disclosure names its source (the lender's own model, by id and version), and an adverse notice says where
    /// the data came from: the FCRA §615(a) block for each consumer reporting agency among the sources, or that none was.
    /// </summary>
    private static NoticeResponse WithProvenance(NoticeResponse n, LedgerEntry entry, NoticeOptions o)
    {
        if (n.Score is { } score)
            n = n with { Score = score with { ProvidedBy = $"{o.CreditorName}'s own model, {entry.ModelId} version {entry.ModelVersion}" } };
        if (!n.IsAdverseAction)
            return n;
        var application = ApplicationJson.Parse(System.Text.Encoding.UTF8.GetBytes(entry.ApplicationJson)).Application;
        var agencies = (application?.Obligations.Select(a => a.Source) ?? []).Append(application?.CashFlowSource)
            .Where(s => s is { IsConsumerReportingAgency: true })
            .Select(s => (s!.Name, Address: s.Address ?? "", Phone: s.Phone ?? ""))
            .Distinct()
            .Select(a => new AgencyDisclosure(a.Name, a.Address, a.Phone,
            [
                $"Our decision was based in whole or in part on information obtained in a report from {a.Name}, {a.Address}, telephone {a.Phone}.",
                $"{a.Name} did not make the decision and is unable to provide you the specific reasons why it was made.",
                $"You have the right to obtain a free copy of your report from {a.Name} if you ask for it within 60 days of receiving this notice.",
                $"You have the right to dispute directly with {a.Name} the accuracy or completeness of any information in the report it furnished.",
            ]))
            .ToArray();
        return n with
        {
            ConsumerReports = agencies.Length > 0
                ? new ConsumerReportDisclosure(agencies, null)
                : new ConsumerReportDisclosure([], "This decision used only the information you provided or permissioned us to obtain (the payment records and bank data listed in this notice); " +
                    "no consumer reporting agency supplied information used in it."),
        };
    }

    private static NoticeResponse WithFinalAction(NoticeResponse n, FinalActionView fa, NoticeOptions o)
    {
        var approved = fa.Action == FinalActionKinds.Approve;
        return n with
        {
            Decision = fa.Action,
            IsAdverseAction = !approved,
            ActionTaken = ActionTaken(fa, o.CreditorName),
            DecisionDate = fa.RecordedAt,
            PrincipalReasons = approved ? [] : fa.Reasons,
            MoreDetail = approved ? n.MoreDetail : MoreDetail(o, fa.RecordedAt),
            // The model's recourse answers the model's decline; it says nothing about an underwriter's reasons.
            Recourse = fa.Action == FinalActionKinds.Decline && fa.ModelDecision == DecisionOutcomes.Decline ? n.Recourse : null,
            FinalAction = fa,
            Counteroffer = fa.Counteroffer is { } c ? Counteroffer(c, o) : null,
        };
    }

    /// <summary>A notice of incompleteness is not adverse action: no reasons, no recourse; what is missing and the deadline instead.</summary>
    private static NoticeResponse WithIncompleteness(NoticeResponse n, IncompletenessView v, NoticeOptions o) => n with
    {
        IsAdverseAction = false,
        ActionTaken = $"{o.CreditorName} needs more information before it can decide on your application.",
        DecisionDate = v.RecordedAt,
        PrincipalReasons = [],
        Recourse = null,
        Incompleteness = new IncompletenessNoticeSection(v.Missing, v.RespondBy, LifecycleViews.IncompletenessWording(v, o)),
    };

    private static NoticeResponse WithResolution(NoticeResponse n, LifecycleEvent resolution, LifecycleEvent dispute)
    {
        var r = LifecycleJson.Read<ResolutionBody>(resolution.Body);
        var items = LifecycleJson.Read<DisputeBody>(dispute.Body).Items.Count;
        var received = dispute.RecordedAt.UtcDateTime.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);
        var wording = $"We reinvestigated the {items} item(s) you disputed on {received}. " + r.Outcome switch
        {
            DisputeOutcomes.Verified => "The records were verified as accurate, so the decision stands.",
            DisputeOutcomes.Corrected => "The records were corrected, and your application was decided again on the corrected data by the same model that made the original decision: ",
            _ => "The disputed records were deleted from the data we use, and your application was decided again without them by the same model that made the original decision: ",
        };
        if (r.NewDecision is { } d)
            wording += r.DecisionChanged
                ? $"the decision is now {Words(d)}{(r.NewScore is { } s ? $" (score {s.ToString(CultureInfo.InvariantCulture)})" : "")}."
                : $"the decision did not change ({Words(d)}).";
        if (r.Note is { Length: > 0 } note)
            wording += " Our note: " + note;
        var outcome = new DisputeOutcomeNotice(dispute.EventId, dispute.RecordedAt, r.Outcome, resolution.RecordedAt, wording,
            r.NewDecisionId, r.NewDecision, r.NewScore, r.NewReasons);
        return n with { Disputes = [.. n.Disputes ?? [], outcome] };
    }

    private static string Words(string decision) => decision switch
    {
        DecisionOutcomes.Approve => "approved",
        DecisionOutcomes.Decline => "declined",
        DecisionOutcomes.Refer => "referred to an underwriter",
        _ => "undecided for insufficient data",
    };

    public static string ActionTaken(FinalActionView fa, string creditor) => fa.Action switch
    {
        FinalActionKinds.Approve => $"{creditor} approved your application for credit after an underwriter reviewed it.",
        FinalActionKinds.Counteroffer => "We are unable to offer you credit on the terms that you requested, for the principal reasons below.",
        _ => $"After an underwriter reviewed your application, {creditor} is unable to approve your application for credit at this time.",
    };

    /// <summary>The counteroffer paragraph of form C-4, combined with the adverse action notice (official comment 9(a)-6).</summary>
    public static CounterofferNotice Counteroffer(CounterofferTerms c, NoticeOptions o) => new(c.Amount, c.Terms, CounterofferAcceptDays,
        $"We can, however, offer you credit on the following terms: {Money(c.Amount)}; {c.Terms}. If this offer is acceptable to you, please notify us " +
        $"within {CounterofferAcceptDays} days: write to {o.CreditorName}, {o.CreditorAddress}, email {o.ContactEmail} or call {o.ContactPhone}. " +
        "If you do not accept it, this notice is our notice of adverse action on your application: the principal reasons and the rights it describes apply.");

    public static string Money(decimal amount) => "$" + amount.ToString("#,0.00", CultureInfo.InvariantCulture);

    public const string ScoreProvider = "CreditAlt alternative-data scorecard";

    public const string KeyFactorsAreTheReasons = "The key factors that adversely affected your score are the principal reasons listed above.";

    private static NoticeResponse ModelNotice(LedgerEntry e, ScorecardEngine loaded, NoticeOptions options)
    {
        var range = StoredDecision.Range(loaded, e.ModelId, e.ModelVersion);
        var parsed = ApplicationJson.Parse(System.Text.Encoding.UTF8.GetBytes(e.ApplicationJson));
        var accounts = parsed.Application?.Obligations.Select(a => new AccountUsed(
            a.Type.ToWire(), a.Furnisher, Mask(a.AccountId), a.MonthlyAmount, a.Payments.Count,
            a.Payments.Count == 0 ? null : a.Payments.Min(p => p.DueDate),
            a.Payments.Count == 0 ? null : a.Payments.Max(p => p.DueDate))).ToArray() ?? [];
        var reasons = StoredDecision.Reasons(e, loaded).Take(Scorecard.MaxReasons).ToArray();
        // The key factors of the score disclosure are the principal reasons: named once, above, and referred to here.
        var score = e.Score is { } s
            ? new ScoreDisclosure(s, range.Minimum, range.Maximum, DateOnly.FromDateTime(e.RecordedAt.UtcDateTime), ScoreProvider,
                reasons.Select(r => r.Code).ToArray(), reasons.Length > 0 ? KeyFactorsAreTheReasons : null)
            : null;
        // A decline of the requested amount with a lower amount offered is a counteroffer (form C-4): its own action wording.
        var affordability = e.Decision == DecisionOutcomes.Decline ? StoredDecision.Affordability(e, loaded) : null;
        var offer = affordability?.Counteroffer;
        return new NoticeResponse(
            e.DecisionId,
            options.CreditorName,
            options.CreditorAddress,
            e.Decision,
            e.Decision is DecisionOutcomes.Decline or DecisionOutcomes.InsufficientData,
            offer is null ? ActionTaken(e.Decision, options.CreditorName) : CounterofferActionTaken(affordability!),
            e.RecordedAt,
            reasons,
            score,
            EcoaNotice(options),
            MoreDetail(options, e.RecordedAt),
            Dispute(options),
            accounts,
            parsed.Application?.CashFlow.Count ?? 0,
            StoredDecision.RecourseOf(e))
        {
            Counteroffer = offer is null ? null : Counteroffer(new CounterofferTerms(offer.Amount, StoredDecision.TermsText(affordability!, offer)), options),
        };
    }

    /// <summary>The action taken when the model's decision carries a counteroffer: the requested amount is not granted because of what its instalment would leave.</summary>
    public static string CounterofferActionTaken(CreditAlt.Core.AbilityToPay.AffordabilityCheck check) =>
        $"We are unable to offer you credit on the terms that you requested: the monthly instalment of the {Money(check.RequestedAmount)} you asked for " +
        $"({Money(check.MonthlyPayment)}) is more than what your typical monthly deposits leave after your obligations. We can offer a lower amount, below.";

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
