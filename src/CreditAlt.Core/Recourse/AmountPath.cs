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

    public static AmountPathResult? Find(ReadOnlySpan<double> catalogueValues, IDecisionModel model)
    {
        var levers = Levers(catalogueValues, model);
        var plans = new List<(double Cost, Lever[] Levers, Candidate[] Picks)>();
        foreach (var l in levers)
            foreach (var c in l.Candidates)
                plans.Add((c.Cost, [l], [c]));
        for (var a = 0; a < levers.Count; a++)
            for (var b = a + 1; b < levers.Count; b++)
                foreach (var ca in levers[a].Candidates)
                    foreach (var cb in levers[b].Candidates)
                        plans.Add((ca.Cost + cb.Cost, [levers[a], levers[b]], [ca, cb]));

        var trial = catalogueValues.ToArray();
        foreach (var plan in plans.OrderBy(p => Math.Round(p.Cost, 9)).ThenBy(p => p.Levers.Length))
        {
            for (var s = 0; s < plan.Levers.Length; s++) trial[plan.Levers[s].Index] = plan.Picks[s].Target;
            var score = model.Score(trial);
            var approved = model.Policy.Decide(score, model.HasSufficientHistory(trial)) == Decision.Approve;
            for (var s = 0; s < plan.Levers.Length; s++) trial[plan.Levers[s].Index] = plan.Levers[s].Current;
            if (!approved) continue;
            var changes = plan.Levers.Select((l, s) => new AmountChange(l.Index, l.Attribute, l.Current, plan.Picks[s].Target, plan.Picks[s].Cost)).ToArray();
            return new AmountPathResult(changes, score, plan.Cost);
        }

        return null;
    }

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
