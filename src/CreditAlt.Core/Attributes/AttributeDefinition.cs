namespace CreditAlt.Core.Attributes;

/// <summary>Which way an attribute moves risk: the direction in which a larger value makes default more likely.</summary>
public enum RiskDirection
{
    /// <summary>A larger value means more risk (e.g. count of late payments).</summary>
    HigherIsRiskier,

    /// <summary>A larger value means less risk (e.g. on-time share).</summary>
    LowerIsRiskier,
}

/// <summary>Who or what can change an attribute's value, which decides whether recourse may offer it as a lever.</summary>
public enum Actionability
{
    /// <summary>The applicant can change it by paying differently or managing the account (offered as a lever).</summary>
    Actionable,

    /// <summary>Only the passage of time changes it (months of history); never offered as a lever.</summary>
    OnlyTime,
}

/// <summary>What an attribute's number measures, which decides how a value is written and rounded for people.</summary>
public enum AttributeValueKind
{
    /// <summary>A plain number with no unit (attributes from arbitrary tables); recourse targets are not rounded.</summary>
    Number,

    /// <summary>A share or ratio written as a percentage (0.93 → "93%").</summary>
    Share,

    /// <summary>An amount of money in currency units ("$8,200").</summary>
    Money,

    /// <summary>A whole count of payments, items or types.</summary>
    Count,

    /// <summary>A whole number of months.</summary>
    Months,
}

/// <summary>
/// A value with a meaning of its own that must not be binned with ordinary numbers,
/// e.g. "never late" for months-since-last-late. It gets its own bin.
/// </summary>
public sealed record SpecialValue(double Value, string Label);

/// <summary>
/// One attribute of the catalogue: a stable id, what it means, the window it looks at, the
/// direction in which it raises risk, and how to say in a sentence what this applicant's value was.
/// Values are doubles; <see cref="double.NaN"/> means missing (no account of the type, no cash-flow data).
/// </summary>
public sealed record AttributeDefinition(
    string Id,
    string ReasonCode,
    string Description,
    string Window,
    RiskDirection Direction,
    Actionability Actionability,
    IReadOnlyList<SpecialValue> SpecialValues,
    string ReasonTemplate,
    string MissingReason,
    Func<double, string> DescribeValue,
    Func<double, double, string> DescribeChange)
{
    /// <summary>What the value measures (a share, money, a count, months); recourse rounds its targets accordingly.</summary>
    /// <value><see cref="AttributeValueKind.Number"/> unless the catalogue says otherwise.</value>
    public AttributeValueKind Kind { get; init; } = AttributeValueKind.Number;

    /// <summary>The adverse-action sentence for this applicant's value (missing and special values have their own wording).</summary>
    public string Reason(double value)
    {
        if (double.IsNaN(value)) return MissingReason;
        return DescribeValue(value);
    }

    public bool IsSpecial(double value)
    {
        foreach (var special in SpecialValues)
            if (special.Value.Equals(value)) return true;
        return false;
    }
}
