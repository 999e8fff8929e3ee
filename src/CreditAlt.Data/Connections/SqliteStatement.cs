using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CreditAlt.Data.Connections;

/// <summary>
/// One SQLite statement compiled once and re-bound per row, straight on the native handle. The ledger's writer
/// runs hundreds of small inserts per batch: Microsoft.Data.Sqlite's commands look every parameter up by name and
/// copy every string to a new UTF-8 array, which cost more than SQLite's own insert. Parameters are by position
/// (<c>?1</c>, <c>?2</c>, …); errors surface as <see cref="SqliteException"/>, so the retry policy sees them as usual.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;
    private byte[] _scratch = new byte[256];

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _stmt));
    }

    // .NET's UTF-8 encoder is vectorised; SQLite's own UTF-16 conversion (bind_text16) is a byte loop.
    public SqliteStatement Bind(int index, string? value)
    {
        if (value is null)
            return Check(raw.sqlite3_bind_null(_stmt, index));
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_scratch.Length < max)
            _scratch = new byte[Math.Max(max, _scratch.Length * 2)];
        var length = Encoding.UTF8.GetBytes(value, _scratch);
        return Check(raw.sqlite3_bind_text(_stmt, index, _scratch.AsSpan(0, length))); // SQLite copies it
    }

    public SqliteStatement Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_stmt, index, value));

    public SqliteStatement Bind(int index, int? value) =>
        Check(value is { } v ? raw.sqlite3_bind_int64(_stmt, index, v) : raw.sqlite3_bind_null(_stmt, index));

    public SqliteStatement BindBlob(int index, ReadOnlySpan<byte> value) => Check(raw.sqlite3_bind_blob(_stmt, index, value));

    /// <summary>Runs a statement that returns no rows.</summary>
    public void Execute()
    {
        var rc = raw.sqlite3_step(_stmt);
        raw.sqlite3_reset(_stmt);
        if (rc != raw.SQLITE_DONE)
            SqliteException.ThrowExceptionForRC(rc, _db);
    }

    /// <summary>Steps to the next row: true while there is one. Call <see cref="Reset"/> when done reading.</summary>
    public bool Read()
    {
        var rc = raw.sqlite3_step(_stmt);
        if (rc == raw.SQLITE_ROW)
            return true;
        raw.sqlite3_reset(_stmt);
        if (rc != raw.SQLITE_DONE)
            SqliteException.ThrowExceptionForRC(rc, _db);
        return false;
    }

    public void Reset() => raw.sqlite3_reset(_stmt);

    public string? Text(int column) =>
        raw.sqlite3_column_type(_stmt, column) == raw.SQLITE_NULL ? null : raw.sqlite3_column_text(_stmt, column).utf8_to_string();

    public long Int64(int column) => raw.sqlite3_column_int64(_stmt, column);

    public void Dispose() => _stmt.Dispose();

    private SqliteStatement Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
            SqliteException.ThrowExceptionForRC(rc, _db);
        return this;
    }
}
