using CreditAlt.Fairness.Audit;

namespace CreditAlt.Fairness.Reports;

/// <summary>The plain-words verdict at the top of every report (and in the JSON as <c>verdict</c>).</summary>
public static partial class FairnessReportWriter
{
    /// <summary>What the verdict says: flagged comparisons, all judged comparisons, and the sentences.</summary>
    public sealed record VerdictSummary(int Flagged, int Comparisons, IReadOnlyList<string> Sentences);

    /// <summary>
    /// The verdict: how many comparisons are flagged after adjustment, each flagged one with its size and interval,
    /// the largest gap of each attribute, what similarly situated applicants and the controlled analysis say, and the
    /// next step. Sentences are Markdown (bold marks the key figures).
    /// </summary>
    public static VerdictSummary Verdict(AuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var o = report.Options;
        var judged = report.Attributes.SelectMany(a => a.Groups.Where(g => g.Judged).SelectMany(g => g.Comparisons.Select(c => (a, g, c)))).ToList();
        var flagged = judged.Where(t => t.c.Flagged).ToList();
        var s = new List<string>
        {
            flagged.Count == 0
                ? $"**No comparison is flagged.** None of the {judged.Count} comparisons of a protected group with its control group is both practically significant and statistically significant after the Holm correction for running them all."
                : $"**{flagged.Count} of {judged.Count} comparisons are flagged**: practically significant and statistically significant after the Holm correction for running them all.",
        };
        foreach (var (a, g, c) in flagged.Take(12))
        {
            s.Add($"Flagged: **{g.Group}** ({a.Attribute}), {OutcomeText(c.Outcome)} {Format.Percent(c.Rate)} against {Format.Percent(c.ReferenceRate)} for {a.Reference}: ratio **{Format.Ratio(c.Ratio)}** (95 % {Format.Ratio(c.RatioCiLow)}–{Format.Ratio(c.RatioCiHigh)}), Holm p {PText(c.PValueHolm)}.");
        }

        if (flagged.Count > 12)
        {
            s.Add($"… and {flagged.Count - 12} more flagged comparisons in the tables below.");
        }

        foreach (var a in report.Attributes.Where(a => !a.IsIntersection && a.Reference is not null))
        {
            var worst = a.Groups.Where(g => g.Judged && g.Air is not null).OrderBy(g => g.Air).FirstOrDefault();
            if (worst is not null && !worst.Flagged)
            {
                s.Add($"{Capitalise(a.Attribute)}: the lowest approval ratio is {worst.Group}'s, **{Format.Ratio(worst.Air)}** (95 % {Format.Ratio(worst.AirCiLow)}–{Format.Ratio(worst.AirCiHigh)}) against {a.Reference}; {(worst.Air < o.FourFifths ? "below four-fifths but" : "within four-fifths and")} {(worst.PValueHolm < o.Alpha ? "significant" : "not significant")} after adjustment (Holm p {PText(worst.PValueHolm)}).");
            }

            foreach (var r in new[] { a.ByPredictedRisk, a.ByTrueRisk })
            {
                if (r is { Cmh.Count: > 0 })
                {
                    var significant = r.Cmh.Where(c => c.PValue < o.Alpha).Select(c => c.Group).ToList();
                    s.Add($"At equal {r.Basis}, odds of approval against {a.Reference}'s (common odds ratio, 95 % interval): "
                        + string.Join("; ", r.Cmh.Select(c => $"{c.Group} **{Format.Ratio(c.CommonOddsRatio)}** ({Format.Ratio(c.CommonOddsRatioCiLow)}–{Format.Ratio(c.CommonOddsRatioCiHigh)})"))
                        + (significant.Count == 0 ? "; none differs significantly (CMH test)." : $"; significantly different before any adjustment: {string.Join(", ", significant)} (CMH p < {Format.Decimal(o.Alpha, "0.00")})."));
                }
            }

            var small = a.Groups.Where(g => g.Suppressed && !g.IsMissing).ToList();
            if (small.Count > 0)
            {
                s.Add($"{Capitalise(a.Attribute)}: {string.Join(", ", small.Select(g => g.Group))} {(small.Count == 1 ? "has" : "have")} fewer than {Format.Decimal(o.MinGroupSize, "0.##")} applicants: suppressed, not judged.");
            }
        }

        foreach (var c in report.Controlled)
        {
            var terms = c.Groups.Where(t => t.MarginalEffect is not null && t.Term != Membership.MissingLabel).ToList();
            if (terms.Count > 0)
            {
                s.Add($"Controlling for {ControlsText(c)}, the change in the probability of approval of being in each group rather than {c.Reference} (average marginal effect, 95 % interval): "
                    + string.Join("; ", terms.Select(t => $"{t.Term} **{Format.Points(t.MarginalEffect!.Value)} points** ({Format.Points(t.MarginalEffectCiLow!.Value)} to {Format.Points(t.MarginalEffectCiHigh!.Value)})")) + ".");
            }
        }

        s.AddRange(DriverSentences(report));
        s.Add(flagged.Count == 0
            ? "Next step: none of these figures calls for action; keep auditing each release and review the similarly-situated and controlled figures for gaps that are not yet significant."
            : "Next step: run the less-discriminatory-alternative search (`creditalt lda`) and review the attributes that separate the flagged groups from the control group (rent, childcare and missing-data attributes first), then document the business need for each.");
        return new VerdictSummary(flagged.Count, judged.Count, s);
    }

    private static string ControlsText(ControlledAnalysis c)
    {
        var names = c.ControlNotes.Select(n => n[..Math.Max(0, n.IndexOf(':', StringComparison.Ordinal))]).Where(n => n.Length > 0).Distinct().ToList();
        // A long list (e.g. every model attribute) would drown the sentence: name the first and count the rest.
        return names.Count == 0 ? "the control columns"
            : names.Count <= 4 ? string.Join(" and ", names)
            : $"{string.Join(", ", names.Take(2))} and {names.Count - 2} more controls (listed in the controlled analysis)";
    }

    private static string OutcomeText(string outcome) => outcome switch
    {
        AuditEngine.ApproveOutcome => "approval",
        AuditEngine.AdverseOutcome => "decline or insufficient data",
        _ => "referral",
    };

    private static void VerdictText(ReportDocument doc, AuditReport report)
    {
        doc.Heading(2, ReportDocument.SummaryHeading);
        var verdict = Verdict(report);
        doc.Paragraph(verdict.Sentences[0]);
        doc.Bullets(verdict.Sentences.Skip(1));
    }
}

/// <summary>Two (or more) models audited on the same applicants, reported side by side.</summary>
public static partial class FairnessReportWriter
{
    /// <summary>
    /// Writes <c>fairness-report.md</c> and <c>.html</c> covering every model (a side-by-side table of the single
    /// attributes, then each model's full report), and one JSON per model: <c>fairness-report.json</c> for the first,
    /// <c>fairness-report-LABEL.json</c> for the others.
    /// </summary>
    public static IReadOnlyList<string> WriteSideBySide(IReadOnlyList<(string Label, AuditReport Report)> models, string directory)
    {
        ArgumentNullException.ThrowIfNull(models);
        Directory.CreateDirectory(directory);
        var utf8 = new System.Text.UTF8Encoding(false);
        var md = Path.Combine(directory, "fairness-report.md");
        var html = Path.Combine(directory, "fairness-report.html");
        File.WriteAllText(md, SideBySide(models, charts: false).ToMarkdown(), utf8);
        File.WriteAllText(html, SideBySide(models, charts: true).ToHtml("Fairness audit"), utf8);
        var paths = new List<string> { md, html };
        for (int i = 0; i < models.Count; i++)
        {
            var json = Path.Combine(directory, i == 0 ? "fairness-report.json" : $"fairness-report-{models[i].Label}.json");
            File.WriteAllBytes(json, ToJson(models[i].Report));
            paths.Add(json);
        }

        return paths;
    }

    private static ReportDocument SideBySide(IReadOnlyList<(string Label, AuditReport Report)> models, bool charts)
    {
        var doc = new ReportDocument();
        doc.Heading(1, "Fairness audit: " + string.Join(" and ", models.Select(m => m.Label)));
        var first = models[0].Report;
        var facts = new List<string> { $"Decisions audited per model: **{Format.Integer(first.RowCount)}**" };
        facts.AddRange(models.Select(m => $"{Capitalise(m.Label)}: `{m.Report.Options.Source}`"));
        if (first.Options.FavorableDescription is not null)
        {
            facts.Add($"Favourable decision: `{first.Options.FavorableDescription}`");
        }

        doc.Bullets(facts);
        doc.Heading(2, ReportDocument.SummaryHeading);
        foreach (var (label, report) in models)
        {
            var verdict = Verdict(report);
            doc.Paragraph($"**{Capitalise(label)}.** {verdict.Sentences[0]}");
            doc.Bullets(verdict.Sentences.Skip(1));
        }

        doc.Heading(2, "Side by side");
        doc.Paragraph("Approval rate and adverse impact ratio (95 % interval) of each protected group against its control group, for each model on the same applicants; flagged = practically significant and significant after the Holm correction.");
        var rows = new List<IReadOnlyList<string>>();
        foreach (var a in first.Attributes.Where(a => !a.IsIntersection))
        {
            foreach (var g in a.Groups.Where(g => g.Judged || g.IsReference))
            {
                var row = new List<string> { a.Attribute, Label(g) };
                foreach (var (_, report) in models)
                {
                    var other = report.Attributes.FirstOrDefault(x => x.Attribute == a.Attribute)?.Groups.FirstOrDefault(x => x.Group == g.Group);
                    row.Add(other is null || other.Suppressed ? "–" : Format.Percent(other.FavorableRate));
                    row.Add(other is null || other.Suppressed ? "–" : other.IsReference ? "1.000" : $"{Format.Ratio(other.Air)} ({Format.Ratio(other.AirCiLow)} – {Format.Ratio(other.AirCiHigh)}){(other.Flagged ? " **flagged**" : string.Empty)}");
                }

                rows.Add(row);
            }
        }

        doc.Table(["attribute", "group", .. models.SelectMany(m => new[] { $"{m.Label}: approval", $"{m.Label}: AIR (95 %)" })], rows);
        foreach (var (label, report) in models)
        {
            doc.AppendSection($"{Capitalise(label)} in detail", Build(report, charts));
        }

        return doc;
    }
}
