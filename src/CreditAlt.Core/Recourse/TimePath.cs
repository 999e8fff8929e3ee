using System.Globalization;
using CreditAlt.Core.Applications;
using CreditAlt.Core.Attributes;
using CreditAlt.Core.Scoring;

namespace CreditAlt.Core.Recourse;

/// <summary>
/// Where the time path leads: the first later month whose application the model approves (<see cref="ApprovedFrom"/>, its
/// as-of date, and the score then), and the first with enough history to be decided at all (for insufficient data).
/// </summary>
public sealed record TimePathResult(
    int? ApprovedAfterMonths,
    DateOnly? ApprovedFrom,
    int? ApprovedScore,
    int? EnoughHistoryAfterMonths,
    DateOnly? EnoughHistoryFrom,
    Decision? DecisionThen,
    int? ScoreThen);

/// <summary>
/// The honest time path: builds the applicant's future applications month by month under the fixed scenario of
/// <see cref="FutureApplications"/>, up to <see cref="MaxMonths"/>, scores each with the model, and stops at the first
/// approval. Nothing is extrapolated: every month reported is a month that was scored.
/// </summary>
public static class TimePath
{
    /// <value>How far ahead the time path looks. 24 months.</value>
    public const int MaxMonths = 24;

    public static TimePathResult Find(Application application, IDecisionModel model, int maxMonths = MaxMonths)
    {
        var future = new FutureApplications(application);
        Span<double> values = stackalloc double[AttributeCatalogue.Count];
        int? enoughAfter = null;
        DateOnly? enoughFrom = null;
        Decision? decisionThen = null;
        int? scoreThen = null;
        for (var k = 1; k <= maxMonths; k++)
        {
            var next = future.Advance();
            AttributeCalculator.Compute(next, values);
            if (!model.HasSufficientHistory(values)) continue;
            var score = model.Score(values);
            var decision = model.Policy.Decide(score, true);
            if (enoughAfter is null)
            {
                (enoughAfter, enoughFrom, decisionThen, scoreThen) = (k, next.AsOfDate, decision, score);
            }

            if (decision == Decision.Approve)
                return new TimePathResult(k, next.AsOfDate, score, enoughAfter, enoughFrom, decisionThen, scoreThen);
        }

        return new TimePathResult(null, null, null, enoughAfter, enoughFrom, decisionThen, scoreThen);
    }

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>"March 2027".</summary>
    public static string MonthName(DateOnly date) => date.ToString("MMMM yyyy", Inv);

    /// <summary>
    /// The plain-words sentence of a time path that reached approval, naming the late payments that leave the 12-month (or
    /// else the 24-month) window by then: "If you keep paying every bill on time, an application from March 2027 would be
    /// approved under this model: your late payments of February 2026 leave the 12-month window then."
    /// </summary>
    public static string Sentence(Application application, DateOnly approvedFrom, int months)
    {
        var head = $"If you keep paying every bill on time, an application from {MonthName(approvedFrom)} would be approved under this model";
        foreach (var window in new[] { 12, 24 })
        {
            var leaving = LateMonthsLeaving(application, approvedFrom, window);
            if (leaving.Count > 0)
                return $"{head}: your late {(leaving.Count == 1 && leaving[0].Count == 1 ? "payment" : "payments")} of {JoinMonths(leaving.Select(l => l.Month).ToList())} " +
                    $"{(leaving.Count == 1 && leaving[0].Count == 1 ? "leaves" : "leave")} the {window}-month window then.";
        }

        return $"{head}: by then your record would show {months} more {(months == 1 ? "month" : "months")} of on-time payments.";
    }

    /// <summary>Months of payments 30 or more days late (as of the application date) that are inside the window now and outside it at <paramref name="later"/>.</summary>
    public static List<(DateOnly Month, int Count)> LateMonthsLeaving(Application application, DateOnly later, int windowMonths)
    {
        var asOf = application.AsOfDate;
        var fromNow = asOf.AddMonths(-windowMonths);
        var fromLater = later.AddMonths(-windowMonths);
        var months = new SortedDictionary<DateOnly, int>();
        foreach (var account in application.Obligations)
        {
            foreach (var p in account.Payments)
            {
                var due = p.DueDate;
                if (due <= fromNow || due > fromLater || due > asOf) continue;
                var late = p.PaidDate is { } paid ? paid.DayNumber - due.DayNumber >= 30 : asOf.DayNumber - due.DayNumber >= 30;
                if (!late) continue;
                var month = new DateOnly(due.Year, due.Month, 1);
                months[month] = months.GetValueOrDefault(month) + 1;
            }
        }

        return [.. months.Select(m => (m.Key, m.Value))];
    }

    private static string JoinMonths(List<DateOnly> months)
    {
        // "November 2025 and February 2026"; "January, March and May 2026" when the year is shared.
        var sameYear = months.All(m => m.Year == months[0].Year);
        var names = months.Select(m => sameYear ? m.ToString("MMMM", Inv) : MonthName(m)).ToList();
        var joined = names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];
        return sameYear ? $"{joined} {months[0].Year.ToString(Inv)}" : joined;
    }
}
