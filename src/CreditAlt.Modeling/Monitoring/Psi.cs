namespace CreditAlt.Modeling.Monitoring;

/// <summary>How much a distribution moved, in the usual PSI bands.</summary>
public enum StabilityBand
{
    /// <summary>PSI below 0.1.</summary>
    Stable,

    /// <summary>PSI from 0.1 to 0.25.</summary>
    SomeShift,

    /// <summary>PSI above 0.25.</summary>
    MajorShift,
}

/// <summary>One PSI bin: its label, the counts and (smoothed) shares in both windows and its term of the sum.</summary>
public sealed record PsiBin(string Label, int BaselineCount, int RecentCount, double BaselineShare, double RecentShare, double Contribution);

/// <summary>The population stability index of one variable between a baseline and a recent window.</summary>
public sealed record PsiResult(string Name, double Value, StabilityBand Band, IReadOnlyList<PsiBin> Bins);

/// <summary>
/// Population stability index: PSI = Σ (r − b) · ln(r / b) over bins, with b and r the shares of the
/// baseline and recent windows. Bins come from the baseline alone: its deciles (nearest rank, ties merged,
/// so a variable with few distinct values gets fewer bins), each bin (previous edge, edge], plus one bin for
/// missing values. A share of zero would make the log infinite, so every share below
/// <see cref="Epsilon"/> is raised to it (no renormalisation; the effect on PSI is negligible unless a bin is
/// empty in one window, and then PSI is large, as it should be).
/// </summary>
public static class Psi
{
    /// <value>Smallest share a bin can have in the sum: 0.0001 (one in ten thousand).</value>
    public const double Epsilon = 1e-4;

    /// <value>Below this PSI a distribution is stable.</value>
    public const double SomeShiftFrom = 0.1;

    /// <value>Above this PSI a distribution has shifted materially.</value>
    public const double MajorShiftAbove = 0.25;

    public static StabilityBand BandOf(double psi) =>
        psi < SomeShiftFrom ? StabilityBand.Stable : psi <= MajorShiftAbove ? StabilityBand.SomeShift : StabilityBand.MajorShift;

    /// <summary>
    /// Upper edges of the decile bins of <paramref name="baseline"/> (NaN ignored): the value at nearest rank
    /// ⌈k·n/10⌉ for k = 1..9, duplicates dropped. The last bin is open above.
    /// </summary>
    public static double[] DecileEdges(ReadOnlySpan<double> baseline, int bins = 10)
    {
        var values = new List<double>(baseline.Length);
        foreach (var v in baseline) if (!double.IsNaN(v)) values.Add(v);
        values.Sort();
        var edges = new List<double>(bins - 1);
        if (values.Count == 0) return [];
        for (var k = 1; k < bins; k++)
        {
            var rank = (int)Math.Ceiling((double)k * values.Count / bins);
            var edge = values[Math.Max(0, rank - 1)];
            if (edges.Count == 0 || edge > edges[^1]) edges.Add(edge);
        }

        // An edge at the maximum would leave the open last bin empty in the baseline; drop it.
        if (edges.Count > 0 && edges[^1] >= values[^1]) edges.RemoveAt(edges.Count - 1);
        return [.. edges];
    }

    /// <summary>PSI of <paramref name="recent"/> against <paramref name="baseline"/> with bins from the baseline's deciles.</summary>
    public static PsiResult Compute(string name, ReadOnlySpan<double> baseline, ReadOnlySpan<double> recent) =>
        Compute(name, baseline, recent, DecileEdges(baseline));

    /// <summary>PSI with given upper edges (ascending): bins (−∞, e₁], (e₁, e₂], …, (eₖ, ∞) and missing.</summary>
    public static PsiResult Compute(string name, ReadOnlySpan<double> baseline, ReadOnlySpan<double> recent, double[] edges)
    {
        var b = Count(baseline, edges);
        var r = Count(recent, edges);
        var bins = new List<PsiBin>(edges.Length + 2);
        double psi = 0;
        for (var i = 0; i < b.Length; i++)
        {
            var bs = Math.Max(baseline.Length == 0 ? 0 : (double)b[i] / baseline.Length, Epsilon);
            var rs = Math.Max(recent.Length == 0 ? 0 : (double)r[i] / recent.Length, Epsilon);
            var term = (rs - bs) * Math.Log(rs / bs);
            psi += term;
            bins.Add(new PsiBin(Label(edges, i), b[i], r[i], bs, rs, term));
        }

        return new PsiResult(name, psi, BandOf(psi), bins);
    }

    private static int[] Count(ReadOnlySpan<double> values, double[] edges)
    {
        var counts = new int[edges.Length + 2]; // ranges, then missing
        foreach (var v in values)
        {
            if (double.IsNaN(v))
            {
                counts[^1]++;
                continue;
            }

            // First edge ≥ v; past the last edge means the open top bin.
            var index = Array.BinarySearch(edges, v);
            if (index < 0) index = ~index;
            counts[index]++;
        }

        return counts;
    }

    private static string Label(double[] edges, int bin)
    {
        static string F(double x) => x.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
        if (bin == edges.Length + 1) return "missing";
        if (edges.Length == 0) return "all values";
        if (bin == 0) return $"≤ {F(edges[0])}";
        if (bin == edges.Length) return $"> {F(edges[^1])}";
        return $"({F(edges[bin - 1])}, {F(edges[bin])}]";
    }
}
