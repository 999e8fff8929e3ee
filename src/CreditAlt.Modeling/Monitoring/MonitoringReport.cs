using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CreditAlt.Modeling.Evaluation;

namespace CreditAlt.Modeling.Monitoring;

/// <summary>One window's scores and attribute values (catalogue order, NaN = missing), with outcomes where known.</summary>
/// <param name="Name">"baseline" or "recent" (or a period label).</param>
/// <param name="Scores">Score of every applicant on the published scale (higher = less risk).</param>
/// <param name="Attributes">Attribute columns: <c>Attributes[a][i]</c> is attribute a of applicant i.</param>
/// <param name="Bad">Outcome of every applicant (true = defaulted), or null when the window has no outcomes yet.</param>
public sealed record MonitoringWindow(string Name, double[] Scores, double[][] Attributes, bool[]? Bad)
{
    /// <summary>Each applicant's predicted probability of default (null when not known: no calibration check).</summary>
    public double[]? ProbabilityOfDefault { get; init; }

    /// <summary>Which applicants count in the discrimination and calibration checks (enough history for a decision); null = all.</summary>
    public bool[]? Evaluated { get; init; }
}

/// <summary>AUC, Gini and KS of the score in one window (risk = lower score).</summary>
public sealed record WindowPerformance(string Window, int Applicants, int Bads, double? Auc, double? Gini, double? Ks)
{
    /// <summary>Bootstrap 95 % intervals of AUC, Gini and KS.</summary>
    public BootstrapIntervals? Intervals { get; init; }
}

/// <summary>Population stability of a model's score and attributes between two windows, and its discrimination where outcomes exist.</summary>
public sealed record MonitoringReport(
    string ModelId,
    string ModelVersion,
    int BaselineApplicants,
    int RecentApplicants,
    PsiResult Score,
    IReadOnlyList<PsiResult> Attributes,
    IReadOnlyList<WindowPerformance> Performance)
{
    /// <summary>The worst status of any check: what the command's exit code says.</summary>
    public MonitoringStatus Status => Checks.Count == 0 ? MonitoringStatus.Ok : Checks.Max(c => c.Status);

    /// <summary>Every figure held to a threshold, with its status.</summary>
    public IReadOnlyList<MonitoringCheck> Checks { get; init; } = [];

    /// <summary>The thresholds applied.</summary>
    public MonitoringThresholds Thresholds { get; init; } = new();

    /// <summary>Attributes the model reads (their PSI counts in the status; the others are shown for information).</summary>
    public IReadOnlyList<string> ModelAttributes { get; init; } = [];

    /// <summary>Characteristic stability in points of each scorecard attribute (empty for a model without bins and points).</summary>
    public IReadOnlyList<CsiResult> Csi { get; init; } = [];

    /// <summary>Calibration-in-the-large of each window with outcomes and predicted PDs.</summary>
    public IReadOnlyList<CalibrationCheck> Calibration { get; init; } = [];
}

/// <summary>What the model contributes to monitoring beyond its scores: which attributes it reads, and its points per bin (scorecards).</summary>
/// <param name="ModelAttributes">Catalogue ids the model reads; null = every attribute.</param>
/// <param name="Points">Per catalogue attribute index, the bin, label and points of a value (scorecards only; null otherwise).</param>
public sealed record MonitoredModel(IReadOnlyList<string>? ModelAttributes, IReadOnlyDictionary<int, Func<double, (int Bin, string Label, int Points)>>? Points);

/// <summary>Builds and writes monitoring reports (<c>monitoring.json</c>, <c>monitoring.md</c>).</summary>
public static class MonitoringReports
{
    public const string JsonFile = "monitoring.json";
    public const string MarkdownFile = "monitoring.md";
    public const string HtmlFile = "monitoring.html";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        NewLine = "\n",
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static MonitoringReport Build(string modelId, string modelVersion, IReadOnlyList<string> attributeIds, MonitoringWindow baseline, MonitoringWindow recent,
        MonitoredModel? model = null, MonitoringThresholds? thresholds = null)
    {
        thresholds ??= new MonitoringThresholds();
        if (baseline.Attributes.Length != attributeIds.Count || recent.Attributes.Length != attributeIds.Count)
            throw new ArgumentException($"Expected {attributeIds.Count} attribute columns in each window.");
        var attributes = new PsiResult[attributeIds.Count];
        for (var a = 0; a < attributes.Length; a++)
            attributes[a] = Psi.Compute(attributeIds[a], baseline.Attributes[a], recent.Attributes[a]);
        var performance = new List<WindowPerformance>();
        var calibration = new List<CalibrationCheck>();
        foreach (var w in new[] { baseline, recent })
        {
            if (w.Bad is not { } bad) continue;
            var keep = Enumerable.Range(0, bad.Length).Where(i => w.Evaluated?[i] ?? true).ToArray();
            var keptBad = keep.Select(i => bad[i]).ToArray();
            performance.Add(Performance(w.Name, [.. keep.Select(i => w.Scores[i])], keptBad, thresholds));
            if (w.ProbabilityOfDefault is { } pd && keep.Length > 0)
            {
                var bads = keptBad.Count(b => b);
                var mean = keep.Average(i => pd[i]);
                var interval = StandardNormal.Wilson(bads, keep.Length)!;
                calibration.Add(new CalibrationCheck(w.Name, keep.Length, bads, mean, (double)bads / keep.Length, interval,
                    interval.Contains(mean) ? MonitoringStatus.Ok : MonitoringStatus.Alert));
            }
        }

        var inModel = model?.ModelAttributes ?? attributeIds;
        var csi = new List<CsiResult>();
        if (model?.Points is { } points)
            foreach (var (index, binOf) in points.OrderBy(p => p.Key))
                csi.Add(Csi.Compute(attributeIds[index], baseline.Attributes[index], recent.Attributes[index], binOf));

        var score = Psi.Compute("score", baseline.Scores, recent.Scores);
        return new MonitoringReport(modelId, modelVersion, baseline.Scores.Length, recent.Scores.Length, score, attributes, performance)
        {
            Thresholds = thresholds,
            ModelAttributes = inModel,
            Csi = csi,
            Calibration = calibration,
            Checks = Checks(score, attributes, inModel, performance, calibration, thresholds),
        };
    }

    /// <summary>
    /// The status table: PSI of the score and of every attribute the model reads (warn at ≥ <see cref="MonitoringThresholds.PsiWarn"/>,
    /// alert at ≥ <see cref="MonitoringThresholds.PsiAlert"/>); calibration-in-the-large of each window (alert when the mean predicted PD
    /// is outside the observed rate's Wilson interval); the recent AUC against the baseline's bootstrap interval (alert below its lower end).
    /// </summary>
    public static List<MonitoringCheck> Checks(PsiResult score, IReadOnlyList<PsiResult> attributes, IReadOnlyList<string> inModel,
        IReadOnlyList<WindowPerformance> performance, IReadOnlyList<CalibrationCheck> calibration, MonitoringThresholds t)
    {
        var psiRule = $"warn ≥ {t.PsiWarn.ToString(Inv)}, alert ≥ {t.PsiAlert.ToString(Inv)}";
        var checks = new List<MonitoringCheck> { new("PSI score", F(score.Value), psiRule, t.PsiStatus(score.Value)) };
        var model = inModel.ToHashSet(StringComparer.Ordinal);
        foreach (var a in attributes.Where(a => model.Contains(a.Name)))
            checks.Add(new MonitoringCheck($"PSI {a.Name}", F(a.Value), psiRule, t.PsiStatus(a.Value)));
        foreach (var c in calibration)
            checks.Add(new MonitoringCheck($"calibration-in-the-large ({c.Window})", $"predicted {Pct(c.MeanPredicted)}, observed {Pct(c.ObservedRate)}",
                $"alert when predicted is outside the observed rate's 95 % Wilson interval {Pct(c.ObservedInterval.Low)}–{Pct(c.ObservedInterval.High)}", c.Status));
        var baseline = performance.FirstOrDefault(p => p.Window == "baseline");
        var recent = performance.FirstOrDefault(p => p.Window == "recent");
        if (baseline?.Intervals is { } bi && recent?.Auc is { } recentAuc)
            checks.Add(new MonitoringCheck("AUC (recent against baseline)", $"{F(recentAuc)} against {F(baseline.Auc)}",
                $"alert below the baseline's bootstrap 95 % lower bound {F(bi.Auc.Low)}",
                recentAuc < bi.Auc.Low ? MonitoringStatus.Alert : MonitoringStatus.Ok));
        return checks;
    }

    public static WindowPerformance Performance(string window, double[] scores, bool[] bad, MonitoringThresholds? thresholds = null)
    {
        thresholds ??= new MonitoringThresholds();
        var risk = scores.Select(s => -s).ToArray();
        var auc = Metrics.Auc(risk, bad);
        double? Number(double x) => double.IsNaN(x) ? null : x;
        return new WindowPerformance(window, scores.Length, bad.Count(b => b), Number(auc), Number(Metrics.Gini(auc)), Number(Metrics.Ks(risk, bad)))
        {
            Intervals = Bootstrap.Intervals(risk, bad, thresholds.BootstrapResamples, thresholds.Seed),
        };
    }

    public static string ToJson(MonitoringReport report) => JsonSerializer.Serialize(report, Options) + "\n";

    public static string BandText(StabilityBand band) => band switch
    {
        StabilityBand.Stable => "stable",
        StabilityBand.SomeShift => "some shift",
        _ => "major shift",
    };

    public static string StatusText(MonitoringStatus status) => status switch
    {
        MonitoringStatus.Ok => "ok",
        MonitoringStatus.Warn => "WARN",
        _ => "ALERT",
    };

    public static string ToMarkdown(MonitoringReport r)
    {
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');
        Line($"# Monitoring: {r.ModelId} {r.ModelVersion}");
        Line();
        Line($"**Status: {StatusText(r.Status)}** ({r.Checks.Count(c => c.Status == MonitoringStatus.Alert)} alerts, {r.Checks.Count(c => c.Status == MonitoringStatus.Warn)} warnings "
            + $"in {r.Checks.Count} checks). Baseline {r.BaselineApplicants:N0} applicants, recent {r.RecentApplicants:N0}.");
        Line();
        Line("## Checks");
        Line();
        Line("| figure | value | rule | status |");
        Line("|---|---|---|---|");
        foreach (var c in r.Checks) Line($"| {c.Figure} | {c.Value} | {c.Rule} | {StatusText(c.Status)} |");
        Line();
        Line("## Population stability");
        Line();
        Line($"PSI bins are the baseline's deciles plus a bin for missing values; shares below {Psi.Epsilon.ToString(Inv)} are raised to it. "
            + $"Status: PSI ≥ {r.Thresholds.PsiWarn.ToString(Inv)} warns, ≥ {r.Thresholds.PsiAlert.ToString(Inv)} alerts; attributes the model does not read are shown "
            + "for information only. CSI is the change in the average applicant's points from the attribute (scorecards).");
        Line();
        var model = r.ModelAttributes.ToHashSet(StringComparer.Ordinal);
        var csi = r.Csi.ToDictionary(c => c.Name, StringComparer.Ordinal);
        Line("| variable | in model | PSI | status | CSI (points) |");
        Line("|---|:---:|---:|---|---:|");
        Line($"| score | ✓ | {r.Score.Value.ToString("0.0000", Inv)} | {StatusText(r.Thresholds.PsiStatus(r.Score.Value))} | – |");
        foreach (var p in r.Attributes)
            Line($"| {p.Name} | {(model.Contains(p.Name) ? "✓" : "")} | {p.Value.ToString("0.0000", Inv)} | "
                + $"{(model.Contains(p.Name) ? StatusText(r.Thresholds.PsiStatus(p.Value)) : "(info)")} | {(csi.TryGetValue(p.Name, out var c) ? c.Value.ToString("+0.00;-0.00;0.00", Inv) : "–")} |");
        Line();
        Line("### Score bins");
        Line();
        Line("| bin | baseline | recent | baseline share | recent share | PSI term |");
        Line("|---|---:|---:|---:|---:|---:|");
        foreach (var b in r.Score.Bins)
            Line($"| {b.Label} | {b.BaselineCount:N0} | {b.RecentCount:N0} | {Pct(b.BaselineShare)} | {Pct(b.RecentShare)} | {b.Contribution.ToString("0.0000", Inv)} |");
        Line();
        Line("## Calibration-in-the-large");
        Line();
        if (r.Calibration.Count == 0)
        {
            Line("No window has both outcomes and predicted PDs.");
        }
        else
        {
            Line("| window | applicants | bads | mean predicted PD | observed bad rate | 95 % Wilson interval | status |");
            Line("|---|---:|---:|---:|---:|---|---|");
            foreach (var c in r.Calibration)
                Line($"| {c.Window} | {c.Applicants:N0} | {c.Bads:N0} | {Pct(c.MeanPredicted)} | {Pct(c.ObservedRate)} | {Pct(c.ObservedInterval.Low)}–{Pct(c.ObservedInterval.High)} | {StatusText(c.Status)} |");
        }

        Line();
        Line("## Discrimination");
        Line();
        if (r.Performance.Count == 0)
        {
            Line("No outcomes in either window.");
        }
        else
        {
            var boot = r.Performance.Select(p => p.Intervals).FirstOrDefault(i => i is not null);
            if (boot is not null) Line($"Intervals: 95 % percentile bootstrap, {boot.Resamples:N0} stratified resamples, seed {boot.Seed}.");
            Line();
            Line("| window | applicants | bads | AUC | AUC 95 % | Gini | KS | KS 95 % |");
            Line("|---|---:|---:|---:|---|---:|---:|---|");
            foreach (var p in r.Performance)
                Line($"| {p.Window} | {p.Applicants:N0} | {p.Bads:N0} | {F(p.Auc)} | {I(p.Intervals?.Auc)} | {F(p.Gini)} | {F(p.Ks)} | {I(p.Intervals?.Ks)} |");
        }

        return md.ToString();
    }

    /// <summary>A self-contained page: the status table and three charts drawn as inline SVG (no script, no external file).</summary>
    public static string ToHtml(MonitoringReport r)
    {
        var h = new StringBuilder();
        static string E(string text) => System.Net.WebUtility.HtmlEncode(text);
        static string Css(MonitoringStatus s) => s.ToString().ToLowerInvariant();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Monitoring ").Append(E(r.ModelId)).Append("</title>\n")
            .Append("<style>body{font-family:sans-serif;max-width:960px;margin:2em auto;color:#222}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}"
                + ".ok{color:#1a7f37}.warn{color:#b58900;font-weight:bold}.alert{color:#c62828;font-weight:bold}</style></head><body>\n");
        h.Append("<h1>Monitoring: ").Append(E(r.ModelId)).Append(' ').Append(E(r.ModelVersion)).Append("</h1>\n");
        h.Append("<p>Status: <span class=\"").Append(Css(r.Status)).Append("\">").Append(StatusText(r.Status)).Append("</span>. Baseline ")
            .Append(r.BaselineApplicants.ToString("N0", Inv)).Append(" applicants, recent ").Append(r.RecentApplicants.ToString("N0", Inv)).Append(".</p>\n");
        h.Append("<table><tr><th>figure</th><th>value</th><th>rule</th><th>status</th></tr>\n");
        foreach (var c in r.Checks)
            h.Append("<tr><td>").Append(E(c.Figure)).Append("</td><td>").Append(E(c.Value)).Append("</td><td>").Append(E(c.Rule)).Append("</td><td class=\"")
                .Append(Css(c.Status)).Append("\">").Append(StatusText(c.Status)).Append("</td></tr>\n");
        h.Append("</table>\n");

        h.Append("<h2>Score distribution</h2>\n<p>Share of applicants per score bin (the baseline's deciles): baseline grey, recent blue.</p>\n");
        h.Append(MonitoringCharts.GroupedBars([.. r.Score.Bins.Select(b => b.Label)], [.. r.Score.Bins.Select(b => b.BaselineShare)], [.. r.Score.Bins.Select(b => b.RecentShare)]));
        var model = r.ModelAttributes.ToHashSet(StringComparer.Ordinal);
        var psi = new[] { r.Score }.Concat(r.Attributes.Where(a => model.Contains(a.Name))).ToArray();
        h.Append("<h2>Population stability of the score and the model's attributes</h2>\n<p>Dashed lines: warning at ").Append(r.Thresholds.PsiWarn.ToString(Inv))
            .Append(", alert at ").Append(r.Thresholds.PsiAlert.ToString(Inv)).Append(".</p>\n");
        h.Append(MonitoringCharts.PsiBars([.. psi.Select(p => p.Name)], [.. psi.Select(p => p.Value)], r.Thresholds));
        if (r.Calibration.Count > 0)
        {
            h.Append("<h2>Calibration-in-the-large</h2>\n<p>Observed bad rate with its 95 % Wilson interval (bar and whisker) and the mean predicted PD (diamond) per window.</p>\n");
            h.Append(MonitoringCharts.Calibration(r.Calibration));
        }

        h.Append("<h2>Details</h2>\n<pre>").Append(E(ToMarkdown(r))).Append("</pre>\n</body></html>\n");
        return h.ToString();
    }

    public static void WriteFiles(MonitoringReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, JsonFile), ToJson(report));
        File.WriteAllText(Path.Combine(directory, MarkdownFile), ToMarkdown(report));
        File.WriteAllText(Path.Combine(directory, HtmlFile), ToHtml(report));
    }

    private static string I(Interval? i) => i is null ? "–" : $"{i.Low.ToString("0.0000", Inv)} to {i.High.ToString("0.0000", Inv)}";

    private static string F(double? v) => v is { } x ? x.ToString("0.0000", Inv) : "–";

    private static string Pct(double share) => (share * 100).ToString("0.00", Inv) + "%";
}
