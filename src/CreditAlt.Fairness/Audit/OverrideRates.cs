using CreditAlt.Fairness.Statistics;

namespace CreditAlt.Fairness.Audit;

/// <summary>
/// One group's counts for the override rates (weighted when the groups are proxies): of the decisions the model approved,
/// how many a person turned down (<see cref="Down"/>: final decline or counteroffer); of those it did not approve (decline,
/// refer, insufficient data), how many a person approved (<see cref="Up"/>).
/// </summary>
/// <param name="Group">The group; null for decisions without a demographics row for the attribute.</param>
public sealed record OverrideCell(string? Group, double ModelApproved, double Down, double ModelNotApproved, double Up);

/// <summary>One direction's override rate for one group, with its Wilson interval and the comparison with the control group.</summary>
/// <param name="Eligible">Decisions the model made in the direction's starting state (approved for down, not approved for up).</param>
/// <param name="Overrides">Of those, the ones a person's final action moved the other way.</param>
/// <param name="Ratio">Rate over the control group's rate; null for the control itself, missing groups, or a control rate of 0.</param>
/// <param name="PValue">Fisher's exact test (chi-square for very large tables) of the group against the control; null where not compared.</param>
public sealed record OverrideRate(double Eligible, double Overrides, double? Rate, double CiLow, double CiHigh, double? Ratio, double? PValue, TwoByTwoTest? Test);

/// <summary>One group's up and down override rates.</summary>
public sealed record OverrideGroup(string Group, bool IsControl, bool IsMissing, OverrideRate Up, OverrideRate Down);

/// <summary>Override rates of one attribute's groups, compared with the same control group as the rest of the audit.</summary>
public sealed record OverrideAttribute(string Attribute, string? Control, IReadOnlyList<OverrideGroup> Groups);

/// <summary>
/// Override rates by group: where a person's final action differs from the model's decision. Overrides are where human
/// judgement, and so human bias, enters; examiners ask for them. <b>Up</b>: the model declined, referred or could not score
/// and the final action approved. <b>Down</b>: the model approved and the final action declined or made a counteroffer.
/// </summary>
public sealed record OverrideRates(IReadOnlyList<OverrideAttribute> Attributes)
{
    /// <summary>The label of decisions without a demographics row for the attribute.</summary>
    public const string MissingLabel = "(missing)";

    /// <summary>
    /// Rates per group of <paramref name="cells"/> (attribute name to its groups' counts), with each attribute's control taken
    /// from <paramref name="report"/> (its reference group, pooling its control members).
    /// </summary>
    public static OverrideRates Compute(IReadOnlyDictionary<string, IReadOnlyList<OverrideCell>> cells, AuditReport report)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(report);
        var attributes = new List<OverrideAttribute>();
        foreach (var (attribute, groups) in cells)
        {
            var result = report.Attributes.FirstOrDefault(a => a.Attribute == attribute && !a.IsIntersection);
            var members = result?.Reference is null ? [] : result.ControlMembers.Count > 0 ? result.ControlMembers : [result.Reference];
            var inControl = groups.Where(g => g.Group is not null && members.Contains(g.Group)).ToList();
            var control = inControl.Count == 0
                ? null
                : new OverrideCell(result!.Reference, inControl.Sum(g => g.ModelApproved), inControl.Sum(g => g.Down), inControl.Sum(g => g.ModelNotApproved), inControl.Sum(g => g.Up));
            var rows = new List<OverrideGroup>();
            if (control is not null && inControl.Count > 1)
                rows.Add(Row(control, control, isControl: true));
            foreach (var g in groups.OrderBy(g => g.Group is null).ThenBy(g => g.Group, StringComparer.Ordinal))
                rows.Add(Row(g, control, isControl: control is not null && g.Group is not null && members.Contains(g.Group) && inControl.Count == 1));
            attributes.Add(new OverrideAttribute(attribute, control?.Group, rows));
        }

        return new OverrideRates(attributes);
    }

    private static OverrideGroup Row(OverrideCell g, OverrideCell? control, bool isControl)
    {
        var compare = control is not null && !isControl && g.Group is not null && g.Group != control.Group;
        return new OverrideGroup(g.Group ?? MissingLabel, isControl || (control is not null && g.Group == control.Group), g.Group is null,
            Rate(g.ModelNotApproved, g.Up, compare ? (control!.ModelNotApproved, control.Up) : null),
            Rate(g.ModelApproved, g.Down, compare ? (control!.ModelApproved, control.Down) : null));
    }

    private static OverrideRate Rate(double eligible, double overrides, (double Eligible, double Overrides)? control)
    {
        var ci = Proportion.Wilson(overrides, eligible);
        double? rate = eligible > 0 ? overrides / eligible : null;
        if (control is not { } c || eligible <= 0 || c.Eligible <= 0)
            return new OverrideRate(eligible, overrides, rate, ci.Low, ci.High, null, null, null);
        var controlRate = c.Overrides / c.Eligible;
        // Fractional (proxy) counts are rounded for the exact test, as the rest of the audit does for its 2x2 tables.
        static long Round(double v) => (long)Math.Round(v, MidpointRounding.AwayFromZero);
        var test = TwoByTwo.Test(Round(overrides), Round(eligible - overrides), Round(c.Overrides), Round(c.Eligible - c.Overrides));
        return new OverrideRate(eligible, overrides, rate, ci.Low, ci.High, controlRate > 0 ? rate / controlRate : null, test.PValue, test.Test);
    }
}
