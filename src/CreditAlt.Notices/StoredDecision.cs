using System.Text.Json;
using System.Text.Json.Serialization;
using CreditAlt.Core.Applications;
using CreditAlt.Core.Attributes;
using CreditAlt.Core.Scoring;
using CreditAlt.Data.Ledger;

namespace CreditAlt.Notices;

/// <summary>
/// What a stored decision says when read back with the scorecard a host has loaded (the API's active model, the CLI's
/// <c>--model</c>): its reasons, recourse and score range. Both hosts read it through here, so they print the same notice.
/// </summary>
public static class StoredDecision
{
    /// <summary>
    /// A stored decision's reasons. The ledger keeps code and sentence; the points each cost come from assessing the stored
    /// application again with the model that decided (scoring is deterministic), when that model is the loaded one.
    /// </summary>
    public static ReasonView[] Reasons(LedgerEntry e, ScorecardEngine loaded)
    {
        if (loaded.ModelId == e.ModelId && loaded.ModelVersion == e.ModelVersion
            && ApplicationJson.Parse(System.Text.Encoding.UTF8.GetBytes(e.ApplicationJson)) is { IsValid: true, Application: { } application })
        {
            var again = Reasons(loaded.Assess(application));
            if (again.Select(r => r.Code).SequenceEqual(e.Reasons.Select(r => r.Code))) return again;
        }

        return [.. e.Reasons.Select(r => new ReasonView(r.Code, r.Sentence, null,
            AttributeCatalogue.All.FirstOrDefault(a => a.ReasonCode == r.Code) is { } d ? ReasonSelection.ObligationTypeOf(d.Id) : null))];
    }

    /// <summary>
    /// The ability-to-pay check (and counteroffer) of a stored decision: the stored application assessed again by the loaded
    /// model, when that is the model that decided and the assessment gives the stored decision (scoring is deterministic);
    /// null otherwise, or when the policy has no such rule.
    /// </summary>
    public static CreditAlt.Core.AbilityToPay.AffordabilityCheck? Affordability(LedgerEntry e, ScorecardEngine loaded)
    {
        if (loaded.ModelId != e.ModelId || loaded.ModelVersion != e.ModelVersion || loaded.Policy.Affordability is null) return null;
        if (ApplicationJson.Parse(System.Text.Encoding.UTF8.GetBytes(e.ApplicationJson)) is not { IsValid: true, Application: { } application }) return null;
        var again = loaded.Assess(application);
        return again.Decision.ToWire() == e.Decision ? again.Affordability : null;
    }

    /// <summary>The product terms of a counteroffer in words, as the notice and the API give them.</summary>
    public static string TermsText(CreditAlt.Core.AbilityToPay.AffordabilityCheck check, CreditAlt.Core.AbilityToPay.Counteroffer offer) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{check.Terms.TermMonths} monthly instalments of {NoticeBuilder.Money(offer.MonthlyPayment)} at {(check.Terms.AnnualRate * 100).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} % a year");

    /// <summary>An assessment's reasons as the API and the notice show them.</summary>
    public static ReasonView[] Reasons(ScoreAssessment a) =>
        [.. a.Reasons.Select(r => new ReasonView(r.Code, r.Sentence, r.PointsLost, r.ObligationType))];

    /// <summary>The recourse stored with a decision (JSON); decisions recorded before it was machine-readable have none.</summary>
    public static RecourseView? RecourseOf(LedgerEntry e)
    {
        if (e.Recourse is not { Length: > 0 } text || text[0] != '{') return null;
        try
        {
            return JsonSerializer.Deserialize(text, RecourseJsonContext.Default.RecourseView);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The range the deciding model can produce (its <see cref="Scorecard.PossibleRange"/>). Other models are not loaded; for
    /// a decision by another model the scaling's nominal bounds are the only range known.
    /// </summary>
    public static (int Minimum, int Maximum) Range(ScorecardEngine loaded, string modelId, string version) =>
        loaded.ModelId == modelId && loaded.ModelVersion == version
            ? (loaded.Model.PossibleRange.Min, loaded.Model.PossibleRange.Max)
            : (ScoreScaling.Default.MinScore, ScoreScaling.Default.MaxScore);
}

/// <summary>The stored recourse's JSON (web casing, as the API writes it).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(RecourseView))]
internal sealed partial class RecourseJsonContext : JsonSerializerContext;
