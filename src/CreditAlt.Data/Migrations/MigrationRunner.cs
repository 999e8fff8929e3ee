using System.Data.Common;
using System.Globalization;
using CreditAlt.Data.Connections;
using Dapper;

namespace CreditAlt.Data.Migrations;

/// <summary>
/// Applies pending <see cref="Schema.All"/> migrations in one transaction under an engine lock,
/// so concurrent starts of several instances migrate once and a failed step leaves nothing behind.
/// </summary>
public static class MigrationRunner
{
    /// <summary>Applies what is missing; returns the versions applied now (empty when up to date).</summary>
    public static async Task<IReadOnlyList<int>> ApplyAsync(
        DbConnection connection, SqlDialect dialect, TimeProvider time, IReadOnlyList<Migration>? migrations = null, CancellationToken ct = default)
    {
        migrations ??= Schema.All;
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        if (dialect.MigrationLock is { } lockSql)
            await connection.ExecuteAsync(new CommandDefinition(lockSql, transaction: tx, cancellationToken: ct)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(dialect.CreateMigrationsTable, transaction: tx, cancellationToken: ct)).ConfigureAwait(false);
        var applied = (await connection.QueryAsync<int>(new CommandDefinition(
            "SELECT version FROM schema_migrations", transaction: tx, cancellationToken: ct)).ConfigureAwait(false)).ToHashSet();
        var known = migrations.Select(m => m.Version).ToHashSet();
        var unknown = applied.Where(v => !known.Contains(v)).OrderBy(v => v).ToList();
        if (unknown.Count > 0)
            throw new InvalidOperationException(
                $"the database has schema version {unknown[^1]}, newer than this program knows ({known.Max()}); upgrade CreditAlt");
        var done = new List<int>();
        foreach (var m in migrations.OrderBy(m => m.Version))
        {
            if (applied.Contains(m.Version))
                continue;
            foreach (var sql in m.Statements(dialect))
                await connection.ExecuteAsync(new CommandDefinition(sql, transaction: tx, cancellationToken: ct)).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @At)",
                new { m.Version, m.Name, At = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture) },
                tx, cancellationToken: ct)).ConfigureAwait(false);
            done.Add(m.Version);
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return done;
    }

    /// <summary>The highest applied version, or 0 for an empty database.</summary>
    public static async Task<int> CurrentVersionAsync(DbConnection connection, SqlDialect dialect, CancellationToken ct = default)
    {
        await connection.ExecuteAsync(new CommandDefinition(dialect.CreateMigrationsTable, cancellationToken: ct)).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            "SELECT MAX(version) FROM schema_migrations", cancellationToken: ct)).ConfigureAwait(false) ?? 0;
    }
}
