using System.Text;
using System.Text.Json;
using CreditAlt.Fairness.Audit;
using CreditAlt.Fairness.Statistics;

namespace CreditAlt.Fairness.Reports;

/// <summary>
/// Writes an <see cref="AuditReport"/> as <c>fairness-report.md</c>, a self-contained <c>fairness-report.html</c> with
/// charts, and <c>fairness-report.json</c>. Output depends only on the report: the same audit gives the same bytes.
/// </summary>
public static partial class FairnessReportWriter
{
    /// <summary>Version of the JSON layout documented in docs/fairness-report-schema.md.</summary>
    public const int SchemaVersion = 2;

    /// <summary>Writes the three files into <paramref name="directory"/> (created if needed); returns their paths.</summary>
    public static IReadOnlyList<string> Write(AuditReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        var utf8 = new UTF8Encoding(false);
        var md = Path.Combine(directory, "fairness-report.md");
        var html = Path.Combine(directory, "fairness-report.html");
        var json = Path.Combine(directory, "fairness-report.json");
        File.WriteAllText(md, ToMarkdown(report), utf8);
        File.WriteAllText(html, ToHtml(report), utf8);
        File.WriteAllBytes(json, ToJson(report));
        return [md, html, json];
    }

    /// <summary>The Markdown report.</summary>
    public static string ToMarkdown(AuditReport report) => Build(report, charts: false).ToMarkdown();

    /// <summary>The HTML report, with inline SVG charts and no external resources.</summary>
    public static string ToHtml(AuditReport report) => Build(report, charts: true).ToHtml("Fairness audit");

    private static string Label(GroupResult g) =>
        g.Group + (g.IsPooledControl ? " (control, pooled)" : g.IsReference ? " (control)" : g.InControl ? " (in control)" : string.Empty) + (g.StraddlesAge62 ? " (straddles 62)" : string.Empty);

    /// <summary>A percentage without its sign, for the ends of an interval in a narrow cell.</summary>
    private static string Bare(double x) => Format.Percent(x).Replace(" %", string.Empty, StringComparison.Ordinal);

    private static string Below(double minGroupSize) => "< " + Format.Decimal(minGroupSize, "0.##");

    private static string Yes(bool flagged, bool practical) => flagged ? "**yes**" : practical ? "no (not significant after adjustment)" : "no";

    private static ReportDocument Build(AuditReport report, bool charts)
    {
        ArgumentNullException.ThrowIfNull(report);
        var o = report.Options;
        var doc = new ReportDocument();
        doc.Heading(1, "Fairness audit");
        var facts = new List<string> { $"Decisions audited: **{Format.Integer(report.RowCount)}**" };
        if (o.Source is not null)
        {
            facts.Add($"Source: `{o.Source}`");
        }

        if (o.FavorableDescription is not null)
        {
            facts.Add($"Favourable decision: `{o.FavorableDescription}`");
        }

        if (o.GeneratedAt is not null)
        {
            facts.Add($"Generated: {o.GeneratedAt}");
        }

        doc.Bullets(facts);
        VerdictText(doc, report);
        Glossary(doc, report);
        string small = Below(o.MinGroupSize);

        foreach (var a in report.Attributes)
        {
            doc.Heading(2, $"{Capitalise(a.Attribute)}{(a.IsProxy ? " (proxy probabilities, counted fractionally)" : string.Empty)}");
            doc.Paragraph(a.Reference is null
                ? "No group is large enough to serve as the reference, so no group is judged."
                : a.ReferenceRule switch
                {
                    "named" => $"Reference group: **{a.Reference}** (named for this audit).",
                    "control" when a.ControlMembers.Count > 1 => $"Control group: **{a.Reference}**, pooling {string.Join(", ", a.ControlMembers)}; every other group is compared with it.",
                    "control" => $"Control group: **{a.Reference}**; every other group is compared with it.",
                    _ => $"Reference group: **{a.Reference}** (the group with the highest favourable rate, chosen explicitly).",
                });
            doc.Table(
                ["group", "applicants", "favourable", "rate", "95 % interval", "AIR", "AIR 95 % interval", "p-value", "Holm p", "BH q", "flagged"],
                a.Groups.Select(g => g.Suppressed
                    ? (IReadOnlyList<string>)[Label(g), small, "–", "suppressed", "–", "–", "–", "–", "–", "–", "too small to judge"]
                    : [
                        Label(g),
                        Format.Count(g.Count),
                        Format.Count(g.Favorable),
                        Format.Percent(g.FavorableRate),
                        $"{Format.Percent(g.RateCiLow)} – {Format.Percent(g.RateCiHigh)}",
                        Format.Ratio(g.Air),
                        g.AirCiLow is null ? "–" : $"{Format.Ratio(g.AirCiLow)} – {Format.Ratio(g.AirCiHigh)}",
                        Format.P(g.PValue) + (g.Test == TwoByTwoTest.ChiSquare ? " (χ²)" : string.Empty),
                        Format.P(g.PValueHolm),
                        Format.P(g.QValueBh),
                        g.IsMissing ? "not judged (missing)" : g.IsReference || g.InControl ? "–" : !g.Judged ? "not judged" : g.Comparisons.FirstOrDefault(c => c.Outcome == AuditEngine.ApproveOutcome) is { } approval ? Yes(approval.Flagged, approval.Practical) : "–",
                    ]),
                "flagged");
            if (charts && a.Reference is not null)
            {
                doc.Chart($"Adverse impact ratio by {a.Attribute} with its 95 % interval (Katz); the dashed line is four-fifths. Red: flagged.", Charts.AirIntervals(a, o.FourFifths));
            }

            DecisionTables(doc, a, small);
            ScoreAndOutcomeTables(doc, report, a, charts, small);
            RiskBandTables(doc, a.ByPredictedRisk, a, charts, small);
            RiskBandTables(doc, a.ByTrueRisk, a, charts, small);
            SegmentTables(doc, a);
        }

        DriverTables(doc, report, charts);
        ControlledTables(doc, report);
        OverrideTables(doc, report, charts);
        MethodText(doc, o);
        return doc;
    }

    private static void DecisionTables(ReportDocument doc, AttributeResult a, string small)
    {
        var levels = a.Groups.FirstOrDefault(g => g.Decisions.Count > 0)?.Decisions.Select(d => d.Value).ToList();
        if (levels is null)
        {
            return;
        }

        doc.Heading(3, "Every decision value");
        doc.Paragraph("Count and share of each decision, with its 95 % Wilson interval.");
        doc.Table(
            ["group", .. levels],
            a.Groups.Select(g => (IReadOnlyList<string>)[
                Label(g),
                .. levels.Select(l => g.Suppressed ? small : g.Decisions.FirstOrDefault(d => d.Value == l) is { } d
                    ? $"{Format.Count(d.Count)} · {Format.Percent(d.Rate)} ({Format.Percent(d.CiLow)} – {Format.Percent(d.CiHigh)})"
                    : "–"),
            ]));
        var rows = a.Groups.Where(g => !g.Suppressed).SelectMany(g => g.Comparisons.Where(c => c.Outcome != AuditEngine.ApproveOutcome).Select(c => (g, c))).ToList();
        if (rows.Count > 0)
        {
            doc.Paragraph("Adverse outcomes (decline or insufficient data) and referrals, as a ratio to the control group's rate; above 1.25 (the inverse of four-fifths) counts as practically significant.");
            doc.Table(
                ["group", "outcome", "rate", "control rate", "ratio", "95 % interval", "p-value", "Holm p", "BH q", "flagged"],
                rows.Select(t => (IReadOnlyList<string>)[
                    Label(t.g),
                    t.c.Outcome == AuditEngine.AdverseOutcome ? "decline or insufficient data" : "refer",
                    Format.Percent(t.c.Rate),
                    Format.Percent(t.c.ReferenceRate),
                    Format.Ratio(t.c.Ratio),
                    $"{Format.Ratio(t.c.RatioCiLow)} – {Format.Ratio(t.c.RatioCiHigh)}",
                    Format.P(t.c.PValue),
                    Format.P(double.IsNaN(t.c.PValueHolm) ? null : t.c.PValueHolm),
                    Format.P(double.IsNaN(t.c.QValueBh) ? null : t.c.QValueBh),
                    !t.g.Judged ? "not judged" : Yes(t.c.Flagged, t.c.Practical),
                ]),
                "flagged");
        }
    }

    private static void ScoreAndOutcomeTables(ReportDocument doc, AuditReport report, AttributeResult a, bool charts, string small)
    {
        var shown = a.Groups.Where(g => !g.Suppressed).ToList();
        if (shown.Any(g => g.Score is not null))
        {
            doc.Heading(3, "Scores");
            doc.Table(
                ["group", "scored", "mean score", "standard deviation", "standardised mean difference"],
                shown.Where(g => g.Score is not null).Select(g => (IReadOnlyList<string>)[
                    Label(g),
                    Format.Count(g.Score!.Count),
                    Format.Decimal(g.Score.Mean, "0.000"),
                    Format.Decimal(g.Score.StdDev, "0.000"),
                    Format.Decimal(g.Score.StandardisedMeanDifference, "0.000"),
                ]));
            if (charts && !a.IsIntersection && report.Bins is not null)
            {
                doc.Chart($"Score distribution by {a.Attribute}: the share of each group's applicants in each score bin.", Charts.ScoreDistributions(a with { Groups = shown }, report.Bins));
            }
        }

        if (!shown.Any(g => g.Outcome is not null))
        {
            return;
        }

        doc.Heading(3, "Outcomes");
        doc.Table(
            ["group", "good", "bad", "good applicants approved (TPR)", "bad applicants approved (FPR)", "bad rate among approved"],
            shown.Where(g => g.Outcome is not null).Select(g => (IReadOnlyList<string>)[
                Label(g),
                Format.Count(g.Outcome!.Good),
                Format.Count(g.Outcome.Bad),
                Format.Percent(g.Outcome.TruePositiveRate ?? double.NaN),
                Format.Percent(g.Outcome.FalsePositiveRate ?? double.NaN),
                Format.Percent(g.Outcome.BadRateAmongApproved ?? double.NaN),
            ]));
        if (a.IsIntersection || !shown.Any(g => g.Outcome!.Calibration.Count > 0))
        {
            return;
        }

        // One row per band, one column per group: observed bad rate with its interval, and the model's mean PD.
        var withBands = shown.Where(g => g.Outcome is { Calibration.Count: > 0 } && !g.IsPooledControl).ToList();
        var allBands = withBands.SelectMany(g => g.Outcome!.Calibration).GroupBy(b => b.Band).OrderBy(b => b.Key).Select(b => b.First()).ToList();
        bool pd = withBands.Any(g => g.Outcome!.Calibration.Any(b => b.MeanPredictedPd is not null));
        var bandRows = allBands.Select(b => (IReadOnlyList<string>)[
            b.Band.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"{Format.Decimal(b.ScoreLow, "0.###")} – {Format.Decimal(b.ScoreHigh, "0.###")}",
            Format.Percent(b.PredictedBadRate),
            .. withBands.Select(g => g.Outcome!.Calibration.FirstOrDefault(x => x.Band == b.Band) is { } x
                ? !x.Judged ? small
                : $"{Format.Percent(x.ObservedBadRate)} ({Bare(x.ObservedCiLow)}–{Bare(x.ObservedCiHigh)}){(x.MeanPredictedPd is { } m ? $" vs PD {Format.Percent(m)}" : string.Empty)}, n {Format.Count(x.Count)}"
                : "–"),
        ]).ToList();
        doc.Paragraph(pd
            ? "Calibration: within each score band (quantiles of the score), each group's observed bad rate with its 95 % Wilson interval against the model's mean predicted PD for that group in the band. A group whose interval lies above its predicted PD is riskier than the model says (the model favours it); below, the model is too harsh on it. Cells smaller than the minimum group size are not judged."
            : "Calibration: within each score band (quantiles of the score), each group's observed bad rate with its 95 % Wilson interval; the band's bad rate over all applicants is shown for comparison (no predicted PD was given: use --pd-column). Cells smaller than the minimum group size are not judged.");
        doc.Table(["band", "scores", "bad rate, all applicants", .. withBands.Select(g => g.Group)], bandRows);
        if (charts)
        {
            doc.Chart($"Calibration by {a.Attribute}: observed bad rate per score band for each group (judged cells only); the dashed line is the band's rate over all applicants.", Charts.Calibration(a with { Groups = withBands }));
        }
    }

    private static void RiskBandTables(ReportDocument doc, RiskBandAnalysis? r, AttributeResult a, bool charts, string small)
    {
        if (r is null || a.IsIntersection)
        {
            return;
        }

        doc.Heading(3, $"Similarly situated applicants: approval by band of {r.Basis}");
        doc.Paragraph("Approval rate of each group among applicants of about the same risk (each band is a tenth of the applicants). Equal rates across a row mean equal treatment at equal risk; the Cochran–Mantel–Haenszel test below combines the bands.");
        var groups = r.Groups.Where(g => a.Groups.First(x => x.Group == g.Group) is { Suppressed: false, InControl: false }).ToList();
        doc.Table(
            ["band", .. groups.Select(g => g.Group + (g.IsReference ? " (control)" : string.Empty))],
            r.Bands.Select((band, b) => (IReadOnlyList<string>)[
                band,
                .. groups.Select(g => g.Rate[b] is { } rate ? $"{Format.Percent(rate)} ({Format.Count(g.Count[b])})" : small),
            ]));
        if (r.Cmh.Count > 0)
        {
            doc.Table(
                ["group", "bands used", "common odds ratio of approval", "95 % interval", "χ²", "p-value"],
                r.Cmh.Select(c => (IReadOnlyList<string>)[
                    c.Group,
                    c.Strata.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Format.Ratio(c.CommonOddsRatio),
                    $"{Format.Ratio(c.CommonOddsRatioCiLow)} – {Format.Ratio(c.CommonOddsRatioCiHigh)}",
                    Format.Decimal(c.ChiSquare, "0.000"),
                    Format.P(c.PValue),
                ]));
        }

        if (charts)
        {
            doc.Chart($"Approval rate by band of {r.Basis}, per group (cells below the minimum size left out).", Charts.RiskBands(r, groups));
        }
    }

    private static void SegmentTables(ReportDocument doc, AttributeResult a)
    {
        if (a.Segments.Count == 0)
        {
            return;
        }

        doc.Heading(3, "By segment");
        doc.Table(
            ["segment", "group", "applicants", "rate", "AIR"],
            a.Segments.SelectMany(s => s.Groups.Select(g => (IReadOnlyList<string>)[
                s.Segment,
                g.Group,
                g.TooSmall ? "suppressed" : Format.Count(g.Count),
                g.TooSmall || g.FavorableRate is null ? "–" : Format.Percent(g.FavorableRate.Value),
                g.TooSmall ? "too small" : Format.Ratio(g.Air),
            ])));
        if (a.Cmh.Count > 0)
        {
            doc.Paragraph($"Cochran–Mantel–Haenszel test against {a.Reference}, comparing like with like inside each segment (continuity-corrected):");
            doc.Table(
                ["group", "segments used", "common odds ratio", "95 % interval", "χ²", "p-value"],
                a.Cmh.Select(c => (IReadOnlyList<string>)[c.Group, c.Strata.ToString(System.Globalization.CultureInfo.InvariantCulture), Format.Ratio(c.CommonOddsRatio), $"{Format.Ratio(c.CommonOddsRatioCiLow)} – {Format.Ratio(c.CommonOddsRatioCiHigh)}", Format.Decimal(c.ChiSquare, "0.000"), Format.P(c.PValue)]));
        }
    }

    private static void ControlledTables(ReportDocument doc, AuditReport report)
    {
        if (report.Controlled.Count == 0)
        {
            return;
        }

        doc.Heading(2, "Controlled analysis");
        doc.Paragraph("A logistic regression of the **adverse** decision on group membership plus the control columns. An odds ratio above 1 means the group's odds of an adverse decision are higher than the control group's among applicants alike in the controls. The **average marginal effect** says the same in points of approval probability: the mean, over every applicant, of the change in their probability of approval if they belonged to this group rather than the control group (negative = less likely to be approved).");
        foreach (var c in report.Controlled)
        {
            doc.Heading(3, $"{Capitalise(c.Attribute)} (against {c.Reference})");
            if (c.Terms.Count == 0)
            {
                doc.Paragraph("The regression could not be fitted: a group or control is constant or perfectly predicts the decision.");
                continue;
            }

            doc.Paragraph($"Rows used: {Format.Integer(c.RowsUsed)} of {Format.Integer(c.RowsAudited)} audited (none dropped); {(c.Converged ? $"converged in {c.Iterations} iterations" : $"**did not converge** in {c.Iterations} iterations")}.");
            doc.Table(
                ["term", "coefficient", "standard error", "odds ratio", "95 % interval", "p-value", "marginal effect on approval (points)", "95 % interval"],
                c.Terms.Select(t => (IReadOnlyList<string>)[
                    t.Term,
                    Format.Decimal(t.Coefficient, "0.0000"),
                    Format.Decimal(t.StdError, "0.0000"),
                    Format.Decimal(t.OddsRatio, "0.000"),
                    $"{Format.Decimal(t.OddsRatioCiLow, "0.000")} – {Format.Decimal(t.OddsRatioCiHigh, "0.000")}",
                    Format.P(t.PValue),
                    t.MarginalEffect is { } m ? Format.Points(m) : "–",
                    t.MarginalEffect is null ? "–" : $"{Format.Points(t.MarginalEffectCiLow!.Value)} to {Format.Points(t.MarginalEffectCiHigh!.Value)}",
                ]));
            if (c.ControlNotes.Count > 0)
            {
                doc.Bullets(c.ControlNotes);
            }
        }
    }

    private static void MethodText(ReportDocument doc, AuditOptions o)
    {
        doc.Heading(2, "Method");
        doc.Bullets([
            "Control groups: each protected group is compared with its attribute's control group (defaults: race/ethnicity white, sex male, age the bands within 25–61, with under-25 and 62+ compared with it); intersections with the intersection of the control groups. A control group of several bands is pooled.",
            "Rates and their intervals: Wilson score interval, 95 %, for every decision value.",
            "Adverse impact ratio (AIR): a group's favourable rate divided by the control group's, with the 95 % Katz (log risk-ratio) interval; the same for the adverse-outcome ratio (" + string.Join(" or ", o.AdverseValues) + ") and the refer-rate ratio (" + o.ReferValue + ").",
            $"p-value: two-sided Fisher exact test of the 2×2 table; for tables of more than {Format.Integer(TwoByTwo.ChiSquareThreshold)} decisions, Pearson's chi-square test.",
            $"Multiple testing: Holm–Bonferroni adjusted p-values (and Benjamini–Hochberg q-values) over every judged comparison in this report. A comparison is **flagged** only when it is practically significant (AIR below {Format.Decimal(o.FourFifths, "0.00")}, or a score SMD of −{Format.Decimal(o.SmdThreshold, "0.00")} or lower, or an adverse/refer ratio above {Format.Decimal(1 / o.FourFifths, "0.00")}) **and** its Holm-adjusted p-value is below {Format.Decimal(o.Alpha, "0.00")}.",
            "Similarly situated: approval within bands of the score (deciles; equal score means equal predicted risk), Cochran–Mantel–Haenszel test across bands with the Mantel–Haenszel common odds ratio and its Robins–Breslow–Greenland 95 % interval.",
            "Controlled regression: numeric controls standardised (coefficient per standard deviation); a missing control value is filled with the mean and marked by an indicator, so no applicant is dropped; average marginal effects with delta-method standard errors.",
            "Standardised mean difference: Cohen's d with the pooled standard deviation of the group and the control group.",
            $"Small cells: groups and cells with fewer than {Format.Decimal(o.MinGroupSize, "0.##")} applicants are shown as \"< {Format.Decimal(o.MinGroupSize, "0.##")}\" with no rate (suppressed, not judged); applicants without the attribute are shown as '(missing)' and never flagged.",
            "Proxy probabilities (e.g. BISG) count each applicant fractionally in every group; intervals and tests use the expected counts.",
        ]);
    }

    private static void Glossary(ReportDocument doc, AuditReport report)
    {
        doc.Heading(2, "How to read this report");
        var items = new List<string>
        {
            "**Favourable rate**: the share of a group's applicants who got the favourable decision. The **95 % interval** is the range the true rate very probably lies in; small groups have wide intervals.",
            "**AIR** (adverse impact ratio): a group's favourable rate divided by the control group's. 1.00 means equal treatment; below 0.80 (\"four-fifths\") is the usual warning line. Its **95 % interval** shows how sure that ratio is.",
            "**p-value**: how likely a gap at least this large would be if the group and the control group were treated alike. **Holm p** corrects it for running every comparison of this report at once (a report with many comparisons finds some small p-values by chance); **BH q** is the less strict false-discovery-rate version.",
            "**Flagged**: a gap large enough to matter (practically significant) that is also unlikely to be chance after the Holm correction.",
        };
        if (report.Bins is not null)
        {
            items.Add("**Standardised mean difference**: the gap between a group's average score and the control group's, in standard deviations; about 0.2 is small, 0.5 medium, 0.8 large.");
        }

        if (report.Controlled.Count > 0)
        {
            items.Add("**Odds ratio** (controlled analysis): how much higher a group's odds of an adverse decision are than the control group's, among applicants alike in the control columns; the **marginal effect** is the same comparison in points of approval probability.");
        }

        doc.Bullets(items);
    }

    private static string PText(double? p) => p < 0.0001 ? "< 0.0001" : "= " + Format.P(p);

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
