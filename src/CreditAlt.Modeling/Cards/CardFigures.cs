using System.Globalization;
using System.Text.Json.Nodes;

namespace CreditAlt.Modeling.Cards;

/// <summary>Headline figures of one sample, from either form of evaluation.json (the champion's or the report's).</summary>
internal sealed record Figures(double? Applicants, double? Auc, JsonNode? AucCi, JsonNode? GiniCi, double? Ks, JsonNode? KsCi, double? Brier,
    double? Intercept, JsonNode? InterceptCi, double? Slope, JsonNode? SlopeCi, double? MeanPredicted, double? Observed, List<JsonObject> Cutoffs)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Figures From(JsonObject e)
    {
        if (e["models"] is JsonArray { Count: > 0 } models && models[0] is JsonObject m)
        {
            // The report's form (challenger, compare): the first model's figures.
            var intervals = m["intervals"] as JsonObject;
            var cal = m["calibrationFit"] as JsonObject;
            return new Figures(ModelCard.Num(e, "evaluated"), ModelCard.Num(m, "auc"), intervals?["auc"], intervals?["gini"], ModelCard.Num(m, "ks"), intervals?["ks"],
                ModelCard.Num(m, "brier"), cal is null ? null : ModelCard.Num(cal, "intercept"), cal?["interceptInterval"], cal is null ? null : ModelCard.Num(cal, "slope"),
                cal?["slopeInterval"], ModelCard.Num(m, "meanPredicted"), ModelCard.Num(m, "observedBadRate"), (m["cutoffs"] as JsonArray)?.OfType<JsonObject>().ToList() ?? []);
        }

        var u = e["uncertainty"] as JsonObject;
        return new Figures(ModelCard.Num(e, "scored"), ModelCard.Num(e, "auc"), u?["aucInterval"], u?["giniInterval"], ModelCard.Num(e, "ks"), u?["ksInterval"],
            ModelCard.Num(e, "brier"), u is null ? null : ModelCard.Num(u, "calibrationIntercept"), u?["calibrationInterceptInterval"],
            u is null ? null : ModelCard.Num(u, "calibrationSlope"), u?["calibrationSlopeInterval"], null, ModelCard.Num(e, "badRate"), []);
    }

    public string Row(string sample) =>
        $"| {sample} | {(Applicants is { } n ? n.ToString("N0", Inv) : "–")} | {ModelCard.F(Auc)} | {Ci(AucCi)} | {Ci(GiniCi)} | {ModelCard.F(Ks)} | {Ci(KsCi)} | {ModelCard.F(Brier)} |";

    public string CalibrationLine(string sample)
    {
        if (Intercept is null && Slope is null) return $"- {sample}: calibration intercept and slope: {ModelCard.NotMeasured}.";
        var mean = MeanPredicted is { } p ? $"mean predicted PD {ModelCard.Pct(p)} against an observed bad rate of {ModelCard.Pct(Observed)}; " : "";
        return $"- {sample}: {mean}calibration intercept {ModelCard.F(Intercept)} (95 % {Ci(InterceptCi)}), slope {ModelCard.F(Slope)} (95 % {Ci(SlopeCi)}).";
    }

    /// <summary>An interval as "low to high", from [low, high] (the champion's form) or {low, high} (the report's).</summary>
    private static string Ci(JsonNode? node) => node switch
    {
        JsonArray { Count: 2 } a when a[0] is JsonValue && a[1] is JsonValue => $"{ModelCard.F(a[0]!.GetValue<double>())} to {ModelCard.F(a[1]!.GetValue<double>())}",
        JsonObject o when ModelCard.Num(o, "low") is { } l && ModelCard.Num(o, "high") is { } h => $"{ModelCard.F(l)} to {ModelCard.F(h)}",
        _ => "–",
    };
}
