using System.Text.Json;
using System.Text.Json.Serialization;

namespace CreditAlt.Notices;

/// <summary>What a counteroffer offers.</summary>
/// <param name="Amount">The amount of credit offered.</param>
/// <param name="Terms">The terms, in words (rate, term, conditions).</param>
public sealed record CounterofferTerms(decimal Amount, string Terms);

/// <summary>An underwriter's final action on a decision, as recorded in the ledger.</summary>
/// <param name="FinalActionId">Id of the final action (<c>fa_…</c>).</param>
/// <param name="DecisionId">The model decision it finishes.</param>
/// <param name="Action">approve, decline or counteroffer.</param>
/// <param name="Reasons">The underwriter's principal reasons (required for decline and counteroffer), most important first.</param>
/// <param name="UnderwriterId">Who took the action.</param>
/// <param name="Note">The underwriter's note, or null.</param>
/// <param name="Counteroffer">What was offered, for a counteroffer.</param>
/// <param name="Supersedes">The final action this one corrects, or null.</param>
/// <param name="ModelDecision">The model's decision: approve, refer, decline or insufficient_data.</param>
/// <param name="Override">True when the final action goes against the model's approve or decline (see <paramref name="OverrideDirection"/>); finishing a referral is not an override.</param>
/// <param name="OverrideDirection"><c>low-side</c> (credit granted though the model declined) or <c>high-side</c> (refused or cut though the model approved); null when no override.</param>
/// <param name="RecordedAt">When it was recorded (UTC).</param>
public sealed record FinalActionView(
    string FinalActionId,
    string DecisionId,
    string Action,
    IReadOnlyList<ReasonView> Reasons,
    string UnderwriterId,
    string? Note,
    CounterofferTerms? Counteroffer,
    string? Supersedes,
    string ModelDecision,
    bool Override,
    string? OverrideDirection,
    DateTimeOffset RecordedAt);

/// <summary>The JSON body of a final action's ledger row (the event row carries ids, links and the time).</summary>
public sealed record FinalActionBody(
    string Action,
    IReadOnlyList<ReasonView> Reasons,
    string UnderwriterId,
    string? Note,
    CounterofferTerms? Counteroffer,
    string ModelDecision,
    bool Override,
    string? OverrideDirection);

public static class FinalActionKinds
{
    public const string Approve = "approve";
    public const string Decline = "decline";
    public const string Counteroffer = "counteroffer";
    public static readonly string[] All = [Approve, Decline, Counteroffer];
}

/// <summary>The one way lifecycle bodies are written to and read from the ledger: web casing, nulls left out.</summary>
public static class LifecycleJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write<T>(T body) => JsonSerializer.Serialize(body, Options);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)
        ?? throw new InvalidDataException("a lifecycle event body is null");
}

/// <summary>The JSON body of a notice of incompleteness's ledger row.</summary>
public sealed record IncompletenessBody(IReadOnlyList<string> Missing, DateOnly RespondBy);
