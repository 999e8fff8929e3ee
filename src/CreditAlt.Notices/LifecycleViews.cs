using System.Globalization;
using CreditAlt.Data.Ledger;
using CreditAlt.Data.Lifecycle;

namespace CreditAlt.Notices;

/// <summary>Lifecycle events of the ledger read back as the views the API answers and the notice prints.</summary>
public static class LifecycleViews
{
    /// <summary>How many days the lender's default notice of incompleteness gives the applicant.</summary>
    public const int DefaultRespondDays = 30;

    public const string DefaultMissing =
        "At least 6 months of payment history for an obligation you pay every month (rent, utilities, telephone, childcare or insurance), or bank account statements for the last 6 months";

    public static FinalActionView FinalAction(LifecycleEvent e)
    {
        var b = LifecycleJson.Read<FinalActionBody>(e.Body);
        return new FinalActionView(e.EventId, e.DecisionId, b.Action, b.Reasons, b.UnderwriterId, b.Note, b.Counteroffer, e.RelatedId,
            b.ModelDecision, b.Override, b.OverrideDirection, e.RecordedAt);
    }

    public static IncompletenessView Incompleteness(LifecycleEvent e)
    {
        var b = LifecycleJson.Read<IncompletenessBody>(e.Body);
        return new IncompletenessView(e.EventId, e.DecisionId, b.Missing, b.RespondBy, e.RecordedAt, false);
    }

    /// <summary>The default notice for a lender that sends incompleteness notices by default, dated from the decision.</summary>
    public static IncompletenessView DefaultIncompleteness(LedgerEntry e) =>
        new("default", e.DecisionId, [DefaultMissing], DateOnly.FromDateTime(e.RecordedAt.UtcDateTime).AddDays(DefaultRespondDays), e.RecordedAt, true);

    /// <summary>The C-6 paragraph: the information needed, the period to provide it, and the consequence of not providing it (§1002.9(c)(2)).</summary>
    public static string IncompletenessWording(IncompletenessView v, NoticeOptions o) =>
        "Thank you for your application for credit. Your application is incomplete: we need the information listed below before we can decide on it. " +
        $"Please send it to {o.CreditorName}, {o.CreditorAddress}, email {o.ContactEmail} or call {o.ContactPhone}, by " +
        $"{v.RespondBy.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture)}. If we do not receive it by that date, your application will not be considered further.";
}
