using System.Text;
using System.Text.Json;
using CreditAlt.Api.Tests.Infrastructure;
using static CreditAlt.Api.Tests.Infrastructure.Applications;

namespace CreditAlt.Api.Tests.Lifecycle;

public sealed class SqliteLifecycleHostileBodyTests(ApiHost<SqliteEngine> host) : LifecycleHostileBodyTests<SqliteEngine>(host);

/// <summary>
/// Hostile bodies against every lifecycle endpoint: truncations and byte flips of valid bodies (a seeded generator),
/// invalid UTF-8, deep nesting, huge numbers, repeated properties, wrong types. Every answer is a 4xx problem, never a
/// 500, and nothing is recorded.
/// </summary>
public abstract class LifecycleHostileBodyTests<TEngine>(ApiHost<TEngine> host) : IClassFixture<ApiHost<TEngine>>
    where TEngine : IEngine, new()
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IEnumerable<byte[]> Hostile(string valid)
    {
        var bytes = Encoding.UTF8.GetBytes(valid);
        var random = new Random(20261206);
        for (var i = 0; i < 40; i++)
        {
            var cut = bytes[..random.Next(bytes.Length)];
            yield return cut;
            var flipped = (byte[])bytes.Clone();
            for (var k = 0; k < 3; k++)
                flipped[random.Next(flipped.Length)] = (byte)random.Next(256);
            yield return flipped;
        }
        yield return [0xC3, 0x28, 0x7B, 0x7D];
        yield return Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000));
        yield return Encoding.UTF8.GetBytes("""{"action":"approve","action":"decline","underwriterId":"u"}""");
        yield return Encoding.UTF8.GetBytes("""{"items":[{"accountId":"LEASE-0001","accountId":"X","month":"2025-07","statement":"s"}]}""");
        yield return Encoding.UTF8.GetBytes("""{"outcome":"verified","note":"a","note":"b"}""");
        yield return Encoding.UTF8.GetBytes("""{"action":"counteroffer","reasonCodes":["MAN-TERMS"],"underwriterId":"u","counteroffer":{"amount":1e400,"terms":"t"}}""");
        yield return Encoding.UTF8.GetBytes("""{"items":{"accountId":1},"outcome":[],"action":{},"reasonCodes":"x"}""");
        yield return Encoding.UTF8.GetBytes("null");
        yield return Encoding.UTF8.GetBytes("\"just a string\"");
    }

    [Fact]
    public async Task LifecycleEndpoints_HostileBodies_Only4xxAndNothingRecorded()
    {
        var (id, token, _) = await FinalActionTests<TEngine>.DecideAsync(host, Decline("APP-HOSTILE"));
        using var lender = host.Client(host.LenderA);
        var disputeId = await LifecycleBodies.DisputeAsync(lender, id, token, Ct);
        var before = (await host.Database.Lifecycle.VerifyAsync(Ct)).RowsChecked;

        var targets = new (string Url, string Key, string Valid)[]
        {
            ($"/v1/decisions/{id}/final-action", host.LenderA, """{"action":"counteroffer","reasonCodes":["MAN-TERMS"],"underwriterId":"uw-1","counteroffer":{"amount":100,"terms":"t"}}"""),
            ($"/v1/decisions/{id}/disputes", token, """{"items":[{"accountId":"LEASE-0001","month":"2025-07","statement":"paid on time"}]}"""),
            ($"/v1/disputes/{disputeId}/resolution", host.LenderA, """{"outcome":"deleted","note":"furnisher withdrew it"}"""),
        };
        var statuses = new List<int>();
        foreach (var (url, key, valid) in targets)
            foreach (var body in Hostile(valid))
            {
                using var client = host.Client(key);
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new("application/json");
                using var response = await client.PostAsync(url, content, Ct);
                var status = (int)response.StatusCode;
                // A flip may leave a valid body (e.g. inside a statement); that is a 201, which is allowed; nothing else outside 4xx.
                Assert.True(status is >= 400 and < 500 or 201, $"{url} answered {status} to {Encoding.UTF8.GetString(body)[..Math.Min(body.Length, 80)]}");
                if (status != 201)
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                statuses.Add(status);
            }
        Assert.True(statuses.Count(s => s == 400) > statuses.Count / 2);
        var v = await host.Database.Lifecycle.VerifyAsync(Ct);
        Assert.True(v.Intact);
        Assert.Equal(before + statuses.Count(s => s == 201), v.RowsChecked);
    }
}
