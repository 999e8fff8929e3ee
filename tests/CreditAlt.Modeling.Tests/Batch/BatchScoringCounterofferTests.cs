using System.Globalization;
using CreditAlt.Core.AbilityToPay;
using CreditAlt.Core.Applications;
using CreditAlt.Core.Attributes;
using CreditAlt.Core.Scoring;
using CreditAlt.Modeling.Batch;
using CreditAlt.Portfolio.Csv;

namespace CreditAlt.Modeling.Tests.Batch;

/// <summary>
/// The decisions file carries the ability-to-pay counteroffer: one application, written as a portfolio and scored through
/// <see cref="BatchScoring.Score(PortfolioReader, IDecisionModel, TextWriter, Action{long}?)"/>, as <c>creditalt score</c> does.
/// </summary>
public sealed class BatchScoringCounterofferTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "creditalt-batch-offer-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private static ScorecardBin Range(double? lower, double? upper, int points) =>
        new(BinKind.Range, $"[{lower}, {upper})", lower, upper, null, lower ?? -1, upper ?? 1, 10, 1, points / 10.0, points);

    // A model that does not look at the residual income: base 580, 20 points off for an NSF item in 12 months; approve at 560.
    private static ScorecardEngine Engine() => new(new Scorecard(
        "test", "1", ScoreScaling.Default, 580,
        [
            new ScorecardAttribute("cashflow_nsf_count_12m", "CF-NSF", RiskDirection.HigherIsRiskier, Actionability.OnlyTime, -1, 0.3,
                [Range(null, 1, 0), Range(1, null, -20), new ScorecardBin(BinKind.Missing, "missing", null, null, null, null, null, 0, 0, 0, 0)]),
        ],
        new DecisionPolicy(560, 530, []) { Affordability = ProductTerms.Default }));

    private static DateOnly D(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    // Deposits of 3,000 a month for six months, one rent of 1,000 paid on time: 2,000 a month is left for an instalment.
    private static Application Applicant(string id, decimal requested) => new(id, "PER-" + id, D("2026-06-30"), requested,
        [
            new ObligationAccount("R1", ObligationType.Rent, "Maple Court", 1000m,
                Enumerable.Range(1, 6).Select(m => new PaymentRecord(new DateOnly(2026, m, 1), 1000m, new DateOnly(2026, m, 1), 1000m)).ToArray()),
        ],
        Enumerable.Range(1, 6).Select(m => new CashFlowMonth(new DateOnly(2026, m, 1), 3000m, 2500m, 400m, m == 3 ? 1 : 0)).ToArray());

    [Fact]
    public void Score_UnaffordableAmount_WritesTheCounterofferAndItsInstalment()
    {
        Directory.CreateDirectory(_root);
        using (var writer = PortfolioWriter.Create(_root, audit: false))
        {
            writer.Write(Applicant("APP-1", 80_000m));
            writer.Write(Applicant("APP-2", 2_000m));
        }

        using var reader = PortfolioReader.Open(_root);
        var output = new StringWriter();
        BatchScoring.Score(reader, Engine(), output);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.EndsWith(",approved_from,approved_score,counteroffer_amount,counteroffer_monthly_payment", lines[0], StringComparison.Ordinal);
        // 80,000 at 18 % over 36 months costs 2,892.19 a month, more than the 2,000 left: declined for the residual income
        // (CF-RES, the only reason: the score alone approved, so it has none of its own). The largest amount whose instalment fits in 2,000:
        // 2000 * (1 - 1.015^-36) / 0.015 = 55,321.37 -> 55,300 in steps of 50, at 1,999.23 a month; the model approves it (560).
        var declined = lines[1].Split(',');
        Assert.Equal(["APP-1", "560", "decline", "CF-RES", ""], declined[..5]);
        Assert.Equal(["", "", "55300.00", "1999.23"], declined[^4..]);
        // An affordable amount: approved, no counteroffer.
        var approved = lines[2].Split(',');
        Assert.Equal(["APP-2", "560", "approve"], approved[..3]);
        Assert.Equal(["", "", "", ""], approved[^4..]);
    }
}
