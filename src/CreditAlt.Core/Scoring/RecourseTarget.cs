using CreditAlt.Core.Attributes;

namespace CreditAlt.Core.Scoring;

/// <summary>
/// Turns a recourse target taken from a bin's edge (the nearest value training data showed there, such as 8191.08 or
/// 0.9230769) into a value a person can act on: rounded to a human amount in the direction that still lands in the
/// target bin ($8,200; 93%), and only as fine as it must be when the bin is narrow (91.7%). Money keeps two significant
/// figures at first (whole currency units at least), shares whole percentage points, counts and months whole numbers.
/// </summary>
public static class RecourseTarget
{
    /// <summary>
    /// The roundest value at or beyond <paramref name="edge"/> (above it when <paramref name="upward"/>, else below) that
    /// <paramref name="inTargetBin"/> accepts; <paramref name="edge"/> itself when no rounding does.
    /// </summary>
    public static double Round(double edge, bool upward, AttributeValueKind kind, Func<double, bool> inTargetBin)
    {
        if (!double.IsFinite(edge) || Math.Abs(edge) >= 1e15 || edge == 0) return edge;
        foreach (var step in Steps(edge, kind))
        {
            // In decimal, so that 93 steps of 0.01 are 0.93 and not 0.9300000000000001.
            var units = (decimal)edge / step;
            units = upward ? decimal.Ceiling(units) : decimal.Floor(units);
            var rounded = (double)(units * step);
            if (inTargetBin(rounded)) return rounded;
            // An exclusive upper bound that is itself round (fewer than 5, given as 5): one step further in.
            var further = (double)((units - 1) * step);
            if (!upward && inTargetBin(further)) return further;
        }

        return edge;
    }

    private static IEnumerable<decimal> Steps(double edge, AttributeValueKind kind)
    {
        switch (kind)
        {
            case AttributeValueKind.Money:
                // Two significant figures (8191.08 → 8,200), then finer down to whole units, then cents.
                var magnitude = (int)Math.Floor(Math.Log10(Math.Abs(edge)));
                for (var power = magnitude - 1; power >= 0; power--) yield return Pow10(power);
                if (magnitude < 1) yield return 1m;
                yield return 0.01m;
                break;
            case AttributeValueKind.Share:
                yield return 0.01m;   // whole percentage points
                yield return 0.001m;  // tenths of one
                break;
            case AttributeValueKind.Count:
            case AttributeValueKind.Months:
                yield return 1m;
                break;
        }
    }

    private static decimal Pow10(int power)
    {
        var result = 1m;
        for (var i = 0; i < power; i++) result *= 10;
        return result;
    }
}
