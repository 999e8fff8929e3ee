using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CreditAlt.Cli.Lda;

/// <summary>Writes lda.md and lda.json (invariant culture, no time stamp: the same input gives the same bytes).</summary>
internal static class LdaReport
{
    public static void Write(LdaResult result, string source, string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "lda.md"), Markdown(result, source), new UTF8Encoding(false));
        File.WriteAllBytes(Path.Combine(directory, "lda.json"), Json(result, source));
    }

    private static string F(double v, string format) => double.IsNaN(v) ? "–" : v.ToString(format, CultureInfo.InvariantCulture);

    public static string Markdown(LdaResult r, string source)
    {
        var inv = CultureInfo.InvariantCulture;
        var b = new StringBuilder();
        b.Append("# Less-discriminatory-alternative search\n\n");
        b.Append(inv, $"- Source: `{source}`\n");
        b.Append(inv, $"- Protected attribute: **{r.Attribute}** (read only to evaluate; never given to training)\n");
        b.Append(inv, $"- Evaluated on the held-out {ChampionShare()} split (seed {r.Options.Seed}): {r.Evaluated:N0} applicants with enough history of {r.HeldOut:N0} held out\n");
        b.Append(inv, $"- AIR: approval rate of the worst group over the best group's, among groups with at least {r.Options.MinGroupSize} evaluated applicants\n");
        b.Append(inv, $"- Accuracy bound: AUC at least {F(r.Baseline.Auc - r.Options.MaxAucLoss, "0.0000")} (baseline {F(r.Baseline.Auc, "0.0000")} − {F(r.Options.MaxAucLoss, "0.000")})\n\n");
        var c = r.Chosen;
        b.Append("## Result\n\n");
        if (ReferenceEquals(c, r.Baseline) || c == r.Baseline)
        {
            b.Append(inv, $"No alternative within the accuracy bound has a better AIR than the model itself (AIR {F(c.Air, "0.000")}).\n\n");
        }
        else
        {
            b.Append(inv, $"**{c.Name}** ({c.Kind}) has the best AIR within the accuracy bound: AIR {F(c.Air, "0.000")} against {F(r.Baseline.Air, "0.000")}, AUC {F(c.Auc, "0.0000")} against {F(r.Baseline.Auc, "0.0000")}, approval {F(c.ApprovalRate * 100, "0.0")} % against {F(r.Baseline.ApprovalRate * 100, "0.0")} %, bad rate among approved {F(c.ApprovedBadRate * 100, "0.00")} % against {F(r.Baseline.ApprovedBadRate * 100, "0.00")} %.\n\n");
        }

        b.Append("A cut-off alternative leaves the ranking, and so the AUC, unchanged; its cost shows in the bad rate among approved. ");
        b.Append("The Pareto set holds the alternatives no other beats on AIR, AUC and bad rate among approved at once.\n\n");
        b.Append("## Alternatives\n\n");
        b.Append("| alternative | kind | approve at | AUC | approval | bad rate among approved | AIR | worst / best group | Pareto | within bound |\n");
        b.Append("|---|---|---:|---:|---:|---:|---:|---|---|---|\n");
        double floor = r.Baseline.Auc - r.Options.MaxAucLoss;
        foreach (var a in r.Alternatives)
        {
            string name = ReferenceEquals(a, c) || a == c ? $"**{a.Name}** (chosen)" : a.Name;
            b.Append(inv, $"| {name} | {a.Kind} | {a.ApproveAt} | {F(a.Auc, "0.0000")} | {F(a.ApprovalRate * 100, "0.0")} % | {F(a.ApprovedBadRate * 100, "0.00")} % | {F(a.Air, "0.000")} | {a.WorstGroup ?? "–"} / {a.ReferenceGroup ?? "–"} | {(a.Pareto ? "yes" : "")} | {(a.Auc >= floor - 1e-12 ? "yes" : "no")} |\n");
        }

        var refit = r.Alternatives.FirstOrDefault(a => a.Kind == "retrained");
        var same = refit is null ? [] : r.Alternatives.Where(a => a.Kind == "drop-attribute" && a.Auc == refit.Auc && a.ApprovalRate == refit.ApprovalRate && a.ApprovedBadRate == refit.ApprovedBadRate).ToList();
        b.Append("\nThe drop-attribute and binning rows are re-fitted on the training part of this portfolio with the default settings; compare them with the re-fit ");
        b.Append("with every attribute, not only with the baseline (which may have been trained on other data).");
        if (same.Count > 0)
        {
            b.Append(inv, $" {same.Count} drop-attribute row(s) equal the re-fit: the re-fit does not select that attribute, so dropping it changes nothing.");
        }

        b.Append('\n');
        return b.ToString();
    }

    private static string ChampionShare() => "30 %";

    public static byte[] Json(LdaResult r, string source)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            w.WriteStartObject();
            w.WriteString("source", source);
            w.WriteString("attribute", r.Attribute);
            w.WriteNumber("seed", r.Options.Seed);
            w.WriteNumber("maxAucLoss", r.Options.MaxAucLoss);
            w.WriteNumber("minGroupSize", r.Options.MinGroupSize);
            w.WriteNumber("heldOut", r.HeldOut);
            w.WriteNumber("evaluated", r.Evaluated);
            w.WriteStartArray("alternatives");
            foreach (var a in r.Alternatives)
            {
                Alternative(w, a);
            }

            w.WriteEndArray();
            w.WriteNumber("chosen", r.Alternatives.ToList().FindIndex(a => a == r.Chosen));
            w.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static void Alternative(Utf8JsonWriter w, LdaAlternative a)
    {
        w.WriteStartObject();
        w.WriteString("kind", a.Kind);
        w.WriteString("name", a.Name);
        w.WriteNumber("approveAt", a.ApproveAt);
        Number(w, "auc", a.Auc);
        Number(w, "approvalRate", a.ApprovalRate);
        Number(w, "approvedBadRate", a.ApprovedBadRate);
        Number(w, "air", a.Air);
        w.WriteString("worstGroup", a.WorstGroup);
        w.WriteString("referenceGroup", a.ReferenceGroup);
        w.WriteBoolean("pareto", a.Pareto);
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double v)
    {
        if (double.IsNaN(v))
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteNumber(name, Math.Round(v, 6));
        }
    }
}
