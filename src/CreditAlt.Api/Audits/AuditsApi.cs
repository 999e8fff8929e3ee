using CreditAlt.Audits.Ledger;
using System.Security.Claims;
using System.Text.Json;
using CreditAlt.Api.Errors;
using CreditAlt.Api.Infrastructure;
using CreditAlt.Api.Security;
using CreditAlt.Data;
using CreditAlt.Data.Audits;
using CreditAlt.Fairness;
using CreditAlt.Fairness.Audit;
using CreditAlt.Fairness.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using ValidationProblem = Microsoft.AspNetCore.Http.HttpResults.ValidationProblem;

namespace CreditAlt.Api.Audits;

/// <summary>What a compliance officer asks to audit: decisions in the ledger by protected attributes of the demographics table.</summary>
/// <param name="GroupAttributes">Attributes of the demographics table, e.g. ["race", "sex"].</param>
/// <param name="Intersections">Also every intersection of two or more attributes.</param>
/// <param name="FavorableDecision">The decision counted as favourable; default approve.</param>
/// <param name="ModelId">Only decisions of this model (all when absent).</param>
/// <param name="ModelVersion">Only decisions of this model version (all when absent).</param>
/// <param name="MinGroupSize">Groups with fewer decisions are reported but not judged; default 30.</param>
/// <param name="ReferenceGroups">Reference group per attribute (attribute → group); default the highest favourable rate.</param>
public sealed record AuditRequest(
    IReadOnlyList<string>? GroupAttributes,
    bool Intersections = false,
    string? FavorableDecision = null,
    string? ModelId = null,
    string? ModelVersion = null,
    int? MinGroupSize = null,
    IReadOnlyDictionary<string, string>? ReferenceGroups = null);

/// <summary>An audit run: its parameters, status (succeeded or failed) and the fairness report JSON (docs/fairness-report-schema.md).</summary>
public sealed record AuditRunResponse(
    string RunId,
    string Status,
    string RequestedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    JsonElement Parameters,
    JsonElement? Result,
    string? Error);

/// <summary><c>/v1/audits</c>: fairness audits of the ledger's decisions, for compliance keys only.</summary>
internal static class AuditsApi
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The request is read strictly: numbers as numbers, no unknown fields, so a typo is an error rather than a default.
    /// </summary>
    private static readonly JsonSerializerOptions StrictWeb = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>
    /// Largest audit request body. An audit runs inside its request (the database counts, the service summarises the
    /// groups), so what a request may ask for is bounded: at most 5 attributes and this many bytes; larger bodies get 413.
    /// </summary>
    public const int MaxRequestBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapAudits(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/audits").WithTags("Audits");
        group.MapPost("/", CreateAudit)
            .WithName("CreateAudit")
            .WithSummary("Run a fairness audit of the recorded decisions")
            .WithDescription("Counts the ledger's decisions by the groups of the given attributes of the demographics table (computed by the database) " +
                             "and returns the audit: favourable rates with Wilson intervals, adverse impact ratios, Fisher tests, score differences. " +
                             "The run is stored and can be read again with GET /v1/audits/{runId}. Compliance keys only.")
            .RequireAuthorization(Policies.Compliance)
            .Accepts<AuditRequest>("application/json")
            .ProducesValidationProblem()
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/{runId}", GetAudit)
            .WithName("GetAudit")
            .WithSummary("Read a stored fairness audit run")
            .RequireAuthorization(Policies.Compliance)
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    /// <summary>Runs an audit over the ledger and stores it.</summary>
    public static async Task<Results<Created<AuditRunResponse>, ValidationProblem, ProblemHttpResult>> CreateAudit(HttpContext context, ClaimsPrincipal user, CreditAltDatabase db, CancellationToken ct)
    {
        // Read by hand, like a decision: one size limit, 413 and 415 as problems, and broken framing answered 400.
        var (body, problem) = await JsonBody.ReadAsync(context.Request, MaxRequestBytes, ct).ConfigureAwait(false);
        if (problem is not null)
            return problem;
        AuditRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<AuditRequest>(body, StrictWeb);
        }
        catch (JsonException ex)
        {
            var (path, expected) = Expected(ex);
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [path] = ["expected " + expected] }, title: "The audit request is not valid");
        }
        if (request is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["$"] = ["expected an object with groupAttributes"] }, title: "The audit request is not valid");

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var attributes = request.GroupAttributes ?? [];
        if (attributes.Count == 0 || attributes.Count > 5 || attributes.Any(string.IsNullOrWhiteSpace) || attributes.Distinct(StringComparer.Ordinal).Count() != attributes.Count)
            errors["$.groupAttributes"] = ["expected 1 to 5 distinct, non-empty attribute names of the demographics table"];
        if (request.MinGroupSize is < 1)
            errors["$.minGroupSize"] = ["expected a whole number of at least 1"];
        if (request.FavorableDecision is { Length: 0 })
            errors["$.favorableDecision"] = ["expected a decision such as approve"];
        foreach (var key in (request.ReferenceGroups ?? new Dictionary<string, string>()).Keys.Where(k => !attributes.Contains(k) && !k.Contains(" × ", StringComparison.Ordinal)))
            errors[$"$.referenceGroups.{key}"] = ["expected an audited attribute"];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "The audit request is not valid");

        var runId = "aud_" + Guid.NewGuid().ToString("N");
        var parameters = JsonSerializer.Serialize(request, Web);
        await db.AuditRuns.CreateAsync(runId, user.KeyId() ?? "unknown", parameters, ct);
        await db.AuditRuns.SetStatusAsync(runId, "running", ct: ct);
        var options = new AuditOptions
        {
            MinGroupSize = request.MinGroupSize ?? 30,
            Intersections = request.Intersections,
            ReferenceGroups = request.ReferenceGroups ?? new Dictionary<string, string>(),
            Source = "decision ledger" + (request.ModelId is null ? string.Empty : $", model {request.ModelId}") + (request.ModelVersion is null ? string.Empty : $" version {request.ModelVersion}"),
            FavorableDescription = $"decision = {request.FavorableDecision ?? "approve"}",
            Controls = new ControlGroups(), // the documented defaults: white, male, 25-61; a named reference overrides
        };
        try
        {
            var counts = await LedgerAudit.CountsAsync(db, attributes, options, request.FavorableDecision ?? "approve", request.ModelId, request.ModelVersion, step: null, ct);
            var report = AuditEngine.Summarise(counts, options);
            await db.AuditRuns.SetStatusAsync(runId, "succeeded", System.Text.Encoding.UTF8.GetString(FairnessReportWriter.ToJson(report)), ct);
        }
        catch (FairnessInputException ex)
        {
            await db.AuditRuns.SetStatusAsync(runId, "failed", JsonSerializer.Serialize(new { error = ex.Message }, Web), ct);
        }

        var run = (await db.AuditRuns.GetAsync(runId, ct))!;
        return TypedResults.Created($"/v1/audits/{runId}", ToResponse(run));
    }

    /// <summary>Where the reader stopped and what it wanted there, in the API's words rather than the serializer's type names.</summary>
    private static (string Path, string Expected) Expected(JsonException ex)
    {
        if (System.Text.RegularExpressions.Regex.Match(ex.Message, "property '([^']{1,100})' could not be mapped") is { Success: true } unknown)
            return ("$." + unknown.Groups[1].Value, "only groupAttributes, intersections, favorableDecision, modelId, modelVersion, minGroupSize, referenceGroups");
        if (!ex.Message.Contains("could not be converted", StringComparison.Ordinal))
            return ("$", $"a well-formed JSON object (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1})");
        var path = ex.Path ?? "$";
        return (path, path switch
        {
            "$.intersections" => "true or false",
            "$.minGroupSize" => "a whole number",
            "$.referenceGroups" => "an object mapping an attribute to its reference group",
            _ when path.StartsWith("$.groupAttributes", StringComparison.Ordinal) => "an array of attribute names",
            "$" => "an object with groupAttributes",
            _ => "a string",
        });
    }

    /// <summary>Reads a stored audit run.</summary>
    public static async Task<Results<Ok<AuditRunResponse>, ProblemHttpResult>> GetAudit(string runId, CreditAltDatabase db, CancellationToken ct)
    {
        var run = await db.AuditRuns.GetAsync(runId, ct);
        return run is null
            ? Problems.Status(StatusCodes.Status404NotFound, "Not found", $"No audit run '{runId}'.")
            : TypedResults.Ok(ToResponse(run));
    }

    private static AuditRunResponse ToResponse(AuditRun run)
    {
        JsonElement? result = null;
        string? error = null;
        if (run.ResultJson is { } json)
        {
            using var doc = JsonDocument.Parse(json);
            if (run.Status == "failed" && doc.RootElement.TryGetProperty("error", out var e))
                error = e.GetString();
            else
                result = doc.RootElement.Clone();
        }

        using var parameters = JsonDocument.Parse(run.ParametersJson);
        return new AuditRunResponse(run.RunId, run.Status, run.RequestedBy, run.CreatedAt, run.CompletedAt, parameters.RootElement.Clone(), result, error);
    }
}
