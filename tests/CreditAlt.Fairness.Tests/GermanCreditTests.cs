using CreditAlt.Fairness.Audit;
using CreditAlt.Fairness.Input;
using CreditAlt.Fairness.Statistics;

namespace CreditAlt.Fairness.Tests;

/// <summary>
/// The Statlog German Credit data (data-samples/german-credit/german_credit.csv) audited by age, under 25 against 25 and over,
/// with Class = Good as the favourable decision. Expected figures computed independently in Python
/// (exact rational Fisher sum, Wilson/Newcombe formulas, Newton–Raphson with Gauss–Jordan inversion).
/// </summary>
public sealed class GermanCreditTests
{
    private static readonly Lazy<(AuditInput Input, string[] Housing)> Data = new(Load);

    private static (AuditInput, string[]) Load()
    {
        string path = FindData();
        using var csv = FairnessCsv.Open(path);
        Assert.True(csv.Read());
        var header = Enumerable.Range(0, csv.FieldCount).Select(i => csv.Text(i).ToString()).ToList();
        int age = header.IndexOf("Age"), cls = header.IndexOf("Class"), duration = header.IndexOf("Duration"), amount = header.IndexOf("Amount");
        int rent = header.IndexOf("Housing.Rent"), own = header.IndexOf("Housing.Own");
        var ageBand = new List<string?>();
        var favorable = new List<bool>();
        var durations = new List<double>();
        var amounts = new List<double>();
        var housing = new List<string>();
        while (csv.Read())
        {
            ageBand.Add(int.Parse(csv.Text(age), System.Globalization.CultureInfo.InvariantCulture) < 25 ? "under 25" : "25 and over");
            favorable.Add(csv.Text(cls).SequenceEqual("Good"));
            durations.Add(double.Parse(csv.Text(duration), System.Globalization.CultureInfo.InvariantCulture));
            amounts.Add(double.Parse(csv.Text(amount), System.Globalization.CultureInfo.InvariantCulture));
            housing.Add(csv.Text(rent).SequenceEqual("1") ? "rent" : csv.Text(own).SequenceEqual("1") ? "own" : "free");
        }

        var housingColumn = CategoricalAttribute.FromLabels("housing", housing);
        var input = new AuditInput(
            [.. favorable],
            [CategoricalAttribute.FromLabels("age", ageBand)],
            controls: [new NumericControl("Duration", [.. durations]), new NumericControl("Amount", [.. amounts]), new TextControl("housing", housingColumn.Codes, housingColumn.Groups)],
            segment: new CategoricalColumn("housing", housingColumn.Codes, housingColumn.Groups));
        return (input, [.. housing]);
    }

    private static string FindData()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CreditAlt.sln")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        return Path.Combine(dir.FullName, "data-samples", "german-credit", "german_credit.csv");
    }

    [Fact]
    public void Run_AgeUnder25_DisparityFiguresMatchIndependentComputation()
    {
        var report = AuditEngine.Run(Data.Value.Input, new AuditOptions());
        var age = Assert.Single(report.Attributes);
        Assert.Equal("25 and over", age.Reference);
        Assert.False(age.ReferenceNamed);
        var over = age.Groups[0];
        var under = age.Groups[1];
        Assert.Equal(("25 and over", 851.0, 612.0, true), (over.Group, over.Count, over.Favorable, over.IsReference));
        Assert.Equal(("under 25", 149.0, 88.0, false), (under.Group, under.Count, under.Favorable, under.IsReference));
        Close.Equal(612.0 / 851, over.FavorableRate);
        Close.Equal(0.6880263975767611, over.RateCiLow);
        Close.Equal(0.7483118218102305, over.RateCiHigh);
        Close.Equal(88.0 / 149, under.FavorableRate);
        Close.Equal(0.5103379359310786, under.RateCiLow);
        Close.Equal(0.666315703783752, under.RateCiHigh);
        Close.Equal(0.8212484098784929, under.Air);
        Assert.False(under.FourFifthsFlag); // 0.821 ≥ 0.8
        Assert.Equal(TwoByTwoTest.FisherExact, under.Test);
        Close.Equal(0.0025502572578753667, under.PValue, 1e-11);
        Close.Equal(88.0 / 149 - 612.0 / 851, under.RateDifference);
        Close.Equal(-0.21394796368112295, under.RateDifferenceCiLow);
        Close.Equal(-0.046689163874662, under.RateDifferenceCiHigh);
        Assert.False(under.TooSmall);
        Assert.Null(over.PValue);
        Assert.Equal(1.0, over.Air);
    }

    [Fact]
    public void Run_AgeWithControls_LogisticFitMatchesIndependentNewton()
    {
        var report = AuditEngine.Run(Data.Value.Input, new AuditOptions());
        var model = Assert.Single(report.Controlled);
        Assert.True(model.Converged);
        Assert.Equal(1000, model.RowsUsed);
        // Terms: intercept, under 25, Duration, Amount, housing=free, housing=rent (base: own, the most frequent).
        // The independent fit used Duration and Amount raw; the audit standardises numeric controls (per SD), an affine
        // change of variables: each slope and its SE scale by the SD, the intercept absorbs slope × mean, the rest stay.
        var controls = Data.Value.Input.Controls.OfType<NumericControl>().Select(c => (Mean: c.Values.Average(), Sd: Sd(c.Values))).ToArray();
        Assert.Equal(["(intercept)", "under 25", FormattableString.Invariant($"Duration (per SD = {controls[0].Sd:#,0.####})"), FormattableString.Invariant($"Amount (per SD = {controls[1].Sd:#,0.####})"), "housing=free", "housing=rent"], model.Terms.Select(t => t.Term));
        double[] raw = [-1.9005906309086609, 0.4939173146030645, 0.03464987355239772, 1.9146629343970505e-05, 0.4340332077096379, 0.5240573587164361];
        double[] rawErrors = [0.15967857728084264, 0.20030923363753284, 0.007423229265160606, 3.1118748732906705e-05, 0.22649823734732819, 0.18928772696040502];
        double[] coefficients = [raw[0] + raw[2] * controls[0].Mean + raw[3] * controls[1].Mean, raw[1], raw[2] * controls[0].Sd, raw[3] * controls[1].Sd, raw[4], raw[5]];
        double[] errors = [double.NaN, rawErrors[1], rawErrors[2] * controls[0].Sd, rawErrors[3] * controls[1].Sd, rawErrors[4], rawErrors[5]];
        for (int j = 0; j < coefficients.Length; j++)
        {
            Close.Equal(coefficients[j], model.Terms[j].Coefficient, 1e-7);
            if (!double.IsNaN(errors[j]))
            {
                Close.Equal(errors[j], model.Terms[j].StdError, 1e-7);
            }
        }

        var under = Assert.Single(model.Groups);
        Assert.Equal("under 25", under.Term);
        Close.Equal(1.638723056725319, under.OddsRatio, 1e-7);
        Close.Equal(0.013671753788701013, under.PValue, 1e-6);
        Close.Equal(Math.Exp(0.4939173146030645 - Normal.Z975 * 0.20030923363753284), under.OddsRatioCiLow, 1e-6);
    }

    private static double Sd(double[] v)
    {
        double mean = v.Average();
        return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
    }

    [Fact]
    public void Run_AgeSegmentedByHousing_CmhMatchesIndependentComputation()
    {
        var report = AuditEngine.Run(Data.Value.Input, new AuditOptions());
        var age = report.Attributes[0];
        Assert.Equal(["free", "own", "rent"], age.Segments.Select(s => s.Segment));
        var own = age.Segments[1].Groups.Single(g => g.Group == "under 25");
        Assert.Equal((75.0, 44.0), (own.Count, own.Favorable));
        Close.Equal((44.0 / 75) / (483.0 / 638), own.Air);
        var freeUnder = age.Segments[0].Groups.Single(g => g.Group == "under 25");
        Assert.True(freeUnder.TooSmall);
        Assert.Null(freeUnder.Air);
        var cmh = Assert.Single(age.Cmh);
        Close.Equal(5.847964828202065, cmh.ChiSquare, 1e-12);
        Close.Equal(0.015595076435398838, cmh.PValue, 1e-11);
    }

    [Fact]
    public void Run_NamedReferenceUnder25_AirIsInverse()
    {
        var options = new AuditOptions { ReferenceGroups = new Dictionary<string, string> { ["age"] = "under 25" } };
        var age = AuditEngine.Run(Data.Value.Input, options).Attributes[0];
        Assert.Equal("under 25", age.Reference);
        Assert.True(age.ReferenceNamed);
        Close.Equal(1 / 0.8212484098784929, age.Groups[0].Air);
    }
}
