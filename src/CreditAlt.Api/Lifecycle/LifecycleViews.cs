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

