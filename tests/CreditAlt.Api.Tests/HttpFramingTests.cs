using System.Text;
using System.Text.Json;
using CreditAlt.Api.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace CreditAlt.Api.Tests;

/// <summary>A real Kestrel server with the echo endpoint on, so every endpoint that reads a body is covered.</summary>
public sealed class FramingHost : IAsyncLifetime
{
    public KestrelApi Api { get; } = new();

    /// <summary>A decline by the lender, for the endpoints that read a body about a decision.</summary>
    public string DecisionId { get; private set; } = "";

    public string ApplicantToken { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        Api.Settings["CreditAlt:EnableEcho"] = "true";
        await Api.InitializeAsync();
        using var client = new HttpClient { BaseAddress = Api.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", Api.Lender);
        using var created = await client.PostAsync("/v1/decisions", Applications.Body(Applications.Decline("APP-FRAMING")));
        var decision = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        DecisionId = decision.GetProperty("decisionId").GetString()!;
        ApplicantToken = decision.GetProperty("applicantAccessToken").GetString()!;
    }

    public ValueTask DisposeAsync() => Api.DisposeAsync();
}

/// <summary>
/// Hostile HTTP/1.1 framing against the real server, byte by byte over a socket: a chunk size past any limit, a body
/// over the size limit on a keep-alive connection. Each answers 4xx, logs nothing above Information, and leaves the
/// client a connection it can trust.
/// </summary>
public sealed class HttpFramingTests(FramingHost host) : IClassFixture<FramingHost>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private KestrelApi Api => host.Api;

    public static TheoryData<string, string> BodyEndpoints => new()
    {
        { "/v1/decisions", "lender" },
        { "/v1/audits", "compliance" },
        { "/v1/echo", "lender" },
        { "/v1/decisions/{decision}/final-action", "lender" },
        { "/v1/decisions/{decision}/disputes", "applicant" },
    };

    private string Key(string role) => role switch
    {
        "lender" => Api.Lender,
        "applicant" => host.ApplicantToken,
        _ => Api.Compliance,
    };

    private string Head(string path, string role, string framing) =>
        $"POST {path.Replace("{decision}", host.DecisionId, StringComparison.Ordinal)} HTTP/1.1\r\nHost: {Api.BaseAddress.Authority}\r\nAuthorization: Bearer {Key(role)}\r\nContent-Type: application/json\r\n{framing}";

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task ChunkSize_ffffffff_4xxProblem_NothingLoggedAboveInformation(string path, string role)
    {
        var before = Api.Logs.Count;
        await using var http = await RawHttp.ConnectAsync(Api.BaseAddress, Ct);
        await http.SendAsync(Head(path, role, "Transfer-Encoding: chunked"), null, Ct);
        await http.TryWriteAsync(Encoding.ASCII.GetBytes("ffffffff\r\n{\"applicationId\":\"x\""), Ct);

        var response = await http.ReadResponseAsync(Ct);
        AssertQuietLogs(before);

        Assert.NotNull(response);
        Assert.True(response.Status is 400 or 413, $"status {response.Status}: {response.Body}");
        Assert.Equal("application/problem+json", response.Header("content-type"));
        Assert.Equal("close", response.Header("connection"));
        Assert.DoesNotContain("   at ", response.Body, StringComparison.Ordinal);
        var problem = JsonDocument.Parse(response.Body).RootElement;
        Assert.Equal(response.Status, problem.GetProperty("status").GetInt32());
        AssertQuietLogs(before);
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task ChunkedBody_OverTheLimit_413_ConnectionClosed(string path, string role)
    {
        var before = Api.Logs.Count;
        await using var http = await RawHttp.ConnectAsync(Api.BaseAddress, Ct);
        await http.SendAsync(Head(path, role, "Transfer-Encoding: chunked"), null, Ct);
        var chunk = Encoding.ASCII.GetBytes("8000\r\n" + new string(' ', 0x8000) + "\r\n");
        for (var i = 0; i < 10 && await http.TryWriteAsync(chunk, Ct); i++)
        {
            // 10 × 32 KB: over the 256 KB limit of decisions, far over the audits' 16 KB.
        }
        await http.TryWriteAsync("0\r\n\r\n"u8.ToArray(), Ct);

        var response = await http.ReadResponseAsync(Ct);

        Assert.NotNull(response);
        Assert.Equal(413, response.Status);
        Assert.Equal("close", response.Header("connection"));
        Assert.True(await http.ClosedByServerAsync(TimeSpan.FromSeconds(10), Ct));
        AssertQuietLogs(before);
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task ContentLength_OverTheLimit_OnAKeepAliveConnection_413WithConnectionClose_ThenANewConnectionWorks(string path, string role)
    {
        var before = Api.Logs.Count;
        var body = Encoding.ASCII.GetBytes("{\"applicationId\":\"" + new string('x', 300 * 1024) + "\"}");
        await using (var http = await RawHttp.ConnectAsync(Api.BaseAddress, Ct))
        {
            await http.SendAsync(Head(path, role, $"Content-Length: {body.Length}"), body, Ct);

            var response = await http.ReadResponseAsync(Ct);

            Assert.NotNull(response);
            Assert.Equal(413, response.Status);
            Assert.Equal("application/problem+json", response.Header("content-type"));
            Assert.Equal("close", response.Header("connection"));
            // The client was told not to reuse the connection, and the server does not leave it half open.
            Assert.True(await http.ClosedByServerAsync(TimeSpan.FromSeconds(10), Ct));
        }

        await using var next = await RawHttp.ConnectAsync(Api.BaseAddress, Ct);
        await next.SendAsync($"GET /v1/models HTTP/1.1\r\nHost: {Api.BaseAddress.Authority}\r\nAuthorization: Bearer {Api.Lender}", null, Ct);
        Assert.Equal(200, (await next.ReadResponseAsync(Ct))!.Status);
        AssertQuietLogs(before);
    }

    [Fact]
    public async Task KeepAlive_ABadRequestThenAGoodOne_BothAnsweredOnOneConnection()
    {
        // A 4xx that read the whole body keeps the connection usable: the second request on it is answered normally.
        await using var http = await RawHttp.ConnectAsync(Api.BaseAddress, Ct);
        var bad = "{\"applicationId\":7}"u8.ToArray();
        await http.SendAsync(Head("/v1/decisions", "lender", $"Content-Length: {bad.Length}"), bad, Ct);
        var first = await http.ReadResponseAsync(Ct);
        Assert.Equal(400, first!.Status);
        Assert.Null(first.Header("connection"));

        var good = Encoding.UTF8.GetBytes(Applications.Json(Applications.Approve("APP-KEEPALIVE")));
        await http.SendAsync(Head("/v1/decisions", "lender", $"Content-Length: {good.Length}"), good, Ct);
        Assert.Equal(201, (await http.ReadResponseAsync(Ct))!.Status);
    }

    private void AssertQuietLogs(int before)
    {
        var loud = Api.Logs.Skip(before).Where(l => l.Level > LogLevel.Information || l.Exception is not null).ToList();
        Assert.True(loud.Count == 0, string.Join("\n", loud.Select(l => $"{l.Level} {l.Category}: {l.Message} {l.Exception}")));
    }
}
