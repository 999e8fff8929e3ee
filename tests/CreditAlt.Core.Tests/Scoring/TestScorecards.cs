using CreditAlt.Core.Attributes;
using CreditAlt.Core.Scoring;

namespace CreditAlt.Core.Tests.Scoring;

/// <summary>A small hand-made scorecard over three invented attributes, so every expected value can be worked out by hand.</summary>
internal static class TestScorecards
{
    public static AttributeDefinition Definition(string id, RiskDirection direction, Actionability actionability) => new(
        id, id.ToUpperInvariant(), id, "12 months", direction, actionability, [new SpecialValue(-1, "never")],
        "{v}", $"no {id}", v => $"{id} is {v}", (from, to) => $"move {id} from {from} to {to}");

    public static readonly AttributeDefinition[] Catalogue =
    [
        Definition("ontime", RiskDirection.LowerIsRiskier, Actionability.Actionable),
        Definition("lates", RiskDirection.HigherIsRiskier, Actionability.OnlyTime),
        Definition("balance", RiskDirection.LowerIsRiskier, Actionability.Actionable),
        Definition("history", RiskDirection.LowerIsRiskier, Actionability.OnlyTime),
    ];

    private static ScorecardBin Range(double? lower, double? upper, double min, double max, int points) =>
        new(BinKind.Range, $"[{lower}, {upper})", lower, upper, null, min, max, 10, 1, points / 10.0, points);

    private static ScorecardBin Missing(int points) => new(BinKind.Missing, "missing", null, null, null, null, null, 0, 0, 0, points);

    // ontime: [-inf,0.8)=0, [0.8,0.95)=20, [0.95,inf)=40; missing 10.
    // lates:  [-inf,1)=30, [1,3)=10, [3,inf)=0; missing 15; special -1 ("never") = 35.
    // balance: [-inf,0)=0, [0,500)=12, [500,inf)=30; missing 5.
    public static Scorecard Model(int approveAt = 600, int declineBelow = 560) => new(
        "test", "1", ScoreScaling.Default, 500,
        [
            new ScorecardAttribute("ontime", "ONTIME", RiskDirection.LowerIsRiskier, Actionability.Actionable, -1, 0.5,
                [Range(null, 0.8, 0, 0.79, 0), Range(0.8, 0.95, 0.8, 0.94, 20), Range(0.95, null, 0.95, 1, 40), Missing(10)]),
            new ScorecardAttribute("lates", "LATES", RiskDirection.HigherIsRiskier, Actionability.OnlyTime, -1, 0.4,
                [Range(null, 1, 0, 0, 30), Range(1, 3, 1, 2, 10), Range(3, null, 3, 9, 0), Missing(15),
                 new ScorecardBin(BinKind.Special, "never", null, null, -1, null, null, 5, 0, 1, 35)]),
            new ScorecardAttribute("balance", "BALANCE", RiskDirection.LowerIsRiskier, Actionability.Actionable, -1, 0.3,
                [Range(null, 0, -900, -1, 0), Range(0, 500, 0, 499, 12), Range(500, null, 500, 9000, 30), Missing(5)]),
        ],
        new DecisionPolicy(approveAt, declineBelow, [new HistoryRequirement("history", 6)]));
}
