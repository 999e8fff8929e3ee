#!/usr/bin/env bash
# Times the challenger's per-application scoring with reasons (Stopwatch over many calls, after warm-up).
# Usage: scripts/bench-challenger.sh [MODEL_DIR] [PORTFOLIO_DIR]
#   defaults: models/challenger and data-samples/portfolio (5,000 applications).
# Builds a throwaway console program in a temp directory against src/CreditAlt.Modeling (Release).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
MODEL=$(realpath "${1:-$REPO/models/challenger}")
DATA=$(realpath "${2:-$REPO/data-samples/portfolio}")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cat > "$WORK/bench.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup>
  <ItemGroup><ProjectReference Include="$REPO/src/CreditAlt.Modeling/CreditAlt.Modeling.csproj" /></ItemGroup>
</Project>
XML
cat > "$WORK/Program.cs" <<'CS'
using System.Diagnostics;
using CreditAlt.Core.Attributes;
using CreditAlt.Modeling.Challenger;
using CreditAlt.Portfolio.Csv;

var model = ChallengerModel.Load(args[0]);
var applications = new List<CreditAlt.Core.Applications.Application>();
using (var reader = PortfolioReader.Open(args[1]))
    while (reader.TryRead(out var a)) applications.Add(a);
var vectors = applications.Select(AttributeCalculator.Compute).ToArray();
Console.WriteLine($"{applications.Count} applications, {Environment.ProcessorCount} logical CPUs, .NET {Environment.Version}");

double Time(string what, int rounds, Action<int> body)
{
    for (var i = 0; i < Math.Min(2000, vectors.Length); i++) body(i); // warm-up (JIT, engine pool)
    var best = double.MaxValue;
    for (var r = 0; r < rounds; r++)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < vectors.Length; i++) body(i);
        best = Math.Min(best, watch.Elapsed.TotalMicroseconds / vectors.Length);
    }
    Console.WriteLine($"{what}: {best:0.00} µs per application (best of {rounds} passes over {vectors.Length})");
    return best;
}

long sink = 0;
Time("score + reasons from computed attributes (ChallengerModel.Score)", 5, i => sink += model.Score(vectors[i]).Reasons.Count);
Time("score + decision + reasons from computed attributes (ChallengerModel.Assess)", 5, i => sink += model.Assess(vectors[i]).Reasons.Count);
var buffer = new double[AttributeCatalogue.Count];
Time("from raw history: attributes + Assess", 5, i => { AttributeCalculator.Compute(applications[i], buffer); sink += model.Assess(buffer).Reasons.Count; });
var rows = ChallengerTraining.Rows(CreditAlt.Modeling.Training.PortfolioDataSet.Load(args[1]), Enumerable.Range(0, vectors.Length).ToArray());
var watch = Stopwatch.StartNew();
var raw = model.RawScores(rows);
Console.WriteLine($"batch raw scores (no reasons, ML.NET Transform): {watch.Elapsed.TotalMicroseconds / raw.Length:0.00} µs per application");
Console.WriteLine($"(checksum {sink})");
CS
dotnet run -c Release --project "$WORK/bench.csproj" -v q -- "$MODEL" "$DATA"
