using CreditAlt.Fairness.Audit;

namespace CreditAlt.Fairness.Tests;

public sealed class AuditEngineTests
{
    private static readonly AuditOptions Everyone = new() { MinGroupSize = 1 };

    /// <summary>
    /// Ten applicants per group. A (reference): approved 8 (6 good, 2 bad), declined 2 (1 good, 1 bad).
    /// B: approved 4 (3 good, 1 bad), declined 6 (2 good, 4 bad).
    /// </summary>
    private static AuditInput Outcomes()
    {
        var groups = new List<string?>();
        var favorable = new List<bool>();
        var outcomes = new List<sbyte>();
        void Add(string g, bool fav, bool bad, int times)
        {
            for (int i = 0; i < times; i++)
            {
                groups.Add(g);
                favorable.Add(fav);
                outcomes.Add(bad ? (sbyte)1 : (sbyte)0);
            }
        }

        Add("A", true, false, 6);
        Add("A", true, true, 2);
        Add("A", false, false, 1);
        Add("A", false, true, 1);
        Add("B", true, false, 3);
        Add("B", true, true, 1);
        Add("B", false, false, 2);
        Add("B", false, true, 4);
        return new AuditInput([.. favorable], [CategoricalAttribute.FromLabels("g", groups)], outcomes: [.. outcomes]);
    }

    [Fact]
    public void Run_HandTable_AirFlagAndFisher()
    {
        var a = AuditEngine.Run(Outcomes(), Everyone).Attributes[0];
        Assert.Equal("A", a.Reference);
        var b = a.Groups[1];
        Assert.Equal(0.5, b.Air);
        Assert.True(b.FourFifthsFlag);
        Close.Equal(0.1698023338890212, b.PValue, 1e-11);
    }

    [Fact]
    public void Run_WithOutcomes_TprFprAndBadRateAmongApproved()
    {
        var a = AuditEngine.Run(Outcomes(), Everyone).Attributes[0];
        var ref_ = a.Groups[0].Outcome!;
        Close.Equal(6.0 / 7, ref_.TruePositiveRate);
        Close.Equal(2.0 / 3, ref_.FalsePositiveRate);
        Assert.Equal(0.25, ref_.BadRateAmongApproved);
        var b = a.Groups[1].Outcome!;
        Assert.Equal((5.0, 5.0), (b.Good, b.Bad));
        Close.Equal(0.6, b.TruePositiveRate);
        Close.Equal(0.2, b.FalsePositiveRate);
        Assert.Equal(0.25, b.BadRateAmongApproved);
    }

    [Fact]
    public void Run_DefaultMinimum_SmallGroupsNotJudgedAndNoReference()
    {
        var a = AuditEngine.Run(Outcomes(), new AuditOptions()).Attributes[0];
        Assert.Null(a.Reference);
        Assert.All(a.Groups, g => Assert.True(g.TooSmall));
        Assert.All(a.Groups, g => Assert.Null(g.Air));
        Assert.All(a.Groups, g => Assert.False(g.FourFifthsFlag));
    }

    [Fact]
    public void Run_MissingDemographics_OwnRowNeverFlagged()
    {
        // 40 in A (30 approved), 40 in B (10 approved), 40 missing (5 approved).
        var labels = Enumerable.Range(0, 120).Select(i => i < 40 ? "A" : i < 80 ? "B" : null).ToList();
        var favorable = Enumerable.Range(0, 120).Select(i => i < 30 || (i >= 40 && i < 50) || (i >= 80 && i < 85)).ToArray();
        var a = AuditEngine.Run(new AuditInput(favorable, [CategoricalAttribute.FromLabels("g", labels)]), new AuditOptions()).Attributes[0];
        Assert.Equal(["A", "B", "(missing)"], a.Groups.Select(g => g.Group));
        var missing = a.Groups[2];
        Assert.True(missing.IsMissing);
        Assert.Equal((40.0, 5.0), (missing.Count, missing.Favorable));
        Close.Equal(5.0 / 40 / 0.75, missing.Air);
        Assert.False(missing.FourFifthsFlag);
        Assert.True(a.Groups[1].FourFifthsFlag);
    }

    [Fact]
    public void Run_Scores_CohensDWithPooledSd()
    {
        // Group X scores 1, 2, 3 (mean 2, var 1); reference Y scores 2, 4, 6, 8 (mean 5, var 20/3).
        // pooled SD = √((2·1 + 3·20/3) / 5) = √4.4; d = −3/√4.4.
        var input = new AuditInput(
            [true, true, true, true, true, true, false],
            [CategoricalAttribute.FromLabels("g", ["X", "X", "X", "Y", "Y", "Y", "Y"])],
            scores: [1, 2, 3, 2, 4, 6, 8]);
        var a = AuditEngine.Run(input, new AuditOptions { MinGroupSize = 1, ReferenceGroups = new Dictionary<string, string> { ["g"] = "Y" } }).Attributes[0];
        var x = a.Groups[0].Score!;
        Assert.Equal(2.0, x.Mean);
        Assert.Equal(1.0, x.StdDev);
        Close.Equal(-1.4301938838683883, x.StandardisedMeanDifference);
        Assert.Null(a.Groups[1].Score!.StandardisedMeanDifference);
    }

    [Fact]
    public void Run_Calibration_ObservedAgainstPooledBandRate()
    {
        // Scores 1..4; two bands split at 3. Band 1: A bad, B good; band 2: A bad, B good.
        var input = new AuditInput(
            [true, true, true, true],
            [CategoricalAttribute.FromLabels("g", ["A", "B", "A", "B"])],
            scores: [1, 2, 3, 4],
            outcomes: [1, 0, 1, 0]);
        var report = AuditEngine.Run(input, new AuditOptions { MinGroupSize = 1, CalibrationBands = 2 });
        Assert.Equal([3.0], report.Bins!.BandEdges);
        var bands = report.Attributes[0].Groups[0].Outcome!.Calibration;
        Assert.Equal([1, 2], bands.Select(b => b.Band));
        Assert.All(bands, b => Assert.Equal((1.0, 0.5), (b.ObservedBadRate, b.PredictedBadRate)));
        Assert.Equal((1.0, 3.0), (bands[0].ScoreLow, bands[0].ScoreHigh));
        Assert.Equal(0.0, report.Attributes[0].Groups[1].Outcome!.Calibration[1].ObservedBadRate);
    }

    [Fact]
    public void Run_Intersections_CombinedGroupsInOrder()
    {
        var input = new AuditInput(
            [true, false, true, true, false],
            [CategoricalAttribute.FromLabels("sex", ["f", "f", "m", "m", null]), CategoricalAttribute.FromLabels("age", ["old", "young", "old", "old", "young"])],
            scores: null);
        var report = AuditEngine.Run(input, new AuditOptions { MinGroupSize = 1, Intersections = true });
        Assert.Equal(["sex", "age", "sex × age"], report.Attributes.Select(a => a.Attribute));
        var both = report.Attributes[2];
        Assert.True(both.IsIntersection);
        Assert.Equal(["f × old", "f × young", "m × old", "(missing)"], both.Groups.Select(g => g.Group));
        Assert.Equal([1.0, 1.0, 2.0, 1.0], both.Groups.Select(g => g.Count));
    }

    [Fact]
    public void Run_ProxyProbabilities_CountedFractionallyWithEffectiveSize()
    {
        // Rows (P(a), P(b)), decision: (1, 0) yes; (0.5, 0.5) yes; (0.25, 0.75) no; (0, 1) no.
        var proxy = new ProxyAttribute("race", ["a", "b"], [1f, 0f, 0.5f, 0.5f, 0.25f, 0.75f, 0f, 1f]);
        var a = AuditEngine.Run(new AuditInput([true, true, false, false], [proxy]), Everyone).Attributes[0];
        Assert.True(a.IsProxy);
        var ga = a.Groups[0];
        var gb = a.Groups[1];
        Assert.Equal((1.75, 1.5), (ga.Count, ga.Favorable));
        Assert.Equal((2.25, 0.5), (gb.Count, gb.Favorable));
        Close.Equal(2.3333333333333335, ga.EffectiveCount); // 1.75² / (1 + 0.25 + 0.0625)
        Close.Equal(2.793103448275862, gb.EffectiveCount);  // 2.25² / (0.25 + 0.5625 + 1)
        // Intervals use the expected counts: Wilson(1.5 of 1.75) and Wilson(0.5 of 2.25).
        Close.Equal(0.23187064169529487, ga.RateCiLow);
        Close.Equal(0.9916846128607646, ga.RateCiHigh);
        Close.Equal(0.023653887277887642, gb.RateCiLow);
        Close.Equal(0.7711407527591665, gb.RateCiHigh);
        Close.Equal(0.25925925925925924, gb.Air);
        Close.Equal(0.4, gb.PValue); // Fisher on expected counts rounded half away from zero: (1, 2) against (2, 0)
    }

    [Fact]
    public void Summarise_CountsFromAggregates_EqualRowAudit()
    {
        // What a database would return: per group count, Σ favourable (and Σw² = count for self-reported groups).
        var a = new GroupCounts("A", false) { Count = 10, CountSq = 10, Favorable = 8 };
        var b = new GroupCounts("B", false) { Count = 10, CountSq = 10, Favorable = 4 };
        var fromCounts = AuditEngine.Summarise(new AuditCounts(20, [new AttributeCounts("g", [a, b])]), Everyone);
        var fromRows = AuditEngine.Run(new AuditInput(Outcomes().Favorable, Outcomes().Attributes), Everyone);
        Assert.Equal(fromRows.Attributes[0].Groups, fromCounts.Attributes[0].Groups, (x, y) =>
            (x.Group, x.Count, x.Favorable, x.RateCiLow, x.RateCiHigh, x.Air, x.PValue, x.RateDifferenceCiLow, x.FourFifthsFlag)
            == (y.Group, y.Count, y.Favorable, y.RateCiLow, y.RateCiHigh, y.Air, y.PValue, y.RateDifferenceCiLow, y.FourFifthsFlag));
    }

    [Fact]
    public void Summarise_UnknownNamedReference_ThrowsWithGroups()
    {
        var options = new AuditOptions { MinGroupSize = 1, ReferenceGroups = new Dictionary<string, string> { ["g"] = "C" } };
        var ex = Assert.Throws<FairnessInputException>(() => AuditEngine.Run(Outcomes(), options));
        Assert.Equal("reference group 'C' does not occur in attribute 'g' (groups: A, B)", ex.Message);
    }
}

public sealed class AuditEngineLargeTableTests
{
    [Fact]
    public void Tally_CrossTableTooLargeForOnePass_SameFiguresPerAttribute()
    {
        // 70,000 distinct ids make the cross-tabulation exceed the one-pass limit; 'sex' must come out the same.
        int n = 70_000;
        var ids = Enumerable.Range(0, n).Select(i => (string?)i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var sex = Enumerable.Range(0, n).Select(i => i % 3 == 0 ? "f" : i % 3 == 1 ? "m" : null).ToList<string?>();
        var favorable = Enumerable.Range(0, n).Select(i => i % 5 < 3).ToArray();
        var scores = Enumerable.Range(0, n).Select(i => (double)(i % 11)).ToArray();
        var small = AuditEngine.Run(new AuditInput(favorable, [CategoricalAttribute.FromLabels("sex", sex)], scores), new AuditOptions());
        var large = AuditEngine.Run(new AuditInput(favorable, [CategoricalAttribute.FromLabels("sex", sex), CategoricalAttribute.FromLabels("id", ids)], scores), new AuditOptions());
        Assert.Equal(
            small.Attributes[0].Groups.Select(g => (g.Group, g.Count, g.Favorable, g.Score!.Mean, g.Score.StdDev, g.Air)),
            large.Attributes[0].Groups.Select(g => (g.Group, g.Count, g.Favorable, g.Score!.Mean, g.Score.StdDev, g.Air)));
        Assert.Equal(n + 0.0, large.Attributes[1].Groups.Count);
    }
}
