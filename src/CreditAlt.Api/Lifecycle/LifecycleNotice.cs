using System.Globalization;
using CreditAlt.Api.Decisions;
using CreditAlt.Api.FinalActions;
using CreditAlt.Api.Infrastructure;
using CreditAlt.Api.Models;
using CreditAlt.Core.Scoring;
using CreditAlt.Data;
using CreditAlt.Data.Ledger;
using CreditAlt.Data.Lifecycle;

namespace CreditAlt.Api.Lifecycle;

/// <summary>
/// The applicant's notice as it stands after the events that follow the model decision. Version 1 is the model
/// decision's notice; every event that changes what the applicant must be told (a final action, a correction of one)
/// makes the next version, built from version 1 and the events up to it, so earlier versions stay exactly readable.
/// </summary>
internal static class LifecycleNotice
{
    /// <summary>Days a counteroffer stays open: Regulation B §1002.9(a)(1)(iv) allows 90 days before adverse action must follow.</summary>
    public const int CounterofferAcceptDays = 90;

    /// <summary>The events that make a new notice version, oldest first.</summary>
    public static List<LifecycleEvent> VersionEvents(IReadOnlyList<LifecycleEvent> events) =>
        events.Where(e => e.Kind is LifecycleKinds.FinalAction or LifecycleKinds.DisputeResolution).ToList();

    /// <summary>The notice at <paramref name="version"/> (null: the latest), or null when there is no such version.</summary>
    public static async Task<NoticeResponse?> BuildAsync(
        CreditAltDatabase database, LedgerEntry entry, ActiveModel active, NoticeOptions options, int? version, CancellationToken ct)
    {
        var events = await database.Lifecycle.ForDecisionAsync(entry.DecisionId, ct).ConfigureAwait(false);
        return Build(entry, active, options, events, version);
    }

    public static NoticeResponse? Build(LedgerEntry entry, ActiveModel active, NoticeOptions options, IReadOnlyList<LifecycleEvent> events, int? version)
    {
        var changes = VersionEvents(events);
        var count = changes.Count + 1;
        var v = version ?? count;
        if (v < 1 || v > count)
            return null;
        var notice = Notice.Build(entry, active, options) with { Version = v, Versions = count };
        foreach (var e in changes.Take(v - 1))
            notice = e.Kind switch
            {
                LifecycleKinds.FinalAction => WithFinalAction(notice, FinalActionsApi.View(e), options),
                LifecycleKinds.DisputeResolution => WithResolution(notice, e, events.First(d => d.EventId == e.RelatedId)),
                _ => notice,
            };
        return notice;
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
            MoreDetail = approved ? n.MoreDetail : Notice.MoreDetail(o, fa.RecordedAt),
            // The model's recourse answers the model's decline; it says nothing about an underwriter's reasons.
            Recourse = fa.Action == FinalActionKinds.Decline && fa.ModelDecision == DecisionOutcomes.Decline ? n.Recourse : null,
            FinalAction = fa,
            Counteroffer = fa.Counteroffer is { } c ? Counteroffer(c, o) : null,
        };
    }

    private static NoticeResponse WithResolution(NoticeResponse n, LifecycleEvent resolution, LifecycleEvent dispute)
    {
        var r = LifecycleJson.Read<Disputes.ResolutionBody>(resolution.Body);
        var items = LifecycleJson.Read<Disputes.DisputeBody>(dispute.Body).Items.Count;
        var received = dispute.RecordedAt.UtcDateTime.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);
        var wording = $"We reinvestigated the {items} item(s) you disputed on {received}. " + r.Outcome switch
        {
            Disputes.DisputeOutcomes.Verified => "The records were verified as accurate, so the decision stands.",
            Disputes.DisputeOutcomes.Corrected => "The records were corrected, and your application was decided again on the corrected data by the same model that made the original decision: ",
            _ => "The disputed records were deleted from the data we use, and your application was decided again without them by the same model that made the original decision: ",
        };
        if (r.NewDecision is { } d)
            wording += r.DecisionChanged
                ? $"the decision is now {Words(d)}{(r.NewScore is { } s ? $" (score {s.ToString(CultureInfo.InvariantCulture)})" : "")}."
                : $"the decision did not change ({Words(d)}).";
        if (r.Note is { Length: > 0 } note)
            wording += " Our note: " + note;
        var outcome = new Disputes.DisputeOutcomeNotice(dispute.EventId, dispute.RecordedAt, r.Outcome, resolution.RecordedAt, wording,
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
}
