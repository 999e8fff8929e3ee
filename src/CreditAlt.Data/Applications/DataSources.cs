using System.Data.Common;
using CreditAlt.Core.Applications;
using CreditAlt.Data.Connections;
using Dapper;

namespace CreditAlt.Data.Applications;

/// <summary>
/// The provenance of stored applications (migration 10): one row per obligation account or cash flow that names its
/// source, shaped like <c>sources.csv</c> (docs/data-formats.md); <c>account_id</c> is empty for the cash flow. A table of
/// its own, so applications without provenance (most) cost nothing and the bulk import's column lists stay as they are.
/// </summary>
internal static class DataSources
{
    public static IReadOnlyList<string> Migration(SqlDialect d) =>
    [
        d.Render("""
            CREATE TABLE data_sources (
                application_id {key} NOT NULL,
                account_id {key} NOT NULL,
                name {text} NOT NULL,
                address {text} NULL,
                phone {text} NULL,
                is_consumer_reporting_agency {int} NOT NULL,
                PRIMARY KEY (application_id, account_id))
            """),
    ];

    /// <summary>The account id of the cash flow's row.</summary>
    public const string CashFlow = "";

    private static IEnumerable<(string ApplicationId, string AccountId, DataSource Source)> Rows(IEnumerable<Application> batch) =>
        batch.SelectMany(a => a.Obligations.Where(o => o.Source is not null).Select(o => (a.ApplicationId, o.AccountId, o.Source!))
            .Concat(a.CashFlowSource is { } s ? [(a.ApplicationId, CashFlow, s)] : []));

    public static Task InsertAsync(DbConnection c, DbTransaction tx, IReadOnlyList<Application> batch, CancellationToken ct) =>
        PreparedInsert.RunAsync(c, tx, "data_sources", ["application_id", "account_id", "name", "address", "phone", "is_consumer_reporting_agency"],
            Rows(batch), (x, v) =>
            {
                v[0] = x.ApplicationId;
                v[1] = x.AccountId;
                v[2] = x.Source.Name;
                v[3] = x.Source.Address;
                v[4] = x.Source.Phone;
                v[5] = x.Source.IsConsumerReportingAgency ? 1 : 0;
            }, ct);

    /// <summary><paramref name="application"/> with the sources stored for it.</summary>
    public static async Task<Application> ApplyAsync(DbConnection c, Application application, CancellationToken ct)
    {
        var rows = (await c.QueryAsync<SourceRow>(new CommandDefinition(
            "SELECT account_id AS AccountId, name AS Name, address AS Address, phone AS Phone, is_consumer_reporting_agency AS IsConsumerReportingAgency " +
            "FROM data_sources WHERE application_id = @applicationId", new { applicationId = application.ApplicationId }, cancellationToken: ct)).ConfigureAwait(false))
            .ToDictionary(r => r.AccountId, r => new DataSource(r.Name, r.Address, r.Phone, r.IsConsumerReportingAgency != 0), StringComparer.Ordinal);
        if (rows.Count == 0)
            return application;
        return application with
        {
            Obligations = [.. application.Obligations.Select(o => rows.TryGetValue(o.AccountId, out var s) ? o with { Source = s } : o)],
            CashFlowSource = rows.GetValueOrDefault(CashFlow),
        };
    }

    private sealed class SourceRow
    {
        public string AccountId { get; set; } = "";
        public string Name { get; set; } = "";
        public string? Address { get; set; }
        public string? Phone { get; set; }
        public int IsConsumerReportingAgency { get; set; }
    }
}
