using CreditAlt.Core.Scoring;
using CreditAlt.Modeling.Challenger;
using CreditAlt.Modeling.Evaluation;

namespace CreditAlt.Modeling.Tests.Challenger;

public sealed class ChallengerModelTests
{
    private static readonly ChallengerModel Model = ChallengerTestData.Shared;

    [Fact]
    public void Train_SameSeedTwice_GivesBitIdenticalPredictionsAndFiles()
    {
        var data = ChallengerTestData.Create(2000, 5);
        var first = ChallengerTestData.Train(data);
        var second = ChallengerTestData.Train(data);
        var holdout = ChallengerTestData.Create(500, 6);
        var a = first.RawScores(holdout);
        var b = second.RawScores(holdout);
        Assert.Equal(a.Select(BitConverter.DoubleToInt64Bits), b.Select(BitConverter.DoubleToInt64Bits));

        var dirA = ChallengerTestData.TempDirectory();
        var dirB = ChallengerTestData.TempDirectory();
        first.Save(dirA);
        second.Save(dirB);
        Assert.Equal(File.ReadAllBytes(Path.Combine(dirA, ChallengerModel.ModelFile)), File.ReadAllBytes(Path.Combine(dirB, ChallengerModel.ModelFile)));
        Assert.Equal(File.ReadAllBytes(Path.Combine(dirA, ChallengerModel.MetadataFile)), File.ReadAllBytes(Path.Combine(dirB, ChallengerModel.MetadataFile)));
    }

    [Fact]
    public void Train_KnownStructure_LearnsRiskFromEachSignal()
    {
        var holdout = ChallengerTestData.Create(3000, 99);
        var pd = Model.Probabilities(holdout);
        // The true model's AUC on this kind of data is about 0.80; a broken learner sits near 0.5. Here missing childcare
        // history is itself a risk signal (+1.2 on the logit), which the challenger deliberately does not use (missing data
        // is neutral), so it ranks less well than the true model: about 0.68.
        Assert.InRange(Metrics.Auc(pd, holdout.Bad), 0.64, 0.86);
    }

    [Fact]
    public void Score_MissingChildcareHistory_IsNeutralNeverARiskOrAReason()
    {
        // Missing (NaN) was risky in training and the trees learned it (a positive contribution), but absence is neutral:
        // that contribution is taken off the score, so missing scores no worse than the riskiest observed length, and it
        // is never a reason.
        double[] values = [0.5, 1, double.NaN, 2];
        Assert.True(Model.Contributions(values)[ChallengerTestData.Childcare].PointsLost > 0);
        var missing = Model.Score(values);
        var riskiest = new[] { 1.0, 12, 36, 60 }.Max(m => Model.Score([0.5, 1, m, 2]).ProbabilityOfDefault);
        Assert.True(missing.ProbabilityOfDefault <= riskiest, $"{missing.ProbabilityOfDefault} > {riskiest}");
        Assert.DoesNotContain(missing.Reasons, r => r.AttributeId == ChallengerTestData.Attributes[ChallengerTestData.Childcare].Id);
    }

    [Fact]
    public void Score_Reasons_RaiseRiskInDecreasingOrderWithCatalogueSentences()
    {
        double[] values = [0.0, 4, 60, 5];
        var score = Model.Score(values);
        Assert.InRange(score.Reasons.Count, 1, 4);
        for (var k = 0; k < score.Reasons.Count; k++)
        {
            var reason = score.Reasons[k];
            var index = Array.FindIndex(ChallengerTestData.Attributes, a => a.Id == reason.AttributeId);
            Assert.Equal(ChallengerTestData.Attributes[index].ReasonCode, reason.Code);
            Assert.Equal(ChallengerTestData.Attributes[index].Reason(values[index]), reason.Sentence);
            Assert.True(reason.PointsLost >= 1);
            if (k > 0) Assert.True(score.Reasons[k - 1].Contribution >= reason.Contribution);
        }

        // The two real risk signals are at their riskiest (nothing on time, 4 late payments); 60 months of
        // childcare history is the safest value, so it lowered risk and cannot be a reason.
        Assert.DoesNotContain(score.Reasons, r => r.AttributeId == ChallengerTestData.Attributes[ChallengerTestData.Childcare].Id);
        Assert.Equal(
            new[] { ChallengerTestData.Attributes[ChallengerTestData.OnTime].Id, ChallengerTestData.Attributes[ChallengerTestData.Late].Id }.Order(),
            score.Reasons.Take(2).Select(r => r.AttributeId).Order());
    }

    [Fact]
    public void Score_AttributeAtItsBestValue_IsNeverAReason()
    {
        // Training saw late counts 0..4 and on-time shares 0..1: nobody with 0 late payments or everything on
        // time may be told that these raised their risk, whatever the trees' interactions contribute.
        Assert.Equal(0, Model.Metadata.BestValues![ChallengerTestData.Late]);
        Assert.Equal(1, Model.Metadata.BestValues![ChallengerTestData.OnTime]);
        var data = ChallengerTestData.Create(300, 17);
        for (var i = 0; i < data.Rows; i++)
        {
            var values = ToDoubles(data.Row(i));
            values[ChallengerTestData.Late] = 0;
            values[ChallengerTestData.OnTime] = 1;
            var reasons = Model.Score(values).Reasons;
            Assert.DoesNotContain(reasons, r => r.AttributeId == ChallengerTestData.Attributes[ChallengerTestData.Late].Id);
            Assert.DoesNotContain(reasons, r => r.AttributeId == ChallengerTestData.Attributes[ChallengerTestData.OnTime].Id);
        }
    }

    [Fact]
    public void Score_PointsAndProbability_FollowTheSharedScale()
    {
        var score = Model.Score([0.8, 0, 24, 0]);
        var logOddsGood = Model.Metadata.Calibration.Slope * score.RawScore + Model.Metadata.Calibration.Offset;
        Assert.Equal(1 / (1 + Math.Exp(logOddsGood)), score.ProbabilityOfDefault, 15);
        Assert.Equal(ChallengerPoints.FromLogOdds(ScoreScaling.Default, logOddsGood), score.Points);
    }

    [Fact]
    public void Score_ManyThreads_SameResultsAsOneThread()
    {
        var data = ChallengerTestData.Create(400, 21);
        var sequential = new ChallengerScore[data.Rows];
        for (var i = 0; i < data.Rows; i++) sequential[i] = Model.Score(ToDoubles(data.Row(i)));
        var parallel = new ChallengerScore[data.Rows];
        Parallel.For(0, data.Rows, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = Model.Score(ToDoubles(data.Row(i))));
        for (var i = 0; i < data.Rows; i++)
        {
            Assert.Equal(sequential[i].RawScore, parallel[i].RawScore);
            Assert.Equal(sequential[i].Reasons, parallel[i].Reasons);
        }
    }

    [Fact]
    public void Score_BatchAndSingle_AgreeExactly()
    {
        var data = ChallengerTestData.Create(50, 8);
        var batch = Model.RawScores(data);
        for (var i = 0; i < data.Rows; i++) Assert.Equal(batch[i], Model.Score(ToDoubles(data.Row(i))).RawScore);
    }

    [Fact]
    public void Load_SavedModel_ReproducesScoresAndReasons()
    {
        var dir = ChallengerTestData.TempDirectory();
        Model.Save(dir);
        var loaded = ChallengerModel.Load(dir, ChallengerTestData.Attributes);
        var data = ChallengerTestData.Create(100, 3);
        for (var i = 0; i < data.Rows; i++)
        {
            var values = ToDoubles(data.Row(i));
            var before = Model.Score(values);
            var after = loaded.Score(values);
            Assert.Equal(before.RawScore, after.RawScore);
            Assert.Equal(before.Points, after.Points);
            Assert.Equal(before.Reasons, after.Reasons);
        }

        Assert.Equal(Model.Metadata.ModelVersion, loaded.Metadata.ModelVersion);
        Assert.True(ChallengerModel.IsChallengerDirectory(dir));
    }

    [Fact]
    public void Load_MetadataWithUnknownAttribute_NamesFileAndPath()
    {
        var dir = ChallengerTestData.TempDirectory();
        Model.Save(dir);
        var path = Path.Combine(dir, ChallengerModel.MetadataFile);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"rent_ontime_share_12m\"", "\"shoe_size\"", StringComparison.Ordinal));
        var ex = Assert.Throws<InvalidDataException>(() => ChallengerModel.Load(dir, ChallengerTestData.Attributes));
        Assert.Equal($"{path}: $.attributes[0]: unknown attribute \"shoe_size\".", ex.Message);
    }

    [Fact]
    public void Assess_ApproveReferDecline_FollowPolicyOnSharedScale()
    {
        var model = ChallengerTrainer.Train(ChallengerTestData.Create(2000, 5), ChallengerTestData.Attributes, ChallengerTestData.FastOptions,
            policy: new DecisionPolicy(640, 600, []));
        foreach (var values in new[] { new[] { 1.0, 0, 60, 0 }, [0.5, 2, double.NaN, 3], [0.0, 4, double.NaN, 5] })
        {
            var assessment = model.Assess(values);
            var points = model.Score(values).Points;
            Assert.Equal(points, assessment.Score);
            var expected = points >= 640 ? Decision.Approve : points >= 600 ? Decision.Refer : Decision.Decline;
            Assert.Equal(expected, assessment.Decision);
            if (expected == Decision.Approve) Assert.Empty(assessment.Reasons);
            else if (model.Score(values).Reasons.Count > 0) Assert.Equal(model.Score(values).Reasons.Select(r => r.Code), assessment.Reasons.Select(r => r.Code));
            else Assert.Equal("ALL-TYP", Assert.Single(assessment.Reasons).Code); // nothing present cost enough: limited data
        }
    }

    private static double[] ToDoubles(ReadOnlySpan<float> row)
    {
        var values = new double[row.Length];
        for (var i = 0; i < row.Length; i++) values[i] = row[i];
        return values;
    }
}
