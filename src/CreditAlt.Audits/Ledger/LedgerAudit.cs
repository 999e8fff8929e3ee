using CreditAlt.Data;
using CreditAlt.Data.Audits;
using CreditAlt.Fairness.Audit;

namespace CreditAlt.Audits.Ledger;

/// <summary>
/// The ledger audit of <c>creditalt audit --db</c> and <c>POST /v1/audits</c>: the database answers <c>GROUP BY</c>
/// aggregates (<see cref="LedgerAuditQueries"/>) and <see cref="CellAudit"/> folds them into audit counts. A ledger
/// that cannot answer (no decisions, no demographics for an attribute) throws
/// <see cref="Fairness.FairnessInputException"/>; each host turns it into its own error (exit code, stored failed run).
/// <c>nameDatabase</c> puts the database target in those messages (the CLI's operator may; the API never tells a caller).
/// </summary>
public static class LedgerAudit
{
    public static Task<AuditCounts> CountsAsync(
        CreditAltDatabase db,
        IReadOnlyList<string> attributes,
        AuditOptions options,
        string favorableDecision,
        string? modelId,
        string? modelVersion,
        Action<string>? step,
        CancellationToken ct,
        bool nameDatabase = false,
        bool finalDecisions = false)
    {
        ArgumentNullException.ThrowIfNull(db);
        return CellAudit.CountsAsync(
            async (names, token) => (await db.AuditCellsAsync(names, favorableDecision, modelId, modelVersion, token, finalDecisions).ConfigureAwait(false))
                .Select(c => new AuditCell(c.Groups, c.Score, c.Rows, c.Weight, c.WeightSquared, c.Favorable) { Decisions = c.Decisions }).ToList(),
            db.HasProxiesAsync,
            attributes,
            options,
            (nameDatabase ? $"{db.Target.Describe()}: " : string.Empty) + "the ledger" + (modelId is null ? string.Empty : $" (model {modelId}{(modelVersion is null ? string.Empty : " " + modelVersion)})"),
            step,
            ct);
    }

    /// <summary>Override rates by group of each attribute (one query per attribute), compared with the report's control groups.</summary>
    public static async Task<OverrideRates> OverridesAsync(
        CreditAltDatabase db, IReadOnlyList<string> attributes, AuditReport report, string? modelId, string? modelVersion, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var cells = new Dictionary<string, IReadOnlyList<OverrideCell>>(StringComparer.Ordinal);
        foreach (var attribute in attributes)
            cells[attribute] = (await db.OverrideCellsAsync(attribute, modelId, modelVersion, ct).ConfigureAwait(false))
                .Select(c => new OverrideCell(c.Group, c.ModelApproved, c.Down, c.ModelNotApproved, c.Up)).ToList();
        return OverrideRates.Compute(cells, report);
    }
}
