using CreditAlt.Api.Audits;
using CreditAlt.Api.Decisions;
using CreditAlt.Api.Echo;
using CreditAlt.Api.Health;
using CreditAlt.Api.Infrastructure;
using CreditAlt.Api.Models;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.AddCreditAltApi();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapOpenApi().DisableRateLimiting();
app.MapScalarApiReference().DisableRateLimiting();
app.MapPrometheusScrapingEndpoint().DisableRateLimiting();
app.MapHealth();
app.MapDecisions();
app.MapModels();
app.MapAudits();
if (app.Services.GetRequiredService<IOptions<ApiOptions>>().Value.EnableEcho)
    app.MapEcho();

try
{
    app.Run();
}
catch (OptionsValidationException ex)
{
    // A bad setting is the operator's to fix: say which and why, without a stack trace.
    foreach (var failure in ex.Failures)
        Console.Error.WriteLine($"error: {failure}");
    return 2;
}

return 0;

/// <summary>Entry point, public so WebApplicationFactory can host the app in tests.</summary>
public partial class Program;
