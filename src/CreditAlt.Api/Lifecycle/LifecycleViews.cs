using System.Text.Json.Serialization;
using CreditAlt.Api.Lifecycle;

namespace CreditAlt.Api.Decisions;

// The lifecycle's additions to the decision and notice records, kept in this file so the records' own files stay as they are.

public sealed partial record DecisionResponse
{
    /// <summary>The underwriter's current final action, when one was recorded.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FinalActionView? FinalAction { get; init; }
}

/// <summary>The counteroffer part of a notice (Regulation B Appendix C, form C-4).</summary>
/// <param name="Amount">The amount of credit offered.</param>
/// <param name="Terms">The terms offered.</param>
/// <param name="AcceptWithinDays">Days the applicant has to accept (90: §1002.9(a)(1)(iv)).</param>
/// <param name="Wording">The counteroffer paragraph as printed.</param>
public sealed record CounterofferNotice(decimal Amount, string Terms, int AcceptWithinDays, string Wording);

public sealed partial record NoticeResponse
{
    /// <summary>Which version of the notice this is: 1 is the model decision's; each final action, resolution or incompleteness notice adds one.</summary>
    public int Version { get; init; } = 1;

    /// <summary>How many versions exist; earlier ones stay readable with <c>?version=N</c>.</summary>
    public int Versions { get; init; } = 1;

    /// <summary>The final action this version reflects, if any.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FinalActionView? FinalAction { get; init; }

    /// <summary>The outcome of each dispute of this decision's data resolved so far (and the re-decision, when the data changed).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<CreditAlt.Api.Disputes.DisputeOutcomeNotice>? Disputes { get; init; }

    /// <summary>For a counteroffer: what is offered and how to accept.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CounterofferNotice? Counteroffer { get; init; }
}
