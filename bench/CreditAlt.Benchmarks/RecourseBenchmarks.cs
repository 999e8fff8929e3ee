using BenchmarkDotNet.Attributes;
using CreditAlt.Core.Applications;
using CreditAlt.Core.Attributes;
using CreditAlt.Core.Recourse;
using CreditAlt.Core.Scoring;
using CreditAlt.Portfolio.Csv;

namespace CreditAlt.Benchmarks;

/// <summary>
/// The verified recourse of every decline and insufficient-data outcome of the sample portfolio under the shipped champion
/// (what the API and the notices compute per adverse decision): the whole plan, and its time and amount paths alone.
/// One operation covers all of them; divide by <see cref="Outcomes"/> for one.
/// dotnet run -c Release --project bench/CreditAlt.Benchmarks -- --filter '*RecourseBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class RecourseBenchmarks
{
    private ScorecardEngine _engine = null!;
    private readonly List<(Application Application, double[] Values, ScoreAssessment Assessment)> _adverse = [];

    public int Outcomes => _adverse.Count;

    [GlobalSetup]
    public void Setup()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "CreditAlt.sln"))) root = root.Parent!;
        _engine = new ScorecardEngine(ScorecardJson.Deserialize(File.ReadAllText(Path.Combine(root.FullName, "models", "champion", "scorecard.json"))));
        using var reader = PortfolioReader.Open(Path.Combine(root.FullName, "data-samples", "portfolio"));
        while (reader.TryRead(out var application))
        {
            var values = AttributeCalculator.Compute(application);
            var assessment = _engine.Assess(values);
            if (assessment.Decision is Decision.Decline or Decision.InsufficientData) _adverse.Add((application, values, assessment));
        }

        Console.WriteLine($"// {_adverse.Count} adverse outcomes in the sample portfolio");
    }

    [Benchmark(Baseline = true)]
    public int Plan()
    {
        var actions = 0;
        foreach (var (application, values, assessment) in _adverse) actions += RecoursePlanner.Plan(application, values, _engine, assessment)!.Actions.Count;
        return actions;
    }

    [Benchmark]
    public int TimePathOnly()
    {
        var approved = 0;
        foreach (var (application, _, _) in _adverse) approved += TimePath.Find(application, _engine).ApprovedFrom is null ? 0 : 1;
        return approved;
    }

    [Benchmark]
    public int AmountPathOnly()
    {
        var found = 0;
        foreach (var (_, values, assessment) in _adverse)
            if (assessment.Decision == Decision.Decline && AmountPath.Find(values, _engine) is not null) found++;
        return found;
    }
}
