using System.Net.Http.Headers;
using CreditAlt.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CreditAlt.Api.Tests.Infrastructure;

/// <summary>
/// The real app (WebApplicationFactory, the whole middleware pipeline) over a fresh database on one engine, with the
/// test scorecard and one key per role: two lenders, compliance, admin. Shared by the tests of one class; the tests
/// never depend on each other's data (each records its own decisions).
/// </summary>
public class ApiHost<TEngine> : IAsyncLifetime
    where TEngine : IEngine, new()
{
    public static readonly string ModelPath = Path.Combine(AppContext.BaseDirectory, "Fixtures", "scorecard.json");

    private Func<Task>? _drop;

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public CreditAltDatabase Database => Factory.Services.GetRequiredService<CreditAltDatabase>();

    /// <summary>The database in the CLI's <c>--db</c> form, for tests that run a verb over what the API recorded.</summary>
    public string Db { get; private set; } = "";

    public string LenderA { get; private set; } = "";
    public string LenderB { get; private set; } = "";
    public string Compliance { get; private set; } = "";
    public string Admin { get; private set; } = "";

    /// <summary>Settings on top of the defaults (e.g. a low rate limit).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>Services replaced after the app's own registrations (e.g. the clock).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public async ValueTask InitializeAsync()
    {
        var (db, drop) = await new TEngine().CreateAsync();
        _drop = drop;
        Db = db;
        Factory = Create(db, Settings).WithWebHostBuilder(b => b.ConfigureTestServices(ConfigureServices));
        LenderA = (await Database.ApiKeys.CreateAsync("lender", "lender-a")).Secret;
        LenderB = (await Database.ApiKeys.CreateAsync("lender", "lender-b")).Secret;
        Compliance = (await Database.ApiKeys.CreateAsync("compliance", null)).Secret;
        Admin = (await Database.ApiKeys.CreateAsync("admin", null)).Secret;
    }

    public static WebApplicationFactory<Program> Create(string db, IReadOnlyDictionary<string, string?> settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("CreditAlt:Database", db);
            b.UseSetting("CreditAlt:ModelPath", ModelPath);
            b.UseSetting("CreditAlt:RateLimit:PermitsPerSecond", "100000");
            b.UseSetting("CreditAlt:RateLimit:Burst", "100000");
            b.UseSetting("CreditAlt:RateLimit:AnonymousPermitsPerSecond", "100000");
            b.UseSetting("CreditAlt:RateLimit:AnonymousBurst", "100000");
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (k, v) in settings)
                b.UseSetting(k, v);
        });

    /// <summary>A client sending <paramref name="key"/> as a bearer token (none when null).</summary>
    public HttpClient Client(string? key = null)
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (key is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        if (_drop is not null)
            await _drop();
        GC.SuppressFinalize(this);
    }
}
