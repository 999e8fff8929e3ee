using System.Reflection;
using CreditAlt.Core.Applications;

namespace CreditAlt.Cli.Tests.Architecture;

/// <summary>The boundaries docs/architecture.md promises, checked on the built assemblies.</summary>
public sealed class ArchitectureTests
{
    [Fact]
    public void Application_EveryFieldAModelCanSee_IsBehaviourOrCashFlowNeverAProtectedAttribute()
    {
        var fields = new SortedSet<string>(StringComparer.Ordinal);
        Collect(typeof(Application), "application", fields, []);

        Assert.Equal(
            [
                "application.ApplicantId", "application.ApplicationId", "application.AsOfDate", "application.RequestedAmount",
                "application.CashFlow[].Inflow", "application.CashFlow[].LowestBalance", "application.CashFlow[].Month",
                "application.CashFlow[].NsfCount", "application.CashFlow[].Outflow",
                "application.Obligations[].AccountId", "application.Obligations[].Furnisher", "application.Obligations[].MonthlyAmount",
                "application.Obligations[].Payments[].AmountDue", "application.Obligations[].Payments[].AmountPaid",
                "application.Obligations[].Payments[].DueDate", "application.Obligations[].Payments[].PaidDate",
                "application.Obligations[].Type",
            ],
            fields);
    }

    [Theory]
    [InlineData("CreditAlt.Core", new string[0])]
    [InlineData("CreditAlt.Portfolio", new[] { "CreditAlt.Core" })]
    [InlineData("CreditAlt.Modeling", new[] { "CreditAlt.Core", "CreditAlt.Portfolio" })]
    [InlineData("CreditAlt.Data", new[] { "CreditAlt.Core" })]
    [InlineData("CreditAlt.Fairness", new string[0])]
    [InlineData("CreditAlt.Transactions", new[] { "CreditAlt.Core" })]
    public void Assembly_References_OnlyTheLayersBelowIt(string assembly, string[] expected)
    {
        var references = Assembly.Load(assembly).GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n.StartsWith("CreditAlt.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

        Assert.Equal(expected, references);
    }

    [Theory]
    [InlineData("CreditAlt.Core")]
    [InlineData("CreditAlt.Modeling")]
    [InlineData("CreditAlt.Transactions")]
    public void ScoringAssemblies_DefineNoDemographicType(string assembly)
    {
        var demographic = Assembly.Load(assembly).GetTypes()
            .Where(t => t.FullName!.Contains("Demographic", StringComparison.OrdinalIgnoreCase))
            .Select(t => t.FullName);

        Assert.Empty(demographic);
    }

    private static void Collect(Type type, string path, SortedSet<string> fields, HashSet<Type> seen)
    {
        if (!seen.Add(type))
            return;
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            var t = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
            var element = t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? t.GetGenericArguments()[0] : null;
            if (element is not null)
                Collect(element, $"{path}.{p.Name}[]", fields, seen);
            else if (t.Namespace == typeof(Application).Namespace && !t.IsEnum)
                Collect(t, $"{path}.{p.Name}", fields, seen);
            else
                fields.Add($"{path}.{p.Name}");
        }
    }
}
