using CreditAlt.Fairness.Audit;
using CreditAlt.Fairness.Statistics;

namespace CreditAlt.Fairness.Tests;

public sealed class ControlGroupTests
{
    private static AuditInput Input(string[] race, string[] sex, string[] age, string[] decisions) =>
        new(decisions.Select(d => d == "approve").ToArray(),
            [CategoricalAttribute.FromLabels("race_ethnicity", race), CategoricalAttribute.FromLabels("sex", sex), CategoricalAttribute.FromLabels("age_band", age)])
        {
            Decisions = Decisions(decisions),
        };

    private static CategoricalColumn Decisions(string[] values)
    {
        var c = CategoricalAttribute.FromLabels("decision", values);
        return new CategoricalColumn("decision", c.Codes, c.Groups);
    }

    /// <summary>
    /// 400 applicants: race white 200 / black 100 / asian 100 (asian approved most), sex female approved more than male,
    /// age bands 18-24, 25-34, 45-54, 55-64, 65+ (65+ approved most). Every default control applies regardless of rates.
    /// </summary>
    private static AuditReport DefaultReport(bool intersections = false)
    {
        int n = 400;
        var race = Enumerable.Range(0, n).Select(i => i < 200 ? "white" : i < 300 ? "black" : "asian").ToArray();
        var sex = Enumerable.Range(0, n).Select(i => i % 2 == 0 ? "male" : "female").ToArray();
        string[] bands = ["18-24", "25-34", "45-54", "55-64", "65+"];
        var age = Enumerable.Range(0, n).Select(i => bands[i / 2 % 5]).ToArray();
        var decisions = Enumerable.Range(0, n).Select(i =>
            race[i] == "asian" || age[i] == "65+" || sex[i] == "female" ? "approve"
            : race[i] == "black" && i % 4 == 0 ? "refer"
            : i % 5 == 0 ? "decline" : i % 7 == 0 ? "insufficient_data" : "approve").ToArray();
        return AuditEngine.Run(Input(race, sex, age, decisions), new AuditOptions { Controls = new ControlGroups(), Intersections = intersections });
    }

    [Fact]
    public void Run_DefaultControls_WhiteMaleAndPooled25To61()
    {
        var report = DefaultReport();
        var race = report.Attributes[0];
        Assert.Equal(("white", "control"), (race.Reference, race.ReferenceRule)); // not asian, the highest rate
        Assert.Equal("male", report.Attributes[1].Reference);                     // not female
        var age = report.Attributes[2];
        Assert.Equal("25-61", age.Reference);
        Assert.Equal(["25-34", "45-54"], age.ControlMembers);
        var pooled = age.Groups.Single(g => g.IsPooledControl);
        Assert.Equal(160, pooled.Count);
        Assert.True(age.Groups.Single(g => g.Group == "25-34").InControl);
        Assert.False(age.Groups.Single(g => g.Group == "25-34").Judged);
        Assert.True(age.Groups.Single(g => g.Group == "18-24").Judged);
        Assert.True(age.Groups.Single(g => g.Group == "65+").Judged);
        var straddling = age.Groups.Single(g => g.Group == "55-64");
        Assert.True(straddling.Judged);
        Assert.True(straddling.StraddlesAge62);
    }

    [Fact]
    public void Run_Intersections_ComparedWithIntersectionOfControls()
    {
        var report = DefaultReport(intersections: true);
        Assert.Equal("white × male", report.Attributes.Single(a => a.Attribute == "race_ethnicity × sex").Reference);
        Assert.Equal("white × 25-61", report.Attributes.Single(a => a.Attribute == "race_ethnicity × age_band").Reference);
    }

    [Fact]
    public void Run_EveryOutcome_CountsRatesAndRatios()
    {
        var race = DefaultReport().Attributes[0];
        var black = race.Groups.Single(g => g.Group == "black");
        var white = race.Groups.Single(g => g.Group == "white");
        Assert.Equal(["approve", "decline", "insufficient_data", "refer"], black.Decisions.Select(d => d.Value));
        Assert.Equal(black.Count, black.Decisions.Sum(d => d.Count));
        var refer = black.Comparisons.Single(c => c.Outcome == "refer");
        double blackRefer = black.Decisions.Single(d => d.Value == "refer").Count;
        double whiteRefer = white.Decisions.Single(d => d.Value == "refer").Count;
        Assert.Equal(0, whiteRefer);
        Assert.Equal(blackRefer / black.Count, refer.Rate, 12);
        var adverse = black.Comparisons.Single(c => c.Outcome == "adverse");
        double blackAdverse = black.Decisions.Where(d => d.Value is "decline" or "insufficient_data").Sum(d => d.Count);
        double whiteAdverse = white.Decisions.Where(d => d.Value is "decline" or "insufficient_data").Sum(d => d.Count);
        Assert.Equal(blackAdverse / black.Count / (whiteAdverse / white.Count), adverse.Ratio, 12);
        var ci = RiskRatio.Katz(blackAdverse, black.Count, whiteAdverse, white.Count);
        Assert.Equal((ci.Low, ci.High), (adverse.RatioCiLow, adverse.RatioCiHigh));
        Assert.Equal(black.AirCiLow, black.Comparisons.Single(c => c.Outcome == "approve").RatioCiLow);
    }

    [Fact]
    public void Run_MultipleTesting_HolmOverEveryJudgedComparison()
    {
        var report = DefaultReport();
        var comparisons = report.Attributes.SelectMany(a => a.Groups.Where(g => g.Judged).SelectMany(g => g.Comparisons)).ToList();
        var holm = MultipleTesting.Holm(comparisons.Select(c => c.PValue).ToList());
        Assert.Equal(holm, comparisons.Select(c => c.PValueHolm));
        Assert.All(comparisons, c => Assert.Equal(c.Practical && c.PValueHolm < 0.05, c.Flagged));
    }

    [Fact]
    public void Run_UnknownAttributeWithoutControl_ErrorNamesHowToConfigure()
    {
        var input = new AuditInput([true, false], [CategoricalAttribute.FromLabels("religion", ["a", "b"])]);
        var ex = Assert.Throws<FairnessInputException>(() => AuditEngine.Run(input, new AuditOptions { Controls = new ControlGroups() }));
        Assert.Contains("attribute 'religion': no control group", ex.Message, StringComparison.Ordinal);
        var chosen = AuditEngine.Run(input, new AuditOptions { MinGroupSize = 1, Controls = new ControlGroups { HighestRate = true } });
        Assert.Equal(("a", "highest-rate"), (chosen.Attributes[0].Reference, chosen.Attributes[0].ReferenceRule));
    }

    [Theory]
    [InlineData("25-34", 25, 34)]
    [InlineData("65+", 65, 200)]
    [InlineData("under 25", 0, 24)]
    [InlineData("<25", 0, 24)]
    [InlineData("62 or older", 62, 200)]
    [InlineData("40", 40, 40)]
    public void AgeRange_RecognisedLabels(string label, int low, int high) =>
        Assert.Equal((low, high), ControlGroups.AgeRange(label));

    [Fact]
    public void Load_ConfigFile_ControlsAndErrorsWithJsonPath()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, """{ "attributes": { "race": { "control": ["nh white"], "protected": ["black"] }, "age": { "control": "age-25-61" } }, "alpha": 0.01 }""");
        var config = ControlGroups.Load(path);
        Assert.Equal(["nh white"], config.ControlGroups.Attributes["race"].Labels);
        Assert.True(config.ControlGroups.Attributes["age"].AgeRule);
        Assert.Equal(0.01, config.Alpha);
        File.WriteAllText(path, """{ "attributes": { "race": { "control": [1] } } }""");
        var ex = Assert.Throws<FairnessInputException>(() => ControlGroups.Load(path));
        Assert.Equal($"{path}: $.attributes.race.control[0]: expected a string", ex.Message);
        File.Delete(path);
    }
}
