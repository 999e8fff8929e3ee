using CreditAlt.Core.Applications;
using CreditAlt.Core.Attributes;
using CreditAlt.Core.Scoring;

namespace CreditAlt.Core.Recourse;

/// <summary>
/// One thing that would change the outcome. <see cref="Kind"/> is <c>time</c> (keep paying on time until
/// <see cref="ByDate"/>), <c>amount</c> (move <see cref="Attribute"/> from <see cref="Current"/> to <see cref="Target"/> and
/// hold it for <see cref="Months"/> months) or <c>shareData</c> (share bank cash-flow data). <see cref="Sentence"/> says it in plain words.
/// </summary>
public sealed record RecourseAction(string Kind, string? Attribute, double? Current, double? Target, int? Months, DateOnly? ByDate, string Sentence)
{
    public const string Time = "time";
    public const string Amount = "amount";
    public const string ShareData = "shareData";
}

/// <summary>
/// The machine-readable recourse of a decline or an insufficient-data outcome: whether approval is within reach
/// (<see cref="Reachable"/>: by the time path within 24 months, or by a verified amount path), the first month whose
/// application the model approves under the time-path scenario (<see cref="ApprovedFrom"/>, the as-of date scored) and
/// its score, and the actions. For insufficient data, <see cref="EnoughHistoryFrom"/> and <see cref="DecisionThen"/> say
/// when the history becomes long enough and what the decision would be then. <see cref="Summary"/> holds the sentences a
/// notice prints, in order.
/// </summary>
public sealed record RecoursePlan(
    bool Reachable,
    DateOnly? ApprovedFrom,
    int? ApprovedScore,
    IReadOnlyList<RecourseAction> Actions,
    DateOnly? EnoughHistoryFrom,
    string? DecisionThen,
    IReadOnlyList<string> Summary);

/// <summary>Builds the <see cref="RecoursePlan"/> of a decision: the time path first, then the amount path, then sharing data.</summary>
public static class RecoursePlanner
{
    /// <summary>The plan for a decline or an insufficient-data outcome; null for approve and refer (nothing to recourse).</summary>
    public static RecoursePlan? Plan(Application application, ReadOnlySpan<double> catalogueValues, IDecisionModel model, ScoreAssessment assessment)
    {
        if (assessment.Decision is not (Decision.Decline or Decision.InsufficientData)) return null;
        var actions = new List<RecourseAction>();
        var summary = new List<string>();
        var time = TimePath.Find(application, model);

        DateOnly? enoughFrom = null;
        string? decisionThen = null;
        if (assessment.Decision == Decision.InsufficientData)
        {
            enoughFrom = time.EnoughHistoryFrom;
            decisionThen = time.DecisionThen?.ToWire();
            if (time.EnoughHistoryFrom is { } from)
            {
                var history = AttributeIndex.AllMonthsHistory;
                var minimum = model.Policy.HistoryRequirements.FirstOrDefault()?.Minimum;
                var current = catalogueValues[history];
                actions.Add(new RecourseAction(RecourseAction.Time, AttributeCatalogue.All[history].Id, double.IsNaN(current) ? 0 : current, minimum,
                    time.EnoughHistoryAfterMonths, from,
                    $"Your payment history becomes long enough to be scored in {TimePath.MonthName(from)}; if you keep paying every bill on time, " +
                    $"an application then would get the decision \"{decisionThen}\" under this model."));
                summary.Add(actions[^1].Sentence);
            }
            else
            {
                summary.Add("Even with a payment every month from now on, your history would not become long enough to be scored within 24 months.");
            }
        }

        if (time.ApprovedFrom is { } approvedFrom)
        {
            var sentence = TimePath.Sentence(application, approvedFrom, time.ApprovedAfterMonths!.Value);
            if (assessment.Decision == Decision.Decline)
                actions.Add(new RecourseAction(RecourseAction.Time, null, null, null, time.ApprovedAfterMonths, approvedFrom, sentence));
            else if (time.ApprovedFrom != time.EnoughHistoryFrom)
                actions.Add(new RecourseAction(RecourseAction.Time, null, null, null, time.ApprovedAfterMonths, approvedFrom, sentence));
            if (summary.Count == 0 || time.ApprovedFrom != time.EnoughHistoryFrom) summary.Add(sentence);
        }
        else if (assessment.Decision == Decision.Decline)
        {
            summary.Add($"Even if every bill is paid on time, no application within the next {TimePath.MaxMonths} months would be approved under this model.");
        }

        var amountFound = false;
        if (assessment.Decision == Decision.Decline && AmountPath.Find(catalogueValues, model) is { } amount)
        {
            amountFound = true;
            var parts = new List<string>();
            foreach (var c in amount.Changes)
            {
                var months = AmountPath.MonthsToShow(c.Attribute);
                var by = FutureApplications.AsOfAfter(application.AsOfDate, months);
                var sentence = $"{Capital(c.Attribute.DescribeChange(c.Current, c.Target))}, over the {months} months to {TimePath.MonthName(by)}";
                actions.Add(new RecourseAction(RecourseAction.Amount, c.Attribute.Id, c.Current, c.Target, months, by, sentence));
                parts.Add(sentence);
            }

            summary.Add($"Or, without waiting: {Lower(string.Join("; and ", parts))}. An application with {(parts.Count == 1 ? "this change" : "these changes")} would be approved under this model (score {amount.Score}).");
        }

        if (SharingBankDataCouldHelp(catalogueValues, model, assessment))
        {
            var sentence = "You did not share bank account data. Sharing it could change the result: how money flows through your account can add to your score.";
            actions.Add(new RecourseAction(RecourseAction.ShareData, null, null, null, null, null, sentence));
            summary.Add(sentence);
        }

        return new RecoursePlan(time.ApprovedFrom is not null || amountFound, time.ApprovedFrom, time.ApprovedScore, actions, enoughFrom, decisionThen, summary);
    }

    /// <summary>No bank data was given, and the most the cash-flow attributes could add would change the decision.</summary>
    public static bool SharingBankDataCouldHelp(ReadOnlySpan<double> catalogueValues, IDecisionModel model, ScoreAssessment assessment)
    {
        if (assessment.Decision != Decision.Decline) return false;
        for (var i = 0; i < model.Catalogue.Count; i++)
            if (DecisionModels.IsCashFlow(model.Catalogue[i]) && !double.IsNaN(catalogueValues[i])) return false;
        var best = model.BestScoreWithCashFlow(catalogueValues);
        return model.Policy.Decide(best, true) != Decision.Decline;
    }

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static string Lower(string s) => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..];
}
