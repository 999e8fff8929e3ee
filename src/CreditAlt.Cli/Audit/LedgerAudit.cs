using CreditAlt.Data;
using CreditAlt.Data.Audits;
using CreditAlt.Fairness;
using CreditAlt.Fairness.Audit;

namespace CreditAlt.Cli.Audit;

/// <summary>
/// The ledger audit of <c>creditalt audit --db</c>: the database answers <c>GROUP BY</c> aggregates
/// (<see cref="LedgerAuditQueries"/>) and <see cref="CellAudit"/> folds them into audit counts.
/// </summary>
internal static class LedgerAudit
{
    public static async Task<AuditCounts> CountsAsync(
        CreditAltDatabase db,
        IReadOnlyList<string> attributes,
        AuditOptions options,
        string favorableDecision,
        string? modelId,
        string? modelVersion,
        Action<string>? step,
        CancellationToken ct,
        bool finalDecisions = false)
    {
        var source = $"{db.Target.Describe()}: the ledger" + (modelId is null ? string.Empty : $" (model {modelId}{(modelVersion is null ? string.Empty : " " + modelVersion)})");
        try
        {
            return await CellAudit.CountsAsync(
                async (names, token) => (await db.AuditCellsAsync(names, favorableDecision, modelId, modelVersion, token, finalDecisions).ConfigureAwait(false))
                    .Select(c => new AuditCell(c.Groups, c.Score, c.Rows, c.Weight, c.WeightSquared, c.Favorable) { Decisions = c.Decisions }).ToList(),
                db.HasProxiesAsync,
                attributes,
                options,
                source,
                step,
                ct).ConfigureAwait(false);
        }
        catch (FairnessInputException ex)
        {
            throw new UserInputException(ex.Message);
        }
    }

    /// <summary>Override rates by group of each attribute (one query per attribute), compared with the report's control groups.</summary>
    public static async Task<OverrideRates> OverridesAsync(
        CreditAltDatabase db, IReadOnlyList<string> attributes, AuditReport report, string? modelId, string? modelVersion, CancellationToken ct)
    {
        var cells = new Dictionary<string, IReadOnlyList<OverrideCell>>(StringComparer.Ordinal);
        foreach (var attribute in attributes)
            cells[attribute] = (await db.OverrideCellsAsync(attribute, modelId, modelVersion, ct).ConfigureAwait(false))
                .Select(c => new OverrideCell(c.Group, c.ModelApproved, c.Down, c.ModelNotApproved, c.Up)).ToList();
        return OverrideRates.Compute(cells, report);
    }
}
