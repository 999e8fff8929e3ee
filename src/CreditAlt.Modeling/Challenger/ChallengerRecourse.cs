using CreditAlt.Core.Attributes;
using CreditAlt.Core.Scoring;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace CreditAlt.Modeling.Challenger;

/// <summary>
/// Recourse under the challenger: the smallest change to at most <see cref="MaxAttributes"/> actionable attributes
/// that the challenger itself scores as an approval. Trees have no points per attribute to add up, but their output
/// changes only where a value crosses a threshold the trees split on, so those thresholds are the challenger's bins:
/// a lever may move its attribute across thresholds in its less risky direction (cost: thresholds crossed), never
/// past the best value seen in training, to the roundest value of the interval it lands in
/// (<see cref="RecourseTarget"/>). Where more than <see cref="MaxCandidatesPerLever"/> thresholds lie ahead (a share
/// can have forty), the candidates are every n-th of them, evenly spread up to the farthest, which keeps a
/// two-attribute search at most 144 model evaluations per pair. Every candidate is scored by the model, so the trees'
/// interactions count; the search is exhaustive over that grid and takes the fewest attributes first, then the
/// fewest thresholds crossed, then the highest score, then the earliest attributes in model order.
/// </summary>
internal static class ChallengerRecourse
{
    public const int MaxAttributes = 2;
    public const int MaxCandidatesPerLever = 12;

    private sealed record Candidate(double To, int Cost);

    /// <summary>An attribute the applicant can change: every target across the thresholds ahead, and the spread-out few the search tries.</summary>
    private sealed record Lever(int Attribute, double From, Candidate[] All, Candidate[] Grid);

    /// <summary>Recourse for <paramref name="values"/> in model order, over the trees' <paramref name="thresholds"/> (<see cref="SplitThresholds"/>).</summary>
    public static RecourseResult Find(ChallengerModel model, ReadOnlySpan<double> values, IReadOnlyList<float>[] thresholds)
    {
        var approveAt = model.Metadata.Policy.ApproveAt;
        var current = model.Score(values).Points;
        if (current >= approveAt) return new RecourseResult(true, current, current, []);

        var levers = Levers(model, values, thresholds);
        var trial = values.ToArray();
        for (var k = 1; k <= Math.Min(MaxAttributes, levers.Count); k++)
        {
            (int Cost, int Points, Lever[] Levers, Candidate[] Picks)? best = null;
            foreach (var chosen in Combinations(levers, k))
                Search(chosen, new Candidate[k], 0, 0);
            if (best is { } found)
            {
                var picks = Refine(found.Levers, found.Picks);
                found = (picks.Sum(p => p.Cost), Points(found.Levers, picks), found.Levers, picks);
                var steps = new RecourseStep[k];
                for (var s = 0; s < k; s++)
                {
                    var (lever, pick) = (found.Levers[s], found.Picks[s]);
                    var a = model.Attributes[lever.Attribute];
                    // The step's own gain: what this change alone does to the score (the trees' gains need not add up).
                    trial[lever.Attribute] = pick.To;
                    var alone = model.Score(trial).Points - current;
                    trial[lever.Attribute] = lever.From;
                    steps[s] = new RecourseStep(a.Id, a.ReasonCode, lever.From, pick.To, pick.Cost, alone, a.DescribeChange(lever.From, pick.To));
                }

                return new RecourseResult(true, current, found.Points, steps);
            }

            void Search(Lever[] chosen, Candidate[] picks, int depth, int cost)
            {
                if (best is { } b && cost > b.Cost) return;
                if (depth == chosen.Length)
                {
                    var points = Points(chosen, picks);
                    if (points < approveAt) return;
                    if (best is { } c && (cost > c.Cost || (cost == c.Cost && points <= c.Points))) return;
                    best = (cost, points, chosen, (Candidate[])picks.Clone());
                    return;
                }

                foreach (var candidate in chosen[depth].Grid)
                {
                    picks[depth] = candidate;
                    Search(chosen, picks, depth + 1, cost + candidate.Cost);
                }
            }
        }

        return new RecourseResult(false, current, current, []);

        int Points(Lever[] chosen, Candidate[] picks)
        {
            for (var s = 0; s < chosen.Length; s++) trial[chosen[s].Attribute] = picks[s].To;
            var points = model.Score(trial).Points;
            for (var s = 0; s < chosen.Length; s++) trial[chosen[s].Attribute] = chosen[s].From;
            return points;
        }

        // Between grid points: each lever in turn takes the nearest target that still reaches approval with the
        // others where they are, until none moves (the grid skipped thresholds where a share has dozens).
        Candidate[] Refine(Lever[] chosen, Candidate[] picks)
        {
            picks = (Candidate[])picks.Clone();
            for (var changed = true; changed;)
            {
                changed = false;
                for (var s = 0; s < chosen.Length; s++)
                {
                    var kept = picks[s];
                    foreach (var candidate in chosen[s].All.TakeWhile(c => c.Cost < kept.Cost))
                    {
                        picks[s] = candidate;
                        if (Points(chosen, picks) >= approveAt) break;
                        picks[s] = kept;
                    }

                    changed |= picks[s] != kept;
                }
            }

            return picks;
        }
    }

    /// <summary>
    /// The thresholds the trees split each model attribute on, ascending (LightGBM sends a value at or below a
    /// threshold to the left); empty lists when the model is not the LightGBM the trainer makes.
    /// </summary>
    public static IReadOnlyList<float>[] SplitThresholds(ITransformer predictor, int attributes)
    {
        var sets = Enumerable.Range(0, attributes).Select(_ => new SortedSet<float>()).ToArray();
        if (predictor is BinaryPredictionTransformer<CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator>> lightGbm)
        {
            foreach (var tree in lightGbm.Model.SubModel.TrainedTreeEnsemble.Trees)
            {
                for (var n = 0; n < tree.NumericalSplitFeatureIndexes.Count; n++)
                {
                    var feature = tree.NumericalSplitFeatureIndexes[n];
                    if (feature < attributes) sets[feature].Add(tree.NumericalSplitThresholds[n]);
                }
            }
        }

        return [.. sets.Select(s => (IReadOnlyList<float>)[.. s])];
    }

    /// <summary>
    /// The lowest and highest raw score the trees can give: the ensemble's bias plus every tree's lowest (highest) leaf.
    /// No applicant can fall outside it, so it bounds the possible scores; unbounded when the model is not LightGBM.
    /// </summary>
    public static (double Low, double High) RawRange(ITransformer predictor)
    {
        if (predictor is not BinaryPredictionTransformer<CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator>> lightGbm)
            return (double.NegativeInfinity, double.PositiveInfinity);
        var ensemble = lightGbm.Model.SubModel.TrainedTreeEnsemble;
        double low = ensemble.Bias, high = ensemble.Bias;
        for (var t = 0; t < ensemble.Trees.Count; t++)
        {
            var leaves = ensemble.Trees[t].LeafValues;
            var weight = ensemble.TreeWeights[t];
            low += weight * leaves.Min();
            high += weight * leaves.Max();
        }

        return (low, high);
    }

    private static List<Lever> Levers(ChallengerModel model, ReadOnlySpan<double> values, IReadOnlyList<float>[] thresholds)
    {
        var levers = new List<Lever>();
        for (var j = 0; j < model.Attributes.Count; j++)
        {
            var a = model.Attributes[j];
            var from = values[j];
            if (a.Actionability != Actionability.Actionable || double.IsNaN(from) || a.IsSpecial(from)) continue;
            var upward = a.Direction == RiskDirection.LowerIsRiskier;
            var best = model.Metadata.BestValues?[j];
            bool WithinBest(double v) => best is not { } b || (upward ? v <= b : v >= b);

            // The thresholds ahead in the less risky direction, nearest first. Crossing one upward is rising above it;
            // downward, falling to it or below. The target is the roundest value before the next threshold.
            var ahead = upward
                ? thresholds[j].Where(t => t >= from).ToArray()
                : thresholds[j].Where(t => t < from).Reverse().ToArray();
            var candidates = new List<Candidate>();
            for (var c = 0; c < ahead.Length; c++)
            {
                double t = ahead[c];
                double? next = c + 1 < ahead.Length ? ahead[c + 1] : null;
                bool Lands(double v) => (upward ? v > t && (next is not { } n || v <= n) : v <= t && (next is not { } m || v > m)) && WithinBest(v);
                var to = RecourseTarget.Round(t, upward, a.Kind, Lands);
                if (!Lands(to) && upward)
                    to = next is { } n ? (t + n) / 2 : Math.BitIncrement((double)MathF.BitIncrement(ahead[c])); // no round value fits
                if (!Lands(to)) break; // beyond the best value seen: nothing further ahead is realistic either
                candidates.Add(new Candidate(to, c + 1));
            }

            // Every n-th, evenly spread up to the farthest (the i-th of count is at index ceil(i·m / count) − 1).
            var count = Math.Min(candidates.Count, MaxCandidatesPerLever);
            var grid = Enumerable.Range(1, count).Select(i => candidates[(i * candidates.Count + count - 1) / count - 1]).ToArray();
            if (candidates.Count > 0) levers.Add(new Lever(j, from, [.. candidates], grid));
        }

        return levers;
    }

    private static IEnumerable<Lever[]> Combinations(List<Lever> levers, int k, int start = 0)
    {
        if (k == 0)
        {
            yield return [];
            yield break;
        }

        for (var l = start; l <= levers.Count - k; l++)
            foreach (var rest in Combinations(levers, k - 1, l + 1))
                yield return [levers[l], .. rest];
    }
}
