using CreditAlt.Core.Attributes;
using CreditAlt.Core.Scoring;
using CreditAlt.Modeling.Challenger;

namespace CreditAlt.Modeling.Tests.Challenger;

public sealed class ChallengerRecourseTests
{
    // Attributes (ChallengerTestData): rent on-time share (the one actionable attribute: lower is riskier), rent 30-day
    // lates, childcare months of history and NSF count (only time changes those). The shared test model's trees with
    // cut-offs its scores can reach: approve at 560, decline below 550.
    private static readonly double[] Declined = [0.5, 1, 60, 2];

    private static readonly Lazy<ChallengerModel> Model = new(() => ChallengerTrainer.Train(
        ChallengerTestData.Create(4000, 11), ChallengerTestData.Attributes, ChallengerTestData.FastOptions, policy: new DecisionPolicy(560, 550, [])));

    [Fact]
    public void FindRecourse_Declined_ProposedChangeIsApprovedWhenScoredAgain()
    {
        var model = Model.Value;
        Assert.Equal(Decision.Decline, model.Assess(Declined).Decision);

        var recourse = model.FindRecourse(Declined);

        Assert.True(recourse.Reachable, recourse.Describe());
        var changed = (double[])Declined.Clone();
        foreach (var step in recourse.Steps)
        {
            var j = Index(step.AttributeId);
            Assert.Equal(Actionability.Actionable, ChallengerTestData.Attributes[j].Actionability);
            Assert.Equal(Declined[j], step.From);
            changed[j] = step.To;
        }
        var after = model.Assess(changed);
        Assert.Equal((Decision.Approve, recourse.ResultingScore), (after.Decision, after.Score));
        Assert.Equal(model.Score(Declined).Points, recourse.CurrentScore);
    }

    [Fact]
    public void FindRecourse_Declined_OneThresholdLessOnAnyLeverIsNotApproved()
    {
        // The search takes the fewest thresholds crossed in all, so taking any step back by one threshold (or dropping a
        // one-threshold step) must leave the applicant short of approval. The trees' output is constant between
        // thresholds, so the threshold itself (upward) or the next float above it (downward) stands for its interval.
        var model = Model.Value;
        var recourse = model.FindRecourse(Declined);
        var thresholds = ChallengerRecourse.SplitThresholds(model.Predictor, ChallengerTestData.Attributes.Length);
        Assert.True(recourse.Reachable);

        foreach (var step in recourse.Steps)
        {
            var values = (double[])Declined.Clone();
            foreach (var other in recourse.Steps)
                values[Index(other.AttributeId)] = other.To;
            var j = Index(step.AttributeId);
            var upward = ChallengerTestData.Attributes[j].Direction == RiskDirection.LowerIsRiskier;
            values[j] = step.BinsMoved == 1 ? step.From
                : upward ? thresholds[j].Where(t => t < step.To).Max()
                : MathF.BitIncrement(thresholds[j].Where(t => t >= step.To).Min());

            Assert.NotEqual(Decision.Approve, model.Assess(values).Decision);
        }
    }

    private static int Index(string attributeId) => Array.FindIndex(ChallengerTestData.Attributes, a => a.Id == attributeId);

    [Fact]
    public void FindRecourse_Approved_NoChangeNeeded()
    {
        var values = new[] { 0.8, 0, 60, 2 };
        var model = Model.Value;
        Assert.Equal(Decision.Approve, model.Assess(values).Decision);

        var recourse = model.FindRecourse(values);

        Assert.Equal((true, "no change needed", 0), (recourse.Reachable, recourse.Describe(), recourse.Steps.Count));
    }

    [Fact]
    public void FindRecourse_OnlyLeverAtItsBestStillDeclined_NoChangeWithinReach()
    {
        var model = Model.Value;
        Assert.Equal(Decision.Decline, model.Assess([1.0, 3, 60, 2]).Decision); // on-time share already 100 %

        var recourse = model.FindRecourse([0.6, 3, 60, 2]);

        Assert.Equal((false, RecourseResult.NoChangeWithinReach), (recourse.Reachable, recourse.Describe()));
    }

    [Fact]
    public void FindRecourse_SameInputTwice_SameAnswer()
    {
        var model = Model.Value;

        var first = model.FindRecourse(Declined);
        var second = model.FindRecourse(Declined);

        Assert.Equal((first.Describe(), first.ResultingScore), (second.Describe(), second.ResultingScore));
        Assert.Equal(first.Steps, second.Steps);
    }

    [Fact]
    public void SplitThresholds_TrainedModel_AscendingPerAttributeAndOnlyTheModelsOwn()
    {
        var model = Model.Value;

        var thresholds = ChallengerRecourse.SplitThresholds(model.Predictor, ChallengerTestData.Attributes.Length);

        Assert.Equal(4, thresholds.Length);
        Assert.NotEmpty(thresholds[ChallengerTestData.OnTime]);
        Assert.All(thresholds, t => Assert.Equal(t.Order(), t));
        Assert.All(thresholds[ChallengerTestData.OnTime], t => Assert.InRange(t, 0f, 1f));
    }
}
