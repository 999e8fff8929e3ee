using System.Text;
using CreditAlt.Fairness.Audit;
using CreditAlt.Fairness.Input;
using CreditAlt.Fairness.Proxies;

namespace CreditAlt.Fairness.Tests;

public sealed class ProxyIntegrationTests
{
    [Fact]
    public void Run_ProxyWithCertainProbabilities_RegressionEqualsCategorical()
    {
        // Same data twice: groups as labels, and as probabilities 0/1. The weighted pseudo-rows must give the same fit.
        int n = 200;
        var labels = Enumerable.Range(0, n).Select(i => i % 4 == 0 ? "b" : "a").ToList<string?>();
        var favorable = Enumerable.Range(0, n).Select(i => (i * 7 % 10) < (i % 4 == 0 ? 4 : 7)).ToArray();
        var income = new NumericControl("income", Enumerable.Range(0, n).Select(i => (double)(i % 13)).ToArray());
        var probabilities = labels.SelectMany(l => l == "a" ? new[] { 1f, 0f } : [0f, 1f]).ToArray();
        var categorical = AuditEngine.Run(new AuditInput(favorable, [CategoricalAttribute.FromLabels("g", labels)], controls: [income]), new AuditOptions());
        var proxy = AuditEngine.Run(new AuditInput(favorable, [new ProxyAttribute("g", ["a", "b"], probabilities)], controls: [income]), new AuditOptions());
        var c = Assert.Single(categorical.Controlled[0].Groups);
        var p = Assert.Single(proxy.Controlled[0].Groups);
        Assert.Equal("b", p.Term);
        Close.Equal(c.Coefficient, p.Coefficient, 1e-10);
        Close.Equal(c.StdError, p.StdError, 1e-10);
    }

    [Fact]
    public void Read_BisgColumns_PosteriorsBecomeProxyAttribute()
    {
        var model = Bisg.Create(
            ["white", "black", "hispanic"],
            new Dictionary<string, double[]> { ["SMITH"] = [70, 20, 10] },
            new Dictionary<string, double[]> { ["G1"] = [800, 100, 100], ["G2"] = [200, 300, 500] });
        var csv = "decision,surname,tract\napprove,Smith,G1\ndecline,,\n";
        var spec = new CsvAuditSpec("decision", "approve", []) { Bisg = new BisgColumns("race", model, "surname", "tract") };
        var input = CsvAuditReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "d.csv", spec);
        var race = Assert.IsType<ProxyAttribute>(Assert.Single(input.Attributes));
        Assert.Equal("race", race.Name);
        Assert.Equal([(float)(168.0 / 188), (float)(15.0 / 188), (float)(5.0 / 188)], race.Probabilities.Take(3));
        Assert.True(race.Probabilities.Skip(3).All(float.IsNaN));
        var report = AuditEngine.Run(input, new AuditOptions { MinGroupSize = 0.01 });
        var missing = report.Attributes[0].Groups.Single(g => g.IsMissing);
        Assert.Equal(1.0, missing.Count);
    }
}
