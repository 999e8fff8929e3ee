using CreditAlt.Core.Attributes;

namespace CreditAlt.Core.Scoring;

/// <summary>An attribute that cost the applicant points, before the reason rule (<see cref="ReasonSelection"/>) picks reasons.</summary>
public readonly record struct ReasonCandidate(string Code, string AttributeId, double Value, double PointsLost, string Sentence);

/// <summary>
/// The rule that turns points lost into principal reasons, the same for the champion and the challenger
/// (docs/reason-codes.md): a missing value (no account of a kind, no bank data) is never a reason, because absence is
/// scored as neutral evidence; attributes whose sentences are the same describe one cause and give one reason, with their
/// points added up; a reason must have cost at least <see cref="MinPointsBelowBest"/> points; at most
/// <see cref="Scorecard.MaxReasons"/>, largest first (model order on ties). An adverse decision always gets at least one:
/// when no cause reaches the threshold, the largest one is given; when nothing present cost anything, the reason is how
/// little data there was (<see cref="LimitedData"/>).
/// </summary>
public static class ReasonSelection
{
    /// <value>Points an attribute must have lost against its best ordinary value to be a principal reason. Default 5.</value>
    public const int MinPointsBelowBest = 5;

    /// <summary>
    /// Picks the reasons from <paramref name="candidates"/> (model order; missing values already left out); empty only when
    /// no candidate lost any points, and then the caller gives <see cref="LimitedData"/>.
    /// </summary>
    public static ScoreReason[] Select(List<ReasonCandidate> candidates)
    {
        // One cause, one reason: equal sentences merge (the first attribute in model order names the cause).
        var causes = new List<ReasonCandidate>(candidates.Count);
        foreach (var c in candidates)
        {
            if (!(c.PointsLost > 0)) continue;
            var at = causes.FindIndex(x => string.Equals(x.Sentence, c.Sentence, StringComparison.Ordinal));
            if (at >= 0) causes[at] = causes[at] with { PointsLost = causes[at].PointsLost + c.PointsLost };
            else causes.Add(c);
        }

        if (causes.Count == 0) return [];
        var order = Enumerable.Range(0, causes.Count).OrderByDescending(i => causes[i].PointsLost).ThenBy(i => i).ToArray();
        var chosen = order.Where(i => Round(causes[i].PointsLost) >= MinPointsBelowBest).Take(Scorecard.MaxReasons).ToArray();
        if (chosen.Length == 0) chosen = [order[0]];
        return [.. chosen.Select(i => new ScoreReason(causes[i].Code, causes[i].AttributeId, causes[i].Value, Round(causes[i].PointsLost), causes[i].Sentence))];
    }

    /// <summary>
    /// The reason for a low score that no present attribute explains: how few kinds of obligation the applicant shared
    /// (Regulation B's "limited credit experience"), with the points the neutral missing data left below the best values.
    /// </summary>
    public static ScoreReason LimitedData(ReadOnlySpan<double> catalogueValues, IReadOnlyList<AttributeDefinition> catalogue, int pointsBelowBest)
    {
        var index = -1;
        for (var i = 0; i < catalogue.Count; i++)
            if (catalogue[i].Id == "obligation_type_count") index = i;
        if (index < 0) return new ScoreReason("ALL-TYP", "obligation_type_count", double.NaN, pointsBelowBest, "Too little payment history was shared to reach approval");
        var d = catalogue[index];
        return new ScoreReason(d.ReasonCode, d.Id, catalogueValues[index], pointsBelowBest, d.Reason(catalogueValues[index]));
    }

    /// <summary>The obligation kind an attribute is about (<c>rent</c>, <c>utility</c>, <c>telecom</c>, <c>childcare</c>), or null.</summary>
    public static string? ObligationTypeOf(string attributeId)
    {
        foreach (var type in ObligationKinds)
            if (attributeId.StartsWith(type, StringComparison.Ordinal) && attributeId.Length > type.Length && attributeId[type.Length] == '_')
                return type;
        return null;
    }

    private static readonly string[] ObligationKinds = ["rent", "utility", "telecom", "childcare", "insurance"];

    private static int Round(double points) => (int)Math.Round(points, MidpointRounding.AwayFromZero);
}
