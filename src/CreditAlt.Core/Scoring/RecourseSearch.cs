using CreditAlt.Core.Attributes;

namespace CreditAlt.Core.Scoring;

/// <summary>One change of one attribute that recourse proposes, in the catalogue's words.</summary>
public sealed record RecourseStep(string AttributeId, string ReasonCode, double From, double To, int BinsMoved, int PointsGained, string Description);

/// <summary>
/// The smallest change that would reach approval, or none. <see cref="Reachable"/> is false when no
/// combination of actionable attributes within reach gets there ("no change within reach").
/// </summary>
public sealed record RecourseResult(bool Reachable, int CurrentScore, int ResultingScore, IReadOnlyList<RecourseStep> Steps)
{
    public const string NoChangeWithinReach = "no change within reach";

    /// <summary>The steps joined in one sentence, or <see cref="NoChangeWithinReach"/>.</summary>
    public string Describe() => !Reachable ? NoChangeWithinReach
        : Steps.Count == 0 ? "no change needed"
        : string.Join("; and ", Steps.Select(s => s.Description));
}

/// <summary>
/// Recourse under a scorecard: only <see cref="Actionability.Actionable"/> attributes whose value sits in an ordinary
/// (range) bin are levers; each may move to a better range bin in its direction, at a cost of the number of bins
/// moved, to the nearest value the training data showed in that bin, rounded to a human amount that stays in the bin
/// (<see cref="RecourseTarget"/>: $8,200 rather than $8,191.08). The search takes the fewest attributes first,
/// then the least total cost, then the most points, then the earliest attributes in model order; it stops at
/// <c>maxAttributes</c> attributes. Attributes are treated as independent (the same model, other values unchanged).
/// </summary>
public static class RecourseSearch
{
    public const int DefaultMaxAttributes = 4;

    private readonly record struct Move(int Bin, int Cost, int Gain, double To);

    public static RecourseResult Find(Scorecard model, ReadOnlySpan<double> values, IReadOnlyList<AttributeDefinition> definitions, int maxAttributes = DefaultMaxAttributes)
    {
        var raw = model.RawScore(values);
        var current = model.Clamp(raw);
        var need = model.Policy.ApproveAt - raw;
        if (need <= 0) return new RecourseResult(true, current, current, []);

        var levers = new List<(int Attribute, Move[] Moves, int MaxGain)>();
        for (var j = 0; j < model.Attributes.Count; j++)
        {
            var attribute = model.Attributes[j];
            if (attribute.Actionability != Actionability.Actionable) continue;
            var bin = model.BinOf(j, values[j]);
            if (attribute.Bins[bin].Kind != BinKind.Range) continue;
            var ranges = new List<int>();
            for (var b = 0; b < attribute.Bins.Count; b++)
                if (attribute.Bins[b].Kind == BinKind.Range) ranges.Add(b);
            var position = ranges.IndexOf(bin);
            var step = attribute.Direction == RiskDirection.LowerIsRiskier ? 1 : -1;
            var moves = new List<Move>();
            for (var p = position + step; p >= 0 && p < ranges.Count; p += step)
            {
                var target = attribute.Bins[ranges[p]];
                var gain = target.Points - attribute.Bins[bin].Points;
                if (gain <= 0) continue;
                var edge = step > 0 ? target.MinObserved ?? target.Lower!.Value : target.MaxObserved ?? target.Upper!.Value;
                var targetBin = ranges[p];
                var to = RecourseTarget.Round(edge, upward: step > 0, definitions[j].Kind, v => model.BinOf(j, v) == targetBin);
                moves.Add(new Move(targetBin, Math.Abs(p - position), gain, to));
            }

            if (moves.Count > 0) levers.Add((j, moves.ToArray(), moves.Max(m => m.Gain)));
        }

        var bestGainsDescending = levers.Select(l => l.MaxGain).OrderDescending().ToArray();
        for (var k = 1; k <= Math.Min(maxAttributes, levers.Count); k++)
        {
            if (bestGainsDescending.Take(k).Sum() < need) continue;
            var best = default((int Cost, int Gain, Move[] Moves, int[] Levers)?);
            var chosen = new int[k];
            var picks = new Move[k];
            SearchCombinations(0, 0);
            if (best is { } found)
            {
                var steps = new RecourseStep[k];
                for (var s = 0; s < k; s++)
                {
                    var j = levers[found.Levers[s]].Attribute;
                    var move = found.Moves[s];
                    steps[s] = new RecourseStep(model.Attributes[j].Id, model.Attributes[j].ReasonCode, values[j], move.To, move.Cost, move.Gain,
                        definitions[j].DescribeChange(values[j], move.To));
                }

                return new RecourseResult(true, current, model.Clamp(raw + found.Gain), steps);
            }

            void SearchCombinations(int depth, int startLever)
            {
                if (depth == k)
                {
                    SearchMoves(0, 0, 0);
                    return;
                }

                for (var l = startLever; l < levers.Count; l++)
                {
                    chosen[depth] = l;
                    SearchCombinations(depth + 1, l + 1);
                }
            }

            void SearchMoves(int depth, int cost, int gain)
            {
                if (best is { } b && cost > b.Cost) return;
                if (depth == k)
                {
                    if (gain < need) return;
                    if (best is { } c && (cost > c.Cost || (cost == c.Cost && gain <= c.Gain))) return;
                    best = (cost, gain, (Move[])picks.Clone(), (int[])chosen.Clone());
                    return;
                }

                foreach (var move in levers[chosen[depth]].Moves)
                {
                    picks[depth] = move;
                    SearchMoves(depth + 1, cost + move.Cost, gain + move.Gain);
                }
            }
        }

        return new RecourseResult(false, current, current, []);
    }
}
