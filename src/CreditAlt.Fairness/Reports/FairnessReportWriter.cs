using System.Text;
using System.Text.Json;
using CreditAlt.Fairness.Audit;
using CreditAlt.Fairness.Statistics;

namespace CreditAlt.Fairness.Reports;

/// <summary>
/// Writes an <see cref="AuditReport"/> as <c>fairness-report.md</c>, a self-contained <c>fairness-report.html</c> with
/// charts, and <c>fairness-report.json</c>. Output depends only on the report: the same audit gives the same bytes.
/// </summary>
public static class FairnessReportWriter
{
    /// <summary>Version of the JSON layout documented in docs/fairness-report-schema.md.</summary>
    public const int SchemaVersion = 1;

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

    /// <summary>The JSON report (UTF-8, indented).</summary>
    public static byte[] ToJson(AuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            var o = report.Options;
            w.WriteStartObject();
            w.WriteNumber("schemaVersion", SchemaVersion);
            WriteString(w, "source", o.Source);
            WriteString(w, "favorable", o.FavorableDescription);
            WriteString(w, "generatedAt", o.GeneratedAt);
            w.WriteNumber("rowCount", report.RowCount);
            w.WriteStartObject("settings");
            w.WriteNumber("minGroupSize", o.MinGroupSize);
            w.WriteNumber("fourFifths", o.FourFifths);
            w.WriteBoolean("intersections", o.Intersections);
            w.WriteNumber("confidenceLevel", 0.95);
            w.WriteNumber("fisherExactUpTo", TwoByTwo.ChiSquareThreshold);
            w.WriteNumber("calibrationBands", o.CalibrationBands);
            w.WriteEndObject();
            if (report.Bins is { } bins)
            {
                w.WriteStartObject("scoreBins");
                WriteArray(w, "histogramEdges", bins.HistogramEdges);
                WriteArray(w, "bandEdges", bins.BandEdges);
                w.WriteEndObject();
            }

            w.WriteStartArray("attributes");
            foreach (var a in report.Attributes)
            {
                WriteAttribute(w, a, report.Bins is not null);
            }

            w.WriteEndArray();
            w.WriteStartArray("controlled");
            foreach (var c in report.Controlled)
            {
                foreach (var t in c.Groups)
                {
                    w.WriteStartObject();
                    w.WriteString("attribute", t.Attribute);
                    w.WriteString("group", t.Term);
                    WriteTerm(w, t);
                    w.WriteEndObject();
                }
            }

            w.WriteEndArray();
            w.WriteStartArray("controlledModels");
            foreach (var c in report.Controlled)
            {
                w.WriteStartObject();
                w.WriteString("attribute", c.Attribute);
                w.WriteString("reference", c.Reference);
                w.WriteNumber("rowsUsed", c.RowsUsed);
                w.WriteNumber("iterations", c.Iterations);
                w.WriteBoolean("converged", c.Converged);
                w.WriteStartArray("terms");
                foreach (var t in c.Terms)
                {
                    w.WriteStartObject();
                    w.WriteString("term", t.Term);
                    WriteTerm(w, t);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private static void WriteAttribute(Utf8JsonWriter w, AttributeResult a, bool scores)
    {
        w.WriteStartObject();
        w.WriteString("attribute", a.Attribute);
        WriteString(w, "reference", a.Reference);
        w.WriteBoolean("referenceNamed", a.ReferenceNamed);
        w.WriteBoolean("isProxy", a.IsProxy);
        w.WriteBoolean("isIntersection", a.IsIntersection);
        w.WriteStartArray("groups");
        foreach (var g in a.Groups)
        {
            w.WriteStartObject();
            w.WriteString("group", g.Group);
            WriteNumber(w, "count", g.Count);
            WriteNumber(w, "effectiveCount", g.EffectiveCount);
            WriteNumber(w, "favorable", g.Favorable);
            WriteNumber(w, "favorableRate", g.FavorableRate);
            WriteNumber(w, "rateCiLow", g.RateCiLow);
            WriteNumber(w, "rateCiHigh", g.RateCiHigh);
            WriteNumber(w, "air", g.Air);
            WriteNumber(w, "pValue", g.PValue);
            WriteString(w, "test", g.Test switch { TwoByTwoTest.FisherExact => "fisher-exact", TwoByTwoTest.ChiSquare => "chi-square", _ => null });
            WriteNumber(w, "rateDifference", g.RateDifference);
            WriteNumber(w, "rateDifferenceCiLow", g.RateDifferenceCiLow);
            WriteNumber(w, "rateDifferenceCiHigh", g.RateDifferenceCiHigh);
            w.WriteBoolean("fourFifthsFlag", g.FourFifthsFlag);
            w.WriteBoolean("tooSmall", g.TooSmall);
            w.WriteBoolean("isMissing", g.IsMissing);
            w.WriteBoolean("isReference", g.IsReference);
            if (g.Score is { } s)
            {
                w.WriteStartObject("score");
                WriteNumber(w, "count", s.Count);
                WriteNumber(w, "mean", s.Mean);
                WriteNumber(w, "stdDev", s.StdDev);
                WriteNumber(w, "standardisedMeanDifference", s.StandardisedMeanDifference);
                w.WriteEndObject();
            }

            if (scores)
            {
                WriteArray(w, "scoreHistogram", g.ScoreHistogram);
            }

            if (g.Outcome is { } o)
            {
                w.WriteStartObject("outcome");
                WriteNumber(w, "good", o.Good);
                WriteNumber(w, "bad", o.Bad);
                WriteNumber(w, "truePositiveRate", o.TruePositiveRate);
                WriteNumber(w, "falsePositiveRate", o.FalsePositiveRate);
                WriteNumber(w, "badRateAmongApproved", o.BadRateAmongApproved);
                w.WriteStartArray("calibration");
                foreach (var b in o.Calibration)
                {
                    w.WriteStartObject();
                    w.WriteNumber("band", b.Band);
                    WriteNumber(w, "scoreLow", b.ScoreLow);
                    WriteNumber(w, "scoreHigh", b.ScoreHigh);
                    WriteNumber(w, "count", b.Count);
                    WriteNumber(w, "bad", b.Bad);
                    WriteNumber(w, "observedBadRate", b.ObservedBadRate);
                    WriteNumber(w, "predictedBadRate", b.PredictedBadRate);
                    WriteNumber(w, "meanScore", b.MeanScore);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (a.Segments.Count > 0)
        {
            w.WriteStartArray("segments");
            foreach (var s in a.Segments)
            {
                w.WriteStartObject();
                w.WriteString("segment", s.Segment);
                w.WriteStartArray("groups");
                foreach (var g in s.Groups)
                {
                    w.WriteStartObject();
                    w.WriteString("group", g.Group);
                    WriteNumber(w, "count", g.Count);
                    WriteNumber(w, "favorable", g.Favorable);
                    WriteNumber(w, "favorableRate", g.FavorableRate);
                    WriteNumber(w, "air", g.Air);
                    w.WriteBoolean("tooSmall", g.TooSmall);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("cmh");
            foreach (var c in a.Cmh)
            {
                w.WriteStartObject();
                w.WriteString("group", c.Group);
                WriteNumber(w, "chiSquare", c.ChiSquare);
                WriteNumber(w, "pValue", c.PValue);
                WriteNumber(w, "commonOddsRatio", c.CommonOddsRatio);
                w.WriteNumber("strata", c.Strata);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WriteTerm(Utf8JsonWriter w, ControlledTerm t)
    {
        WriteNumber(w, "coefficient", t.Coefficient);
        WriteNumber(w, "stdError", t.StdError);
        WriteNumber(w, "oddsRatio", t.OddsRatio);
        WriteNumber(w, "oddsRatioCiLow", t.OddsRatioCiLow);
        WriteNumber(w, "oddsRatioCiHigh", t.OddsRatioCiHigh);
        WriteNumber(w, "pValue", t.PValue);
    }

    private static void WriteString(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    /// <summary>Numbers round-trip exactly; NaN and infinities (not JSON) become null.</summary>
    private static void WriteNumber(Utf8JsonWriter w, string name, double? value)
    {
        if (value is null || !double.IsFinite(value.Value))
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteNumber(name, value.Value);
        }
    }

    private static void WriteArray(Utf8JsonWriter w, string name, IEnumerable<double> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                w.WriteNumberValue(v);
            }
            else
            {
                w.WriteNullValue();
            }
        }

        w.WriteEndArray();
    }

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
        SummaryText(doc, report);
        Glossary(doc, report);

        foreach (var a in report.Attributes)
        {
            doc.Heading(2, $"{Capitalise(a.Attribute)}{(a.IsProxy ? " (proxy probabilities, counted fractionally)" : string.Empty)}");
            doc.Paragraph(a.Reference is null
                ? "No group is large enough to serve as the reference, so no group is judged."
                : $"Reference group: **{a.Reference}** ({(a.ReferenceNamed ? "named for this audit" : "the group with the highest favourable rate")}).");
            doc.Table(
                ["group", "applicants", "favourable", "rate", "95 % interval", "AIR", "difference (points)", "95 % interval of difference", "p-value", "below four-fifths"],
                a.Groups.Select(g => (IReadOnlyList<string>)[
                    g.Group + (g.IsReference ? " (reference)" : string.Empty),
                    Format.Count(g.Count),
                    Format.Count(g.Favorable),
                    Format.Percent(g.FavorableRate),
                    $"{Format.Percent(g.RateCiLow)} – {Format.Percent(g.RateCiHigh)}",
                    Format.Ratio(g.Air),
                    g.RateDifference is null ? "–" : Format.Points(g.RateDifference.Value),
                    g.RateDifferenceCiLow is null ? "–" : $"{Format.Points(g.RateDifferenceCiLow.Value)} to {Format.Points(g.RateDifferenceCiHigh!.Value)}",
                    Format.P(g.PValue) + (g.Test == TwoByTwoTest.ChiSquare ? " (χ²)" : string.Empty),
                    g.TooSmall ? "too small to judge" : g.IsMissing ? "not judged (missing)" : g.IsReference ? "–" : g.FourFifthsFlag ? "**yes**" : "no",
                ]),
                "below four-fifths");
            if (charts)
            {
                doc.Chart($"Favourable rate by {a.Attribute}. Bars are the rates, whiskers their 95 % Wilson intervals; the dashed line marks four-fifths of the reference group's rate. Red bars fall below it.", Charts.FavorableRates(a, o.FourFifths));
            }

            if (a.Groups.Any(g => g.Score is not null))
            {
                doc.Heading(3, "Scores");
                doc.Table(
                    ["group", "scored", "mean score", "standard deviation", "standardised mean difference"],
                    a.Groups.Where(g => g.Score is not null).Select(g => (IReadOnlyList<string>)[
                        g.Group + (g.IsReference ? " (reference)" : string.Empty),
                        Format.Count(g.Score!.Count),
                        Format.Decimal(g.Score.Mean, "0.000"),
                        Format.Decimal(g.Score.StdDev, "0.000"),
                        Format.Decimal(g.Score.StandardisedMeanDifference, "0.000"),
                    ]));
                if (charts && !a.IsIntersection && report.Bins is not null)
                {
                    doc.Chart($"Score distribution by {a.Attribute}: the share of each group's applicants in each score bin.", Charts.ScoreDistributions(a, report.Bins));
                }
            }

            if (a.Groups.Any(g => g.Outcome is not null))
            {
                doc.Heading(3, "Outcomes");
                doc.Table(
                    ["group", "good", "bad", "good applicants approved (TPR)", "bad applicants approved (FPR)", "bad rate among approved"],
                    a.Groups.Where(g => g.Outcome is not null).Select(g => (IReadOnlyList<string>)[
                        g.Group + (g.IsReference ? " (reference)" : string.Empty),
                        Format.Count(g.Outcome!.Good),
                        Format.Count(g.Outcome.Bad),
                        Format.Percent(g.Outcome.TruePositiveRate ?? double.NaN),
                        Format.Percent(g.Outcome.FalsePositiveRate ?? double.NaN),
                        Format.Percent(g.Outcome.BadRateAmongApproved ?? double.NaN),
                    ]));
                if (!a.IsIntersection && a.Groups.Any(g => g.Outcome!.Calibration.Count > 0))
                {
                    // One row per band, one observed-rate column per group: easy to compare across a line.
                    var withBands = a.Groups.Where(g => g.Outcome is { Calibration.Count: > 0 }).ToList();
                    var allBands = withBands.SelectMany(g => g.Outcome!.Calibration).GroupBy(b => b.Band).OrderBy(b => b.Key).Select(b => b.First()).ToList();
                    var bandRows = allBands.Select(b => (IReadOnlyList<string>)[
                        b.Band.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        $"{Format.Decimal(b.ScoreLow, "0.###")} – {Format.Decimal(b.ScoreHigh, "0.###")}",
                        Format.Percent(b.PredictedBadRate),
                        .. withBands.Select(g => g.Outcome!.Calibration.FirstOrDefault(x => x.Band == b.Band) is { } x
                            ? $"{Format.Percent(x.ObservedBadRate)} ({Format.Count(x.Count)})"
                            : "–"),
                    ]).ToList();
                    doc.Paragraph("Calibration: within each score band, the bad rate observed for each group against the bad rate of all applicants in that band (the rate the score implies for anyone in it).");
                    doc.Table(["band", "scores", "predicted (all applicants)", .. withBands.Select(g => $"{g.Group} observed (n)")], bandRows);
                    if (charts)
                    {
                        doc.Chart($"Calibration by {a.Attribute}: observed bad rate per score band for each group; the dashed line is the band's rate over all applicants.", Charts.Calibration(a));
                    }
                }
            }

            if (a.Segments.Count > 0)
            {
                doc.Heading(3, "By segment");
                doc.Table(
                    ["segment", "group", "applicants", "rate", "AIR"],
                    a.Segments.SelectMany(s => s.Groups.Select(g => (IReadOnlyList<string>)[
                        s.Segment,
                        g.Group,
                        Format.Count(g.Count),
                        g.FavorableRate is null ? "–" : Format.Percent(g.FavorableRate.Value),
                        g.TooSmall ? "too small" : Format.Ratio(g.Air),
                    ])));
                if (a.Cmh.Count > 0)
                {
                    doc.Paragraph($"Cochran–Mantel–Haenszel test against {a.Reference}, comparing like with like inside each segment (continuity-corrected):");
                    doc.Table(
                        ["group", "segments used", "common odds ratio", "χ²", "p-value"],
                        a.Cmh.Select(c => (IReadOnlyList<string>)[c.Group, c.Strata.ToString(System.Globalization.CultureInfo.InvariantCulture), Format.Ratio(c.CommonOddsRatio), Format.Decimal(c.ChiSquare, "0.000"), Format.P(c.PValue)]));
                }
            }
        }

        if (report.Controlled.Count > 0)
        {
            doc.Heading(2, "Controlled analysis");
            doc.Paragraph("A logistic regression of the **adverse** decision on group membership plus the control columns. An odds ratio above 1 means the group's odds of an adverse decision are higher than the reference group's among applicants alike in the controls.");
            foreach (var c in report.Controlled)
            {
                doc.Heading(3, $"{Capitalise(c.Attribute)} (reference: {c.Reference})");
                if (c.Terms.Count == 0)
                {
                    doc.Paragraph("The regression could not be fitted: a group or control is constant or perfectly predicts the decision.");
                    continue;
                }

                doc.Paragraph($"Rows used: {Format.Integer(c.RowsUsed)}; {(c.Converged ? $"converged in {c.Iterations} iterations" : $"**did not converge** in {c.Iterations} iterations")}.");
                doc.Table(
                    ["term", "coefficient", "standard error", "odds ratio", "95 % interval", "p-value"],
                    c.Terms.Select(t => (IReadOnlyList<string>)[
                        t.Term,
                        Format.Decimal(t.Coefficient, "0.0000"),
                        Format.Decimal(t.StdError, "0.0000"),
                        Format.Decimal(t.OddsRatio, "0.000"),
                        $"{Format.Decimal(t.OddsRatioCiLow, "0.000")} – {Format.Decimal(t.OddsRatioCiHigh, "0.000")}",
                        Format.P(t.PValue),
                    ]));
            }
        }

        doc.Heading(2, "Method");
        doc.Bullets([
            "Favourable rate intervals: Wilson score interval, 95 %.",
            "Adverse impact ratio (AIR): a group's favourable rate divided by the reference group's; below " + Format.Decimal(o.FourFifths, "0.00") + " is flagged (the four-fifths rule).",
            $"p-value: two-sided Fisher exact test of the 2×2 table (group vs reference, favourable vs not); for tables of more than {Format.Integer(TwoByTwo.ChiSquareThreshold)} decisions, Pearson's chi-square test.",
            "Difference in rates: Newcombe's hybrid score interval (method 10), 95 %.",
            "Standardised mean difference: Cohen's d with the pooled standard deviation of the group and the reference.",
            "TPR: share of applicants with a good outcome who got the favourable decision; FPR: share of applicants with a bad outcome who got it.",
            $"Groups with fewer than {Format.Decimal(o.MinGroupSize, "0.##")} applicants are shown but not judged; applicants without the attribute are shown as '(missing)' and never flagged.",
            "Proxy probabilities (e.g. BISG) count each applicant fractionally in every group; intervals and tests use the expected counts.",
        ]);
        return doc;
    }

    private static void SummaryText(ReportDocument doc, AuditReport report)
    {
        doc.Heading(2, ReportDocument.SummaryHeading);
        var judged = report.Attributes.SelectMany(a => a.Groups.Where(g => g.Air is not null && !g.IsReference && !g.TooSmall && !g.IsMissing).Select(g => (a, g))).ToList();
        var flagged = judged.Where(t => t.g.FourFifthsFlag).ToList();
        doc.Paragraph(flagged.Count == 0
            ? $"**No group's favourable rate falls below four-fifths of its reference group's rate** ({judged.Count} group comparisons)."
            : $"**{flagged.Count} of {judged.Count} group comparisons fall below four-fifths of the reference group's favourable rate.**");
        var items = new List<string>();
        foreach (var a in report.Attributes)
        {
            if (a.Reference is null)
            {
                items.Add($"{Capitalise(a.Attribute)}: every group is too small to judge.");
                continue;
            }

            var reference = a.Groups.First(g => g.IsReference);
            if (a.IsIntersection)
            {
                // One line per intersection keeps the summary short; the table below has every group.
                var judgedHere = a.Groups.Where(g => g.Air is not null && !g.IsReference && !g.TooSmall && !g.IsMissing).ToList();
                var below = judgedHere.Where(g => g.FourFifthsFlag).ToList();
                var lowest = judgedHere.OrderBy(g => g.Air).FirstOrDefault();
                items.Add(below.Count == 0
                    ? $"**{a.Attribute}**: none of {judgedHere.Count} groups falls below four-fifths of {reference.Group}."
                    : $"**{a.Attribute}**: {below.Count} of {judgedHere.Count} groups fall below four-fifths of {reference.Group} ({Format.Percent(reference.FavorableRate)}); the lowest is **{lowest!.Group}** at {Format.Percent(lowest.FavorableRate)}, a ratio of {Format.Ratio(lowest.Air)} (p {PText(lowest.PValue)}).");
                continue;
            }

            foreach (var g in a.Groups.Where(g => g.Air is not null && !g.IsReference && !g.TooSmall && !g.IsMissing))
            {
                bool significant = g.PValue < 0.05;
                string lead = $"**{g.Group}** ({a.Attribute}): {Format.Percent(g.FavorableRate)} favourable against {Format.Percent(reference.FavorableRate)} for {reference.Group}, a ratio of {Format.Ratio(g.Air)}";
                string verdict = (g.FourFifthsFlag, significant) switch
                {
                    (true, true) => " — **below four-fifths**, and the gap is statistically significant (p " + PText(g.PValue) + "): unlikely to be chance.",
                    (true, false) => " — **below four-fifths**, but the gap could be chance (p " + PText(g.PValue) + "); more decisions are needed to be sure.",
                    (false, true) => g.RateDifference < 0
                        ? " — within four-fifths, but significantly lower (p " + PText(g.PValue) + ")."
                        : " — higher than the reference (p " + PText(g.PValue) + ").",
                    _ => " — within four-fifths and not significantly different (p " + PText(g.PValue) + ").",
                };
                items.Add(lead + verdict);
            }

            var small = a.Groups.Where(g => g.TooSmall && !g.IsMissing).ToList();
            if (small.Count > 0)
            {
                items.Add($"{Capitalise(a.Attribute)}: too few applicants to judge {string.Join(", ", small.Select(g => $"{g.Group} ({Format.Count(g.Count)})"))}.");
            }

            var missing = a.Groups.FirstOrDefault(g => g.IsMissing);
            if (missing is not null && !a.IsIntersection)
            {
                items.Add($"{Capitalise(a.Attribute)}: {Format.Count(missing.Count)} decisions have no {a.Attribute} recorded; they are shown as '(missing)' and not judged.");
            }
        }

        doc.Bullets(items);
        foreach (var c in report.Controlled)
        {
            foreach (var t in c.Groups.Where(t => t.PValue < 0.05))
            {
                doc.Paragraph($"After controlling for the control columns, applicants in **{t.Term}** ({c.Attribute}) have {Format.Decimal(t.OddsRatio, "0.00")} times the odds of an adverse decision of {c.Reference} (95 % interval {Format.Decimal(t.OddsRatioCiLow, "0.00")}–{Format.Decimal(t.OddsRatioCiHigh, "0.00")}, p {PText(t.PValue)}).");
            }
        }
    }

    private static void Glossary(ReportDocument doc, AuditReport report)
    {
        doc.Heading(2, "How to read this report");
        var items = new List<string>
        {
            "**Favourable rate**: the share of a group's applicants who got the favourable decision. The **95 % interval** is the range the true rate very probably lies in; small groups have wide intervals.",
            "**AIR** (adverse impact ratio): a group's favourable rate divided by the reference group's. 1.00 means equal treatment; below 0.80 (\"four-fifths\") is the usual warning line.",
            "**p-value**: how likely a gap at least this large would be if the group and the reference were treated alike. Below 0.05 is called statistically significant.",
        };
        if (report.Bins is not null)
        {
            items.Add("**Standardised mean difference**: the gap between a group's average score and the reference's, in standard deviations; about 0.2 is small, 0.5 medium, 0.8 large.");
        }

        if (report.Controlled.Count > 0)
        {
            items.Add("**Odds ratio** (controlled analysis): how much higher a group's odds of an adverse decision are than the reference's, among applicants alike in the control columns.");
        }

        doc.Bullets(items);
    }

    private static string PText(double? p) => p < 0.0001 ? "< 0.0001" : "= " + Format.P(p);

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
