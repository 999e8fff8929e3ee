using System.Text.Json;
using CreditAlt.Fairness.Audit;
using CreditAlt.Fairness.Drivers;

namespace CreditAlt.Fairness.Reports;

/// <summary>The drivers-and-proxies part of the reports (Markdown, HTML and JSON) and its verdict sentences.</summary>
public static partial class FairnessReportWriter
{
    private static void DriverTables(ReportDocument doc, AuditReport report, bool charts)
    {
        if (report.Drivers is not { } d)
        {
            return;
        }

        doc.Heading(2, "Drivers and proxies");
        doc.Paragraph($"Model: {d.ModelDescription}. For each of the model's attributes, and for whether its value is missing: its information value (IV) against the observed outcome, "
            + "and for each protected group compared with its control group the proxy AUC (how well the attribute's points alone tell the group from the control group: 0.5 not at all, "
            + "below 0.5 the group has fewer points) and the **contribution** to the group's AIR (the AIR with that attribute's points replaced by its neutral points for everyone, "
            + "every applicant re-decided at the model's cut-off, minus today's AIR; positive means the attribute lowers the group's AIR). "
            + $"Sorted by the largest contribution. **LDA candidate**: a strong proxy (AUC at most {Format.Decimal(1 - d.Options.StrongProxy)} or at least {Format.Decimal(d.Options.StrongProxy)}) "
            + $"that moves some AIR by at least {Format.Decimal(d.Options.MovesAir, "0.000")} and carries less than the median IV of the model's attributes ({Format.Decimal(d.MedianInformationValue, "0.000")}): "
            + "the first attributes to try dropping or neutralising in `creditalt lda`.");
        // One table per protected attribute, so the page stays readable at 1,280 px however many groups there are.
        foreach (var attribute in d.Rows.SelectMany(r => r.Groups).Select(g => g.Attribute).Distinct().ToList())
        {
            var columns = d.Rows.SelectMany(r => r.Groups).Where(g => g.Attribute == attribute).Select(g => (g.Group, g.Control)).Distinct().ToList();
            doc.Paragraph($"**{Capitalise(attribute)}** (against {columns[0].Control}): proxy AUC · contribution to the AIR, per group.");
            doc.Table(
                ["attribute", "IV", "LDA candidate", .. columns.Select(c => c.Group)],
                d.Rows.Select(r => (IReadOnlyList<string>)[
                    r.Name,
                    Format.Decimal(r.InformationValue, "0.000"),
                    r.LdaCandidate ? "**yes**" : "–",
                    .. columns.Select(c => r.Groups.FirstOrDefault(g => g.Attribute == attribute && g.Group == c.Group) is { } g
                        ? $"{Format.Decimal(g.ProxyAuc)} · {Signed(g.Contribution)}"
                        : "–"),
                ]),
                "LDA candidate");
        }

        if (charts && d.Rows.Count > 0)
        {
            doc.Chart("Contribution of each attribute to each protected group's AIR (AIR with the attribute neutral minus today's), the twelve largest; right of 0 the attribute lowers the group's AIR.", Charts.DriverContributions(d, 12));
        }
    }

    private static string Signed(double x) => double.IsNaN(x) ? "–" : x.ToString("+0.000;−0.000;0.000", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Per single attribute, the lowest-AIR judged group's three largest drivers, and the LDA candidates.</summary>
    private static IEnumerable<string> DriverSentences(AuditReport report)
    {
        if (report.Drivers is not { } d)
        {
            yield break;
        }

        foreach (var a in report.Attributes.Where(a => !a.IsIntersection && a.Reference is not null))
        {
            var worst = a.Groups.Where(g => g.Judged && g.Air is not null).OrderBy(g => g.Air).FirstOrDefault();
            if (worst is null)
            {
                continue;
            }

            var top = d.Rows.Select(r => (r, g: r.Groups.FirstOrDefault(g => g.Attribute == a.Attribute && g.Group == worst.Group)))
                .Where(t => t.g is not null && t.g.Contribution > 0).OrderByDescending(t => t.g!.Contribution).ThenBy(t => t.r.Name, StringComparer.Ordinal).Take(3).ToList();
            yield return top.Count == 0
                ? $"{worst.Group}'s approval ratio ({a.Attribute}) is driven by no single model attribute: neutralising any one of them does not raise it."
                : $"{worst.Group}'s approval ratio ({a.Attribute}, {Format.Ratio(worst.Air)} in the decisions audited) is driven by "
                    + string.Join(", ", top.Select(t => $"**{t.r.Name}** (AIR {Signed(t.g!.Contribution)} if neutral; proxy AUC {Format.Decimal(t.g.ProxyAuc)})")) + ".";
        }

        var candidates = d.Rows.Where(r => r.LdaCandidate).Select(r => r.Name).ToList();
        yield return candidates.Count == 0
            ? "No model attribute is marked as an LDA candidate (a strong proxy that moves an AIR and carries less than the median information value)."
            : $"First LDA candidates (strong proxies that move an AIR and add least predictive power): {string.Join(", ", candidates.Select(c => $"**{c}**"))}.";
    }

    private static void WriteDrivers(Utf8JsonWriter w, DriverReport? d)
    {
        if (d is null)
        {
            return;
        }

        w.WriteStartObject("drivers");
        w.WriteString("model", d.ModelDescription);
        w.WriteNumber("approveAt", d.ApproveAt);
        WriteNumber(w, "medianInformationValue", d.MedianInformationValue);
        w.WriteNumber("strongProxy", d.Options.StrongProxy);
        w.WriteNumber("movesAir", d.Options.MovesAir);
        w.WriteStartArray("rows");
        foreach (var r in d.Rows)
        {
            w.WriteStartObject();
            w.WriteString("attribute", r.Name);
            w.WriteString("kind", r.Kind);
            WriteNumber(w, "informationValue", r.InformationValue);
            w.WriteBoolean("ldaCandidate", r.LdaCandidate);
            WriteNumber(w, "maxContribution", r.MaxContribution);
            w.WriteStartArray("groups");
            foreach (var g in r.Groups)
            {
                w.WriteStartObject();
                w.WriteString("protectedAttribute", g.Attribute);
                w.WriteString("group", g.Group);
                w.WriteString("control", g.Control);
                WriteNumber(w, "proxyAuc", g.ProxyAuc);
                WriteNumber(w, "proxyStrength", g.ProxyStrength);
                WriteNumber(w, "airToday", g.AirToday);
                WriteNumber(w, "airNeutral", g.AirNeutral);
                WriteNumber(w, "contribution", g.Contribution);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
