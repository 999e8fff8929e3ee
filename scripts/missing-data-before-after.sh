#!/usr/bin/env bash
# Before/after table for neutral missing data (issue 13): two champion and two challenger model directories
# scored on the same seeded 30 % held-out split of one portfolio, with AUC, approve rate overall, by race/ethnicity,
# sex and age band (self-reported, from demographics.csv, read here for the audit only), and among the credit invisible
# (no bureau score). Applicants with too little history are left out, as in training.
#
#   scripts/missing-data-before-after.sh PORTFOLIO OLD_CHAMPION NEW_CHAMPION OLD_CHALLENGER NEW_CHALLENGER [SEED=7]
#
# The portfolio is the shipped models' training portfolio (models/README.md: generate --applications 200000 --seed 7).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
tool=$(mktemp -d /tmp/creditalt-before-after.XXXXXX)
trap 'rm -rf "$tool"' EXIT

cat > "$tool/ba.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings><InvariantGlobalization>true</InvariantGlobalization>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup><ProjectReference Include="$root/src/CreditAlt.Modeling/CreditAlt.Modeling.csproj" /></ItemGroup>
</Project>
XML
cat > "$tool/Program.cs" <<'CS'
using CreditAlt.Core.Attributes;
using CreditAlt.Core.Recourse;
using CreditAlt.Core.Scoring;
using CreditAlt.Modeling.Challenger;
using CreditAlt.Modeling.Evaluation;
using CreditAlt.Modeling.Training;

var data = PortfolioDataSet.Load(args[0]);
var seed = int.Parse(args[5]);
var (_, heldOut) = PortfolioDataSet.Split(data.Count, ChampionTraining.HeldOutShare, seed);
var sufficient = ChampionTraining.SufficientRows(data);
var rows = heldOut.Where(i => sufficient[i]).ToArray();
var demographics = File.ReadLines(Path.Combine(args[0], "demographics.csv")).Skip(1).Select(l => l.Split(','))
    .ToDictionary(f => f[0], f => f[1..]);
IDecisionModel Load(string dir) => ChallengerModel.IsChallengerDirectory(dir)
    ? ChallengerModel.Load(dir)
    : new ScorecardEngine(ScorecardJson.Deserialize(File.ReadAllText(Path.Combine(dir, "scorecard.json"))));
string[] labels = ["champion before", "champion after", "challenger before", "challenger after"];
var models = args[1..5].Select(Load).ToArray();
var groups = new SortedDictionary<string, List<int>>(StringComparer.Ordinal) { ["all"] = [], ["credit invisible"] = [] };
foreach (var k in Enumerable.Range(0, rows.Length))
{
    var i = rows[k];
    groups["all"].Add(k);
    if (data.BureauScore[i] is null) groups["credit invisible"].Add(k);
    var d = demographics[data.ApplicationIds[i]];
    foreach (var (name, value) in new[] { ("race/ethnicity", d[0]), ("sex", d[1]), ("age band", d[2]) })
    {
        var key = $"{name}: {value}";
        if (!groups.TryGetValue(key, out var list)) groups[key] = list = [];
        list.Add(k);
    }
}

var approved = new bool[models.Length][];
var auc = new double[models.Length];
var row = new double[AttributeCatalogue.Count];
for (var m = 0; m < models.Length; m++)
{
    approved[m] = new bool[rows.Length];
    var risk = new double[rows.Length];
    for (var k = 0; k < rows.Length; k++)
    {
        for (var a = 0; a < row.Length; a++) row[a] = data.Columns[a][rows[k]];
        var score = models[m].Score(row);
        risk[k] = -score;
        approved[m][k] = score >= models[m].Policy.ApproveAt;
    }

    auc[m] = Metrics.Auc(risk, [.. rows.Select(i => data.IsBad[i])]);
}

Console.WriteLine($"Held-out split (seed {seed}): {rows.Length:N0} applicants with enough history.");
Console.WriteLine();
Console.WriteLine("| | " + string.Join(" | ", labels) + " |");
Console.WriteLine("|---|" + string.Concat(labels.Select(_ => "---:|")));
Console.WriteLine("| AUC | " + string.Join(" | ", auc.Select(a => a.ToString("0.0000"))) + " |");
foreach (var (name, members) in groups.OrderBy(g => g.Key == "all" ? 0 : g.Key == "credit invisible" ? 1 : 2).ThenBy(g => g.Key, StringComparer.Ordinal))
    Console.WriteLine($"| approve rate, {name} (n = {members.Count:N0}) | " +
        string.Join(" | ", approved.Select(a => (100.0 * members.Count(k => a[k]) / members.Count).ToString("0.00") + " %")) + " |");
CS
dotnet build "$tool/ba.csproj" -c Release -v q -nologo -o "$tool/bin" >/dev/null
"$tool/bin/ba" "$1" "$2" "$3" "$4" "$5" "${6:-7}"
