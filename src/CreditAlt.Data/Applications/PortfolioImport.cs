using System.Threading.Channels;
using CreditAlt.Core.Applications;
using CreditAlt.Data.Audits;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace CreditAlt.Data.Applications;

/// <summary>What an import stored.</summary>
public sealed record ImportSummary(long Applications, long Demographics);

/// <summary>An import met an application id the database already holds; the import stored nothing.</summary>
public sealed class DuplicateApplicationException(string applicationId, Exception inner)
    : Exception($"application {applicationId} is already stored", inner)
{
    public string ApplicationId { get; } = applicationId;
}

/// <summary>
/// Loads a whole portfolio in ONE transaction, in batches (binary COPY on PostgreSQL, prepared list inserts
/// elsewhere). Whatever the source throws — a malformed row, a duplicate id — rolls everything back, so an
/// import is all or nothing. Not run through the retry pipeline: a half-consumed stream cannot be replayed,
/// so a dropped connection fails the import (and leaves nothing) rather than retrying it.
/// </summary>
public static class PortfolioImport
{
    public const int BatchSize = 2000;

    public static async Task<ImportSummary> ImportAsync(
        CreditAltDatabase db,
        IEnumerable<Application> applications,
        IEnumerable<DemographicRecord>? demographics = null,
        Action<long>? progress = null,
        CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct).ConfigureAwait(false);
        await using var tx = await c.BeginTransactionAsync(ct).ConfigureAwait(false);
        // Parsing the CSV and writing to the database overlap: a reader task fills batches, this loop writes them.
        var batches = Channel.CreateBounded<List<Application>>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(async () =>
        {
            try
            {
                var batch = new List<Application>(BatchSize);
                foreach (var application in applications)
                {
                    batch.Add(application);
                    if (batch.Count == BatchSize)
                    {
                        await batches.Writer.WriteAsync(batch, stop.Token).ConfigureAwait(false);
                        batch = new List<Application>(BatchSize);
                    }
                }
                if (batch.Count > 0)
                    await batches.Writer.WriteAsync(batch, stop.Token).ConfigureAwait(false);
                batches.Writer.Complete();
            }
            catch (Exception ex)
            {
                batches.Writer.Complete(ex);
            }
        }, CancellationToken.None);
        long count = 0;
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                try
                {
                    await ApplicationStore.InsertAsync(c, tx, db.Dialect, batch, ct).ConfigureAwait(false);
                }
                catch (System.Data.Common.DbException ex) when (IsUniqueViolation(ex))
                {
                    // The engines' messages name the index, not the row: look the batch's ids up (on another
                    // connection, as PostgreSQL refuses queries in a failed transaction) to name the application.
                    var stored = await FirstStoredAsync(db, batch, ct).ConfigureAwait(false);
                    if (stored is null)
                        throw;
                    throw new DuplicateApplicationException(stored, ex);
                }
                count += batch.Count;
                progress?.Invoke(count);
            }
        }
        catch (ChannelClosedException ex) when (ex.InnerException is not null)
        {
            // The reader's own exception (a malformed row names file and line): rethrow it as it was.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
        }
        finally
        {
            // On a write failure, stop the reader too (it may be blocked on a full channel) before the caller disposes the source.
            await stop.CancelAsync().ConfigureAwait(false);
            await producer.ConfigureAwait(false);
        }

        long demographicRows = 0;
        if (demographics is not null)
        {
            var rows = new List<DemographicRecord>(BatchSize * 3);
            foreach (var d in demographics)
            {
                rows.Add(d);
                if (rows.Count >= BatchSize * 3)
                {
                    demographicRows += await InsertDemographicsAsync(c, tx, rows, ct).ConfigureAwait(false);
                    rows.Clear();
                }
            }
            demographicRows += await InsertDemographicsAsync(c, tx, rows, ct).ConfigureAwait(false);
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return new ImportSummary(count, demographicRows);
    }

    private static bool IsUniqueViolation(System.Data.Common.DbException ex) =>
        ex.SqlState == "23505"
        || ex is Microsoft.Data.Sqlite.SqliteException { SqliteExtendedErrorCode: 2067 or 1555 }
        || ex.Message.Contains("duplicate key", StringComparison.OrdinalIgnoreCase);

    /// <summary>The first application of <paramref name="batch"/> (in its order) that the database already holds.</summary>
    private static async Task<string?> FirstStoredAsync(CreditAltDatabase db, List<Application> batch, CancellationToken ct)
    {
        await using var c = await db.OpenAsync(ct).ConfigureAwait(false);
        var ids = batch.Select(a => a.ApplicationId).ToList();
        var stored = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(500))
        {
            var found = await c.QueryAsync<string>(new CommandDefinition(
                $"SELECT application_id FROM applications WHERE {db.Dialect.InList("application_id", "Ids")}", new { Ids = chunk }, cancellationToken: ct)).ConfigureAwait(false);
            stored.UnionWith(found);
        }

        return ids.FirstOrDefault(stored.Contains);
    }

    private static async Task<long> InsertDemographicsAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, List<DemographicRecord> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
            return 0;
        if (c is NpgsqlConnection npg)
        {
            await using var w = await npg.BeginBinaryImportAsync("COPY demographics (application_id, attribute, group_value, probability) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false);
            foreach (var r in rows)
            {
                await w.StartRowAsync(ct).ConfigureAwait(false);
                await w.WriteAsync(r.ApplicationId, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                await w.WriteAsync(r.Attribute, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                await w.WriteAsync(r.GroupValue, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                await w.WriteAsync(r.Probability, NpgsqlDbType.Double, ct).ConfigureAwait(false);
            }
            await w.CompleteAsync(ct).ConfigureAwait(false);
            return rows.Count;
        }
        return await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO demographics (application_id, attribute, group_value, probability) VALUES (@ApplicationId, @Attribute, @GroupValue, @Probability)",
            rows, tx, cancellationToken: ct)).ConfigureAwait(false);
    }
}
