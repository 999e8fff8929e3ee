using Dapper;

namespace CreditAlt.Data.Audits;

/// <summary>
/// One protected attribute value of an application's applicant, for audits only. <see cref="Probability"/> is 1
/// for a reported value and the proxy probability (e.g. BISG) otherwise; a proxied applicant has one row per group.
/// </summary>
public sealed record DemographicRecord(string ApplicationId, string Attribute, string GroupValue, double Probability = 1.0);

/// <summary>
/// Decision counts for one group, weighted by <see cref="DemographicRecord.Probability"/>. Every decision in the
/// ledger counts (an application decided twice counts twice). Score sums cover decisions that have a score.
/// </summary>
public sealed record GroupCount(
    string Group,
    long Rows,
    double Weight,
    double Approved,
    double Referred,
    double Declined,
    double InsufficientData,
    double ScoredWeight,
    double ScoreSum,
    double ScoreSquareSum);

/// <summary>
/// The demographics table, kept apart from applications and never read by scoring. Only audits read it,
/// and <see cref="GroupCountsAsync"/> does the aggregation inside the database so it scales with the engine.
/// </summary>
public sealed class DemographicStore
{
    private readonly CreditAltDatabase _db;

    internal DemographicStore(CreditAltDatabase db) => _db = db;

    /// <summary>Replaces the rows of each (application, attribute) given.</summary>
    public Task SaveAsync(IReadOnlyList<DemographicRecord> records, CancellationToken ct = default) =>
        _db.RunAsync(async (c, token) =>
        {
            await using var tx = await c.BeginTransactionAsync(token).ConfigureAwait(false);
            var pairs = records.Select(r => new { r.ApplicationId, r.Attribute }).Distinct().ToList();
            await c.ExecuteAsync(new CommandDefinition(
                "DELETE FROM demographics WHERE application_id = @ApplicationId AND attribute = @Attribute", pairs, tx, cancellationToken: token)).ConfigureAwait(false);
            await c.ExecuteAsync(new CommandDefinition(
                "INSERT INTO demographics (application_id, attribute, group_value, probability) VALUES (@ApplicationId, @Attribute, @GroupValue, @Probability)",
                records, tx, cancellationToken: token)).ConfigureAwait(false);
            await tx.CommitAsync(token).ConfigureAwait(false);
            return 0;
        }, ct);

    public const string GroupCountsSql =
        "SELECT g.group_value AS GroupValue, COUNT(*) AS RowCount, SUM(g.probability) AS Weight, " +
        "SUM(CASE WHEN d.decision = 'approve' THEN g.probability ELSE 0.0 END) AS Approved, " +
        "SUM(CASE WHEN d.decision = 'refer' THEN g.probability ELSE 0.0 END) AS Referred, " +
        "SUM(CASE WHEN d.decision = 'decline' THEN g.probability ELSE 0.0 END) AS Declined, " +
        "SUM(CASE WHEN d.decision = 'insufficient_data' THEN g.probability ELSE 0.0 END) AS InsufficientData, " +
        "SUM(CASE WHEN d.score IS NULL THEN 0.0 ELSE g.probability END) AS ScoredWeight, " +
        "SUM(CASE WHEN d.score IS NULL THEN 0.0 ELSE g.probability * d.score END) AS ScoreSum, " +
        "SUM(CASE WHEN d.score IS NULL THEN 0.0 ELSE g.probability * d.score * d.score END) AS ScoreSquareSum " +
        "FROM decisions d JOIN demographics g ON g.application_id = d.application_id " +
        "WHERE g.attribute = @attribute AND (@modelId IS NULL OR d.model_id = @modelId) AND (@modelVersion IS NULL OR d.model_version = @modelVersion) " +
        "GROUP BY g.group_value";

    /// <summary>Weighted decision counts per group of <paramref name="attribute"/>, computed by the database; sorted by group (ordinal).</summary>
    public async Task<IReadOnlyList<GroupCount>> GroupCountsAsync(string attribute, string? modelId = null, string? modelVersion = null, CancellationToken ct = default)
    {
        var rows = await _db.RunAsync((c, token) => c.QueryAsync<Row>(new CommandDefinition(
            GroupCountsSql, new { attribute, modelId, modelVersion }, cancellationToken: token)), ct).ConfigureAwait(false);
        return rows.Select(r => new GroupCount(r.GroupValue, r.RowCount, r.Weight, r.Approved, r.Referred, r.Declined, r.InsufficientData, r.ScoredWeight, r.ScoreSum, r.ScoreSquareSum))
            .OrderBy(g => g.Group, StringComparer.Ordinal).ToList();
    }

    private sealed class Row
    {
        public string GroupValue { get; set; } = "";
        public long RowCount { get; set; }
        public double Weight { get; set; }
        public double Approved { get; set; }
        public double Referred { get; set; }
        public double Declined { get; set; }
        public double InsufficientData { get; set; }
        public double ScoredWeight { get; set; }
        public double ScoreSum { get; set; }
        public double ScoreSquareSum { get; set; }
    }
}
