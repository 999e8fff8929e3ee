using BenchmarkDotNet.Attributes;
using CreditAlt.Core.Applications;

namespace CreditAlt.Benchmarks;

/// <summary>
/// The JSON work the scoring API does for every request, on data-samples/application.json (7.9 KB: rent, utility and
/// telecom accounts of 12 months each, 12 cash-flow months): reading and validating the body, and writing the canonical
/// form that is stored in the ledger and fingerprinted.
/// dotnet run -c Release --project bench/CreditAlt.Benchmarks -- --filter '*ApplicationJsonBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
public class ApplicationJsonBenchmarks
{
    private byte[] _body = null!;
    private Application _application = null!;

    [GlobalSetup]
    public void Setup()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "CreditAlt.sln"))) root = root.Parent!;
        _body = File.ReadAllBytes(Path.Combine(root.FullName, "data-samples", "application.json"));
        _application = ApplicationJson.Parse(_body).Application
            ?? throw new InvalidOperationException("data-samples/application.json does not parse.");
    }

    /// <summary>Parse and validate the request body into an application.</summary>
    [Benchmark]
    public Application? Parse() => ApplicationJson.Parse(_body).Application;

    /// <summary>The canonical JSON bytes of the application (what the ledger stores and hashes).</summary>
    [Benchmark]
    public byte[] ToCanonicalJson() => ApplicationJson.ToCanonicalJson(_application);
}
