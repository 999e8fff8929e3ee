namespace CreditAlt.Fairness.Tests;

/// <summary>Assertions on doubles to a relative tolerance (reference values come from independent computations).</summary>
internal static class Close
{
    public static void Equal(double expected, double? actual, double relative = 1e-12)
    {
        Assert.NotNull(actual);
        double tolerance = relative * Math.Max(1e-300, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual.Value) <= tolerance, $"expected {expected:R}, got {actual.Value:R} (relative tolerance {relative})");
    }
}
