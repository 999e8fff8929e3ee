using System.Globalization;
using CreditAlt.Data.Connections;
using CreditAlt.Data.Lifecycle;
using Dapper;

namespace CreditAlt.Data.Audits;

/// <summary>One group's override counts (see <see cref="FinalDecisionQueries.OverrideCellsAsync"/>); weights are membership probabilities.</summary>
/// <param name="Group">The group; null for decisions without a demographics row for the attribute.</param>
public sealed record LedgerOverrideCell(string? Group, double ModelApproved, double Down, double ModelNotApproved, double Up);

/// <summary>
/// The audit of <b>final</b> decisions: a decision's final decision is its current final action (the last one recorded:
/// approve, decline or counteroffer) where an underwriter took one, else the model's decision. Computed by the database,
/// like the rest of the ledger audit.
/// </summary>
public static class FinalDecisionQueries
{
    /// <summary>The SQL of the current final action's <c>action</c> of decision <c>d</c> (null when there is none).</summary>
    public static string FinalActionSql(SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return $"(SELECT {dialect.JsonText("f.body", "action")} FROM lifecycle_events f WHERE f.seq = " +
               $"(SELECT MAX(f2.seq) FROM lifecycle_events f2 WHERE f2.decision_id = d.decision_id AND f2.kind = '{LifecycleKinds.FinalAction}'))";
    }

    /// <summary>The SQL of decision <c>d</c>'s final decision: the current final action, else the model's decision.</summary>
    public static string FinalDecisionSql(SqlDialect dialect) => $"COALESCE({FinalActionSql(dialect)}, d.decision)";

    /// <summary>The SQL of <see cref="OverrideCellsAsync"/>.</summary>
    public static string OverrideCellsSql(SqlDialect dialect, bool modelId, bool modelVersion)
    {
        var final = FinalActionSql(dialect);
        var where = new List<string>();
        if (modelId)
            where.Add("d.model_id = @modelId");
        if (modelVersion)
            where.Add("d.model_version = @modelVersion");
        return "SELECT g.group_value AS grp, " +
               "SUM(CASE WHEN d.decision = 'approve' THEN COALESCE(g.probability, 1.0) ELSE 0 END) AS approved, " +
               $"SUM(CASE WHEN d.decision = 'approve' AND {final} IN ('decline', 'counteroffer') THEN COALESCE(g.probability, 1.0) ELSE 0 END) AS down, " +
               "SUM(CASE WHEN d.decision <> 'approve' THEN COALESCE(g.probability, 1.0) ELSE 0 END) AS not_approved, " +
               $"SUM(CASE WHEN d.decision <> 'approve' AND {final} = 'approve' THEN COALESCE(g.probability, 1.0) ELSE 0 END) AS up " +
               "FROM decisions d LEFT JOIN demographics g ON g.application_id = d.application_id AND g.attribute = @attribute" +
               (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : string.Empty) +
               " GROUP BY g.group_value";
    }

    /// <summary>
    /// Per group of <paramref name="attribute"/>: decisions the model approved and how many a final action turned down
    /// (decline or counteroffer); decisions it did not approve (decline, refer, insufficient data) and how many a final
    /// action approved. Optionally only one model (and version).
    /// </summary>
    public static async Task<IReadOnlyList<LedgerOverrideCell>> OverrideCellsAsync(
        this CreditAltDatabase db, string attribute, string? modelId = null, string? modelVersion = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var sql = OverrideCellsSql(db.Dialect, modelId is not null, modelVersion is not null);
        var rows = await db.RunAsync((c, token) => c.QueryAsync(new CommandDefinition(sql, new { attribute, modelId, modelVersion }, cancellationToken: token)), ct)
            .ConfigureAwait(false);
        var inv = CultureInfo.InvariantCulture;
        return rows.Cast<IDictionary<string, object?>>()
            .Select(r => new LedgerOverrideCell(r["grp"] as string, Convert.ToDouble(r["approved"] ?? 0, inv), Convert.ToDouble(r["down"] ?? 0, inv),
                Convert.ToDouble(r["not_approved"] ?? 0, inv), Convert.ToDouble(r["up"] ?? 0, inv)))
            .ToList();
    }
}
