using System.Globalization;

namespace CreditAlt.Fairness.Reports;

/// <summary>Number formatting for the human-readable reports (invariant culture, fixed rules).</summary>
internal static class Format
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Percent(double x) => double.IsNaN(x) ? "–" : (x * 100).ToString("0.0", C) + " %";

    public static string Points(double x) => double.IsNaN(x) ? "–" : (x * 100).ToString("+0.0;−0.0;0.0", C);

    public static string Ratio(double? x) => x is null || double.IsNaN(x.Value) ? "–" : x.Value.ToString("0.000", C);

    public static string Decimal(double? x, string format = "0.00") => x is null || double.IsNaN(x.Value) ? "–" : x.Value.ToString(format, C).Replace("-", "−", StringComparison.Ordinal);

    public static string P(double? p) => p switch
    {
        null => "–",
        double v when double.IsNaN(v) => "–",
        < 0.0001 => "< 0.0001",
        double v => v.ToString("0.0000", C),
    };

    /// <summary>Whole counts with thousands separators; expected (fractional) counts with one decimal.</summary>
    public static string Count(double x) => Math.Abs(x - Math.Round(x)) < 1e-9 ? x.ToString("#,0", C) : x.ToString("#,0.0", C);

    public static string Integer(long x) => x.ToString("#,0", C);
}
