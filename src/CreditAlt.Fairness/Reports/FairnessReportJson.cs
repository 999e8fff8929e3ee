using System.Text.Json;
using CreditAlt.Fairness.Audit;
using CreditAlt.Fairness.Statistics;

namespace CreditAlt.Fairness.Reports;

/// <summary>The JSON half of the writer (docs/fairness-report-schema.md).</summary>
public static partial class FairnessReportWriter
{
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
            w.WriteNumber("riskBands", o.RiskBands);
            w.WriteNumber("alpha", o.Alpha);
            w.WriteNumber("smdThreshold", o.SmdThreshold);
            w.WriteString("multipleTesting", "holm");
            WriteStrings(w, "adverseValues", o.AdverseValues);
            w.WriteString("referValue", o.ReferValue);
            w.WriteEndObject();
            var verdict = Verdict(report);
            w.WriteStartObject("verdict");
            w.WriteNumber("flagged", verdict.Flagged);
            w.WriteNumber("comparisons", verdict.Comparisons);
            WriteStrings(w, "sentences", verdict.Sentences);
            w.WriteEndObject();
            if (report.Bins is { } bins)
            {
                w.WriteStartObject("scoreBins");
                WriteArray(w, "histogramEdges", bins.HistogramEdges);
                WriteArray(w, "bandEdges", bins.BandEdges);
                WriteArray(w, "riskEdges", bins.RiskEdges);
                WriteArray(w, "truthEdges", bins.TruthEdges);
                w.WriteEndObject();
            }

            w.WriteStartArray("attributes");
            foreach (var a in report.Attributes)
            {
                WriteAttribute(w, a, report.Bins is not null, o.MinGroupSize);
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
                    WriteNumber(w, "marginalEffect", t.MarginalEffect);
                    WriteNumber(w, "marginalEffectStdError", t.MarginalEffectStdError);
                    WriteNumber(w, "marginalEffectCiLow", t.MarginalEffectCiLow);
                    WriteNumber(w, "marginalEffectCiHigh", t.MarginalEffectCiHigh);
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
                w.WriteNumber("rowsAudited", c.RowsAudited);
                WriteStrings(w, "controlNotes", c.ControlNotes);
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
            WriteOverrides(w, report.Overrides);
            WriteDrivers(w, report.Drivers);
            w.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private static string? TestName(TwoByTwoTest? t) => t switch { TwoByTwoTest.FisherExact => "fisher-exact", TwoByTwoTest.ChiSquare => "chi-square", _ => null };

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static void WriteRiskBands(Utf8JsonWriter w, string name, RiskBandAnalysis? r, double minGroupSize)
    {
        if (r is null)
        {
            return;
        }

        w.WriteStartObject(name);
        w.WriteString("basis", r.Basis);
        WriteStrings(w, "bands", r.Bands);
        w.WriteStartArray("groups");
        foreach (var g in r.Groups)
        {
            w.WriteStartObject();
            w.WriteString("group", g.Group);
            w.WriteBoolean("isReference", g.IsReference);
            w.WriteStartArray("bands");
            for (int b = 0; b < g.Count.Count; b++)
            {
                w.WriteStartObject();
                if (g.Rate[b] is null)
                {
                    w.WriteNull("count");
                    w.WriteNumber("countBelow", minGroupSize);
                    w.WriteNull("approvalRate");
                }
                else
                {
                    WriteNumber(w, "count", g.Count[b]);
                    WriteNumber(w, "favorable", g.Favorable[b]);
                    WriteNumber(w, "approvalRate", g.Rate[b]);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteCmh(w, r.Cmh);
        w.WriteEndObject();
    }

    private static void WriteAttribute(Utf8JsonWriter w, AttributeResult a, bool scores, double minGroupSize)
    {
        w.WriteStartObject();
        w.WriteString("attribute", a.Attribute);
        WriteString(w, "reference", a.Reference);
        w.WriteString("referenceRule", a.ReferenceRule);
        WriteStrings(w, "controlMembers", a.ControlMembers);
        w.WriteBoolean("referenceNamed", a.ReferenceNamed);
        w.WriteBoolean("isProxy", a.IsProxy);
        w.WriteBoolean("isIntersection", a.IsIntersection);
        w.WriteStartArray("groups");
        foreach (var g in a.Groups)
        {
            w.WriteStartObject();
            w.WriteString("group", g.Group);
            w.WriteBoolean("suppressed", g.Suppressed);
            if (g.Suppressed)
            {
                // Small cell: no count and no rate, only that it is below the minimum (docs/fairness.md, "Small cells").
                w.WriteNull("count");
                w.WriteNumber("countBelow", minGroupSize);
                w.WriteBoolean("isMissing", g.IsMissing);
                w.WriteEndObject();
                continue;
            }

            WriteNumber(w, "count", g.Count);
            WriteNumber(w, "effectiveCount", g.EffectiveCount);
            WriteNumber(w, "favorable", g.Favorable);
            WriteNumber(w, "favorableRate", g.FavorableRate);
            WriteNumber(w, "rateCiLow", g.RateCiLow);
            WriteNumber(w, "rateCiHigh", g.RateCiHigh);
            WriteNumber(w, "air", g.Air);
            WriteNumber(w, "airCiLow", g.AirCiLow);
            WriteNumber(w, "airCiHigh", g.AirCiHigh);
            WriteNumber(w, "pValue", g.PValue);
            WriteNumber(w, "pValueHolm", g.PValueHolm);
            WriteNumber(w, "qValueBh", g.QValueBh);
            WriteString(w, "test", TestName(g.Test));
            WriteNumber(w, "rateDifference", g.RateDifference);
            WriteNumber(w, "rateDifferenceCiLow", g.RateDifferenceCiLow);
            WriteNumber(w, "rateDifferenceCiHigh", g.RateDifferenceCiHigh);
            w.WriteBoolean("fourFifthsFlag", g.FourFifthsFlag);
            w.WriteBoolean("flagged", g.Flagged);
            w.WriteBoolean("judged", g.Judged);
            w.WriteBoolean("tooSmall", g.TooSmall);
            w.WriteBoolean("isMissing", g.IsMissing);
            w.WriteBoolean("isReference", g.IsReference);
            w.WriteBoolean("inControl", g.InControl);
            w.WriteBoolean("isPooledControl", g.IsPooledControl);
            w.WriteBoolean("straddlesAge62", g.StraddlesAge62);
            w.WriteStartArray("decisions");
            foreach (var d in g.Decisions)
            {
                w.WriteStartObject();
                w.WriteString("value", d.Value);
                WriteNumber(w, "count", d.Count);
                WriteNumber(w, "rate", d.Rate);
                WriteNumber(w, "rateCiLow", d.CiLow);
                WriteNumber(w, "rateCiHigh", d.CiHigh);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("comparisons");
            foreach (var c in g.Comparisons)
            {
                w.WriteStartObject();
                w.WriteString("outcome", c.Outcome);
                WriteNumber(w, "rate", c.Rate);
                WriteNumber(w, "referenceRate", c.ReferenceRate);
                WriteNumber(w, "ratio", c.Ratio);
                WriteNumber(w, "ratioCiLow", c.RatioCiLow);
                WriteNumber(w, "ratioCiHigh", c.RatioCiHigh);
                WriteNumber(w, "pValue", c.PValue);
                WriteString(w, "test", TestName(c.Test));
                WriteNumber(w, "pValueHolm", c.PValueHolm);
                WriteNumber(w, "qValueBh", c.QValueBh);
                w.WriteBoolean("practical", c.Practical);
                w.WriteBoolean("flagged", c.Flagged);
                w.WriteEndObject();
            }

            w.WriteEndArray();
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
                    w.WriteBoolean("judged", b.Judged);
                    if (!b.Judged)
                    {
                        w.WriteNull("count");
                        w.WriteNumber("countBelow", minGroupSize);
                        w.WriteEndObject();
                        continue;
                    }

                    WriteNumber(w, "count", b.Count);
                    WriteNumber(w, "observedCiLow", b.ObservedCiLow);
                    WriteNumber(w, "observedCiHigh", b.ObservedCiHigh);
                    WriteNumber(w, "meanPredictedPd", b.MeanPredictedPd);
                    WriteNumber(w, "pooledBadRate", b.PredictedBadRate);
                    WriteNumber(w, "bad", b.Bad);
                    WriteNumber(w, "observedBadRate", b.ObservedBadRate);
                    WriteNumber(w, "meanScore", b.MeanScore);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteRiskBands(w, "byPredictedRisk", a.ByPredictedRisk, minGroupSize);
        WriteRiskBands(w, "byTrueRisk", a.ByTrueRisk, minGroupSize);
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
            WriteCmh(w, a.Cmh);
        }

        w.WriteEndObject();
    }

    /// <summary>The Cochran–Mantel–Haenszel results across risk bands or segments: one object per protected group.</summary>
    private static void WriteCmh(Utf8JsonWriter w, IReadOnlyList<CmhGroupResult> results)
    {
        w.WriteStartArray("cmh");
        foreach (var c in results)
        {
            w.WriteStartObject();
            w.WriteString("group", c.Group);
            WriteNumber(w, "chiSquare", c.ChiSquare);
            WriteNumber(w, "pValue", c.PValue);
            WriteNumber(w, "commonOddsRatio", c.CommonOddsRatio);
            WriteNumber(w, "commonOddsRatioCiLow", c.CommonOddsRatioCiLow);
            WriteNumber(w, "commonOddsRatioCiHigh", c.CommonOddsRatioCiHigh);
            w.WriteNumber("strata", c.Strata);
            w.WriteEndObject();
        }

        w.WriteEndArray();
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

}
