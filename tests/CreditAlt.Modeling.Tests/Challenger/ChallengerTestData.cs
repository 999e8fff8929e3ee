using CreditAlt.Core.Attributes;
using CreditAlt.Core.Scoring;
using CreditAlt.Modeling.Challenger;

namespace CreditAlt.Modeling.Tests.Challenger;

/// <summary>
/// A small synthetic portfolio with known structure: on-time share lowers risk, late count raises it,
/// childcare history is missing for 40 % and missing is risky, NSF count is pure noise.
/// </summary>
internal static class ChallengerTestData
{
    public static readonly AttributeDefinition[] Attributes =
    [
        AttributeCatalogue.All[AttributeIndex.RentOnTimeShare12m],
        AttributeCatalogue.All[AttributeIndex.RentLate30Count12m],
        AttributeCatalogue.All[AttributeIndex.ChildcareMonthsHistory],
        AttributeCatalogue.All[AttributeIndex.CashFlowNsfCount12m],
    ];

    public const int OnTime = 0, Late = 1, Childcare = 2, Nsf = 3;

    public static readonly ChallengerOptions FastOptions = new() { Iterations = 60, Leaves = 7, MinimumRowsPerLeaf = 40, LearningRate = 0.1 };

    public static ChallengerDataSet Create(int rows, int seed)
    {
        var random = new Random(seed);
        var values = new float[rows * Attributes.Length];
        var bad = new bool[rows];
        for (var r = 0; r < rows; r++)
        {
            var onTime = Math.Round(random.NextDouble(), 2);
            var late = random.Next(0, 5);
            var missing = random.NextDouble() < 0.4;
            var childcare = missing ? double.NaN : random.Next(1, 61);
            var nsf = random.Next(0, 6);
            var logit = -2 - 3 * (onTime - 0.5) + 0.6 * late + (missing ? 1.2 : -0.01 * childcare);
            var row = values.AsSpan(r * Attributes.Length, Attributes.Length);
            row[OnTime] = (float)onTime;
            row[Late] = late;
            row[Childcare] = (float)childcare;
            row[Nsf] = nsf;
            bad[r] = random.NextDouble() < 1 / (1 + Math.Exp(-logit));
        }

        return new ChallengerDataSet(Attributes.Length, values, bad);
    }

    private static ChallengerModel? _shared;
    private static readonly Lock Gate = new();

    /// <summary>One model trained once per test run on 4,000 rows (training takes about a second).</summary>
    public static ChallengerModel Shared
    {
        get
        {
            lock (Gate) return _shared ??= Train(Create(4000, 11));
        }
    }

    /// <summary>No history requirement: these four attributes do not include the history the default policy asks for.</summary>
    public static readonly DecisionPolicy Policy = new(620, 580, []);

    public static ChallengerModel Train(ChallengerDataSet data) => ChallengerTrainer.Train(data, Attributes, FastOptions, policy: Policy);

    public static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "creditalt-challenger-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
