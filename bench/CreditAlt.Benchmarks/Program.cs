using BenchmarkDotNet.Running;

namespace CreditAlt.Benchmarks;

// dotnet run -c Release --project bench/CreditAlt.Benchmarks -- --filter '*Attribute*'
internal static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
