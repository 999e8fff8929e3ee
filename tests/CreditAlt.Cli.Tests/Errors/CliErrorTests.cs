namespace CreditAlt.Cli.Tests.Errors;

/// <summary>Bad input to the CLI: one clear line naming the file, the line or the option, exit 2, never a stack trace.</summary>
public sealed class CliErrorTests
{
    private static readonly string Champion = RepositoryPaths.Of("models", "champion");

    private static string Generate(TempDirectory dir, int applications, string name = "portfolio")
    {
        var path = dir.File(name);
        var (code, error) = CliRunner.Run("generate", "--applications", applications.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "3", "--out", path);
        Assert.True(code == 0, error);
        return path;
    }

    private static void AssertOneLine(string error, string expected)
    {
        Assert.Equal("error: " + expected + Environment.NewLine, error);
    }

    [Fact]
    public void Train_NoOutcomesCsv_OneLineNamingTheFileExit2()
    {
        using var dir = new TempDirectory();
        var portfolio = Generate(dir, 50);
        File.Delete(Path.Combine(portfolio, "outcomes.csv"));

        var (code, error) = CliRunner.Run("train", "--data", portfolio, "--out", dir.File("model"));

        Assert.Equal(2, code);
        AssertOneLine(error, $"outcomes.csv: no such file '{Path.Combine(portfolio, "outcomes.csv")}' (training and evaluation need the known outcome of every application)");
        Assert.False(Directory.Exists(dir.File("model")));
    }

    [Fact]
    public void Train_TwentyApplications_RefusedBelowTheMinimumSayingWhy()
    {
        using var dir = new TempDirectory();
        var portfolio = Generate(dir, 20);

        var (code, error) = CliRunner.Run("train", "--data", portfolio, "--out", dir.File("model"));

        Assert.Equal(2, code);
        Assert.StartsWith("error: too little data to train on 20 rows: the training split (applications with enough history for a decision) holds ", error, StringComparison.Ordinal);
        Assert.EndsWith("every part a model is fitted or evaluated on needs at least 10 of each (docs/scorecard.md §6)" + Environment.NewLine, error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("model")));
    }

    [Fact]
    public void Train_RejectInferenceWithoutAcceptedOnly_OneLineExit2()
    {
        using var dir = new TempDirectory();
        var portfolio = Generate(dir, 50);

        var (code, error) = CliRunner.Run("train", "--data", portfolio, "--out", dir.File("model"), "--reject-inference", "fuzzy");

        Assert.Equal(2, code);
        AssertOneLine(error, "--reject-inference: only with --accepted-only (without it every outcome is trained on and there is nothing to infer)");
        Assert.False(Directory.Exists(dir.File("model")));
    }

    [Theory]
    [InlineData("0", "12", "--vintages: expected a number from 1 to 24, got 0")]
    [InlineData("3", "0", "--months-between: expected a number of months from 1 to 36, got 0")]
    [InlineData("24", "36", "--vintages: the earliest vintage would be dated 1957-06-30, before 1995-01-01; give fewer vintages, fewer --months-between or a later --as-of")]
    public void Generate_BadVintages_OneLineExit2(string vintages, string monthsBetween, string expected)
    {
        using var dir = new TempDirectory();

        var (code, error) = CliRunner.Run("generate", "--applications", "100", "--seed", "1", "--out", dir.File("p"), "--vintages", vintages, "--months-between", monthsBetween);

        Assert.Equal(2, code);
        AssertOneLine(error, expected);
        Assert.False(Directory.Exists(dir.File("p")));
    }

    [Fact]
    public void Train_ChallengerOnTwentyApplications_RefusedBelowTheMinimum()
    {
        using var dir = new TempDirectory();
        var portfolio = Generate(dir, 20);

        var (code, error) = CliRunner.Run("train", "--data", portfolio, "--model", "challenger", "--out", dir.File("model"));

        Assert.Equal(2, code);
        Assert.StartsWith("error: too little data to train on 20 rows: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_GermanCreditIn40Folds_RefusedAsEachFoldHoldsFewerThanTenBads()
    {
        using var dir = new TempDirectory();
        // 300 bads dealt round-robin over 40 folds: folds 1 to 20 get 8, the rest 7; 700 goods give 17 or 18.
        var (code, error) = CliRunner.Run("train", "--table", RepositoryPaths.Of("data-samples", "german-credit", "german_credit.csv"),
            "--target", "Class", "--bad-value", "Bad", "--exclude", "Age", "--exclude", "Personal.*", "--folds", "40", "--out", dir.File("model"));

        Assert.Equal(2, code);
        AssertOneLine(error, "too little data to train on 1000 rows: fold 1 of 40 holds 18 goods and 8 bads; every part a model is fitted or evaluated on needs at least 10 of each (docs/scorecard.md §6)");
    }

    [Fact]
    public void KeysCreate_SqliteFileInAMissingDirectory_ErrorAndNoDirectoryCreated()
    {
        using var dir = new TempDirectory();
        var db = Path.Combine(dir.Path, "nonexistent", "dir", "x.db");

        var (code, error) = CliRunner.Run("keys", "create", "--role", "admin", "--db", "sqlite:" + db);

        Assert.Equal(2, code);
        AssertOneLine(error, $"--db: no database at '{db}' (Sqlite: Data Source={db}); 'creditalt db migrate --db ...' or 'creditalt import' creates one, or give --create");
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void KeysCreate_WithCreate_MakesTheDatabaseAndIssuesTheKey()
    {
        using var dir = new TempDirectory();
        var db = Path.Combine(dir.Path, "new", "x.db");

        var (code, output, error) = CliRunner.RunCapturingOut("keys", "create", "--role", "admin", "--create", "--db", "sqlite:" + db);

        Assert.True(code == 0, error);
        Assert.StartsWith("ca_", output, StringComparison.Ordinal);
        Assert.True(File.Exists(db));
    }

    [Fact]
    public void LedgerVerify_MissingSqliteDatabase_ErrorAndNoFileLeft()
    {
        using var dir = new TempDirectory();
        var db = dir.File("ledger.db");

        var (code, error) = CliRunner.Run("ledger", "verify", "--db", "sqlite:" + db);

        Assert.Equal(2, code);
        Assert.StartsWith($"error: --db: no database at '{db}'", error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void AuditDb_MissingSqliteDatabase_ErrorAndNoFileLeft()
    {
        using var dir = new TempDirectory();
        var db = dir.File("ledger.db");

        var (code, error) = CliRunner.Run("audit", "--db", "sqlite:" + db, "--group-column", "race", "--out", dir.File("report"));

        Assert.Equal(2, code);
        Assert.StartsWith($"error: --db: no database at '{db}'", error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void LedgerVerify_PostgresDatabaseThatDoesNotExist_OneLineExit2()
    {
        var server = Environment.GetEnvironmentVariable("CREDITALT_POSTGRES") is { Length: > 0 } s ? s : "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres";
        var missing = new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = "creditalt_no_such_database" }.ConnectionString;

        var (code, error) = CliRunner.Run("ledger", "verify", "--db", missing);

        Assert.Equal(2, code);
        AssertOneLine(error, "--db: database \"creditalt_no_such_database\" does not exist (a PostgreSQL database is created by its administrator, e.g. createdb; then 'creditalt db migrate')");
    }

    [Fact]
    public void DbMigrate_MissingSqliteDatabase_CreatesIt()
    {
        using var dir = new TempDirectory();
        var db = dir.File("new.db");

        var (code, error) = CliRunner.Run("db", "migrate", "--db", "sqlite:" + db);

        Assert.True(code == 0, error);
        Assert.True(File.Exists(db));
    }

    [Fact]
    public void Score_MissingPortfolioFile_NamedWithoutALineNumber()
    {
        using var dir = new TempDirectory();
        var portfolio = Generate(dir, 5);
        File.Delete(Path.Combine(portfolio, "cashflow.csv"));

        var (code, error) = CliRunner.Run("score", "--data", portfolio, "--model", Champion, "--out", dir.File("d.csv"));

        Assert.Equal(2, code);
        AssertOneLine(error, $"cashflow.csv: no such file '{Path.Combine(portfolio, "cashflow.csv")}' (a portfolio is the four files applications.csv, obligations.csv, payments.csv, cashflow.csv)");
        Assert.DoesNotContain("line 0", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(';', "semicolons (';')")]
    [InlineData('\t', "tabs")]
    public void Score_FileWithAnotherDelimiter_SaysWhichDelimiterItFound(char delimiter, string named)
    {
        using var dir = new TempDirectory();
        var portfolio = Generate(dir, 5);
        var payments = Path.Combine(portfolio, "payments.csv");
        File.WriteAllText(payments, File.ReadAllText(payments).Replace(',', delimiter));

        var (code, error) = CliRunner.Run("score", "--data", portfolio, "--model", Champion, "--out", dir.File("d.csv"));

        Assert.Equal(2, code);
        var got = string.Join(delimiter, "application_id", "account_id", "due_date", "amount_due", "paid_date", "amount_paid");
        AssertOneLine(error, $"payments.csv, line 1: expected the header row application_id,account_id,due_date,amount_due,paid_date,amount_paid, got '{got}'; the file is separated by {named}, the format by commas (',')");
    }

    [Fact]
    public void Score_HeaderOnlyPortfolio_WarnsNoApplicationsExit0()
    {
        using var dir = new TempDirectory();
        var portfolio = Generate(dir, 5);
        foreach (var f in new[] { "applications.csv", "obligations.csv", "payments.csv", "cashflow.csv" })
        {
            var path = Path.Combine(portfolio, f);
            File.WriteAllText(path, File.ReadLines(path).First() + "\n");
        }

        var (code, error) = CliRunner.Run("score", "--data", portfolio, "--model", Champion, "--out", dir.File("d.csv"));

        Assert.Equal(0, code);
        Assert.Equal($"warning: no applications: {Path.Combine(portfolio, "applications.csv")} holds only its header row, so {dir.File("d.csv")} holds only its header row too" + Environment.NewLine, error);
        Assert.Single(File.ReadAllLines(dir.File("d.csv")));
    }

    [Fact]
    public void Import_SamePortfolioTwice_ErrorNamesTheApplication()
    {
        using var dir = new TempDirectory();
        var portfolio = Generate(dir, 5);
        var db = "sqlite:" + dir.File("c.db");
        Assert.Equal(0, CliRunner.Run("import", "--data", portfolio, "--db", db).ExitCode);

        var (code, error) = CliRunner.Run("import", "--data", portfolio, "--db", db);

        Assert.Equal(2, code);
        AssertOneLine(error, $"{Path.Combine(portfolio, "applications.csv")}: application APP-0000001 is already stored in Sqlite: Data Source={dir.File("c.db")}; import aborted, nothing was stored");
    }

    [Fact]
    public void Audit_ScoreOf1e308_RejectedWithFileLineAndRange()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("d.csv"), "decision,race,score\napprove,a,600\ndecline,b,1e308\n");

        var (code, error) = CliRunner.Run("audit", "--input", dir.File("d.csv"), "--decision-column", "decision", "--favorable-value", "approve",
            "--group-column", "race", "--score-column", "score", "--out", dir.File("report"));

        Assert.Equal(2, code);
        AssertOneLine(error, $"{dir.File("d.csv")}:3: column 'score': expected a number from -1000000 to 1000000, got '1e308'");
        Assert.False(Directory.Exists(dir.File("report")));
    }

    [Fact]
    public void Attributes_Piped_NoCellWraps()
    {
        var (code, output, error) = CliRunner.RunProcess(RepositoryPaths.Root, "attributes");

        Assert.True(code == 0, error);
        foreach (var a in CreditAlt.Core.Attributes.AttributeCatalogue.All)
        {
            Assert.Contains(output.Split('\n'), line => line.Contains($" {a.Id} ", StringComparison.Ordinal) && line.Contains($" {a.ReasonCode} ", StringComparison.Ordinal));
        }

        Assert.Contains("risk rises when", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_Piped_NoCellWraps()
    {
        var (code, output, error) = CliRunner.RunProcess(RepositoryPaths.Root, "explain", "--application", "data-samples/application.json", "--model", "models/champion");

        Assert.True(code == 0, error);
        var lines = output.Split('\n');
        Assert.Contains(lines, l => l.Contains("│ cashflow_net_flow_ratio_12m ", StringComparison.Ordinal) && l.Contains("│ CF-NET ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("│ telecom_ontime_share_24m ", StringComparison.Ordinal) && l.Contains("│ [0.9167, 0.9474) │", StringComparison.Ordinal));
    }
}
