using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CreditAlt.Audits.Lda;

/// <summary>Writes lda.md and lda.json (invariant culture, no time stamp: the same input gives the same bytes).</summary>
public static class LdaReport
{
    public static void Write(LdaResult result, string source, string directory)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "lda.md"), Markdown(result, source), new UTF8Encoding(false));
        File.WriteAllBytes(Path.Combine(directory, "lda.json"), Json(result, source));
    }

    private static string F(double? v, string format) => v is null || double.IsNaN(v.Value) ? "–" : v.Value.ToString(format, CultureInfo.InvariantCulture);

    public static string Markdown(LdaResult r, string source)
    {
        ArgumentNullException.ThrowIfNull(r);
        var inv = CultureInfo.InvariantCulture;
        var b = new StringBuilder();
        var baseline = r.Baseline;
        b.Append("# Less-discriminatory-alternative search\n\n");
        b.Append(inv, $"- Source: `{source}`\n");
        b.Append(inv, $"- Protected attribute: **{r.Attribute}**, control group **{r.Control}** (read only to evaluate and to reweigh; never a model input)\n");
        b.Append(inv, $"- Trained on {r.TrainRows:N0} training applicants (seed {r.Options.Seed}; every trained model, the baseline included, on the same rows with the champion's procedure)\n");
        b.Append(inv, $"- Evaluated on the held-out 30 %: {r.HeldOut:N0} applicants ({r.Evaluated:N0} with enough history for the AUC)\n");
        b.Append(inv, $"- Baseline: {baseline.Name}{(r.Options.Retrain ? (r.GivenIsBaseline ? " — identical to the model as given on every held-out applicant" : " — differs from the model as given (trained on other rows or settings)") : string.Empty)}\n");
        b.Append(inv, $"- Proposed only if: lowest protected-group AIR above the upper end of the baseline's 95 % interval, AUC at least {F(baseline.Auc - r.Options.MaxAucLoss, "0.0000")} (baseline {F(baseline.Auc, "0.0000")} − {F(r.Options.MaxAucLoss, "0.000")}), and no protected group's approval count lower than the baseline's\n\n");
        b.Append("## Result\n\n");
        var low = baseline.Lowest;
        b.Append(inv, $"Baseline: lowest AIR **{F(low?.Air, "0.000")}** ({low?.Group ?? "–"}, 95 % {F(low?.AirCiLow, "0.000")}–{F(low?.AirCiHigh, "0.000")}), AUC {F(baseline.Auc, "0.0000")} ({F(baseline.AucCiLow, "0.0000")}–{F(baseline.AucCiHigh, "0.0000")}), approval {F(baseline.ApprovalRate * 100, "0.0")} %.\n\n");
        if (r.Chosen is { } c)
        {
            b.Append(inv, $"**Proposed: {c.Name}** ({c.Kind}): lowest AIR {F(c.Lowest?.Air, "0.000")} ({c.Lowest?.Group}), AUC {F(c.Auc, "0.0000")}, approval {F(c.ApprovalRate * 100, "0.0")} %.\n\n");
        }
        else
        {
            b.Append("**No alternative is proposed**: none meets all three conditions. Keep the model, and document the search.\n\n");
        }

        var every = r.Alternatives.Where(a => a.LowersEveryGroup).Select(a => a.Name).ToList();
        if (every.Count > 0)
        {
            b.Append(inv, $"Lower approvals for every group, the control group included (never proposed, whatever their AIR): {string.Join("; ", every)}.\n\n");
        }

        b.Append("## Alternatives\n\n");
        b.Append("| alternative | kind | approve at | AUC (95 %) | ΔAUC vs baseline (95 %) | approved | bad rate among approved | lowest AIR (95 %) | verdict |\n");
        b.Append("|---|---|---:|---|---|---:|---:|---|---|\n");
        foreach (var a in r.Alternatives)
        {
            var l = a.Lowest;
            b.Append(inv, $"| {(a.Proposed ? $"**{a.Name}**" : a.Name)} | {a.Kind} | {a.ApproveAt} | {F(a.Auc, "0.0000")} ({F(a.AucCiLow, "0.0000")}–{F(a.AucCiHigh, "0.0000")}) | {(a.Kind is "given" or "baseline" ? "–" : $"{F(a.AucDifference, "+0.0000;−0.0000;0.0000")} ({F(a.AucDifferenceCiLow, "+0.0000;−0.0000;0.0000")} to {F(a.AucDifferenceCiHigh, "+0.0000;−0.0000;0.0000")})")} | {a.Approved:N0} ({F(a.ApprovalRate * 100, "0.0")} %) | {F(a.ApprovedBadRate * 100, "0.00")} % | {F(l?.Air, "0.000")} {l?.Group} ({F(l?.AirCiLow, "0.000")}–{F(l?.AirCiHigh, "0.000")}) | {a.Verdict} |\n");
        }

        b.Append("\n## Approvals per group\n\nApproved / applicants and the AIR against the control group, per alternative.\n\n");
        var groups = baseline.Groups.Select(g => g.Group).ToList();
        b.Append("| alternative | ").Append(string.Join(" | ", groups)).Append(" |\n|---|").Append(string.Concat(groups.Select(_ => "---:|"))).Append('\n');
        foreach (var a in r.Alternatives)
        {
            b.Append(inv, $"| {a.Name} | ");
            b.Append(string.Join(" | ", groups.Select(name => a.Groups.FirstOrDefault(g => g.Group == name) is { } g
                ? string.Create(inv, $"{g.Approved:N0}/{g.Count:N0}") + (g.Air is null ? string.Empty : $" · {F(g.Air, "0.000")}")
                : "–")));
            b.Append(" |\n");
        }

        return b.ToString();
    }

    public static byte[] Json(LdaResult r, string source)
    {
        ArgumentNullException.ThrowIfNull(r);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            w.WriteStartObject();
            w.WriteString("source", source);
            w.WriteString("attribute", r.Attribute);
            w.WriteString("control", r.Control);
            w.WriteNumber("seed", r.Options.Seed);
            w.WriteNumber("maxAucLoss", r.Options.MaxAucLoss);
            w.WriteNumber("minGroupSize", r.Options.MinGroupSize);
            w.WriteNumber("trainRows", r.TrainRows);
            w.WriteNumber("heldOut", r.HeldOut);
            w.WriteNumber("evaluated", r.Evaluated);
            w.WriteBoolean("givenIsBaseline", r.GivenIsBaseline);
            w.WriteStartArray("alternatives");
            foreach (var a in r.Alternatives)
            {
                Alternative(w, a);
            }

            w.WriteEndArray();
            if (r.Chosen is null)
            {
                w.WriteNull("proposed");
            }
            else
            {
                w.WriteNumber("proposed", r.Alternatives.ToList().IndexOf(r.Chosen));
            }

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
        Number(w, "aucCiLow", a.AucCiLow);
        Number(w, "aucCiHigh", a.AucCiHigh);
        Number(w, "aucDifference", a.AucDifference);
        Number(w, "aucDifferenceCiLow", a.AucDifferenceCiLow);
        Number(w, "aucDifferenceCiHigh", a.AucDifferenceCiHigh);
        w.WriteNumber("approved", a.Approved);
        Number(w, "approvalRate", a.ApprovalRate);
        Number(w, "approvedBadRate", a.ApprovedBadRate);
        w.WriteString("lowestAirGroup", a.Lowest?.Group);
        Number(w, "lowestAir", a.Lowest?.Air);
        w.WriteBoolean("lowersEveryGroup", a.LowersEveryGroup);
        w.WriteBoolean("proposed", a.Proposed);
        w.WriteString("verdict", a.Verdict);
        w.WriteStartArray("groups");
        foreach (var g in a.Groups)
        {
            w.WriteStartObject();
            w.WriteString("group", g.Group);
            w.WriteBoolean("control", g.IsControl);
            w.WriteNumber("count", g.Count);
            w.WriteNumber("approved", g.Approved);
            Number(w, "rate", g.Rate);
            w.WriteBoolean("judged", g.Judged);
            Number(w, "air", g.Air);
            Number(w, "airCiLow", g.AirCiLow);
            Number(w, "airCiHigh", g.AirCiHigh);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double? v)
    {
        if (v is null || !double.IsFinite(v.Value))
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteNumber(name, Math.Round(v.Value, 6));
        }
    }
}
