#!/usr/bin/env bash
# End-to-end portfolio benchmark (docs/benchmarks.md, "Portfolio: generator and streaming reader").
#   1. creditalt generate --applications N --seed 1 into a scratch directory (timed, peak RSS)
#   2. streams the CSV set through PortfolioReader + AttributeCalculator.Compute (timed, peak RSS)
#      and prints an attribute summary (share present, mean) as a sanity check.
# Usage: scripts/bench-portfolio.sh [N=1000000] [DIR=/tmp/creditalt-bench-portfolio]
# The generated files (about 3.6 GB for 1,000,000 applications) are deleted at the end unless KEEP=1.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
n=${1:-1000000}
dir=${2:-/tmp/creditalt-bench-portfolio}
tool=$(mktemp -d /tmp/creditalt-stream-tool.XXXXXX)
trap 'rm -rf "$tool"; [ "${KEEP:-0}" = 1 ] || rm -rf "$dir"' EXIT

dotnet build src/CreditAlt.Cli -c Release -v q -nologo >/dev/null

# The streaming program lives here rather than as a CLI verb: it measures the library, nothing else.
cat > "$tool/stream.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings><InvariantGlobalization>true</InvariantGlobalization>
    <ServerGarbageCollector>false</ServerGarbageCollector><TieredPGO>true</TieredPGO>
  </PropertyGroup>
  <ItemGroup><ProjectReference Include="$root/src/CreditAlt.Portfolio/CreditAlt.Portfolio.csproj" /></ItemGroup>
</Project>
XML
cat > "$tool/Program.cs" <<'CS'
using System.Diagnostics;
using CreditAlt.Core.Attributes;
using CreditAlt.Portfolio.Csv;

var watch = Stopwatch.StartNew();
var values = new double[AttributeIndex.Count];
var present = new long[AttributeIndex.Count];
var sums = new double[AttributeIndex.Count];
long insufficient = 0;
using var reader = PortfolioReader.Open(args[0]);
while (reader.TryRead(out var application))
{
    AttributeCalculator.Compute(application, values);
    if (!AttributeCalculator.HasSufficientHistory(values)) insufficient++;
    for (var i = 0; i < values.Length; i++)
        if (!double.IsNaN(values[i])) { present[i]++; sums[i] += values[i]; }
}
watch.Stop();
var n = reader.Count;
Console.WriteLine($"streamed {n} applications ({reader.BytesRead / 1e9:0.00} GB) through reader + attributes in {watch.Elapsed.TotalSeconds:0.0} s ({n / watch.Elapsed.TotalSeconds:0} applications/s)");
Console.WriteLine($"insufficient history (< {AttributeCalculator.MinMonthsOfHistory} months): {100.0 * insufficient / n:0.00} %");
Console.WriteLine($"{"attribute",-34} {"present",8} {"mean",12}");
for (var i = 0; i < values.Length; i++)
    Console.WriteLine($"{AttributeCatalogue.All[i].Id,-34} {100.0 * present[i] / n,7:0.0}% {(present[i] == 0 ? double.NaN : sums[i] / present[i]),12:0.000}");
CS
dotnet build "$tool/stream.csproj" -c Release -v q -nologo -o "$tool/bin" >/dev/null

echo "== generate $n applications (nproc=$(nproc))"
/usr/bin/time -v "$root/src/CreditAlt.Cli/bin/Release/net10.0/creditalt" generate --applications "$n" --seed 1 --out "$dir" \
  2> "$tool/gen.time" | tail -2
grep -E "Elapsed \(wall|Maximum resident|User time|System time" "$tool/gen.time"
du -sh "$dir"

echo "== stream through PortfolioReader + AttributeCalculator"
/usr/bin/time -v dotnet "$tool/bin/stream.dll" "$dir" 2> "$tool/stream.time"
grep -E "Elapsed \(wall|Maximum resident|User time|System time" "$tool/stream.time"
