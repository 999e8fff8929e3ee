using CreditAlt.Data;
using CreditAlt.Data.Audits;
using CreditAlt.Fairness.Audit;

namespace CreditAlt.Api.Audits;

/// <summary>
/// The ledger audit of <c>POST /v1/audits</c>: the database answers <c>GROUP BY</c> aggregates
/// (<see cref="LedgerAuditQueries"/>) and <see cref="CellAudit"/> folds them into audit counts, as the
/// CLI's <c>audit --db</c> does. A ledger that cannot answer (no decisions, no demographics for an attribute) throws
/// <see cref="Fairness.FairnessInputException"/>; the run is then stored as failed.
/// </summary>
internal static class LedgerAuditCounts
{
    public static Task<AuditCounts> CountsAsync(
        CreditAltDatabase db,
        IReadOnlyList<string> attributes,
        AuditOptions options,
        string favorableDecision,
        string? modelId,
        string? modelVersion,
        CancellationToken ct) =>
        CellAudit.CountsAsync(
            async (names, token) => (await db.AuditCellsAsync(names, favorableDecision, modelId, modelVersion, token).ConfigureAwait(false))
                .Select(c => new AuditCell(c.Groups, c.Score, c.Rows, c.Weight, c.WeightSquared, c.Favorable) { Decisions = c.Decisions }).ToList(),
            db.HasProxiesAsync,
            attributes,
            options,
            "the ledger" + (modelId is null ? string.Empty : $" (model {modelId}{(modelVersion is null ? string.Empty : " " + modelVersion)})"),
            step: null,
            ct);
}
