#!/usr/bin/env bash
# CSV tokenizer comparison (docs/benchmarks.md, "One CSV tokenizer"): CreditAlt's CsvTokenizer against Sep 0.18.0 on
# the recorded workloads, every field of every row handed to the caller, alternating the two, each under
# /usr/bin/time, with the load average before each run.
#   audit:     the 10,000,000-row audit file of scripts/bench-audit.sh (fields decoded to text, score parsed)
#   portfolio: the four portfolio files of `creditalt generate` (fields as UTF-8 bytes, as PortfolioReader takes them)
# Usage: scripts/bench-csv.sh AUDIT_CSV PORTFOLIO_DIR [ROUNDS=3]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
audit=$1
portfolio=$2
rounds=${3:-3}
tool=$(mktemp -d /tmp/creditalt-csv-tool.XXXXXX)
trap 'rm -rf "$tool"' EXIT

cat > "$tool/csvbench.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings><InvariantGlobalization>true</InvariantGlobalization>
    <ServerGarbageCollector>false</ServerGarbageCollector><TieredPGO>true</TieredPGO>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Sep" Version="0.18.0" />
    <ProjectReference Include="$root/src/CreditAlt.Core/CreditAlt.Core.csproj" />
  </ItemGroup>
</Project>
XML
cat > "$tool/Program.cs" <<'CS'
using System.Diagnostics;
using System.Globalization;
using nietras.SeparatedValues;

var candidate = args[0];
var watch = Stopwatch.StartNew();
long rows = 0, fields = 0, units = 0;
double scoreSum = 0;
foreach (var path in args.Skip(1))
{
    var audit = Path.GetFileName(path).Contains("audit", StringComparison.Ordinal);
    if (candidate == "shared")
    {
        using var csv = new CreditAlt.Core.Csv.CsvTokenizer(File.OpenRead(path), Path.GetFileName(path));
        csv.Read(); // header
        while (csv.Read())
        {
            rows++;
            for (var i = 0; i < csv.FieldCount; i++) { fields++; units += audit ? csv.Text(i).Length : csv.Field(i).Length; }
            if (audit) scoreSum += double.Parse(csv.Field(5), CultureInfo.InvariantCulture);
        }
    }
    else
    {
        using var csv = Sep.Reader(o => o with { Unescape = true }).FromFile(path);
        foreach (var row in csv)
        {
            rows++;
            for (var i = 0; i < row.ColCount; i++) { fields++; units += row[i].Span.Length; }
            if (audit) scoreSum += double.Parse(row[5].Span, CultureInfo.InvariantCulture);
        }
    }
}
Console.WriteLine($"{candidate}: {rows:N0} rows, {fields:N0} fields, {units:N0} units, score sum {scoreSum:0.0}, {watch.Elapsed.TotalSeconds:0.00} s");
CS
dotnet build "$tool/csvbench.csproj" -c Release -v q -nologo -o "$tool/bin" >/dev/null

files_portfolio="$portfolio/applications.csv $portfolio/obligations.csv $portfolio/payments.csv $portfolio/cashflow.csv"
for r in $(seq 1 "$rounds"); do
  for workload in audit portfolio; do
    for candidate in shared sep; do
      if [ "$workload" = audit ]; then files=$audit; else files=$files_portfolio; fi
      load=$(cut -d' ' -f1 /proc/loadavg)
      # shellcheck disable=SC2086
      timing=$( { /usr/bin/time -f "wall %e s, user %U s, sys %S s, max RSS %M KB" dotnet "$tool/bin/csvbench.dll" "$candidate" $files >"$tool/out"; } 2>&1 )
      echo "round $r, $workload, $candidate, load $load: $timing | $(cat "$tool/out")"
    done
  done
done
