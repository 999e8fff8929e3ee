using CreditAlt.Api.Tests.Infrastructure;

namespace CreditAlt.Api.Tests;

/// <summary>
/// The OpenAPI document a lender integrates from is committed as docs/openapi.json and must match what the service
/// generates, byte for byte. After an intended change: <c>UPDATE_GOLDEN=1 dotnet test tests/CreditAlt.Api.Tests</c>.
/// </summary>
public sealed class OpenApiTests(ApiHost<SqliteEngine> host) : IClassFixture<ApiHost<SqliteEngine>>
{
    [Fact]
    public async Task OpenApiDocument_Generated_MatchesCommittedGolden()
    {
        using var client = host.Client();
        var generated = await client.GetByteArrayAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        var golden = Path.Combine(RepoRoot.Find(), "docs", "openapi.json");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
            await File.WriteAllBytesAsync(golden, generated, TestContext.Current.CancellationToken);
        Assert.True(File.Exists(golden), $"{golden} is missing; generate it with UPDATE_GOLDEN=1");
        var committed = await File.ReadAllBytesAsync(golden, TestContext.Current.CancellationToken);
        Assert.True(committed.AsSpan().SequenceEqual(generated),
            "docs/openapi.json differs from the generated document; if the change is intended, regenerate with UPDATE_GOLDEN=1 and commit it");
    }

    [Fact]
    public async Task OpenApiDocument_DescribesWhatTheServiceAccepts()
    {
        using var client = host.Client();
        var ct = TestContext.Current.CancellationToken;
        using var document = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json", ct));
        var root = document.RootElement;
        var application = root.GetProperty("components").GetProperty("schemas").GetProperty("ApplicationDocument");
        // cashFlow may be left out (the reader treats it as no bank data); everything else is required.
        Assert.Equal(["applicationId", "applicantId", "asOfDate", "requestedAmount", "obligations"],
            application.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        // An amount is a JSON number; "2500" is refused (ErrorTests), so the document must not offer a string.
        Assert.Equal("number", application.GetProperty("properties").GetProperty("requestedAmount").GetProperty("type").GetString());
        Assert.DoesNotContain("\"pattern\"", root.GetRawText(), StringComparison.Ordinal);

        string[] Statuses(string path, string method) =>
            root.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["200", "201", "400", "401", "403", "409", "413", "415", "422", "429", "503"], Statuses("/v1/decisions", "post"));
        Assert.Equal(["200", "400", "401", "403", "404", "429", "503"], Statuses("/v1/consents/{consentId}/revocation", "post"));
        Assert.Equal(["200", "401", "403", "404", "429", "503"], Statuses("/v1/decisions/{decisionId}", "get"));
        Assert.Equal(["200", "401", "404", "429", "503"], Statuses("/v1/decisions/{decisionId}/notice", "get"));
        Assert.Equal(["201", "400", "401", "403", "413", "415", "429", "503"], Statuses("/v1/audits", "post"));
        Assert.Equal(["200", "401", "403", "404", "429", "503"], Statuses("/v1/audits/{runId}", "get"));
    }

    [Fact]
    public async Task Scalar_Served_ReferencesTheDocument()
    {
        using var client = host.Client();
        var ct = TestContext.Current.CancellationToken;
        var html = await client.GetStringAsync("/scalar/", ct);
        Assert.Contains("\"url\":\"openapi/v1.json\"", html, StringComparison.Ordinal);
        // The UI's script is served by the app itself, so /scalar works without internet access.
        using var script = await client.GetAsync("/scalar/scalar.js", ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, script.StatusCode);
        Assert.True((await script.Content.ReadAsByteArrayAsync(ct)).Length > 100_000);
    }

    [Fact]
    public async Task Scalar_PageAndConfiguration_ReferenceNoOtherHost()
    {
        // Works offline: the page, its configuration and the scripts it loads name no host but the service itself
        // (Scalar's defaults fetch Inter and JetBrains Mono from fonts.scalar.com).
        using var client = host.Client();
        var ct = TestContext.Current.CancellationToken;
        var html = await client.GetStringAsync("/scalar/", ct);
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script[^>]+src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(scripts);
        var texts = new List<string> { html };
        foreach (var src in scripts.Where(s => !s.EndsWith("scalar.js", StringComparison.Ordinal)))
            texts.Add(await client.GetStringAsync(new Uri(new Uri(client.BaseAddress!, "/scalar/"), src), ct));
        var hosts = texts.SelectMany(t => System.Text.RegularExpressions.Regex.Matches(t, @"https?://[A-Za-z0-9.\-]+").Select(m => m.Value)).Distinct().ToList();
        Assert.True(hosts.Count == 0, "external hosts: " + string.Join(", ", hosts) + "\n" + html);
        // The bundle fetches its fonts from fonts.scalar.com unless the configuration says withDefaultFonts: false.
        var configuration = System.Text.RegularExpressions.Regex.Match(html, @"initialize\([^{]*(\{.*\})\s*,\s*'", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        using var config = System.Text.Json.JsonDocument.Parse(configuration);
        Assert.False(config.RootElement.GetProperty("withDefaultFonts").GetBoolean());
        Assert.False(config.RootElement.GetProperty("telemetry").GetBoolean());
        Assert.False(config.RootElement.TryGetProperty("proxyUrl", out _));
    }
}
