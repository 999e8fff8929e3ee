using BenchmarkDotNet.Attributes;
using CreditAlt.Fairness.Audit;

namespace CreditAlt.Benchmarks;

/// <summary>
/// Fairness audit of 10,000,000 decisions held in memory: three attributes (race 6 groups, sex 2, age band 4)
/// and their four intersections, with scores. Run:
/// dotnet run -c Release --project bench/CreditAlt.Benchmarks -- --filter '*FairnessAudit*'
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class FairnessAuditBenchmarks
{
    private AuditInput _input = null!;

    [Params(10_000_000)]
    public int Rows { get; set; }

    [Params(false, true)]
    public bool WithScores { get; set; }

    [GlobalSetup]
    public void Setup() => _input = FairnessData.Build(Rows, WithScores, seed: 42);

    [Benchmark]
    public AuditReport AuditWithIntersections() => AuditEngine.Run(_input, new AuditOptions { Intersections = true });
}

/// <summary>Synthetic decisions with group-dependent approval rates; same seed, same data.</summary>
public static class FairnessData
{
    public static AuditInput Build(int rows, bool withScores, int seed)
    {
        var random = new Random(seed);
        var race = new int[rows];
        var sex = new int[rows];
        var age = new int[rows];
        var favorable = new bool[rows];
        var scores = withScores ? new double[rows] : null;
        for (int i = 0; i < rows; i++)
        {
            race[i] = random.Next(100) switch { < 60 => 0, < 73 => 1, < 90 => 2, < 96 => 3, < 97 => 4, _ => 5 };
            sex[i] = random.Next(2);
            age[i] = random.Next(50) == 0 ? -1 : random.Next(4);
            double score = 650 + 60 * (random.NextDouble() + random.NextDouble() - 1) - 8 * race[i] + 5 * age[i];
            favorable[i] = score > 640;
            if (scores is not null)
            {
                scores[i] = score;
            }
        }

        return new AuditInput(
            favorable,
            [
                new CategoricalAttribute("race", ["white", "black", "hispanic", "asian", "native", "multiracial"], race),
                new CategoricalAttribute("sex", ["female", "male"], sex),
                new CategoricalAttribute("age", ["18-24", "25-39", "40-61", "62+"], age),
            ],
            scores);
    }
}
