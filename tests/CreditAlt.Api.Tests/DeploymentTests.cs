using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CreditAlt.Api.Tests.Infrastructure;
using CreditAlt.Data;
using CreditAlt.Data.Connections;
using static CreditAlt.Api.Tests.Infrastructure.Applications;

namespace CreditAlt.Api.Tests;

/// <summary>A real server that logs every request at Information, the level at which ASP.NET Core writes whole URLs.</summary>
public sealed class VerboseLoggingHost : IAsyncLifetime
{
    public KestrelApi Api { get; } = new();

    public async ValueTask InitializeAsync()
    {
        Api.Settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Information";
        await Api.InitializeAsync();
    }

    public ValueTask DisposeAsync() => Api.DisposeAsync();
}

/// <summary>The service never logs a secret, whatever its log levels: redaction is in code, not in a setting.</summary>
public sealed class SecretLoggingTests(VerboseLoggingHost host) : IClassFixture<VerboseLoggingHost>
{
    [Fact]
    public async Task NoticeWithTokenInTheQuery_RequestLoggedWithTheTokenRedacted()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = new HttpClient { BaseAddress = host.Api.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", host.Api.Lender);
        using var created = await client.PostAsync("/v1/decisions", Body(Decline("APP-REDACT")), ct);
        var decision = JsonDocument.Parse(await created.Content.ReadAsStringAsync(ct)).RootElement;
        var token = decision.GetProperty("applicantAccessToken").GetString()!;
        using var applicant = new HttpClient { BaseAddress = host.Api.BaseAddress };

        using var notice = await applicant.GetAsync($"{decision.GetProperty("noticeUrl").GetString()}?access_token={token}&x=1", ct);

        Assert.Equal(HttpStatusCode.OK, notice.StatusCode);
        var logs = host.Api.Logs.Select(l => l.Message).ToList();
        Assert.Contains(logs, m => m.Contains("/notice?access_token=[redacted]&x=1", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, m => m.Contains(token, StringComparison.Ordinal) || m.Contains(host.Api.Lender, StringComparison.Ordinal));
    }
}

/// <summary>
/// The built service started as an operator would, with <c>dotnet CreditAlt.Api.dll</c> from another working directory:
/// it reads the appsettings.json beside it and its log holds no token.
/// </summary>
public sealed class DeploymentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The API's own build output (the test project builds it), in the test's configuration.</summary>
    private static string ServiceDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var dll = Path.Combine(RepoRoot.Find(), "src", "CreditAlt.Api", "bin", configuration, "net10.0", "CreditAlt.Api.dll");
        Assert.True(File.Exists(dll), $"{dll} not built");
        return dll;
    }

    [Fact]
    public async Task StartedFromAnotherDirectory_ReadsItsAppSettings_LogsNoToken()
    {
        var workDir = Directory.CreateTempSubdirectory("creditalt-cwd-").FullName;
        var db = "sqlite:" + Path.Combine(workDir, "api.db");
        string lenderKey;
        await using (var database = new CreditAltDatabase(StorageTarget.Parse(db)))
        {
            await database.MigrateAsync(Ct);
            lenderKey = (await database.ApiKeys.CreateAsync("lender", "lender-p", Ct)).Secret;
        }

        var start = new ProcessStartInfo("dotnet", [ServiceDll()])
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["CreditAlt__Database"] = db;
        start.Environment["CreditAlt__ModelPath"] = ApiHost<SqliteEngine>.ModelPath;
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        // The request line with its URL, at Information: the log a token would leak through.
        start.Environment["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information";

        var log = new StringBuilder();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var process = new Process { StartInfo = start };
        void Read(object? _, DataReceivedEventArgs e)
        {
            if (e.Data is null)
                return;
            lock (log)
                log.AppendLine(e.Data);
            if (e.Data.Contains("Now listening on: ", StringComparison.Ordinal))
                listening.TrySetResult(new Uri(e.Data[(e.Data.IndexOf("http", StringComparison.Ordinal))..].Trim()));
        }
        process.OutputDataReceived += Read;
        process.ErrorDataReceived += Read;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var baseAddress = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60), Ct);
            using var client = new HttpClient { BaseAddress = baseAddress };
            using var post = new HttpRequestMessage(HttpMethod.Post, "/v1/decisions") { Content = Body(Decline("APP-DEPLOY")) };
            post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", lenderKey);
            using var created = await client.SendAsync(post, Ct);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var decision = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Ct)).RootElement;
            var token = decision.GetProperty("applicantAccessToken").GetString()!;
            using var notice = await client.GetAsync($"{decision.GetProperty("noticeUrl").GetString()}?access_token={token}", Ct);
            Assert.Equal(HttpStatusCode.OK, notice.StatusCode);

            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(Ct);
            var text = log.ToString();
            Assert.DoesNotContain(token, text, StringComparison.Ordinal);
            Assert.DoesNotContain(lenderKey, text, StringComparison.Ordinal);
            Assert.Contains("/notice?access_token=[redacted]", text, StringComparison.Ordinal);
            // appsettings.json (beside the dll; the working directory has none) puts the rest of Microsoft.AspNetCore at
            // Warning; without it the default Information level would log each endpoint's execution.
            Assert.False(File.Exists(Path.Combine(workDir, "appsettings.json")));
            Assert.Contains("Now listening on", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Executing endpoint", text, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(workDir, recursive: true);
            }
            catch (IOException)
            {
                // The OS cleans the temp directory.
            }
        }
    }
}
