using System.Data.Common;

namespace CreditAlt.Data.Connections;

/// <summary>
/// Bulk insert through one prepared command whose parameter values are replaced per row. Used for the
/// hot paths (ledger batches, imports) on SQLite and SQL Server: Dapper's list execution rebuilds the
/// parameter objects for every row, which costs more than SQLite's insert itself. Everything else uses Dapper.
/// </summary>
internal static class PreparedInsert
{
    public static async Task<int> RunAsync<T>(
        DbConnection c, DbTransaction tx, string table, string[] columns, IEnumerable<T> rows, Action<T, object?[]> fill, CancellationToken ct)
    {
        await using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
        var parameters = new DbParameter[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            parameters[i] = cmd.CreateParameter();
            parameters[i].ParameterName = "@p" + i;
            cmd.Parameters.Add(parameters[i]);
        }
        var values = new object?[columns.Length];
        var count = 0;
        var prepared = false;
        foreach (var row in rows)
        {
            fill(row, values);
            for (var i = 0; i < values.Length; i++)
                parameters[i].Value = values[i] ?? DBNull.Value;
            // SqlClient's Prepare wants explicit sizes for strings; SQLite's compiles the statement once.
            if (!prepared && c is Microsoft.Data.Sqlite.SqliteConnection)
            {
                await cmd.PrepareAsync(ct).ConfigureAwait(false);
                prepared = true;
            }
            count += await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        return count;
    }
}
