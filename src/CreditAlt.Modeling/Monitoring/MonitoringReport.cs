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
public sealed record MonitoringWindow(string Name, double[] Scores, double[][] Attributes, bool[]? Bad);

/// <summary>AUC, Gini and KS of the score in one window (risk = lower score).</summary>
public sealed record WindowPerformance(string Window, int Applicants, int Bads, double? Auc, double? Gini, double? Ks);

/// <summary>Population stability of a model's score and attributes between two windows, and its discrimination where outcomes exist.</summary>
public sealed record MonitoringReport(
    string ModelId,
    string ModelVersion,
    int BaselineApplicants,
    int RecentApplicants,
    PsiResult Score,
    IReadOnlyList<PsiResult> Attributes,
    IReadOnlyList<WindowPerformance> Performance);

/// <summary>Builds and writes monitoring reports (<c>monitoring.json</c>, <c>monitoring.md</c>).</summary>
public static class MonitoringReports
{
    public const string JsonFile = "monitoring.json";
    public const string MarkdownFile = "monitoring.md";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        NewLine = "\n",
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static MonitoringReport Build(string modelId, string modelVersion, IReadOnlyList<string> attributeIds, MonitoringWindow baseline, MonitoringWindow recent)
    {
        if (baseline.Attributes.Length != attributeIds.Count || recent.Attributes.Length != attributeIds.Count)
            throw new ArgumentException($"Expected {attributeIds.Count} attribute columns in each window.");
        var attributes = new PsiResult[attributeIds.Count];
        for (var a = 0; a < attributes.Length; a++)
            attributes[a] = Psi.Compute(attributeIds[a], baseline.Attributes[a], recent.Attributes[a]);
        var performance = new List<WindowPerformance>();
        foreach (var w in new[] { baseline, recent })
            if (w.Bad is { } bad) performance.Add(Performance(w.Name, w.Scores, bad));
        return new MonitoringReport(modelId, modelVersion, baseline.Scores.Length, recent.Scores.Length,
            Psi.Compute("score", baseline.Scores, recent.Scores), attributes, performance);
    }

    public static WindowPerformance Performance(string window, double[] scores, bool[] bad)
    {
        var risk = scores.Select(s => -s).ToArray();
        var auc = Metrics.Auc(risk, bad);
        double? Number(double x) => double.IsNaN(x) ? null : x;
        return new WindowPerformance(window, scores.Length, bad.Count(b => b), Number(auc), Number(Metrics.Gini(auc)), Number(Metrics.Ks(risk, bad)));
    }

    public static string ToJson(MonitoringReport report) => JsonSerializer.Serialize(report, Options) + "\n";

    public static string BandText(StabilityBand band) => band switch
    {
        StabilityBand.Stable => "stable",
        StabilityBand.SomeShift => "some shift",
        _ => "major shift",
    };

    public static string ToMarkdown(MonitoringReport r)
    {
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');
        Line($"# Monitoring: {r.ModelId} {r.ModelVersion}");
        Line();
        Line($"Baseline {r.BaselineApplicants:N0} applicants, recent {r.RecentApplicants:N0}. PSI bins are the baseline's deciles plus a bin for missing values; "
            + $"shares below {Psi.Epsilon.ToString(Inv)} are raised to it. Bands: below {Psi.SomeShiftFrom.ToString(Inv)} stable, "
            + $"{Psi.SomeShiftFrom.ToString(Inv)} to {Psi.MajorShiftAbove.ToString(Inv)} some shift, above {Psi.MajorShiftAbove.ToString(Inv)} major shift.");
        Line();
        Line("## Population stability");
        Line();
        Line("| variable | PSI | band |");
        Line("|---|---:|---|");
        foreach (var p in new[] { r.Score }.Concat(r.Attributes))
            Line($"| {p.Name} | {p.Value.ToString("0.0000", Inv)} | {BandText(p.Band)} |");
        Line();
        Line("### Score bins");
        Line();
        Line("| bin | baseline | recent | baseline share | recent share | PSI term |");
        Line("|---|---:|---:|---:|---:|---:|");
        foreach (var b in r.Score.Bins)
            Line($"| {b.Label} | {b.BaselineCount:N0} | {b.RecentCount:N0} | {Pct(b.BaselineShare)} | {Pct(b.RecentShare)} | {b.Contribution.ToString("0.0000", Inv)} |");
        Line();
        Line("## Discrimination");
        Line();
        if (r.Performance.Count == 0)
        {
            Line("No outcomes in either window.");
        }
        else
        {
            Line("| window | applicants | bads | AUC | Gini | KS |");
            Line("|---|---:|---:|---:|---:|---:|");
            foreach (var p in r.Performance)
                Line($"| {p.Window} | {p.Applicants:N0} | {p.Bads:N0} | {F(p.Auc)} | {F(p.Gini)} | {F(p.Ks)} |");
        }

        return md.ToString();
    }

    public static void WriteFiles(MonitoringReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, JsonFile), ToJson(report));
        File.WriteAllText(Path.Combine(directory, MarkdownFile), ToMarkdown(report));
    }

    private static string F(double? v) => v is { } x ? x.ToString("0.0000", Inv) : "–";

    private static string Pct(double share) => (share * 100).ToString("0.00", Inv) + "%";
}
