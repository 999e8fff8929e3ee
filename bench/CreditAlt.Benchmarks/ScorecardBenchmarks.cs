using BenchmarkDotNet.Attributes;
using CreditAlt.Core.Applications;
using CreditAlt.Core.Attributes;
using CreditAlt.Core.Scoring;
using CreditAlt.Portfolio.Synthetic;

namespace CreditAlt.Benchmarks;

/// <summary>
/// The shipped champion scoring one declined applicant (so four reasons are ranked and worded):
/// from computed attributes, and from the raw payment history.
/// dotnet run -c Release --project bench/CreditAlt.Benchmarks -- --filter '*ScorecardBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class ScorecardBenchmarks
{
    private ScorecardEngine _engine = null!;
    private Application _application = null!;
    private double[] _catalogueValues = null!;
    private double[] _modelValues = null!;
    private int[] _reasons = null!;

    [GlobalSetup]
    public void Setup()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "CreditAlt.sln"))) root = root.Parent!;
        var model = ScorecardJson.Deserialize(File.ReadAllText(Path.Combine(root.FullName, "models", "champion", "scorecard.json")));
        _engine = new ScorecardEngine(model);
        var generator = new PortfolioGenerator(seed: 99, applications: 100_000);
        for (var i = 0; ; i++)
        {
            var application = generator.Generate(i).Application;
            var values = AttributeCalculator.Compute(application);
            var assessment = _engine.Assess(values);
            if (assessment.Decision == Decision.Decline && assessment.Reasons.Count == Scorecard.MaxReasons)
            {
                _application = application;
                _catalogueValues = values;
                break;
            }
        }

        _modelValues = new double[model.Attributes.Count];
        _engine.Gather(_catalogueValues, _modelValues);
        _reasons = new int[Scorecard.MaxReasons];
    }

    /// <summary>Score and ranked reason positions only (no sentences): the allocation-free core.</summary>
    [Benchmark(Baseline = true)]
    public int ScoreAndReasonCodes() => _engine.Model.ScoreWithReasons(_modelValues, _reasons, out _);

    /// <summary>Score, decision and four reasons with the applicant-specific sentences, from computed attributes.</summary>
    [Benchmark]
    public ScoreAssessment AssessFromAttributes() => _engine.Assess(_catalogueValues);

    /// <summary>Attributes computed from the raw payment and cash-flow history, then assessed.</summary>
    [Benchmark]
    public ScoreAssessment AssessFromRawHistory() => _engine.Assess(_application);
}
