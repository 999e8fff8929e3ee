using System.Text.Json;
using CreditAlt.Cli.Audit;
using CreditAlt.Fairness;

namespace CreditAlt.Cli.Tests.Audit;

public sealed class CsvJoinTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Write(string name, string text)
    {
        var path = _temp.File(name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Join_TwoFiles_KeepsEveryInputRowAndLeavesUnmatchedCellsEmpty()
    {
        var input = Write("d.csv", "id,decision,note\nA,approve,\"x, y\"\nB,decline,\nC,approve,z\n");
        var demo = Write("demo.csv", "race,id\nwhite,A\nblack,C\nasian,Q\n");
        var outc = Write("out.csv", "id,defaulted\nB,1\nA,0\n");
        var output = new StringWriter();

        var results = CsvJoin.Join(input, [demo, outc], "id", output);

        Assert.Equal(
            "id,decision,note,race,defaulted\nA,approve,\"x, y\",white,0\nB,decline,,,1\nC,approve,z,black,\n",
            output.ToString());
        Assert.Equal([new JoinFileResult(demo, 2, 1), new JoinFileResult(outc, 2, 1)], results);
    }

    [Fact]
    public void Join_DuplicateKeyInJoinFile_NamesFileLineAndFirstLine()
    {
        var input = Write("d.csv", "id,decision\nA,approve\n");
        var demo = Write("demo.csv", "id,race\nA,white\nB,black\nA,asian\n");

        var ex = Assert.Throws<FairnessInputException>(() => CsvJoin.Join(input, [demo], "id", new StringWriter()));

        Assert.Equal($"{demo}:4: column 'id': duplicate key 'A' (first on line 2); a join file needs one row per key", ex.Message);
    }

    [Fact]
    public void Join_KeyColumnAbsent_NamesFileAndColumns()
    {
        var input = Write("d.csv", "id,decision\nA,approve\n");
        var demo = Write("demo.csv", "application_id,race\nA,white\n");

        var ex = Assert.Throws<FairnessInputException>(() => CsvJoin.Join(input, [demo], "id", new StringWriter()));

        Assert.Equal($"{demo}: no key column 'id' (columns: application_id, race)", ex.Message);
    }

    [Fact]
    public void Join_ColumnInTwoFiles_NamesBoth()
    {
        var input = Write("d.csv", "id,decision,race\nA,approve,white\n");
        var demo = Write("demo.csv", "id,race\nA,white\n");

        var ex = Assert.Throws<FairnessInputException>(() => CsvJoin.Join(input, [demo], "id", new StringWriter()));

        Assert.Equal($"{demo}: column 'race' is also in {input}; rename one of them", ex.Message);
    }

    [Fact]
    public void Audit_JoinWithUnmatchedRows_CountsThemAsMissingDemographics()
    {
        // 4 decisions; demographics for 3 of them (2 white: 1 approved; 1 black: approved); D has none.
        var input = Write("d.csv", "application_id,decision\nA,approve\nB,decline\nC,approve\nD,approve\n");
        var demo = Write("demo.csv", "application_id,race\nA,white\nB,white\nC,black\nZ,black\n");
        var outDir = _temp.File("report");

        var (code, error) = CliRunner.Run("audit", "--input", input, "--join", demo, "--key", "application_id",
            "--decision-column", "decision", "--favorable-value", "approve", "--group-column", "race", "--min-group-size", "1", "--out", outDir);

        Assert.Equal((0, ""), (code, error));
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, "fairness-report.json")));
        var groups = json.RootElement.GetProperty("attributes")[0].GetProperty("groups").EnumerateArray()
            .Select(g => (g.GetProperty("group").GetString(), g.GetProperty("count").GetDouble(), g.GetProperty("favorable").GetDouble()))
            .ToList();
        Assert.Equal([("black", 1.0, 1.0), ("white", 2.0, 1.0), ("(missing)", 1.0, 1.0)], groups);
    }

    [Fact]
    public void Audit_DuplicateKey_ExitsTwoNamingFileAndLine()
    {
        var input = Write("d.csv", "application_id,decision\nA,approve\n");
        var demo = Write("demo.csv", "application_id,race\nA,white\nA,black\n");

        var (code, error) = CliRunner.Run("audit", "--input", input, "--join", demo, "--key", "application_id",
            "--decision-column", "decision", "--favorable-value", "approve", "--group-column", "race", "--out", _temp.File("r"));

        Assert.Equal((2, $"error: {demo}:3: column 'application_id': duplicate key 'A' (first on line 2); a join file needs one row per key{Environment.NewLine}"), (code, error));
    }

    [Fact]
    public void Audit_JoinWithoutKey_ExitsTwo()
    {
        var input = Write("d.csv", "application_id,decision\nA,approve\n");

        var (code, error) = CliRunner.Run("audit", "--input", input, "--join", input,
            "--decision-column", "decision", "--favorable-value", "approve", "--group-column", "race", "--out", _temp.File("r"));

        Assert.Equal((2, $"error: --join needs --key (the column that matches rows, e.g. application_id){Environment.NewLine}"), (code, error));
    }
}
