using CreditAlt.Core.Attributes;
using CreditAlt.Core.Scoring;

namespace CreditAlt.Modeling.Binning;

/// <summary>
/// One bin with its counts and, once the totals are known, weight of evidence and information value.
/// Range bins cover <c>[Lower, Upper)</c> (null = unbounded).
/// </summary>
public sealed record BinStats(BinKind Kind, double? Lower, double? Upper, double? Value, double? MinObserved, double? MaxObserved, long Goods, long Bads, double Woe, double InformationValue)
{
    public long Count => Goods + Bads;

    public double BadRate => Count == 0 ? double.NaN : (double)Bads / Count;

    public string Label => Kind switch
    {
        BinKind.Missing => "missing",
        BinKind.Special => $"special {Format(Value)}",
        _ => (Lower, Upper) switch
        {
            (null, null) => "all values",
            (null, { } u) => $"< {Format(u)}",
            ({ } l, null) => $">= {Format(l)}",
            ({ } l, { } u) => $"[{Format(l)}, {Format(u)})",
        },
    };

    private static string Format(double? v) => v?.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture) ?? "";
}

/// <summary>
/// The bins of one attribute: range bins ascending by value, then the missing bin, then one bin per special
/// value. WoE = ln(%good / %bad) — positive means safer than the population. IV = Σ (%good − %bad)·WoE.
/// </summary>
public sealed record AttributeBinning(string AttributeId, RiskDirection Direction, IReadOnlyList<BinStats> Bins)
{
    public double InformationValue => Bins.Sum(b => b.InformationValue);

    /// <summary>The index of the bin a value falls in.</summary>
    public int BinOf(double value)
    {
        var firstRange = -1;
        for (var b = 0; b < Bins.Count; b++)
        {
            var bin = Bins[b];
            switch (bin.Kind)
            {
                case BinKind.Missing when double.IsNaN(value):
                    return b;
                case BinKind.Special when bin.Value == value:
                    return b;
                case BinKind.Range:
                    if (firstRange < 0) firstRange = b;
                    break;
            }
        }

        if (double.IsNaN(value)) throw new InvalidOperationException($"Attribute '{AttributeId}' has no missing bin.");
        var k = firstRange;
        while (k + 1 < Bins.Count && Bins[k + 1].Kind == BinKind.Range && value >= Bins[k + 1].Lower) k++;
        return k;
    }

    public double WoeOf(double value) => Bins[BinOf(value)].Woe;
}
