using CreditAlt.Data.Security;
using Dapper;

namespace CreditAlt.Data.Registry;

/// <summary>A registered model version: its kind (scorecard, challenger), the SHA-256 of its artefact and its card.</summary>
public sealed record RegisteredModel(string ModelId, string ModelVersion, string Kind, string ArtifactSha256, string CardJson, DateTimeOffset RegisteredAt, bool IsActive);

/// <summary>The model registry: which models exist and which one is active.</summary>
public sealed class ModelRegistry
{
    private readonly CreditAltDatabase _db;

    internal ModelRegistry(CreditAltDatabase db) => _db = db;

    /// <summary>Registers a model version (again registering the same version with the same artefact is a no-op).</summary>
    public Task RegisterAsync(string modelId, string modelVersion, string kind, string artifactSha256, string cardJson, CancellationToken ct = default) =>
        _db.RunAsync(async (c, token) =>
        {
            var existing = await c.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
                "SELECT artifact_sha256 FROM models WHERE model_id = @modelId AND model_version = @modelVersion",
                new { modelId, modelVersion }, cancellationToken: token)).ConfigureAwait(false);
            if (existing is not null)
                return existing == artifactSha256
                    ? 0
                    : throw new InvalidOperationException($"model {modelId} {modelVersion} is already registered with another artefact");
            return await c.ExecuteAsync(new CommandDefinition(
                "INSERT INTO models (model_id, model_version, kind, artifact_sha256, card_json, registered_at, is_active) VALUES (@modelId, @modelVersion, @kind, @artifactSha256, @cardJson, @at, 0)",
                new { modelId, modelVersion, kind, artifactSha256, cardJson, at = ApiKeyStore.Iso(_db.Time.GetUtcNow()) }, cancellationToken: token)).ConfigureAwait(false);
        }, ct);

    /// <summary>Makes this version the only active one of its model id.</summary>
    public Task ActivateAsync(string modelId, string modelVersion, CancellationToken ct = default) =>
        _db.RunAsync(async (c, token) =>
        {
            await using var tx = await c.BeginTransactionAsync(token).ConfigureAwait(false);
            var n = await c.ExecuteAsync(new CommandDefinition(
                "UPDATE models SET is_active = CASE WHEN model_version = @modelVersion THEN 1 ELSE 0 END WHERE model_id = @modelId",
                new { modelId, modelVersion }, tx, cancellationToken: token)).ConfigureAwait(false);
            var found = await c.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT COUNT(*) FROM models WHERE model_id = @modelId AND model_version = @modelVersion", new { modelId, modelVersion }, tx, cancellationToken: token)).ConfigureAwait(false);
            if (found == 0)
                throw new InvalidOperationException($"model {modelId} {modelVersion} is not registered");
            await tx.CommitAsync(token).ConfigureAwait(false);
            return n;
        }, ct);

    public async Task<IReadOnlyList<RegisteredModel>> ListAsync(CancellationToken ct = default)
    {
        var rows = await _db.RunAsync((c, token) => c.QueryAsync<(string, string, string, string, string, string, int)>(new CommandDefinition(
            "SELECT model_id, model_version, kind, artifact_sha256, card_json, registered_at, is_active FROM models ORDER BY model_id, registered_at, model_version",
            cancellationToken: token)), ct).ConfigureAwait(false);
        return rows.Select(r => new RegisteredModel(r.Item1, r.Item2, r.Item3, r.Item4, r.Item5, ApiKeyStore.Parse(r.Item6), r.Item7 == 1)).ToList();
    }
}
