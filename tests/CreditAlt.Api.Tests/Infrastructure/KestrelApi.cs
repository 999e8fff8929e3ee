using System.Collections.Concurrent;
using System.Net;
using CreditAlt.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CreditAlt.Api.Tests.Infrastructure;

/// <summary>
/// The app on a real Kestrel server on loopback (an ephemeral port, so parallel runs never collide): the test server
/// does not parse HTTP/1.1 framing (chunk sizes, Content-Length, keep-alive), Kestrel does. Every log entry at
/// Information and above is kept in <see cref="Logs"/>.
/// </summary>
public sealed class KestrelApi : IAsyncLifetime
{
    private Func<Task>? _drop;
    private WebApplicationFactory<Program> _factory = null!;

    public ConcurrentQueue<LogEntry> Logs { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public string Lender { get; private set; } = "";

    public string Compliance { get; private set; } = "";

    public CreditAltDatabase Database => _factory.Services.GetRequiredService<CreditAltDatabase>();

    /// <summary>Settings on top of <see cref="ApiHost{TEngine}.Create"/>'s.</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    public async ValueTask InitializeAsync()
    {
        var (db, drop) = await new SqliteEngine().CreateAsync();
        _drop = drop;
        Settings.TryAdd("Logging:LogLevel:Default", "Information");
        _factory = ApiHost<SqliteEngine>.Create(db, Settings).WithWebHostBuilder(b =>
            b.ConfigureLogging(l => l.AddProvider(new CollectingLoggerProvider(Logs))));
        _factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseAddress = new Uri(address);
        Lender = (await Database.ApiKeys.CreateAsync("lender", "lender-k")).Secret;
        Compliance = (await Database.ApiKeys.CreateAsync("compliance", null)).Secret;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        if (_drop is not null)
            await _drop();
    }
}

public sealed record LogEntry(LogLevel Level, string Category, string Message, Exception? Exception);

internal sealed class CollectingLoggerProvider(ConcurrentQueue<LogEntry> sink) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Collector(categoryName, sink);

    public void Dispose()
    {
    }

    private sealed class Collector(string category, ConcurrentQueue<LogEntry> sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Enqueue(new LogEntry(logLevel, category, formatter(state, exception), exception));
    }
}
