using CreditAlt.Core.Applications;
using CreditAlt.Portfolio.Csv;

namespace CreditAlt.Cli.Tests.Ingest;

public sealed class IngestCommandTests
{
    private static readonly string Fdx = RepositoryPaths.Of("data-samples", "transactions", "fdx.json");

    private static string[] Args(string transactions, string format, string outDir, params string[] more) =>
        ["ingest", "--transactions", transactions, "--format", format, "--as-of", "2026-06-30", "--requested-amount", "3000", "--out", outDir, "--without-consent", .. more];

    [Fact]
    public void Ingest_SingleFdxFile_WritesThePortfolioAndTheCategorisedTransactions()
    {
        using var dir = new TempDirectory();
        var outDir = dir.File("out");

        var (code, error) = CliRunner.Run(Args(Fdx, "fdx", outDir, "--application-id", "APP-T1", "--applicant-id", "CUS-T1"));

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Equal(
            "application_id,account_id,type,furnisher,monthly_amount\nAPP-T1,R1,rent,Maple Court Apartments,1450.0\nAPP-T1,U1,utility,Metro Power & Light,102.1\nAPP-T1,T1,telecom,Bluewave Mobile,64.99\n",
            File.ReadAllText(Path.Combine(outDir, "obligations.csv")));
        Assert.Equal(
            "application_id,month,inflow,outflow,lowest_balance,nsf_count\nAPP-T1,2026-01,3245.40,1746.93,2367.19,0\nAPP-T1,2026-02,3233.45,1765.04,2434.05,0\n"
            + "APP-T1,2026-03,3234.25,1748.15,5321.70,0\nAPP-T1,2026-04,3222.30,1766.26,6450.85,0\nAPP-T1,2026-05,3256.55,1784.37,8294.60,1\n",
            File.ReadAllText(Path.Combine(outDir, "cashflow.csv")));
        var categorised = File.ReadAllLines(Path.Combine(outDir, "transactions-categorised.csv"));
        Assert.Equal("application_id,transaction_id,account_id,date,amount,description,category,decided_by,stream,note", categorised[0]);
        Assert.Equal(65, categorised.Length);
        Assert.Contains("APP-T1,T0003,CHK-1,2026-01-01,-1450.00,MAPLE COURT APTS WEB PMT 20260101,rent,payee:APARTMENTS,R1,", categorised);

        using var reader = PortfolioReader.Open(outDir);
        Assert.True(reader.TryRead(out var application));
        Assert.Equal(3, application!.Obligations.Count);
    }

    [Fact]
    public void Ingest_Json_WritesTheApplicationJsonForm()
    {
        using var dir = new TempDirectory();
        var outDir = dir.File("out");

        var (code, _) = CliRunner.Run(Args(Fdx, "fdx", outDir, "--application-id", "APP-T1", "--applicant-id", "CUS-T1", "--json"));

        Assert.Equal(0, code);
        var parsed = ApplicationJson.Parse(File.ReadAllBytes(Path.Combine(outDir, "APP-T1.json")));
        Assert.True(parsed.IsValid);
        Assert.Equal(5, parsed.Application!.CashFlow.Count);
        Assert.False(File.Exists(Path.Combine(outDir, "obligations.csv")));
    }

    [Fact]
    public void Ingest_Directory_OneApplicationPerFileInNameOrder()
    {
        using var dir = new TempDirectory();
        var input = Directory.CreateDirectory(dir.File("in")).FullName;
        File.Copy(Fdx, Path.Combine(input, "APP-2.json"));
        File.Copy(Fdx, Path.Combine(input, "APP-1.json"));
        var outDir = dir.File("out");

        var (code, _) = CliRunner.Run(Args(input, "fdx", outDir));

        Assert.Equal(0, code);
        Assert.Equal(
            "application_id,applicant_id,as_of_date,requested_amount\nAPP-1,APP-1,2026-06-30,3000\nAPP-2,APP-2,2026-06-30,3000\n",
            File.ReadAllText(Path.Combine(outDir, "applications.csv")));
    }

    [Fact]
    public void Ingest_BadFileInDirectory_NamesFileAndPathAndWritesNothing()
    {
        using var dir = new TempDirectory();
        var input = Directory.CreateDirectory(dir.File("in")).FullName;
        File.Copy(Fdx, Path.Combine(input, "APP-1.json"));
        File.WriteAllText(Path.Combine(input, "APP-2.json"), File.ReadAllText(Fdx).Replace("\"amount\": 1450.0", "\"amount\": -1450.0", StringComparison.Ordinal));
        var outDir = dir.File("out");

        var (code, error) = CliRunner.Run(Args(input, "fdx", outDir));

        Assert.Equal(2, code);
        Assert.StartsWith($"error: {Path.Combine(input, "APP-2.json")}, $.transactions[1].depositTransaction.amount: a positive amount", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
        Assert.DoesNotContain(Directory.GetDirectories(dir.Path), d => Path.GetFileName(d).StartsWith('.'));
    }

    [Fact]
    public void Ingest_SeveralBadFiles_TheFirstInNameOrderIsReported()
    {
        // Files are derived on several threads: a later bad file may fail first, but the error is the first one's, at its turn.
        using var dir = new TempDirectory();
        var input = Directory.CreateDirectory(dir.File("in")).FullName;
        for (var i = 1; i <= 9; i++) File.Copy(Fdx, Path.Combine(input, $"APP-{i}.json"));
        File.WriteAllText(Path.Combine(input, "APP-7.json"), File.ReadAllText(Fdx).Replace("\"amount\": 1450.0", "\"amount\": -1450.0", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(input, "APP-8.json"), "{\"accounts\": [");
        File.WriteAllText(Path.Combine(input, "APP-9.json"), "[]");
        var outDir = dir.File("out");

        var (code, error) = CliRunner.Run(Args(input, "fdx", outDir));

        Assert.Equal(2, code);
        Assert.StartsWith($"error: {Path.Combine(input, "APP-7.json")}, $.transactions[1].depositTransaction.amount: a positive amount", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Ingest_BadCategoriserAndBadFile_TheCategoriserIsReportedFirst()
    {
        // The model loads while the first files are parsed; its error still comes before any file's, as when it loaded first.
        using var dir = new TempDirectory();
        var input = Directory.CreateDirectory(dir.File("in")).FullName;
        File.WriteAllText(Path.Combine(input, "APP-1.json"), "{\"accounts\": [");
        var outDir = dir.File("out");

        var (code, error) = CliRunner.Run(Args(input, "fdx", outDir, "--categoriser", dir.File("no-model")));

        Assert.Equal(2, code);
        Assert.Equal($"error: --categoriser: {Path.Combine(dir.File("no-model"), "categoriser.json")}: no categoriser metadata (expected a directory written by train-categoriser)", error.Trim());
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Ingest_ManyFiles_SameBytesAsOneAtATime()
    {
        // The directory run (every core) writes each application's rows exactly as a run of that file alone, in name order.
        using var dir = new TempDirectory();
        var input = Directory.CreateDirectory(dir.File("in")).FullName;
        var ids = Enumerable.Range(1, 12).Select(i => $"APP-{i:00}").ToList();
        foreach (var id in ids) File.Copy(Fdx, Path.Combine(input, id + ".json"));
        var outDir = dir.File("out");

        Assert.Equal(0, CliRunner.Run(Args(input, "fdx", outDir)).ExitCode);

        foreach (var file in new[] { "applications.csv", "obligations.csv", "payments.csv", "cashflow.csv", "transactions-categorised.csv", "affordability.csv" })
        {
            var expected = new System.Text.StringBuilder();
            foreach (var id in ids)
            {
                var one = dir.File("one-" + id);
                if (!Directory.Exists(one)) Assert.Equal(0, CliRunner.Run(Args(Path.Combine(input, id + ".json"), "fdx", one, "--application-id", id, "--applicant-id", id)).ExitCode);
                var lines = File.ReadAllText(Path.Combine(one, file)).Split('\n');
                if (expected.Length == 0) expected.Append(lines[0]).Append('\n');
                foreach (var line in lines.Skip(1).Where(l => l.Length > 0)) expected.Append(line).Append('\n');
            }

            Assert.Equal(expected.ToString(), File.ReadAllText(Path.Combine(outDir, file)));
        }
    }

    [Theory]
    [InlineData("--format", "ofx", "error: --format: expected one of fdx, plaid, csv, got 'ofx'")]
    [InlineData("--as-of", "30/06/2026", "error: --as-of: expected a date as yyyy-MM-dd, got '30/06/2026'")]
    [InlineData("--requested-amount", "0", "error: --requested-amount: expected an amount above 0 up to 10000000 with at most 2 decimals, got '0'")]
    public void Ingest_BadOption_Explains(string option, string value, string expected)
    {
        using var dir = new TempDirectory();
        var args = Args(Fdx, "fdx", dir.File("out"), "--application-id", "A", "--applicant-id", "B");
        args[Array.IndexOf(args, option) + 1] = value;

        var (code, error) = CliRunner.Run(args);

        Assert.Equal(2, code);
        Assert.Equal(expected, error.Trim());
    }
}
