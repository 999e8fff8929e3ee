using CreditAlt.Data.Security;
using Dapper;

namespace CreditAlt.Data.Audits;

/// <summary>A bias-audit run: who asked, with which parameters, its status and (when done) its result.</summary>
public sealed record AuditRun(string RunId, string RequestedBy, string ParametersJson, string Status, string? ResultJson, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt);

/// <summary>Audit runs: created as <c>queued</c>, moved to <c>running</c>, then <c>succeeded</c> or <c>failed</c> with a result.</summary>
public sealed class AuditRunStore
{
    private readonly CreditAltDatabase _db;

    internal AuditRunStore(CreditAltDatabase db) => _db = db;

    public async Task<AuditRun> CreateAsync(string runId, string requestedBy, string parametersJson, CancellationToken ct = default)
    {
        var now = _db.Time.GetUtcNow();
        await _db.RunAsync(async (c, token) =>
        {
            // Idempotent: a retried create after a lost acknowledgement finds its own row.
            var exists = await c.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COUNT(*) FROM audit_runs WHERE run_id = @runId", new { runId }, cancellationToken: token)).ConfigureAwait(false);
            if (exists > 0)
                return 0;
            return await c.ExecuteAsync(new CommandDefinition(
                "INSERT INTO audit_runs (run_id, requested_by, parameters_json, status, result_json, created_at, completed_at) VALUES (@runId, @requestedBy, @parametersJson, 'queued', NULL, @now, NULL)",
                new { runId, requestedBy, parametersJson, now = ApiKeyStore.Iso(now) }, cancellationToken: token)).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);
        return (await GetAsync(runId, ct).ConfigureAwait(false))!;
    }

    public Task SetStatusAsync(string runId, string status, string? resultJson = null, CancellationToken ct = default) =>
        _db.RunAsync((c, token) => c.ExecuteAsync(new CommandDefinition(
            "UPDATE audit_runs SET status = @status, result_json = COALESCE(@resultJson, result_json), completed_at = @completed WHERE run_id = @runId",
            new
            {
                runId,
                status,
                resultJson,
                completed = status is "succeeded" or "failed" ? ApiKeyStore.Iso(_db.Time.GetUtcNow()) : null,
            }, cancellationToken: token)), ct);

    public async Task<AuditRun?> GetAsync(string runId, CancellationToken ct = default)
    {
        var r = await _db.RunAsync((c, token) => c.QuerySingleOrDefaultAsync<(string, string, string, string, string?, string, string?)?>(new CommandDefinition(
            "SELECT run_id, requested_by, parameters_json, status, result_json, created_at, completed_at FROM audit_runs WHERE run_id = @runId",
            new { runId }, cancellationToken: token)), ct).ConfigureAwait(false);
        return r is { } x
            ? new AuditRun(x.Item1, x.Item2, x.Item3, x.Item4, x.Item5, ApiKeyStore.Parse(x.Item6), x.Item7 is null ? null : ApiKeyStore.Parse(x.Item7))
            : null;
    }
}
