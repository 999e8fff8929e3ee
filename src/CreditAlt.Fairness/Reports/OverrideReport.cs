using System.Text.Json;
using CreditAlt.Fairness.Audit;
using ScottPlot;

namespace CreditAlt.Fairness.Reports;

// The override-rate section of the report (an audit of final decisions): its own file, so the report's other sections
// change without touching it.
public static partial class FairnessReportWriter
{
    private static void OverrideTables(ReportDocument doc, AuditReport report, bool charts)
    {
        if (report.Overrides is not { } overrides)
            return;
        doc.Heading(2, "Override rates");
        doc.Paragraph("Where a person's final action differs from the model's decision. **Up**: the model declined, referred or could not score, and the final action approved. " +
                      "**Down**: the model approved, and the final action declined or made a counteroffer. Each rate is over the group's decisions that started in that state, " +
                      "with its 95 % Wilson interval; the ratio is the group's rate over the control group's, tested with Fisher's exact test (chi-square for very large tables).");
        foreach (var a in overrides.Attributes)
        {
            doc.Heading(3, Capitalise(a.Attribute) + (a.Control is null ? " (no control group)" : $" (against {a.Control})"));
            doc.Table(
                ["group", "model not approved", "overridden up", "up rate", "95 % interval", "ratio", "p-value", "model approved", "overridden down", "down rate", "95 % interval", "ratio", "p-value"],
                a.Groups.Select(g => (IReadOnlyList<string>)[
                    g.Group + (g.IsControl ? " (control)" : string.Empty),
                    .. Cells(g.Up),
                    .. Cells(g.Down),
                ]));
            if (charts)
                doc.Chart($"Override rates by {a.Attribute} with 95 % Wilson intervals: up (person approved what the model did not) and down (person refused what the model approved).", OverrideChart(a));
        }
    }

    private static IEnumerable<string> Cells(OverrideRate r) =>
    [
        Format.Count(r.Eligible),
        Format.Count(r.Overrides),
        r.Rate is { } rate ? Format.Percent(rate) : "–",
        r.Rate is null ? "–" : $"{Format.Percent(r.CiLow)} – {Format.Percent(r.CiHigh)}",
        Format.Ratio(r.Ratio),
        Format.P(r.PValue),
    ];

    private static string OverrideChart(OverrideAttribute a)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        var groups = a.Groups;
        var labels = groups.Select(g => g.Group + (g.IsControl ? " (control)" : string.Empty)).ToArray();
        var positions = Enumerable.Range(0, groups.Count).Select(i => (double)(groups.Count - 1 - i)).ToArray();
        void Series(Func<OverrideGroup, OverrideRate> pick, double offset, string name, Color colour)
        {
            for (int i = 0; i < groups.Count; i++)
            {
                var r = pick(groups[i]);
                if (r.Rate is not { } rate)
                    continue;
                var y = positions[i] + offset;
                var line = plot.Add.Line(r.CiLow * 100, y, r.CiHigh * 100, y);
                line.LineWidth = 3;
                line.LineColor = colour;
                var point = plot.Add.Marker(rate * 100, y);
                point.MarkerSize = 10;
                point.Color = colour;
                if (i == 0)
                    point.LegendText = name;
            }
        }

        Series(g => g.Up, 0.15, "up (approved by a person)", Color.FromHex("#2e7d32"));
        Series(g => g.Down, -0.15, "down (refused by a person)", Color.FromHex("#c0392b"));
        plot.ShowLegend(Edge.Bottom);
        if (groups.Count > 0)
            plot.Axes.Left.SetTicks(positions, labels);
        plot.Axes.SetLimitsX(0, 100);
        plot.Axes.SetLimitsY(-0.7, Math.Max(1, groups.Count) - 0.3);
        plot.XLabel("override rate, % (point) with 95 % interval (line)");
        plot.Title($"Override rates by {a.Attribute}");
        return plot.GetSvgXml(1000, 170 + 40 * Math.Max(1, groups.Count));
    }

    private static void WriteOverrides(Utf8JsonWriter w, OverrideRates? overrides)
    {
        if (overrides is null)
            return;
        w.WriteStartArray("overrideRates");
        foreach (var a in overrides.Attributes)
        {
            w.WriteStartObject();
            w.WriteString("attribute", a.Attribute);
            WriteString(w, "control", a.Control);
            w.WriteStartArray("groups");
            foreach (var g in a.Groups)
            {
                w.WriteStartObject();
                w.WriteString("group", g.Group);
                w.WriteBoolean("isControl", g.IsControl);
                w.WriteBoolean("isMissing", g.IsMissing);
                WriteOverrideRate(w, "up", g.Up);
                WriteOverrideRate(w, "down", g.Down);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteOverrideRate(Utf8JsonWriter w, string name, OverrideRate r)
    {
        w.WriteStartObject(name);
        w.WriteNumber("eligible", r.Eligible);
        w.WriteNumber("overrides", r.Overrides);
        WriteNumber(w, "rate", r.Rate);
        WriteNumber(w, "ciLow", r.Rate is null ? null : r.CiLow);
        WriteNumber(w, "ciHigh", r.Rate is null ? null : r.CiHigh);
        WriteNumber(w, "ratio", r.Ratio);
        WriteNumber(w, "pValue", r.PValue);
        WriteString(w, "test", TestName(r.Test));
        w.WriteEndObject();
    }
}
