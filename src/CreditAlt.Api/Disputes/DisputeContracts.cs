using CreditAlt.Api.Decisions;

namespace CreditAlt.Api.Disputes;

/// <summary>The body of <c>POST /v1/decisions/{id}/disputes</c>.</summary>
/// <param name="Items">1 to 20 disputed items.</param>
public sealed record DisputeRequest(IReadOnlyList<DisputeItem> Items);

/// <summary>The applicant's receipt for a dispute.</summary>
/// <param name="DisputeId">Id of the dispute (<c>dsp_…</c>).</param>
/// <param name="DecisionId">The decision whose data is disputed.</param>
/// <param name="ReceivedAt">When it was recorded (UTC).</param>
/// <param name="DueBy">The date by which it will be resolved: 30 days after receipt (FCRA §611/§623 reinvestigation period).</param>
public sealed record DisputeReceipt(string DisputeId, string DecisionId, DateTimeOffset ReceivedAt, DateOnly DueBy);

/// <summary>A dispute as the lender and compliance see it.</summary>
/// <param name="DisputeId">Id of the dispute.</param>
/// <param name="DecisionId">The decision whose data is disputed.</param>
/// <param name="LenderId">The lender that owns the decision.</param>
/// <param name="Items">The disputed items.</param>
/// <param name="ReceivedAt">When it was recorded.</param>
/// <param name="DueBy">Resolve by this date.</param>
/// <param name="Status">open or resolved.</param>
/// <param name="Overdue">True when open past <paramref name="DueBy"/>.</param>
public sealed record DisputeView(string DisputeId, string DecisionId, string LenderId, IReadOnlyList<DisputeItem> Items, DateTimeOffset ReceivedAt, DateOnly DueBy, string Status, bool Overdue);

/// <summary>One page of disputes.</summary>
/// <param name="Items">Newest first.</param>
/// <param name="Limit">Page size asked for.</param>
/// <param name="Offset">Offset asked for.</param>
/// <param name="NextOffset">The next page's offset, or null on the last.</param>
public sealed record DisputePage(IReadOnlyList<DisputeView> Items, int Limit, int Offset, int? NextOffset);

/// <summary>The body of <c>POST /v1/disputes/{id}/resolution</c>.</summary>
/// <param name="Outcome">verified (the data stands), corrected (send correctedApplication), deleted (the disputed payment records are removed).</param>
/// <param name="CorrectedApplication">The whole application with the corrections (same application id), for corrected.</param>
/// <param name="Note">What the reinvestigation found (at most 2,000 characters).</param>
public sealed record ResolutionRequest(string Outcome, ApplicationDocument? CorrectedApplication, string? Note);

/// <summary>A resolved dispute.</summary>
/// <param name="ResolutionId">Id of the resolution (<c>res_…</c>).</param>
/// <param name="DisputeId">The dispute resolved.</param>
/// <param name="DecisionId">The original decision.</param>
/// <param name="Outcome">verified, corrected or deleted.</param>
/// <param name="Note">The lender's note.</param>
/// <param name="ResolvedAt">When it was recorded.</param>
/// <param name="DecisionChanged">True when the re-decision's outcome differs from the original decision's.</param>
/// <param name="NewDecision">For corrected and deleted: the new decision, made by the model that made the original one on the corrected data and linked to it; its applicant access token is shown here once.</param>
public sealed record ResolutionView(string ResolutionId, string DisputeId, string DecisionId, string Outcome, string? Note, DateTimeOffset ResolvedAt, bool DecisionChanged, DecisionResponse? NewDecision);

