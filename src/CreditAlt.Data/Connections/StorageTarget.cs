using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CreditAlt.Data.Connections;

/// <summary>
/// Which engine to use and the provider's own connection string, parsed from the one
/// <c>--db</c> text a user gives. Accepted forms (first match wins):
/// <list type="bullet">
/// <item><c>sqlite:PATH</c>, <c>sqlite:Data Source=...</c>, or a plain file path without <c>=</c> → SQLite</item>
/// <item><c>Data Source=...</c> without <c>sqlserver:</c> → SQLite (Microsoft.Data.Sqlite keywords)</item>
/// <item><c>postgres://user:pass@host:port/db</c>, <c>postgresql://...</c>, <c>postgres:KEYWORDS</c>, or keywords containing <c>Host=</c> → PostgreSQL (Npgsql keywords)</item>
/// <item><c>sqlserver:KEYWORDS</c>, or keywords containing <c>Server=</c> → SQL Server (Microsoft.Data.SqlClient keywords)</item>
/// </list>
/// </summary>
public sealed record StorageTarget(DatabaseEngine Engine, string ConnectionString)
{
    /// <summary>The embedded default: a SQLite file under the working directory.</summary>
    public const string DefaultSqlitePath = ".creditalt/creditalt.db";

    public static StorageTarget Default => Parse("sqlite:" + DefaultSqlitePath);

    /// <summary>Parses <paramref name="text"/>; throws <see cref="FormatException"/> with a message a user can act on.</summary>
    public static StorageTarget Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return Default;
        var s = text.Trim();
        if (StartsWith(s, "sqlite:"))
            return Sqlite(s["sqlite:".Length..]);
        if (StartsWith(s, "postgres://") || StartsWith(s, "postgresql://"))
            return new(DatabaseEngine.Postgres, FromPostgresUri(s));
        if (StartsWith(s, "postgres:") || StartsWith(s, "postgresql:"))
            return new(DatabaseEngine.Postgres, Npgsql(s[(s.IndexOf(':', StringComparison.Ordinal) + 1)..]));
        if (StartsWith(s, "sqlserver:") || StartsWith(s, "mssql:"))
            return new(DatabaseEngine.SqlServer, SqlServer(s[(s.IndexOf(':', StringComparison.Ordinal) + 1)..]));
        if (!s.Contains('=', StringComparison.Ordinal))
            return Sqlite(s);
        var keys = Keys(s);
        if (keys.Contains("host"))
            return new(DatabaseEngine.Postgres, Npgsql(s));
        if (keys.Contains("server") || keys.Contains("initial catalog"))
            return new(DatabaseEngine.SqlServer, SqlServer(s));
        if (keys.Contains("data source") || keys.Contains("filename"))
            return Sqlite(s);
        throw new FormatException(
            $"cannot tell the database engine from '{Redact(s)}': expected sqlite:PATH, Data Source=PATH, postgres://user@host:port/db, Host=...;Database=..., or sqlserver:Server=...");
    }

    /// <summary>The connection text with any password removed, safe for logs and messages.</summary>
    public string Describe() => $"{Engine}: {Redact(ConnectionString)}";

    private static StorageTarget Sqlite(string pathOrKeywords)
    {
        var builder = pathOrKeywords.Contains('=', StringComparison.Ordinal)
            ? new SqliteConnectionStringBuilder(pathOrKeywords)
            : new SqliteConnectionStringBuilder { DataSource = pathOrKeywords };
        if (string.IsNullOrWhiteSpace(builder.DataSource))
            throw new FormatException("sqlite: needs a file path, e.g. sqlite:.creditalt/creditalt.db");
        return new(DatabaseEngine.Sqlite, builder.ConnectionString);
    }

    private static string Npgsql(string keywords)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(keywords).ConnectionString;
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"bad PostgreSQL connection string: {ex.Message}", ex);
        }
    }

    private static string SqlServer(string keywords)
    {
        try
        {
            return new SqlConnectionStringBuilder(keywords).ConnectionString;
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"bad SQL Server connection string: {ex.Message}", ex);
        }
    }

    private static string FromPostgresUri(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw new FormatException($"bad PostgreSQL URI '{Redact(text)}': expected postgres://user:password@host:port/database");
        var b = new NpgsqlConnectionStringBuilder { Host = uri.Host, Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            b.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
                b.Password = Uri.UnescapeDataString(parts[1]);
        }
        var db = uri.AbsolutePath.Trim('/');
        if (db.Length > 0)
            b.Database = Uri.UnescapeDataString(db);
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(kv[0]);
            var value = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
            // libpq spells it sslmode; Npgsql accepts "SSL Mode".
            key = key.Equals("sslmode", StringComparison.OrdinalIgnoreCase) ? "SSL Mode" : key;
            try
            {
                b[key] = value;
            }
            catch (ArgumentException ex)
            {
                throw new FormatException($"bad PostgreSQL URI option '{key}': {ex.Message}", ex);
            }
        }
        return b.ConnectionString;
    }

    private static HashSet<string> Keys(string keywords)
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in keywords.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
                keys.Add(part[..eq].Trim().ToLowerInvariant());
        }
        return keys;
    }

    private static bool StartsWith(string s, string prefix) => s.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);

    internal static string Redact(string text)
    {
        var parts = text.Split(';');
        for (var i = 0; i < parts.Length; i++)
        {
            var eq = parts[i].IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && parts[i][..eq].Trim().Contains("password", StringComparison.OrdinalIgnoreCase)
                || eq > 0 && parts[i][..eq].Trim().Equals("pwd", StringComparison.OrdinalIgnoreCase))
                parts[i] = parts[i][..(eq + 1)] + "***";
        }
        var joined = string.Join(';', parts);
        var at = joined.IndexOf('@', StringComparison.Ordinal);
        var scheme = joined.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0 && at > scheme)
        {
            var colon = joined.IndexOf(':', scheme + 3);
            if (colon > 0 && colon < at)
                joined = joined[..(colon + 1)] + "***" + joined[at..];
        }
        return joined;
    }
}
