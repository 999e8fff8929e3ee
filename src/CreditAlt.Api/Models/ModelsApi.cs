using System.Text.Json;
using CreditAlt.Api.Security;
using CreditAlt.Core.Attributes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditAlt.Api.Models;

/// <summary>One attribute the model uses.</summary>
/// <param name="Id">Catalogue id (docs/attributes.md).</param>
/// <param name="ReasonCode">The reason code it gives.</param>
/// <param name="RiskRisesWhen">"higher" or "lower": the direction in which the value raises risk.</param>
/// <param name="InformationValue">Information value on the training data.</param>
public sealed record ModelAttributeView(string Id, string ReasonCode, string RiskRisesWhen, double InformationValue);

/// <summary>The active model and its card.</summary>
/// <param name="ModelId">Model id.</param>
/// <param name="Version">Model version, as stored with every decision.</param>
/// <param name="Kind">Always "scorecard" for the champion.</param>
/// <param name="ArtifactSha256">SHA-256 of the scorecard file, to match against the model registry.</param>
/// <param name="ScoreMinimum">Lowest possible score.</param>
/// <param name="ScoreMaximum">Highest possible score.</param>
/// <param name="ApproveAt">Scores at or above this are approved.</param>
/// <param name="DeclineBelow">Scores below this are declined; between the two, referred.</param>
/// <param name="Attributes">The attributes the model uses, in model order.</param>
/// <param name="Card">The model card (markdown) shipped beside the model, if any.</param>
/// <param name="Evaluation">The evaluation figures shipped beside the model (evaluation.json), if any.</param>
public sealed record ModelResponse(
    string ModelId,
    string Version,
    string Kind,
    string ArtifactSha256,
    int ScoreMinimum,
    int ScoreMaximum,
    int ApproveAt,
    int DeclineBelow,
    IReadOnlyList<ModelAttributeView> Attributes,
    string? Card,
    JsonElement? Evaluation);

/// <summary><c>GET /v1/models</c>: the model that decides, for any key.</summary>
internal static class ModelsApi
{
    public static RouteGroupBuilder MapModels(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/models").WithTags("Models");
        group.MapGet("/", GetModels)
            .WithName("GetModels")
            .WithSummary("The active model and its card")
            .RequireAuthorization(Policies.AnyKey)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return group;
    }

    /// <summary>The active model.</summary>
    public static Ok<ModelResponse> GetModels(ActiveModel model)
    {
        var s = model.Scorecard;
        return TypedResults.Ok(new ModelResponse(
            s.ModelId, s.Version, "scorecard", model.ArtifactSha256, s.Scaling.MinScore, s.Scaling.MaxScore, s.Policy.ApproveAt, s.Policy.DeclineBelow,
            s.Attributes.Select(a => new ModelAttributeView(a.Id, a.ReasonCode, a.Direction == RiskDirection.HigherIsRiskier ? "higher" : "lower", a.InformationValue)).ToArray(),
            model.Card, model.Evaluation));
    }
}
