using System.Text.Json;
using CreditAlt.Fairness.Audit;
using CreditAlt.Fairness.Input;

namespace CreditAlt.Fairness.Tests;

/// <summary>
/// The controlled regression's average marginal effects against an independent computation:
/// References/marginal_effects.py (plain Python IRLS, Gauss–Jordan inverse, AME by counterfactual group, delta
/// method) made References/marginal-effects.csv and the expected References/marginal-effects.json.
/// </summary>
public sealed class MarginalEffectTests
{
    private static string Reference(string file) => Path.Combine(AppContext.BaseDirectory, "References", file);

    [Fact]
    public void Run_ControlsWithMissingValues_MarginalEffectsMatchIndependentPython()
    {
        var spec = new CsvAuditSpec("decision", "approve", ["race"], ControlColumns: ["income", "amount", "housing"]);
        var input = CsvAuditReader.Read(Reference("marginal-effects.csv"), spec);
        var report = AuditEngine.Run(input, new AuditOptions { Controls = new ControlGroups() });
        var model = Assert.Single(report.Controlled);
        Assert.Equal("white", model.Reference);
        Assert.Equal(3000, model.RowsUsed); // 176 rows without income are kept: mean fill plus a missing indicator
        Assert.Equal(3000, model.RowsAudited);
        Assert.Contains(model.Terms, t => t.Term == "income missing");

        using var expected = JsonDocument.Parse(File.ReadAllBytes(Reference("marginal-effects.json")));
        var groups = expected.RootElement.GetProperty("groups");
        Assert.Equal(groups.EnumerateObject().Select(g => g.Name).Order(StringComparer.Ordinal), model.Groups.Select(g => g.Term).Order(StringComparer.Ordinal));
        foreach (var term in model.Groups)
        {
            var e = groups.GetProperty(term.Term);
            Assert.Equal(e.GetProperty("marginalEffect").GetDouble(), term.MarginalEffect!.Value, 1e-4);
            Assert.Equal(e.GetProperty("marginalEffectStdError").GetDouble(), term.MarginalEffectStdError!.Value, 1e-4);
            Assert.Equal(e.GetProperty("marginalEffectCiLow").GetDouble(), term.MarginalEffectCiLow!.Value, 1e-4);
            Assert.Equal(e.GetProperty("marginalEffectCiHigh").GetDouble(), term.MarginalEffectCiHigh!.Value, 1e-4);
            // Tighter than the 1e-4: the two implementations agree to the convergence of IRLS.
            Assert.Equal(e.GetProperty("marginalEffect").GetDouble(), term.MarginalEffect!.Value, 1e-8);
            Assert.Equal(e.GetProperty("coefficient").GetDouble(), term.Coefficient, 1e-7);
            Assert.Equal(e.GetProperty("stdError").GetDouble(), term.StdError, 1e-7);
        }
    }
}
