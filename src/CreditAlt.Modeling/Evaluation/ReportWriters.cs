using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CreditAlt.Core.Attributes;

namespace CreditAlt.Modeling.Evaluation;

/// <summary>
/// Writes an <see cref="EvaluationReport"/> as <c>evaluation.json</c> (every figure at full precision, camelCase,
/// '\n' line ends) and <c>evaluation.md</c> (rounded for reading). Both are deterministic: the same report gives the same bytes.
/// </summary>
public static class ReportWriters
{
    public const string JsonFile = "evaluation.json";
    public const string MarkdownFile = "evaluation.md";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        NewLine = "\n",
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string ToJson(EvaluationReport report) => JsonSerializer.Serialize(report, Options) + "\n";

    /// <summary>Writes both files into <paramref name="directory"/> (created if needed).</summary>
    public static void WriteFiles(EvaluationReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, JsonFile), ToJson(report));
        File.WriteAllText(Path.Combine(directory, MarkdownFile), ToMarkdown(report));
    }

    public static string ToMarkdown(EvaluationReport r)
    {
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');

        Line($"# {r.Title}");
        Line();
        var split = r.Split.Length > 0 ? r.Split + " " : "";
        Line($"{split}{r.Applicants:N0} held-out applicants, {r.CreditInvisible:N0} of them credit-invisible (no bureau score). "
            + $"{r.Evaluated:N0} have enough history for a decision and make up the figures below except the inclusion table: "
            + $"{r.Bads:N0} defaults ({Pct(r.Evaluated == 0 ? 0 : (double)r.Bads / r.Evaluated)}), {r.WithBureauScore:N0} with a bureau score.");
        Line();
        Line("Discrimination uses each model's probability of default as the risk order; the bureau score is ranked the other way "
            + "(higher score, lower risk). The oracle is the true probability of default the synthetic data were drawn from: no model can rank better.");
        Line();

        Line("## Discrimination and accuracy");
        Line();
        var boot = r.Models.Select(m => m.Intervals).FirstOrDefault(i => i is not null) ?? r.Bureau?.Intervals;
        if (boot is not null)
            Line($"Intervals are 95 %: percentile bootstrap with {boot.Resamples:N0} stratified resamples (bads and goods drawn separately, seed {boot.Seed}); "
                + "the DeLong standard error of the AUC is shown as ± beside it.");
        Line();
        Line("| scorer | applicants | AUC | AUC 95 % | Gini 95 % | KS | KS 95 % | Brier | AUC on applicants with a bureau score |");
        Line("|---|---:|---:|---|---|---:|---|---:|---:|");
        foreach (var m in r.Models)
            Line($"| {m.Name} | {r.Evaluated:N0} | {F(m.Auc)}{Se(m.AucError)} | {I(m.Intervals?.Auc)} | {I(m.Intervals?.Gini)} | {F(m.Ks)} | {I(m.Intervals?.Ks)} | {F(m.Brier)} | {F(m.AucWithBureau)} |");
        if (r.Bureau is { } b)
            Line($"| bureau score | {b.Applicants:N0} | {F(b.Auc)}{Se(b.AucError)} | {I(b.Intervals?.Auc)} | {I(b.Intervals?.Gini)} | {F(b.Ks)} | {I(b.Intervals?.Ks)} | – | {F(b.Auc)} |");
        if (r.OracleAuc is not null)
            Line($"| oracle (true PD) | {r.Evaluated:N0} | {F(r.OracleAuc)} | – | – | – | – | – | {F(r.OracleAucWithBureau)} |");
        Line();
        foreach (var m in r.Models)
        {
            if (r.OracleAuc is { } oracle && m.Auc is { } auc)
                Line($"- {m.Name}: AUC {F(oracle - auc)} below the oracle.");
            if (r.Bureau?.Auc is { } bureauAuc && m.AucWithBureau is { } withBureau)
                Line($"- {m.Name}: AUC {F(Math.Abs(withBureau - bureauAuc))} {(withBureau >= bureauAuc ? "above" : "below")} the bureau score on the applicants who have one.");
        }

        if (r.Models.Count > 0) Line();

        if (r.Comparisons.Count > 0)
        {
            Line("## DeLong tests");
            Line();
            Line("DeLong, DeLong and Clarke-Pearson (1988): the difference of two AUCs measured on the same applicants, its standard error from the "
                + "placements' covariance, and the two-sided p-value. A p-value below 0.05 means the difference is unlikely to be chance.");
            Line();
            Line("| first | second | applicants | AUC first | AUC second | difference | 95 % interval | z | p-value |");
            Line("|---|---|---:|---:|---:|---:|---|---:|---:|");
            foreach (var t in r.Comparisons)
                Line($"| {t.First} | {t.Second} | {t.Applicants:N0} | {F(t.AucFirst)} | {F(t.AucSecond)} | {F(t.Difference)} | {I(t.DifferenceInterval)} | "
                    + $"{t.Z.ToString("0.00", Inv)} | {P(t.PValue)} |");
            Line();
        }

        Line("## Calibration by score band");
        Line();
        Line("Observed bad rates carry 95 % Wilson intervals; a band marked ✗ has its mean predicted PD outside the interval. "
            + "Calibration intercept: a in logit P(bad) = a + logit(PD), 0 when the average is right (positive: the model predicts too low). "
            + "Calibration slope: b in logit P(bad) = a' + b·logit(PD), 1 when the spread is right (below 1: predictions too extreme).");
        Line();
        foreach (var m in r.Models)
        {
            Line($"### {m.Name}");
            Line();
            Line($"Mean predicted PD {Pct(m.MeanPredicted)}, observed bad rate {Pct(m.ObservedBadRate)}{(m.CalibrationFit?.ObservedInterval is { } oi ? $" ({Pct(oi.Low)}–{Pct(oi.High)})" : "")}.");
            if (m.CalibrationFit is { } c)
                Line($"Calibration intercept {c.Intercept.ToString("0.000", Inv)} ({I3(c.InterceptInterval)}), slope {c.Slope.ToString("0.000", Inv)} ({I3(c.SlopeInterval)}).");
            Line();
            Line("| score band | applicants | mean predicted PD | observed bad rate | 95 % interval | predicted inside |");
            Line("|---|---:|---:|---:|---|:---:|");
            foreach (var band in m.Calibration)
                Line($"| {band.Lower}–{band.Upper - 1} | {band.Applicants:N0} | {Pct(band.MeanPredicted)} | {Pct(band.ObservedBadRate)} | "
                    + $"{(band.ObservedInterval is { } w ? $"{Pct(w.Low)}–{Pct(w.High)}" : "–")} | {(band.PredictedWithinInterval ? "✓" : "✗")} |");
            Line();
            if (m.Segments.Count > 0)
            {
                Line("By segment:");
                Line();
                Line("| segment | applicants | bads | AUC (± DeLong SE) | mean predicted PD | observed bad rate (95 %) | intercept (95 %) | slope (95 %) |");
                Line("|---|---:|---:|---:|---:|---|---|---|");
                foreach (var sg in m.Segments)
                {
                    var c2 = sg.Calibration;
                    Line($"| {sg.Segment} | {sg.Applicants:N0} | {sg.Bads:N0} | {(sg.Auc is { } a ? F(a.Auc) + Se(a) : "–")} | {(c2 is null ? "–" : Pct(c2.MeanPredicted))} | "
                        + $"{(c2 is null ? "–" : $"{Pct(c2.ObservedRate)} ({(c2.ObservedInterval is { } x ? $"{Pct(x.Low)}–{Pct(x.High)}" : "–")})")} | "
                        + $"{(c2 is null ? "–" : $"{c2.Intercept.ToString("0.000", Inv)} ({I3(c2.InterceptInterval)})")} | {(c2 is null ? "–" : $"{c2.Slope.ToString("0.000", Inv)} ({I3(c2.SlopeInterval)})")} |");
                }

                Line();
            }
        }

        if (r.ProbabilityCalibration is { } pc)
        {
            Line("## Probability calibration of the challenger");
            Line();
            Line($"{pc.Method}, fitted on {pc.CalibrationRows:N0} training applicants held out from the trees. Figures on the evaluated applicants.");
            Line();
            Line("| sigmoid | slope | offset | Brier | calibration intercept (95 %) | calibration slope (95 %) |");
            Line("|---|---:|---:|---:|---|---|");
            foreach (var (name, st) in new[] { ("before (LightGBM's default)", pc.Before), ("after (fitted)", pc.After) })
                Line($"| {name} | {st.SigmoidSlope.ToString("0.0000", Inv)} | {st.SigmoidOffset.ToString("0.0000", Inv)} | {F(st.Brier)} | "
                    + $"{(st.Calibration is { } c ? $"{c.Intercept.ToString("0.000", Inv)} ({I3(c.InterceptInterval)})" : "–")} | "
                    + $"{(st.Calibration is { } d ? $"{d.Slope.ToString("0.000", Inv)} ({I3(d.SlopeInterval)})" : "–")} |");
            Line();
        }

        Line("## Bad rate by score decile");
        Line();
        Line("Decile 1 holds the lowest scores (highest risk).");
        Line();
        foreach (var m in r.Models) Deciles(m.Name, m.Deciles);
        if (r.Bureau is { } bureau) Deciles("bureau score (applicants who have one)", bureau.Deciles);

        Line("## Inclusion at the cut-offs");
        Line();
        Line("Rates are shares of each group; \"scored\" means the policy gave a decision other than insufficient data. "
            + "The last column is the bad rate among the approved.");
        Line();
        Line("| model | cut-offs | group | applicants | scored | approved | referred | declined | insufficient data | bad rate | bad rate of approved |");
        Line("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var m in r.Models)
            foreach (var row in m.Inclusion)
                Line($"| {m.Name} | approve ≥ {m.ApproveAt}, decline < {m.DeclineBelow} | {row.Group} | {row.Applicants:N0} | {Pct(row.ScoredShare)} | {Pct(row.ApprovalRate)} | "
                    + $"{Pct(row.ReferRate)} | {Pct(row.DeclineRate)} | {Pct(row.InsufficientRate)} | {Pct(row.BadRate)} | {(row.ApprovedBadRate is { } x ? Pct(x) : "–")} |");
        Line();

        Sensitivity(r, text => Line(text));

        if (r.Monotonicity is { Count: > 0 } mono)
        {
            Line("## Monotonicity of the challenger");
            Line();
            Line("Each attribute in turn is set to every value of a grid of its observed values while the applicant's other attributes "
                + "stay as they are (individual conditional expectation). \"Violating\" is the share of sampled applicants whose predicted PD "
                + "moves against the attribute's declared direction anywhere on the grid (by more than 1e-9); \"material\" counts only moves of more "
                + "than half a percentage point of PD; the maximum is the largest such move. The last column is the same check on the average curve "
                + "(partial dependence), which is what the attribute does to the portfolio as a whole.");
            Line();
            Line("| attribute | direction | grid points | applicants | violating | material (> 0.005) | max violation (PD) | partial dependence violation (PD) |");
            Line("|---|---|---:|---:|---:|---:|---:|---:|");
            foreach (var a in mono)
                Line($"| {a.AttributeId} | {(a.Direction == RiskDirection.HigherIsRiskier ? "higher is riskier" : "lower is riskier")} | {a.GridValues.Count} | "
                    + $"{a.Applicants:N0} | {Pct(a.ShareViolating)} | {Pct(a.ShareViolatingMaterially)} | {a.MaxViolation.ToString("0.0000", Inv)} | {a.PartialDependenceViolation.ToString("0.0000", Inv)} |");
            Line();
        }

        return md.ToString();

        void Deciles(string name, IReadOnlyList<ScoreDecile> deciles)
        {
            Line($"### {name}");
            Line();
            Line("| decile | score range | applicants | bads | bad rate | mean predicted PD |");
            Line("|---:|---|---:|---:|---:|---:|");
            foreach (var d in deciles)
                Line($"| {d.Decile} | {d.MinScore.ToString("0.##", Inv)}–{d.MaxScore.ToString("0.##", Inv)} | {d.Applicants:N0} | {d.Bads:N0} | {Pct(d.BadRate)} | {(d.MeanPredicted is { } p ? Pct(p) : "–")} |");
            Line();
        }
    }

    /// <summary>Approval and bad rates across approve cut-offs for every model, then the first model's training-setting variants.</summary>
    private static void Sensitivity(EvaluationReport r, Action<string> line)
    {
        if (r.Models.All(m => m.Cutoffs.Count == 0) && r.Sensitivity is null) return;
        line("## Sensitivity");
        line("");
        line("Approve cut-off moved 10 to 40 points either side of the shipped one (evaluated applicants; referrals and declines count as not approved). "
            + "\"Bads kept out\" is the share of all bads scoring below the cut-off.");
        line("");
        line("| model | approve at | approved | approval rate | bad rate of approved | bad rate below | bads kept out |");
        line("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var m in r.Models)
            foreach (var c in m.Cutoffs)
                line($"| {m.Name} | {(c.Cutoff == m.ApproveAt ? $"**{c.Cutoff}**" : c.Cutoff.ToString(Inv))} | {c.Approved:N0} | {Pct(c.ApprovalRate)} | "
                    + $"{(c.ApprovedBadRate is { } a ? Pct(a) : "–")} | {(c.BelowBadRate is { } b ? Pct(b) : "–")} | {(c.BadsBelowShare is { } k ? Pct(k) : "–")} |");
        line("");
        if (r.Sensitivity is not { } s) return;
        line($"Training settings of {r.Models.FirstOrDefault()?.Name ?? "the model"}: PDO rescales the fitted model (no refit; the approve cut-off is the score "
            + "of the same probability of bad, so only rounding moves the figures)"
            + (s.Retrained
                ? "; minimum bin share retrains on the same split; seed retrains on another split (each judged on its own held-out applicants)."
                : ". Minimum bin share and seed variants were not run (`creditalt train --sensitivity` runs them)."));
        line("");
        line("| setting | value | attributes | evaluated | AUC | approve at | approval rate | bad rate of approved |");
        line("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var t in s.Training)
        {
            var value = t.Value.ToString("0.###", Inv) + (t.Shipped ? " (shipped)" : "");
            line($"| {t.Setting} | {value} | {t.Attributes} | {t.Evaluated:N0} | {t.Auc.ToString("0.0000", Inv)} | {t.ApproveAt} | {Pct(t.ApprovalRate)} | {Pct(t.ApprovedBadRate)} |");
        }

        line("");
    }

    private static string I(Interval? i) => i is null ? "–" : $"{i.Low.ToString("0.0000", Inv)} to {i.High.ToString("0.0000", Inv)}";

    private static string I3(Interval i) => $"{i.Low.ToString("0.000", Inv)} to {i.High.ToString("0.000", Inv)}";

    private static string Se(AucWithError? e) => e is null ? "" : " ± " + e.StandardError.ToString("0.0000", Inv);

    private static string P(double p) => p < 0.0001 ? "< 0.0001" : p.ToString("0.0000", Inv);

    private static string F(double? value) => value is { } v ? v.ToString("0.0000", Inv) : "–";

    private static string Pct(double share) => (share * 100).ToString("0.0", Inv) + "%";
}
