using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using CreditAlt.Core.Applications;
using CreditAlt.Data.Ledger;

namespace CreditAlt.Benchmarks;

/// <summary>
/// Compressing the canonical application JSON for the ledger (each append does it once, on the caller's thread):
/// the ledger's own DEFLATE writer against .NET's zlib at its fastest level, which it replaced. On
/// data-samples/application.json (canonical form).
/// dotnet run -c Release --project bench/CreditAlt.Benchmarks -- --filter '*LedgerDocumentBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
public class LedgerDocumentBenchmarks
{
    private byte[] _json = null!;

    [GlobalSetup]
    public void Setup()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "CreditAlt.sln"))) root = root.Parent!;
        var body = File.ReadAllBytes(Path.Combine(root.FullName, "data-samples", "application.json"));
        _json = CanonicalApplicationJson.Of(ApplicationJson.Parse(body).Application
            ?? throw new InvalidOperationException("data-samples/application.json does not parse.")).Utf8.ToArray();
        Console.WriteLine($"// canonical JSON {_json.Length} bytes; SmallDeflate {SmallDeflate.Compress(_json).Length} bytes; zlib fastest {ZlibFastest().Length} bytes");
    }

    [Benchmark]
    public byte[] SmallDeflateCompress() => SmallDeflate.Compress(_json);

    [Benchmark(Baseline = true)]
    public byte[] ZlibFastest()
    {
        using var output = new MemoryStream(_json.Length / 4 + 64);
        using (var deflate = new DeflateStream(output, CompressionLevel.Fastest, leaveOpen: true))
            deflate.Write(_json);
        return output.ToArray();
    }
}
