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

            foreach (var c in a.ByPredictedRisk?.Cmh ?? [])
            {
                s.Add($"At equal predicted risk (score deciles), {c.Group} applicants' odds of approval are **{Format.Ratio(c.CommonOddsRatio)}** times {a.Reference}'s (95 % {Format.Ratio(c.CommonOddsRatioCiLow)}–{Format.Ratio(c.CommonOddsRatioCiHigh)}; CMH p {PText(c.PValue)}).");
            }

            foreach (var c in a.ByTrueRisk?.Cmh ?? [])
            {
                s.Add($"At equal true risk ({a.ByTrueRisk!.Basis}), {c.Group} applicants' odds of approval are **{Format.Ratio(c.CommonOddsRatio)}** times {a.Reference}'s (95 % {Format.Ratio(c.CommonOddsRatioCiLow)}–{Format.Ratio(c.CommonOddsRatioCiHigh)}; CMH p {PText(c.PValue)}).");
            }

            var small = a.Groups.Where(g => g.Suppressed && !g.IsMissing).ToList();
            if (small.Count > 0)
            {
                s.Add($"{Capitalise(a.Attribute)}: {string.Join(", ", small.Select(g => g.Group))} {(small.Count == 1 ? "has" : "have")} fewer than {Format.Decimal(o.MinGroupSize, "0.##")} applicants: suppressed, not judged.");
            }
        }

        foreach (var c in report.Controlled)
        {
            foreach (var t in c.Groups.Where(t => t.MarginalEffect is not null && t.Term != "(missing)"))
            {
                s.Add($"Controlling for {ControlsText(c)}, being {t.Term} rather than {c.Reference} changes the probability of approval by **{Format.Points(t.MarginalEffect!.Value)} points** (95 % {Format.Points(t.MarginalEffectCiLow!.Value)} to {Format.Points(t.MarginalEffectCiHigh!.Value)}).");
            }
        }

        s.Add(flagged.Count == 0
            ? "Next step: none of these figures calls for action; keep auditing each release and review the similarly-situated and controlled figures for gaps that are not yet significant."
            : "Next step: run the less-discriminatory-alternative search (`creditalt lda`) and review the attributes that separate the flagged groups from the control group (rent, childcare and missing-data attributes first), then document the business need for each.");
        return new VerdictSummary(flagged.Count, judged.Count, s);
    }

    private static string ControlsText(ControlledAnalysis c) =>
        c.Terms.Count <= 1 ? "the controls" : "the control columns";

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
