using BenchmarkDotNet.Attributes;
using CreditAlt.Core.Applications;
using CreditAlt.Portfolio.Csv;
using CreditAlt.Portfolio.Synthetic;

namespace CreditAlt.Benchmarks;

// dotnet run -c Release --project bench/CreditAlt.Benchmarks -- --filter '*PortfolioBenchmarks*'
// Per-applicant costs of the generator and the CSV reader/writer; scripts/bench-portfolio.sh runs the 1,000,000-application end to end.
[MemoryDiagnoser]
public class PortfolioBenchmarks
{
    private const int Applications = 1000;
    private readonly PortfolioGenerator _generator = new(1, Applications);
    private readonly Utf8RowBuffer[] _buffers = [.. Enumerable.Range(0, 4).Select(_ => new Utf8RowBuffer(1 << 20))];
    private byte[][] _files = [];
    private Application _application = null!;

    [GlobalSetup]
    public void Setup()
    {
        var streams = Enumerable.Range(0, 4).Select(_ => new MemoryStream()).ToArray();
        using (var writer = PortfolioWriter.Create(streams[0], streams[1], streams[2], streams[3]))
            for (var i = 0; i < Applications; i++) writer.Write(_generator.Generate(i).Application);
        _files = [.. streams.Select(s => s.ToArray())];
        _application = _generator.Generate(7).Application;
    }

    [Benchmark(Description = "generate one applicant")]
    public GeneratedApplicant Generate() => _generator.Generate(7);

    [Benchmark(Description = "format one application's CSV rows")]
    public int Format()
    {
        foreach (var b in _buffers) b.Clear();
        PortfolioRows.WriteApplication(_application, _buffers[0], _buffers[1], _buffers[2], _buffers[3]);
        return _buffers[2].Length;
    }

    [Benchmark(Description = "read 1,000 applications from CSV", OperationsPerInvoke = 1)]
    public long Read()
    {
        using var reader = new PortfolioReader(new MemoryStream(_files[0]), new MemoryStream(_files[1]), new MemoryStream(_files[2]), new MemoryStream(_files[3]));
        while (reader.TryRead(out _)) { }
        return reader.Count;
    }
}
