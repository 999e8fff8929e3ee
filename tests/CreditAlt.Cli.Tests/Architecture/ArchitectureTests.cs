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
                // Letters and provenance only, never model inputs: the test below keeps the calculator from reading them.
                "application.Applicant.AddressLines[]", "application.Applicant.Name",
                "application.CashFlowSource.Address", "application.CashFlowSource.IsConsumerReportingAgency", "application.CashFlowSource.Name",
                "application.CashFlowSource.Phone",
                "application.Obligations[].Source.Address", "application.Obligations[].Source.IsConsumerReportingAgency",
                "application.Obligations[].Source.Name", "application.Obligations[].Source.Phone",
            ],
            fields);
    }

    /// <summary>
    /// The applicant's name and mailing address and the data's provenance are on the application for letters and the
    /// FCRA disclosures; like demographics they must never become a model input. The attribute calculator's IL (with its
    /// lambdas and local functions) calls no getter of them.
    /// </summary>
    [Fact]
    public void AttributeCalculator_NeverReadsNameAddressOrProvenance()
    {
        var forbidden = new HashSet<MethodBase>(
        [
            typeof(Application).GetProperty(nameof(Application.Applicant))!.GetMethod!,
            typeof(Application).GetProperty(nameof(Application.CashFlowSource))!.GetMethod!,
            typeof(ObligationAccount).GetProperty(nameof(ObligationAccount.Source))!.GetMethod!,
            .. typeof(MailingAddress).GetProperties().Select(p => p.GetMethod!),
            .. typeof(DataSource).GetProperties().Select(p => p.GetMethod!),
        ]);
        var calculator = typeof(CreditAlt.Core.Attributes.AttributeCalculator);
        var types = calculator.Assembly.GetTypes().Where(t => t == calculator || t.FullName!.StartsWith(calculator.FullName + "+", StringComparison.Ordinal));
        var called = new List<string>();
        foreach (var type in types)
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                var il = method.GetMethodBody()?.GetILAsByteArray() ?? [];
                for (var i = 0; i + 4 < il.Length; i++)
                {
                    if (il[i] is not (0x28 or 0x6F)) // call, callvirt
                        continue;
                    MethodBase? target;
                    try
                    {
                        target = type.Module.ResolveMethod(BitConverter.ToInt32(il, i + 1));
                    }
                    catch (ArgumentException)
                    {
                        continue; // not a method token: the byte was an operand, not an opcode
                    }
                    if (target is not null && forbidden.Contains(target))
                        called.Add($"{type.Name}.{method.Name} calls {target.DeclaringType!.Name}.{target.Name}");
                }
            }
        Assert.Empty(called);
        Assert.NotEmpty(types);
    }

    [Theory]
    [InlineData("CreditAlt.Core", new string[0])]
    [InlineData("CreditAlt.Demographics", new string[0])]
    [InlineData("CreditAlt.Portfolio", new[] { "CreditAlt.Core", "CreditAlt.Demographics" })]
    [InlineData("CreditAlt.Modeling", new[] { "CreditAlt.Core", "CreditAlt.Portfolio" })]
    [InlineData("CreditAlt.Data", new[] { "CreditAlt.Core" })]
    [InlineData("CreditAlt.Fairness", new[] { "CreditAlt.Core" })]
    [InlineData("CreditAlt.Transactions", new[] { "CreditAlt.Core" })]
    [InlineData("CreditAlt.Audits", new[] { "CreditAlt.Core", "CreditAlt.Data", "CreditAlt.Fairness", "CreditAlt.Modeling" })]
    [InlineData("CreditAlt.Notices", new[] { "CreditAlt.Core", "CreditAlt.Data" })]
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

    /// <summary>
    /// "Cannot use", not only "does not define": no chain of assembly references leads from the scoring and training
    /// assemblies to the assemblies that hold protected-attribute types and read demographics (the audit's
    /// <c>ProtectedAttribute</c>s in Fairness, the demographics reader and LDA search in Audits).
    /// </summary>
    [Theory]
    [InlineData("CreditAlt.Core")]
    [InlineData("CreditAlt.Modeling")]
    [InlineData("CreditAlt.Transactions")]
    public void ScoringAssemblies_CannotReachTheAuditAssemblies(string assembly)
    {
        var reachable = Reachable(assembly);

        Assert.DoesNotContain("CreditAlt.Fairness", reachable);
        Assert.DoesNotContain("CreditAlt.Audits", reachable);
        Assert.Equal("CreditAlt.Fairness", typeof(CreditAlt.Fairness.Audit.ProtectedAttribute).Assembly.GetName().Name);
        Assert.Equal("CreditAlt.Audits", typeof(CreditAlt.Audits.DemographicsFile).Assembly.GetName().Name);
    }

    /// <summary>
    /// The protected-attribute types (race/ethnicity, sex, age band, a demographics row) live in CreditAlt.Demographics.
    /// Core and Transactions cannot reach that assembly by any chain of references. Modeling reaches it only at run
    /// time, through Portfolio (whose generator writes demographics.csv); it cannot compile against it, because its
    /// project turns transitive project references off and does not list it, and its built assembly shows no use.
    /// </summary>
    [Theory]
    [InlineData("CreditAlt.Core")]
    [InlineData("CreditAlt.Modeling")]
    [InlineData("CreditAlt.Transactions")]
    public void ScoringAssemblies_CannotUseTheDemographicTypes(string assembly)
    {
        Assert.Equal("CreditAlt.Demographics", typeof(CreditAlt.Demographics.RaceEthnicity).Assembly.GetName().Name);
        Assert.Equal("CreditAlt.Demographics", typeof(CreditAlt.Demographics.DemographicRecord).Assembly.GetName().Name);
        Assert.DoesNotContain("CreditAlt.Demographics", Assembly.Load(assembly).GetReferencedAssemblies().Select(a => a.Name));

        if (assembly == "CreditAlt.Modeling")
        {
            var project = System.Xml.Linq.XDocument.Load(RepoRoot.Path("src", "CreditAlt.Modeling", "CreditAlt.Modeling.csproj"));
            Assert.Equal("true", project.Descendants("DisableTransitiveProjectReferences").Single().Value);
            Assert.Equal(
                ["CreditAlt.Core", "CreditAlt.Portfolio"],
                project.Descendants("ProjectReference").Select(r => Path.GetFileNameWithoutExtension((string)r.Attribute("Include")!)).Order(StringComparer.Ordinal));
        }
        else
        {
            Assert.DoesNotContain("CreditAlt.Demographics", Reachable(assembly));
        }
    }

    private static SortedSet<string> Reachable(string assembly)
    {
        var reachable = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([assembly]);
        while (pending.TryPop(out var name))
        {
            foreach (var reference in Assembly.Load(name).GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("CreditAlt.", StringComparison.Ordinal)))
            {
                if (reachable.Add(reference))
                {
                    pending.Push(reference);
                }
            }
        }

        return reachable;
    }

    private static void Collect(Type type, string path, SortedSet<string> fields, HashSet<Type> seen)
    {
        if (!seen.Add(type))
            return;
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            var t = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
            var element = t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? t.GetGenericArguments()[0] : null;
            // A copy of seen per branch: a type met on two paths (a data source) is listed on both.
            if (element == typeof(string))
                fields.Add($"{path}.{p.Name}[]");
            else if (element is not null)
                Collect(element, $"{path}.{p.Name}[]", fields, [.. seen]);
            else if (t.Namespace == typeof(Application).Namespace && !t.IsEnum)
                Collect(t, $"{path}.{p.Name}", fields, [.. seen]);
            else
                fields.Add($"{path}.{p.Name}");
        }
    }
}
