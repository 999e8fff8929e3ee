using CreditAlt.Modeling.Evaluation;

namespace CreditAlt.Modeling.Monitoring;

/// <summary>What a monitoring figure says: nothing to do, look at it, or act (page someone).</summary>
public enum MonitoringStatus
{
    Ok,
    Warn,
    Alert,
}

/// <summary>The thresholds <c>creditalt monitor</c> applies, with their documented defaults (docs/monitoring.md).</summary>
public sealed record MonitoringThresholds
{
    /// <value>PSI at or above which a variable is a warning. Default 0.10.</value>
    public double PsiWarn { get; init; } = 0.10;

    /// <value>PSI at or above which a variable is an alert. Default 0.25.</value>
    public double PsiAlert { get; init; } = 0.25;

    /// <value>Bootstrap resamples behind the baseline AUC's interval. Default 1,000.</value>
    public int BootstrapResamples { get; init; } = Bootstrap.DefaultResamples;

    /// <value>Seed of the bootstrap. Default 7.</value>
    public int Seed { get; init; } = 7;

    public MonitoringStatus PsiStatus(double psi) => psi >= PsiAlert ? MonitoringStatus.Alert : psi >= PsiWarn ? MonitoringStatus.Warn : MonitoringStatus.Ok;
}

/// <summary>One row of the status table: which figure, its value, the rule it was held to, and the verdict.</summary>
public sealed record MonitoringCheck(string Figure, string Value, string Rule, MonitoringStatus Status);

/// <summary>
/// Calibration-in-the-large of one window: the mean predicted PD against the observed bad rate and its Wilson 95 %
/// interval; an alert when the prediction lies outside the interval.
/// </summary>
public sealed record CalibrationCheck(string Window, int Applicants, int Bads, double MeanPredicted, double ObservedRate, Interval ObservedInterval, MonitoringStatus Status);

/// <summary>One bin of a characteristic stability index: the scorecard bin, its points, the shares in both windows and its term.</summary>
public sealed record CsiBin(string Label, int Points, double BaselineShare, double RecentShare, double Contribution);

/// <summary>
/// Characteristic stability of one scorecard attribute: CSI = Σ (recent share − baseline share) · points over the
/// attribute's bins, i.e. how many points the average applicant gained (positive) or lost from this attribute.
/// </summary>
public sealed record CsiResult(string Name, double Value, IReadOnlyList<CsiBin> Bins);

/// <summary>Characteristic stability index computation.</summary>
public static class Csi
{
    /// <summary>
    /// CSI of one attribute; <paramref name="binOf"/> maps a value to its bin index, label and points (missing values
    /// go to the scorecard's missing bin like any other).
    /// </summary>
    public static CsiResult Compute(string name, ReadOnlySpan<double> baseline, ReadOnlySpan<double> recent, Func<double, (int Bin, string Label, int Points)> binOf)
    {
        var bins = new SortedDictionary<int, (string Label, int Points, int Baseline, int Recent)>();
        foreach (var v in baseline) Add(v, baselineSide: true);
        foreach (var v in recent) Add(v, baselineSide: false);
        var list = new List<CsiBin>(bins.Count);
        double csi = 0;
        foreach (var (_, b) in bins)
        {
            var bs = baseline.Length == 0 ? 0 : (double)b.Baseline / baseline.Length;
            var rs = recent.Length == 0 ? 0 : (double)b.Recent / recent.Length;
            var term = (rs - bs) * b.Points;
            csi += term;
            list.Add(new CsiBin(b.Label, b.Points, bs, rs, term));
        }

        return new CsiResult(name, csi, list);

        void Add(double v, bool baselineSide)
        {
            var (bin, label, points) = binOf(v);
            bins.TryGetValue(bin, out var e);
            bins[bin] = (label, points, e.Baseline + (baselineSide ? 1 : 0), e.Recent + (baselineSide ? 0 : 1));
        }
    }
}
