using CreditAlt.Core.Attributes;
using CreditAlt.Core.Scoring;
using CreditAlt.Portfolio.Synthetic;

namespace CreditAlt.Modeling.Tests.Champion;

public sealed class ChampionRecourseTests
{
    [Fact]
    public void FindRecourse_Declines_ReachApprovalWithActionableChangesOnly()
    {
        var generator = new PortfolioGenerator(seed: 99, applications: 100_000);
        var engine = ShippedChampion.Engine;
        var model = ShippedChampion.Model;
        int declines = 0, reachable = 0;
        for (var i = 0; i < 3000 && declines < 60; i++)
        {
            var values = AttributeCalculator.Compute(generator.Generate(i).Application);
            if (engine.Assess(values).Decision != Decision.Decline) continue;
            declines++;
            var recourse = engine.FindRecourse(values);
            if (!recourse.Reachable)
            {
                Assert.Equal("no change within reach", recourse.Describe());
                continue;
            }

            reachable++;
            Assert.InRange(recourse.Steps.Count, 1, RecourseSearch.DefaultMaxAttributes);
            var changed = (double[])values.Clone();
            foreach (var step in recourse.Steps)
            {
                Assert.Equal(Actionability.Actionable, AttributeCatalogue.Get(step.AttributeId).Actionability);
                Assert.False(string.IsNullOrWhiteSpace(step.Description));
                changed[AttributeCatalogue.IndexOf(step.AttributeId)] = step.To;
            }

            var after = engine.Assess(changed);
            Assert.Equal(recourse.ResultingScore, after.Score);
            Assert.True(after.Score >= model.Policy.ApproveAt, $"recourse ends at {after.Score} < {model.Policy.ApproveAt}");
        }

        Assert.True(declines >= 30, $"only {declines} declines among the samples");
        Assert.True(reachable > 0, "no decline had recourse within reach");
    }
}
