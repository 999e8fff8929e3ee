using CreditAlt.Core.Attributes;
using CreditAlt.Core.Scoring;
using CreditAlt.Modeling.Binning;

namespace CreditAlt.Modeling.Scorecards;

/// <summary>An attribute offered to training: what it is called and how it behaves.</summary>
public sealed record CandidateAttribute(string Id, string ReasonCode, RiskDirection Direction, Actionability Actionability, IReadOnlyList<double> SpecialValues)
{
    public static CandidateAttribute From(AttributeDefinition d) =>
        new(d.Id, d.ReasonCode, d.Direction, d.Actionability, d.SpecialValues.Select(s => s.Value).ToArray());
}

/// <summary>Why an attribute is or is not in the scorecard.</summary>
public sealed record SelectionOutcome(string AttributeId, double InformationValue, string Status, string? Detail = null)
{
    public const string Selected = "selected";
    public const string LowInformationValue = "low_iv";
    public const string Correlated = "correlated";
    public const string WrongSign = "wrong_sign";
}

/// <summary>A trained scorecard with the record of how it was built.</summary>
public sealed record ScorecardTrainingResult(
    Scorecard Model,
    double Intercept,
    IReadOnlyList<AttributeBinning> Binnings,
    IReadOnlyList<SelectionOutcome> Selection);

/// <summary>
/// Builds a scorecard: monotone binning of every candidate, selection by IV and by WoE correlation, logistic
/// regression of bad on the WoE encodings (ML.NET L-BFGS), a sign check (the coefficient on WoE must be negative,
/// since WoE grows with the good share; an attribute with a non-negative one is dropped and the rest refit, one at
/// a time), and points scaling. Points of a bin = −factor·coefficient·WoE, rounded, then shifted so each
/// attribute's worst bin scores 0 (the shift moves to the base points; scores are unchanged).
/// </summary>
public static class ScorecardTrainer
{
    /// <param name="columns">One array per candidate, all of the same length as <paramref name="isBad"/>.</param>
    public static ScorecardTrainingResult Train(
        IReadOnlyList<CandidateAttribute> candidates,
        IReadOnlyList<double[]> columns,
        bool[] isBad,
        ScorecardTrainingOptions options)
    {
        if (candidates.Count != columns.Count) throw new ArgumentException("One column per candidate attribute is needed.");
        var binnings = new AttributeBinning[candidates.Count];
        var outcomes = new SelectionOutcome?[candidates.Count];
        for (var c = 0; c < candidates.Count; c++)
            binnings[c] = MonotoneBinner.Fit(candidates[c].Id, columns[c], isBad, candidates[c].Direction, candidates[c].SpecialValues, options.Binning);

        // IV filter, then correlation filter in order of IV (catalogue order on ties).
        var byIv = Enumerable.Range(0, candidates.Count)
            .OrderByDescending(c => binnings[c].InformationValue).ThenBy(c => c)
            .ToArray();
        var encoded = new float[candidates.Count][];
        var kept = new List<int>();
        foreach (var c in byIv)
        {
            var iv = binnings[c].InformationValue;
            if (iv < options.MinInformationValue)
            {
                outcomes[c] = new SelectionOutcome(candidates[c].Id, iv, SelectionOutcome.LowInformationValue, $"IV {iv:0.0000} < {options.MinInformationValue}");
                continue;
            }

            encoded[c] = Encode(binnings[c], columns[c]);
            var clash = kept.FirstOrDefault(k => Math.Abs(Correlation(encoded[k], encoded[c])) > options.MaxCorrelation, -1);
            if (clash >= 0)
            {
                var r = Correlation(encoded[clash], encoded[c]);
                outcomes[c] = new SelectionOutcome(candidates[c].Id, iv, SelectionOutcome.Correlated, $"r = {r:0.000} with {candidates[clash].Id}");
                continue;
            }

            kept.Add(c);
        }

        // Model order = catalogue order, so reasons tie-break by catalogue position.
        kept.Sort();
        double bias;
        double[] weights;
        while (true)
        {
            (bias, weights) = LogisticFit.Fit(kept.Select(c => encoded[c]).ToArray(), isBad, options.Seed, options.L2Regularization);
            var worst = -1;
            for (var j = 0; j < kept.Count; j++)
                if (weights[j] >= 0 && (worst < 0 || weights[j] > weights[worst])) worst = j;
            if (worst < 0) break;
            var c = kept[worst];
            outcomes[c] = new SelectionOutcome(candidates[c].Id, binnings[c].InformationValue, SelectionOutcome.WrongSign,
                $"coefficient on WoE {weights[worst]:0.0000} is not negative");
            kept.RemoveAt(worst);
            if (kept.Count == 0) throw new InvalidOperationException("No attribute kept a correctly signed coefficient.");
        }

        var scaling = options.Scaling;
        var factor = scaling.Factor;
        var basePoints = (int)Math.Round(scaling.Offset - factor * bias, MidpointRounding.AwayFromZero);
        var attributes = new ScorecardAttribute[kept.Count];
        for (var j = 0; j < kept.Count; j++)
        {
            var c = kept[j];
            var candidate = candidates[c];
            var raw = binnings[c].Bins.Select(b => (int)Math.Round(-factor * weights[j] * b.Woe, MidpointRounding.AwayFromZero)).ToArray();
            var shift = raw.Min();
            basePoints += shift;
            var bins = binnings[c].Bins.Select((b, i) => new ScorecardBin(b.Kind, b.Label, b.Lower, b.Upper, b.Value, b.MinObserved, b.MaxObserved, b.Count, b.Bads, b.Woe, raw[i] - shift)).ToArray();
            attributes[j] = new ScorecardAttribute(candidate.Id, candidate.ReasonCode, candidate.Direction, candidate.Actionability, weights[j], binnings[c].InformationValue, bins);
            outcomes[c] = new SelectionOutcome(candidate.Id, binnings[c].InformationValue, SelectionOutcome.Selected);
        }

        var policy = new DecisionPolicy(
            CutoffFor(scaling, options.ApproveMaxPd),
            CutoffFor(scaling, options.DeclineMinPd),
            options.HistoryRequirements) { Affordability = options.Affordability };
        var model = new Scorecard(options.ModelId, options.Version, scaling, basePoints, attributes, policy);
        return new ScorecardTrainingResult(model, bias, binnings, outcomes.Select(o => o!).ToArray());
    }

    /// <summary>
    /// The same fitted scorecard on another points scale: every bin's points, the base points and the cut-offs (for the same
    /// probabilities of bad) recomputed from the coefficients, the WoE and <paramref name="intercept"/> exactly as
    /// <see cref="Train"/> computes them, so the shipped scaling gives back the trained model point for point.
    /// </summary>
    public static Scorecard Rescale(Scorecard model, double intercept, ScoreScaling scaling, double approveMaxPd, double declineMinPd)
    {
        var factor = scaling.Factor;
        var basePoints = (int)Math.Round(scaling.Offset - factor * intercept, MidpointRounding.AwayFromZero);
        var attributes = new ScorecardAttribute[model.Attributes.Count];
        for (var j = 0; j < attributes.Length; j++)
        {
            var a = model.Attributes[j];
            var raw = a.Bins.Select(b => (int)Math.Round(-factor * a.Coefficient * b.Woe, MidpointRounding.AwayFromZero)).ToArray();
            var shift = raw.Min();
            basePoints += shift;
            attributes[j] = a with { Bins = a.Bins.Select((b, i) => b with { Points = raw[i] - shift }).ToArray() };
        }

        var policy = new DecisionPolicy(CutoffFor(scaling, approveMaxPd), CutoffFor(scaling, declineMinPd), model.Policy.HistoryRequirements);
        return new Scorecard(model.ModelId, model.Version, scaling, basePoints, attributes, policy);
    }

    /// <summary>The lowest whole score whose implied probability of bad is at most <paramref name="pd"/>.</summary>
    public static int CutoffFor(ScoreScaling scaling, double pd) =>
        (int)Math.Ceiling(Math.Round(scaling.Offset + scaling.Factor * Math.Log((1 - pd) / pd), 9));

    public static float[] Encode(AttributeBinning binning, double[] values)
    {
        var woe = new float[values.Length];
        for (var i = 0; i < values.Length; i++) woe[i] = (float)binning.WoeOf(values[i]);
        return woe;
    }

    /// <summary>Pearson correlation; 0 when either column is constant.</summary>
    public static double Correlation(float[] x, float[] y)
    {
        double mx = 0, my = 0;
        for (var i = 0; i < x.Length; i++) { mx += x[i]; my += y[i]; }
        mx /= x.Length;
        my /= y.Length;
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var dx = x[i] - mx;
            var dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }

        return sxx == 0 || syy == 0 ? 0 : sxy / Math.Sqrt(sxx * syy);
    }
}
