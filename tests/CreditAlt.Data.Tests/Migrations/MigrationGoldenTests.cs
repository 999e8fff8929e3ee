using CreditAlt.Data.Connections;
using CreditAlt.Data.Migrations;

namespace CreditAlt.Data.Tests.Migrations;

/// <summary>
/// A shipped migration never changes: the SQL each one renders on each engine is committed under
/// <c>Migrations/Golden/{engine}/{version}-{name}.sql</c> and compared byte for byte, so a change to
/// <see cref="SqlDialect"/> that would rewrite a shipped migration fails here. To add a migration: append it to
/// <see cref="Schema.All"/>, run <c>UPDATE_GOLDEN=1 dotnet test tests/CreditAlt.Data.Tests --filter MigrationGolden</c>,
/// which writes the new migration's three files (existing files are never rewritten, even then), review and commit them.
/// </summary>
public sealed class MigrationGoldenTests
{
    private const string Folder = "tests/CreditAlt.Data.Tests/Migrations/Golden";

    public static TheoryData<DatabaseEngine, int> Pairs() =>
        [.. from engine in new[] { DatabaseEngine.Sqlite, DatabaseEngine.Postgres, DatabaseEngine.SqlServer }
            from m in Schema.All
            select (engine, m.Version)];

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Statements_ShippedMigration_MatchCommittedSql(DatabaseEngine engine, int version)
    {
        var migration = Schema.All.Single(m => m.Version == version);

        var sql = Text(migration.Statements(SqlDialect.For(engine)));

        Golden.AssertMatches($"{Folder}/{engine.ToString().ToLowerInvariant()}/{version:000}-{migration.Name}.sql", sql, frozen: true);
    }

    [Fact]
    public void Golden_EveryFile_BelongsToAMigration()
    {
        var expected = from engine in new[] { "sqlite", "postgres", "sqlserver" }
            from m in Schema.All
            select $"{engine}/{m.Version:000}-{m.Name}.sql";
        var root = RepoRoot.Path(Folder.Split('/'));

        var committed = Directory.GetFiles(root, "*.sql", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'));

        Assert.Equal(expected.Order(StringComparer.Ordinal), committed.Order(StringComparer.Ordinal));
    }

    // Migration 10 (data_sources) was numbered while 9 (consents) was being written on another branch: until both are
    // merged, 9 is the one gap allowed.
    [Fact]
    public void Versions_Schema_StartAtOneWithoutGaps() =>
        Assert.Equal(Enumerable.Range(1, Schema.All[^1].Version).Where(v => v != 9 || Schema.All.Any(m => m.Version == 9)), Schema.All.Select(m => m.Version));

    /// <summary>Each statement, then a line with <c>;</c> alone (statements may hold semicolons of their own).</summary>
    private static string Text(IEnumerable<string> statements) =>
        string.Concat(statements.Select(s => s.ReplaceLineEndings("\n") + "\n;\n"));
}
