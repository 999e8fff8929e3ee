using CreditAlt.Api.Audits;
using CreditAlt.Api.Decisions;
using CreditAlt.Api.Disputes;
using CreditAlt.Api.Echo;
using CreditAlt.Api.FinalActions;
using CreditAlt.Api.Health;
using CreditAlt.Api.Incompleteness;
using CreditAlt.Api.Infrastructure;
using CreditAlt.Api.Models;
using CreditAlt.Api.Security;
using CreditAlt.Api.Transactions;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

try
{
    // Settings and content come from the application's own directory, not the working directory: started from anywhere
    // (cd /tmp && dotnet /srv/creditalt/CreditAlt.Api.dll), the service still reads its appsettings.json.
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.AddCreditAltApi();

    var app = builder.Build();
    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.UseMiddleware<RequestGate>();
    app.UseAuthentication();
    app.UseAuthorization();
    app.UseRateLimiter();

    app.MapOpenApi().DisableRateLimiting();
    // Offline: no fonts from Scalar's CDN (system fonts instead), no telemetry.
    app.MapScalarApiReference(o => o.DisableDefaultFonts().DisableTelemetry()).DisableRateLimiting();
    app.MapPrometheusScrapingEndpoint().DisableRateLimiting();
    app.MapHealth();
    app.MapDecisions();
    app.MapFinalActions();
    app.MapDisputes();
    app.MapIncompleteness();
    app.MapModels();
    app.MapAudits();
    app.MapConsents();
    if (app.Services.GetRequiredService<IOptions<ApiOptions>>().Value.EnableEcho)
        app.MapEcho();

    app.Run();
    return 0;
}
catch (Exception ex) when (StartupErrors.Find(ex) is { } invalid && !StartupErrors.HostedByTests)
{
    // A bad setting is the operator's to fix: say which and why, without a stack trace.
    foreach (var failure in invalid.Failures)
        Console.Error.WriteLine($"error: {failure}");
    return 2;
}

/// <summary>Entry point, public so WebApplicationFactory can host the app in tests.</summary>
public partial class Program;

internal static class StartupErrors
{
    /// <summary>Under WebApplicationFactory the exception must reach the test instead of becoming an exit code.</summary>
    public static bool HostedByTests =>
        AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == "Microsoft.AspNetCore.Mvc.Testing");

    /// <summary>The options failure behind a start-up exception (the host may wrap it), or null for anything else.</summary>
    public static OptionsValidationException? Find(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
            if (ex is OptionsValidationException options)
                return options;
        return null;
    }
}
