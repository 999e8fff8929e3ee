using System.Globalization;
using System.Text;
using Dapper;

namespace CreditAlt.Data.Audits;

/// <summary>
/// One cell of the cross-tabulation of ledger decisions by the groups of some protected attributes and by score.
/// <see cref="Groups"/> holds one group per attribute asked for, null where the applicant has no demographics row
/// for it. Weights are products of the membership probabilities (1 for reported values and for missing ones).
/// </summary>
public sealed record LedgerAuditCell(
    IReadOnlyList<string?> Groups,
    int? Score,
    long Rows,
    double Weight,
    double WeightSquared,
    double Favorable)
{
    /// <summary>Summed weight per decision value, in the order of <see cref="LedgerAuditQueries.DecisionValues"/>.</summary>
    public IReadOnlyList<double> Decisions { get; init; } = [];
}

/// <summary>
/// Audit aggregates over the decision ledger, computed by the database with <c>GROUP BY</c>: the answer has one row
/// per (group combination, distinct score), whatever the number of decisions, so nothing row-by-row leaves the
/// database. Every decision counts, including ones without demographics (a left join: their groups are null).
/// </summary>
public static class LedgerAuditQueries
{
    /// <summary>The decision values the ledger records, in ordinal order (as a CSV audit orders them).</summary>
    public static readonly IReadOnlyList<string> DecisionValues = ["approve", "decline", "insufficient_data", "refer"];

    /// <summary>
    /// The SQL <see cref="AuditCellsAsync"/> runs for <paramref name="attributeCount"/> attributes (0: by score only).
    /// <paramref name="decision"/> is the SQL of the decision audited: the model's (<c>d.decision</c>) or the final one
    /// (<see cref="FinalDecisionQueries.FinalDecisionSql"/>).
    /// </summary>
    public static string AuditCellsSql(int attributeCount, bool modelId, bool modelVersion, string decision = "d.decision")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attributeCount);
        var inv = CultureInfo.InvariantCulture;
        var groups = string.Join(", ", Enumerable.Range(0, attributeCount).Select(i => string.Create(inv, $"g{i}.group_value")));
        var weight = attributeCount == 0
            ? "1.0"
            : string.Join(" * ", Enumerable.Range(0, attributeCount).Select(i => string.Create(inv, $"COALESCE(g{i}.probability, 1.0)")));
        var sql = new StringBuilder();
        sql.Append("SELECT ");
        for (int i = 0; i < attributeCount; i++)
        {
            sql.Append(inv, $"g{i}.group_value AS a{i}, ");
        }

        sql.Append("d.score AS score, COUNT(*) AS n, ");
        sql.Append(inv, $"SUM({weight}) AS w, SUM(({weight}) * ({weight})) AS w2, ");
        sql.Append(inv, $"SUM(CASE WHEN {decision} = @favorable THEN {weight} ELSE 0 END) AS fav");
        for (int v = 0; v < DecisionValues.Count; v++)
        {
            sql.Append(inv, $", SUM(CASE WHEN {decision} = '{DecisionValues[v]}' THEN {weight} ELSE 0 END) AS dv{v}");
        }

        sql.Append(' ');
        sql.Append("FROM decisions d");
        for (int i = 0; i < attributeCount; i++)
        {
            sql.Append(inv, $" LEFT JOIN demographics g{i} ON g{i}.application_id = d.application_id AND g{i}.attribute = @attribute{i}");
        }

        var where = new List<string>();
        if (modelId)
        {
            where.Add("d.model_id = @modelId");
        }

        if (modelVersion)
        {
            where.Add("d.model_version = @modelVersion");
        }

        if (where.Count > 0)
        {
            sql.Append(" WHERE ").Append(string.Join(" AND ", where));
        }

        sql.Append(" GROUP BY ").Append(attributeCount == 0 ? "d.score" : groups + ", d.score");
        return sql.ToString();
    }

    /// <summary>Whether any demographics row of <paramref name="attributes"/> is a proxy (probability other than 1).</summary>
    public static async Task<bool> HasProxiesAsync(this CreditAltDatabase db, IReadOnlyList<string> attributes, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(attributes);
        if (attributes.Count == 0)
        {
            return false;
        }

        // Named parameters, not Dapper's list expansion: Npgsql would receive an array for "IN @list".
        var parameters = new DynamicParameters();
        var names = new List<string>();
        for (int i = 0; i < attributes.Count; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"a{i}");
            parameters.Add(name, attributes[i]);
            names.Add("@" + name);
        }

        var sql = $"SELECT COUNT(*) FROM demographics WHERE attribute IN ({string.Join(", ", names)}) AND probability <> 1.0";
        var n = await db.RunAsync((c, token) => c.ExecuteScalarAsync<long>(new CommandDefinition(sql, parameters, cancellationToken: token)), ct).ConfigureAwait(false);
        return n > 0;
    }

    /// <summary>
    /// Decision counts by the groups of <paramref name="attributes"/> (jointly) and score. A decision is favourable
    /// when its decision text equals <paramref name="favorableDecision"/>. Optionally only one model (and version).
    /// </summary>
    public static async Task<IReadOnlyList<LedgerAuditCell>> AuditCellsAsync(
        this CreditAltDatabase db,
        IReadOnlyList<string> attributes,
        string favorableDecision,
        string? modelId = null,
        string? modelVersion = null,
        CancellationToken ct = default,
        bool finalDecisions = false)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(attributes);
        var parameters = new DynamicParameters();
        parameters.Add("favorable", favorableDecision);
        for (int i = 0; i < attributes.Count; i++)
        {
            parameters.Add(string.Create(CultureInfo.InvariantCulture, $"attribute{i}"), attributes[i]);
        }

        if (modelId is not null)
        {
            parameters.Add("modelId", modelId);
        }

        if (modelVersion is not null)
        {
            parameters.Add("modelVersion", modelVersion);
        }

        var sql = AuditCellsSql(attributes.Count, modelId is not null, modelVersion is not null, finalDecisions ? FinalDecisionQueries.FinalDecisionSql(db.Dialect) : "d.decision");
        var rows = await db.RunAsync((c, token) => c.QueryAsync(new CommandDefinition(sql, parameters, cancellationToken: token)), ct).ConfigureAwait(false);
        var cells = new List<LedgerAuditCell>();
        foreach (IDictionary<string, object?> row in rows)
        {
            var groups = new string?[attributes.Count];
            for (int i = 0; i < groups.Length; i++)
            {
                groups[i] = row[string.Create(CultureInfo.InvariantCulture, $"a{i}")] as string;
            }

            var score = row["score"];
            cells.Add(new LedgerAuditCell(
                groups,
                score is null ? null : Convert.ToInt32(score, CultureInfo.InvariantCulture),
                Convert.ToInt64(row["n"], CultureInfo.InvariantCulture),
                Convert.ToDouble(row["w"], CultureInfo.InvariantCulture),
                Convert.ToDouble(row["w2"], CultureInfo.InvariantCulture),
                Convert.ToDouble(row["fav"], CultureInfo.InvariantCulture))
            {
                Decisions = Enumerable.Range(0, DecisionValues.Count).Select(v => Convert.ToDouble(row[string.Create(CultureInfo.InvariantCulture, $"dv{v}")], CultureInfo.InvariantCulture)).ToArray(),
            });
        }

        return cells;
    }
}
