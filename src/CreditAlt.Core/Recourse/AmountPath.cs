using System.Globalization;
using CreditAlt.Core.Attributes;
using CreditAlt.Core.Scoring;

namespace CreditAlt.Core.Recourse;

/// <summary>One verified change of one lever: from the applicant's value to a target inside the approved band.</summary>
public sealed record AmountChange(int CatalogueIndex, AttributeDefinition Attribute, double Current, double Target, double PercentileShift);

/// <summary>The cheapest verified amount path: its changes (one or two) and the score it gives.</summary>
public sealed record AmountPathResult(IReadOnlyList<AmountChange> Changes, int Score, double TotalShift);

/// <summary>
/// Amount paths, realistic only. A lever is an actionable attribute the model has an <see cref="ApprovedDistribution"/>
/// for (the cash-flow levers: obligation burden, balance kept, net flow, …; payment-history attributes are not levers,
/// because past payments cannot change, only time moves them). Its targets are the 10th, 15th, …, 90th percentiles of
/// approved applicants that are better than the applicant's value, rounded to a human amount that stays inside the band
/// (<see cref="RecourseTarget"/>). The cost of a change is the shift in approved applicants' percentiles (Ustun, Spangher
/// &amp; Liu 2019); the search tries one lever and every pair, in order of total cost (one lever first on ties), and the
/// first combination the model approves when the changed values are scored is the answer.
/// </summary>
public static class AmountPath
{
    /// <value>At most this many levers change at once. 2.</value>
    public const int MaxLevers = 2;

    private sealed record Candidate(double Target, double Cost);

    private sealed record Lever(int Index, AttributeDefinition Attribute, double Current, Candidate[] Candidates);

    /// <summary>
    /// One lever's candidate (<see cref="SecondLever"/> -1), or a pair's. Plans are tried in order of total cost rounded to 9
    /// decimals, one lever before two on ties, then in the order they were listed (<see cref="Order"/>): singles lever by
    /// lever, then pairs.
    /// </summary>
    private readonly record struct Plan(double Cost, int Order, int FirstLever, int FirstPick, int SecondLever, int SecondPick) : IComparable<Plan>
    {
        public int Levers => SecondLever < 0 ? 1 : 2;

        public int CompareTo(Plan other)
        {
            var byCost = Math.Round(Cost, 9).CompareTo(Math.Round(other.Cost, 9));
            if (byCost != 0) return byCost;
            var byLevers = Levers.CompareTo(other.Levers);
            return byLevers != 0 ? byLevers : Order.CompareTo(other.Order);
        }
    }

    public static AmountPathResult? Find(ReadOnlySpan<double> catalogueValues, IDecisionModel model)
    {
        var levers = Levers(catalogueValues, model);
        var plans = new List<Plan>();
        // Plans that cannot reach approval whatever their targets (the model's bound says so) are left out: the first
        // approved plan in cost order is the same, and most declines have no plan at all, so the search is far shorter.
        var approveAt = model.Policy.ApproveAt;
        for (var a = 0; a < levers.Count; a++)
            if (model.HighestScoreChanging(catalogueValues, levers[a].Index, -1) >= approveAt)
                for (var ca = 0; ca < levers[a].Candidates.Length; ca++)
                    plans.Add(new Plan(levers[a].Candidates[ca].Cost, plans.Count, a, ca, -1, -1));
        for (var a = 0; a < levers.Count; a++)
            for (var b = a + 1; b < levers.Count; b++)
                if (model.HighestScoreChanging(catalogueValues, levers[a].Index, levers[b].Index) >= approveAt)
                    for (var ca = 0; ca < levers[a].Candidates.Length; ca++)
                        for (var cb = 0; cb < levers[b].Candidates.Length; cb++)
                            plans.Add(new Plan(levers[a].Candidates[ca].Cost + levers[b].Candidates[cb].Cost, plans.Count, a, ca, b, cb));
        plans.Sort();

        var trial = catalogueValues.ToArray();
        foreach (var plan in plans)
        {
            var first = levers[plan.FirstLever];
            var second = plan.SecondLever < 0 ? null : levers[plan.SecondLever];
            trial[first.Index] = first.Candidates[plan.FirstPick].Target;
            if (second is not null) trial[second.Index] = second.Candidates[plan.SecondPick].Target;
            var score = model.Score(trial);
            var approved = model.Policy.Decide(score, model.HasSufficientHistory(trial)) == Decision.Approve;
            trial[first.Index] = first.Current;
            if (second is not null) trial[second.Index] = second.Current;
            if (!approved) continue;
            var changes = new List<AmountChange> { Change(first, plan.FirstPick) };
            if (second is not null) changes.Add(Change(second, plan.SecondPick));
            return new AmountPathResult(changes, score, plan.Cost);
        }

        return null;
    }

    private static AmountChange Change(Lever lever, int pick) =>
        new(lever.Index, lever.Attribute, lever.Current, lever.Candidates[pick].Target, lever.Candidates[pick].Cost);

    private static List<Lever> Levers(ReadOnlySpan<double> values, IDecisionModel model)
    {
        var levers = new List<Lever>();
        foreach (var distribution in model.ApprovedDistributions)
        {
            var index = -1;
            for (var i = 0; i < model.Catalogue.Count; i++)
                if (model.Catalogue[i].Id == distribution.AttributeId) index = i;
            if (index < 0) continue;
            var attribute = model.Catalogue[index];
            var current = values[index];
            if (attribute.Actionability != Actionability.Actionable || double.IsNaN(current) || attribute.IsSpecial(current)) continue;
            var upward = attribute.Direction == RiskDirection.LowerIsRiskier;
            double lo = distribution.P10, hi = distribution.P90;
            bool Better(double v) => upward ? v > current : v < current;
            bool InBand(double v) => v >= lo && v <= hi;
            var rank = distribution.Rank(current);
            var candidates = new List<Candidate>();
            for (var k = 2; k <= 18; k++)
            {
                var edge = distribution.Percentiles[k];
                if (!Better(edge)) continue;
                // Rounded in the demanding direction (higher when higher is better), so the round amount asks no less.
                var target = RecourseTarget.Round(edge, upward, attribute.Kind, v => InBand(v) && Better(v));
                if (!InBand(target) || !Better(target)) target = edge;
                if (candidates.Any(c => c.Target == target)) continue;
                candidates.Add(new Candidate(target, Math.Abs(distribution.Rank(target) - rank) * 100));
            }

            if (candidates.Count > 0) levers.Add(new Lever(index, attribute, current, [.. candidates]));
        }

        return levers;
    }

    /// <summary>How many months a change must hold to show in the attribute: the longest window it looks at ("3 and 6 months" → 6).</summary>
    public static int MonthsToShow(AttributeDefinition attribute)
    {
        var months = 0;
        foreach (var word in attribute.Window.Split(' '))
            if (int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var m)) months = Math.Max(months, m);
        return months == 0 ? 1 : months;
    }
}
