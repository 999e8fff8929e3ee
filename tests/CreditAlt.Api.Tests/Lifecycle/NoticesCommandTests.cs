using System.Globalization;
using System.Net;
using CreditAlt.Api.Tests.Infrastructure;
using UglyToad.PdfPig;
using static CreditAlt.Api.Tests.Infrastructure.Applications;

namespace CreditAlt.Api.Tests.Lifecycle;

public sealed class SqliteNoticesCommandTests(ApiHost<SqliteEngine> host) : NoticesCommandTests<SqliteEngine>(host);

public sealed class PostgresNoticesCommandTests(ApiHost<PostgresEngine> host) : NoticesCommandTests<PostgresEngine>(host);

/// <summary>
/// <c>creditalt notices</c> over decisions and final actions the API recorded: one letter per decision that must be mailed,
/// and each letter's text (PdfPig, page by page) the same as the API's <c>Accept: application/pdf</c> answer.
/// </summary>
public abstract class NoticesCommandTests<TEngine>(ApiHost<TEngine> host) : IClassFixture<ApiHost<TEngine>>
    where TEngine : IEngine, new()
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Notices_SinceToday_OneLetterPerAdverseDecisionOrFinalAction_SameTextAsTheApi()
    {
        var (declined, _, _) = await FinalActionTests<TEngine>.DecideAsync(host, Decline("APP-MAIL-1") with
        {
            Applicant = new CreditAlt.Core.Applications.MailingAddress("Jordan Avery", ["12 Birch Lane, Apt 4", "Springfield, IL 62704"]),
        });
        var (thin, _, _) = await FinalActionTests<TEngine>.DecideAsync(host, Thin("APP-MAIL-2"));
        var (approved, _, _) = await FinalActionTests<TEngine>.DecideAsync(host, Approve("APP-MAIL-3"));
        var (finished, _, _) = await FinalActionTests<TEngine>.DecideAsync(host, Refer("APP-MAIL-4"));
        var (waiting, _, _) = await FinalActionTests<TEngine>.DecideAsync(host, Refer("APP-MAIL-5"));
        using (var lender = host.Client(host.LenderA))
        using (var fa = await lender.PostAsync($"/v1/decisions/{finished}/final-action",
                   Body("""{"action":"decline","reasonCodes":["MAN-INC-UNVERIFIED"],"underwriterId":"uw-9"}"""), Ct))
            Assert.Equal(HttpStatusCode.Created, fa.StatusCode);

        using var dir = new TempDirectory();
        var outDir = Path.Combine(dir.Path, "mail", "batch-1");
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var (code, output, error) = Cli("notices", "--db", host.Db, "--since", today, "--out", outDir, "--model", ApiHost<TEngine>.ModelPath);

        Assert.True(code == 0, error);
        Assert.Contains($"3 letter(s) written to {outDir}", output, StringComparison.Ordinal);
        // The decline, the insufficient-data decision and the referral with a final action; not the approval, not the waiting referral.
        Assert.Equal(new[] { declined, thin, finished }.Select(id => id + ".pdf").Order(StringComparer.Ordinal),
            Directory.GetFiles(outDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.False(File.Exists(Path.Combine(outDir, approved + ".pdf")) || File.Exists(Path.Combine(outDir, waiting + ".pdf")));

        foreach (var id in new[] { declined, thin, finished })
        {
            var cliPages = Pages(await File.ReadAllBytesAsync(Path.Combine(outDir, id + ".pdf"), Ct));
            Assert.Equal(await ApiPagesAsync(id), cliPages);
        }
        var finalText = string.Join(" ", Pages(await File.ReadAllBytesAsync(Path.Combine(outDir, finished + ".pdf"), Ct)));
        Assert.Contains("Unable to verify income", finalText, StringComparison.Ordinal);
        Assert.Contains("Jordan Avery 12 Birch Lane, Apt 4 Springfield, IL 62704",
            string.Join(" ", Pages(await File.ReadAllBytesAsync(Path.Combine(outDir, declined + ".pdf"), Ct))), StringComparison.Ordinal);

        // Nothing since tomorrow: no letter, and the run still succeeds.
        var tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var empty = Path.Combine(dir.Path, "empty");
        var (code2, output2, _) = Cli("notices", "--db", host.Db, "--since", tomorrow, "--out", empty, "--model", ApiHost<TEngine>.ModelPath);
        Assert.Equal(0, code2);
        Assert.Contains("0 letter(s) written", output2, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(empty));
    }

    [Fact]
    public void Notices_BadDateOrMissingDatabase_OneClearLineAndExit2_NothingWritten()
    {
        using var dir = new TempDirectory();
        var outDir = Path.Combine(dir.Path, "out");

        var (code, _, error) = Cli("notices", "--db", host.Db, "--since", "2026-13-01", "--out", outDir, "--model", ApiHost<TEngine>.ModelPath);
        Assert.Equal(2, code);
        Assert.Contains("--since: expected a date (yyyy-MM-dd) or an ISO 8601 instant (2026-12-01T00:00:00Z), got '2026-13-01'", error, StringComparison.Ordinal);

        var missing = "sqlite:" + Path.Combine(dir.Path, "nowhere.db");
        (code, _, error) = Cli("notices", "--db", missing, "--since", "2026-01-01", "--out", outDir, "--model", ApiHost<TEngine>.ModelPath);
        Assert.Equal(2, code);
        Assert.Contains("--db: no database at", error, StringComparison.Ordinal);

        Assert.False(Directory.Exists(outDir));
        Assert.False(File.Exists(Path.Combine(dir.Path, "nowhere.db")));
    }

    private async Task<List<string>> ApiPagesAsync(string decisionId)
    {
        using var client = host.Client(host.LenderA);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/decisions/{decisionId}/notice");
        request.Headers.Accept.ParseAdd("application/pdf");
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Pages(await response.Content.ReadAsByteArrayAsync(Ct));
    }

    /// <summary>Each page's words, in reading order; the bytes differ (creation date, document id), the text must not.</summary>
    private static List<string> Pages(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return [.. document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text)))];
    }

    /// <summary>Runs the built CLI (creditalt.dll, copied beside the tests) as its own process, as a mail-house job would.</summary>
    internal static (int Code, string Output, string Error) Cli(params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "creditalt.dll"));
        foreach (var a in args)
            start.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync(Ct);
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }

    internal sealed class TempDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("creditalt-notices-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
