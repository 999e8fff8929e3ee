using CreditAlt.Core.Applications;
using CreditAlt.Core.Attributes;
using CreditAlt.Core.Recourse;
using CreditAlt.Core.Scoring;
using CreditAlt.Modeling.Challenger;
using CreditAlt.Portfolio.Csv;
using CreditAlt.Portfolio.Synthetic;

namespace CreditAlt.Modeling.Tests.Champion;

/// <summary>
/// The five faults of issue 13, checked on the sample portfolio and on a freshly generated one, for the shipped champion
/// (every application) and the shipped challenger (its declines on the sample): the disclosed range is the possible one;
/// reasons are distinct causes worth at least five points, never missing data; missing data scores the neutral bin; the time
/// path's month is approved when scored and the month before is not; amount targets stay inside the approved band;
/// insufficient data never shows a score and its time path ends with enough history.
/// </summary>
public sealed class NoticeTruthTests
{
    private static readonly string SamplePortfolio = Path.Combine(RepoRoot.Find(), "data-samples", "portfolio");

    private static readonly Lazy<ChallengerModel> Challenger = new(() => ChallengerModel.Load(Path.Combine(RepoRoot.Find(), "models", "challenger")));

    private static IEnumerable<Application> Sample()
    {
        using var reader = PortfolioReader.Open(SamplePortfolio);
        while (reader.TryRead(out var application)) yield return application;
    }

    private static IEnumerable<Application> Generated(int count)
    {
        var generator = new PortfolioGenerator(seed: 2027, applications: count);
        for (var i = 0; i < count; i++) yield return generator.Generate(i).Application;
    }

    [Fact]
    public void ShippedModels_DiscloseExactlyTheRangeTheyCanProduce()
    {
        var stored = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(ShippedChampion.Directory, "scorecard.json"))).RootElement.GetProperty("scoreRange");
        var model = ShippedChampion.Model;
        var low = model.BasePoints + model.Attributes.Sum(a => a.Bins.Min(b => b.Points));
        var high = model.BasePoints + model.Attributes.Sum(a => a.Bins.Max(b => b.Points));
        Assert.Equal((low, high), (stored.GetProperty("min").GetInt32(), stored.GetProperty("max").GetInt32()));
        Assert.Equal(new ScoreBounds(low, high), ShippedChampion.Engine.ScoreRange);

        var challenger = Challenger.Value;
        Assert.Equal(challenger.PossibleRange, challenger.Metadata.ScoreRange);
        Assert.Equal(challenger.PossibleRange, ((IDecisionModel)challenger).ScoreRange);
    }

    [Fact]
    public void Champion_SamplePortfolio_TheFiveFaultsAreGone() => AssertTruthful(Sample(), ShippedChampion.Engine, int.MaxValue);

    [Fact]
    public void Champion_FreshTwentyThousandApplications_TheFiveFaultsAreGone() => AssertTruthful(Generated(20_000), ShippedChampion.Engine, int.MaxValue);

    [Fact]
    public void Challenger_SamplePortfolio_TheFiveFaultsAreGone() => AssertTruthful(Sample().Take(2000), Challenger.Value, 150);

    [Fact]
    public void Champion_MissingData_ScoresExactlyTheNeutralBin()
    {
        foreach (var attribute in ShippedChampion.Model.Attributes)
        {
            var missing = attribute.Bins.Single(b => b.Kind == BinKind.Missing);
            Assert.Equal(0, missing.Woe);
            // Points of a bin are −factor·coefficient·WoE less the attribute's shift: at WoE 0, exactly the shift back.
            var worst = attribute.Bins.MinBy(b => b.Points)!;
            var factor = ShippedChampion.Model.Scaling.Factor;
            var expected = -(int)Math.Round(-factor * attribute.Coefficient * worst.Woe, MidpointRounding.AwayFromZero);
            Assert.Equal(expected, missing.Points);
        }
    }

    /// <summary>Checks every application (time and amount paths for the first <paramref name="maxRecourse"/> adverse ones).</summary>
    private static void AssertTruthful(IEnumerable<Application> applications, IDecisionModel model, int maxRecourse)
    {
        var values = new double[AttributeCatalogue.Count];
        int declines = 0, insufficient = 0, recourses = 0, approvedByTime = 0;
        foreach (var application in applications)
        {
            AttributeCalculator.Compute(application, values);
            var a = model.Assess(values);
            Assert.InRange(a.Score, model.ScoreRange.Min, model.ScoreRange.Max);
            if (a.Decision is Decision.Approve) { Assert.Empty(a.Reasons); continue; }
            if (a.Decision is Decision.Refer or Decision.Decline)
            {
                // Fault 2 and 3: distinct sentences, at least one, at most four, each worth the minimum (or the one largest), none about absence.
                Assert.InRange(a.Reasons.Count, 1, Scorecard.MaxReasons);
                Assert.Equal(a.Reasons.Count, a.Reasons.Select(r => r.Sentence).Distinct().Count());
                foreach (var r in a.Reasons)
                {
                    var index = AttributeCatalogue.IndexOf(r.AttributeId);
                    Assert.False(double.IsNaN(values[index]) && r.AttributeId != "obligation_type_count", $"{application.ApplicationId}: missing {r.AttributeId} given as a reason");
                    Assert.DoesNotContain("No bank cash-flow data", r.Sentence, StringComparison.Ordinal);
                    Assert.DoesNotMatch("^No (rent|utility|telecom|childcare) payments were due", r.Sentence);
                }

                if (a.Reasons.Count > 1) Assert.All(a.Reasons, r => Assert.True(r.PointsLost >= ReasonSelection.MinPointsBelowBest, $"{application.ApplicationId}: {r.Code} cost {r.PointsLost}"));
            }

            if (a.Decision == Decision.Decline) declines++;
            if (a.Decision == Decision.InsufficientData) insufficient++;
            if (a.Decision is not (Decision.Decline or Decision.InsufficientData) || recourses >= maxRecourse) continue;
            recourses++;

            // Fault 4: the reported month is approved when scored, the month before is not (unless it is the first).
            var plan = RecoursePlanner.Plan(application, values, model, a)!;
            var time = TimePath.Find(application, model);
            Assert.Equal(time.ApprovedFrom, plan.ApprovedFrom);
            if (time.ApprovedAfterMonths is { } k)
            {
                approvedByTime++;
                Assert.Equal(Decision.Approve, DecisionAfter(application, model, k, out var score));
                Assert.Equal(time.ApprovedScore, score);
                if (k > 1) Assert.NotEqual(Decision.Approve, DecisionAfter(application, model, k - 1, out _));
                Assert.Contains(plan.Actions, x => x.Kind == RecourseAction.Time && x.ByDate == time.ApprovedFrom);
            }

            // Amount suggestions: inside the approved band, at most two, approved when the changed values are scored.
            var amounts = plan.Actions.Where(x => x.Kind == RecourseAction.Amount).ToArray();
            Assert.InRange(amounts.Length, 0, AmountPath.MaxLevers);
            var changed = (double[])values.Clone();
            foreach (var x in amounts)
            {
                var band = model.ApprovedDistributions.Single(d => d.AttributeId == x.Attribute);
                Assert.InRange(x.Target!.Value, band.P10, band.P90);
                changed[AttributeCatalogue.IndexOf(x.Attribute!)] = x.Target.Value;
            }

            if (amounts.Length > 0) Assert.Equal(Decision.Approve, model.Decide(changed));

            // Fault 5: insufficient data is never scored into words; its time path ends where the history is long enough.
            if (a.Decision == Decision.InsufficientData && plan.EnoughHistoryFrom is { } enough)
            {
                var months = time.EnoughHistoryAfterMonths!.Value;
                var future = Advance(application, months);
                var v = AttributeCalculator.Compute(future);
                Assert.True(model.HasSufficientHistory(v));
                Assert.Equal(enough, future.AsOfDate);
                Assert.Equal(plan.DecisionThen, model.Decide(v).ToWire());
                if (months > 1) Assert.False(model.HasSufficientHistory(AttributeCalculator.Compute(Advance(application, months - 1))));
            }
        }

        Assert.True(declines > 0 && recourses > 0, $"{declines} declines, {insufficient} insufficient, {recourses} recourses");
        Assert.True(approvedByTime > 0, "no time path reached approval");
    }

    private static Application Advance(Application application, int months)
    {
        var future = new FutureApplications(application);
        for (var m = 0; m < months; m++) future.Advance();
        return future.Application;
    }

    private static Decision DecisionAfter(Application application, IDecisionModel model, int months, out int score)
    {
        var values = AttributeCalculator.Compute(Advance(application, months));
        score = model.Score(values);
        return model.Decide(values);
    }
}
