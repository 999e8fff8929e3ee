using BenchmarkDotNet.Attributes;
using CreditAlt.Portfolio.Synthetic;
using CreditAlt.Transactions.Deriving;
using CreditAlt.Transactions.Parsing;
using CreditAlt.Transactions.Synthetic;

namespace CreditAlt.Benchmarks;

/// <summary>
/// Issue 16 target: categorise and aggregate ≥ 1,000,000 transactions per second from already-parsed records. One
/// operation derives 200 generated applications' transaction sets (their count is printed at setup); transactions per
/// second = that count ÷ the mean time. A fresh deriver per operation, so the categoriser's memo starts empty.
/// <see cref="CategoriseAndAggregate200Applications"/> runs on one core; <see cref="CategoriseAndAggregate200ApplicationsOnEveryCore"/>
/// derives the same applications on every core of the machine (Environment.ProcessorCount threads, each with its own
/// deriver; each derivation single-threaded and deterministic, as <c>creditalt ingest</c> runs them).
/// Run with enough iterations for a steady state: <c>--filter '*TransactionBenchmarks*' --inProcess --warmupCount 3 --iterationCount 15</c>.
/// </summary>
[MemoryDiagnoser]
public class TransactionBenchmarks
{
    private (TransactionSet Set, DerivationRequest Request)[] _sets = [];

    [GlobalSetup]
    public void Setup()
    {
        var generator = new PortfolioGenerator(42, 200);
        var sets = new List<(TransactionSet, DerivationRequest)>();
        for (var i = 0; i < 200; i++)
        {
            var a = generator.Generate(i).Application;
            if (TransactionSynthesis.From(a, 1000 + i) is { } s)
                sets.Add((s.Set, new DerivationRequest(a.ApplicationId, a.ApplicantId, a.AsOfDate, a.RequestedAmount)));
        }

        _sets = [.. sets];
        Console.WriteLine($"// {_sets.Length} transaction sets, {_sets.Sum(s => s.Set.Transactions.Count)} transactions per operation");
    }

    [Benchmark]
    public int CategoriseAndAggregate200Applications()
    {
        var deriver = new TransactionDeriver();
        var streams = 0;
        foreach (var (set, request) in _sets) streams += deriver.Derive(set, request).Streams.Count;
        return streams;
    }

    [Benchmark]
    public int CategoriseAndAggregate200ApplicationsOnEveryCore()
    {
        // Each thread takes the next application until none is left; a fresh deriver per thread and operation.
        var next = -1;
        var streams = 0;
        var threads = new Thread[Environment.ProcessorCount];
        for (var k = 0; k < threads.Length; k++)
        {
            threads[k] = new Thread(() =>
            {
                var deriver = new TransactionDeriver();
                var mine = 0;
                for (var i = Interlocked.Increment(ref next); i < _sets.Length; i = Interlocked.Increment(ref next))
                    mine += deriver.Derive(_sets[i].Set, _sets[i].Request).Streams.Count;
                Interlocked.Add(ref streams, mine);
            });
            threads[k].Start();
        }

        foreach (var t in threads) t.Join();
        return streams;
    }
}
