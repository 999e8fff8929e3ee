using System.Data.Common;
using CreditAlt.Core.Applications;
using CreditAlt.Data.Connections;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace CreditAlt.Data.Applications;

/// <summary>Applications with their obligation accounts, payments and cash-flow months.</summary>
public sealed class ApplicationStore
{
    private readonly CreditAltDatabase _db;

    internal ApplicationStore(CreditAltDatabase db) => _db = db;

    /// <summary>Stores <paramref name="application"/>, replacing an earlier copy with the same id (so a retry is harmless).</summary>
    public Task SaveAsync(Application application, CancellationToken ct = default) =>
        _db.RunAsync(async (c, token) =>
        {
            await using var tx = await c.BeginTransactionAsync(token).ConfigureAwait(false);
            foreach (var table in new[] { "payments", "obligation_accounts", "cash_flow_months", "applications" })
                await c.ExecuteAsync(new CommandDefinition($"DELETE FROM {table} WHERE application_id = @id", new { id = application.ApplicationId }, tx, cancellationToken: token)).ConfigureAwait(false);
            await InsertAsync(c, tx, _db.Dialect, [application], token).ConfigureAwait(false);
            await tx.CommitAsync(token).ConfigureAwait(false);
            return 0;
        }, ct);

    public Task<Application?> GetAsync(string applicationId, CancellationToken ct = default) =>
        _db.RunAsync(async (c, token) =>
        {
            var head = await c.QuerySingleOrDefaultAsync<AppRow>(new CommandDefinition(
                "SELECT application_id AS ApplicationId, applicant_id AS ApplicantId, as_of_date AS AsOfDate, requested_amount AS RequestedAmount FROM applications WHERE application_id = @applicationId",
                new { applicationId }, cancellationToken: token)).ConfigureAwait(false);
            if (head is null)
                return null;
            var accounts = await c.QueryAsync<AccountRow>(new CommandDefinition(
                "SELECT account_id AS AccountId, obligation_type AS ObligationType, furnisher AS Furnisher, monthly_amount AS MonthlyAmount FROM obligation_accounts WHERE application_id = @applicationId ORDER BY account_id",
                new { applicationId }, cancellationToken: token)).ConfigureAwait(false);
            var payments = (await c.QueryAsync<PaymentRow>(new CommandDefinition(
                "SELECT account_id AS AccountId, payment_no AS PaymentNo, due_date AS DueDate, amount_due AS AmountDue, paid_date AS PaidDate, amount_paid AS AmountPaid FROM payments WHERE application_id = @applicationId ORDER BY account_id, payment_no",
                new { applicationId }, cancellationToken: token)).ConfigureAwait(false)).ToLookup(p => p.AccountId, StringComparer.Ordinal);
            var months = await c.QueryAsync<MonthRow>(new CommandDefinition(
                "SELECT month AS Month, inflow AS Inflow, outflow AS Outflow, lowest_balance AS LowestBalance, nsf_count AS NsfCount FROM cash_flow_months WHERE application_id = @applicationId ORDER BY month",
                new { applicationId }, cancellationToken: token)).ConfigureAwait(false);
            return new Application(head.ApplicationId, head.ApplicantId, head.AsOfDate, head.RequestedAmount,
                accounts.Select(a => new ObligationAccount(a.AccountId, ParseType(a.ObligationType), a.Furnisher, a.MonthlyAmount,
                    payments[a.AccountId].Select(p => new PaymentRecord(p.DueDate, p.AmountDue, p.PaidDate, p.AmountPaid)).ToList())).ToList(),
                months.Select(m => new CashFlowMonth(m.Month, m.Inflow, m.Outflow, m.LowestBalance, m.NsfCount)).ToList());
        }, ct);

    public Task<long> CountAsync(CancellationToken ct = default) =>
        _db.RunAsync((c, token) => c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM applications", cancellationToken: token)), ct);

    private static ObligationType ParseType(string wire) =>
        ObligationTypes.TryParse(wire, out var t) ? t : throw new InvalidOperationException($"stored obligation type '{wire}' is unknown");

    /// <summary>
    /// Inserts applications inside the caller's transaction: binary COPY on PostgreSQL, Dapper list inserts
    /// (one prepared command re-bound per row) elsewhere.
    /// </summary>
    public static async Task InsertAsync(DbConnection c, DbTransaction tx, SqlDialect dialect, IReadOnlyList<Application> batch, CancellationToken ct)
    {
        if (dialect.Engine == DatabaseEngine.Postgres && c is NpgsqlConnection npg)
        {
            await CopyAsync(npg, batch, ct).ConfigureAwait(false);
            return;
        }
        await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO applications (application_id, applicant_id, as_of_date, requested_amount) VALUES (@ApplicationId, @ApplicantId, @AsOfDate, @RequestedAmount)",
            batch.Select(a => new { a.ApplicationId, a.ApplicantId, AsOfDate = Date(dialect, a.AsOfDate), a.RequestedAmount }), tx, cancellationToken: ct)).ConfigureAwait(false);
        await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO obligation_accounts (application_id, account_id, obligation_type, furnisher, monthly_amount) VALUES (@ApplicationId, @AccountId, @Type, @Furnisher, @MonthlyAmount)",
            batch.SelectMany(a => a.Obligations.Select(o => new { a.ApplicationId, o.AccountId, Type = o.Type.ToWire(), o.Furnisher, o.MonthlyAmount })),
            tx, cancellationToken: ct)).ConfigureAwait(false);
        await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO payments (application_id, account_id, payment_no, due_date, amount_due, paid_date, amount_paid) VALUES (@ApplicationId, @AccountId, @No, @DueDate, @AmountDue, @PaidDate, @AmountPaid)",
            batch.SelectMany(a => a.Obligations.SelectMany(o => o.Payments.Select((p, i) => new
            {
                a.ApplicationId,
                o.AccountId,
                No = i + 1,
                DueDate = Date(dialect, p.DueDate),
                p.AmountDue,
                PaidDate = p.PaidDate is { } d ? Date(dialect, d) : null,
                p.AmountPaid,
            }))), tx, cancellationToken: ct)).ConfigureAwait(false);
        await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO cash_flow_months (application_id, month, inflow, outflow, lowest_balance, nsf_count) VALUES (@ApplicationId, @Month, @Inflow, @Outflow, @LowestBalance, @NsfCount)",
            batch.SelectMany(a => a.CashFlow.Select(m => new { a.ApplicationId, Month = Date(dialect, m.Month), m.Inflow, m.Outflow, m.LowestBalance, m.NsfCount })),
            tx, cancellationToken: ct)).ConfigureAwait(false);
    }

    // SQLite keeps dates as ISO text; the others have a date type and Npgsql/SqlClient bind DateOnly to it.
    private static object Date(SqlDialect dialect, DateOnly d) => dialect.Engine == DatabaseEngine.Sqlite ? Ledger.LedgerRow.FormatDate(d) : d;

    private static async Task CopyAsync(NpgsqlConnection c, IReadOnlyList<Application> batch, CancellationToken ct)
    {
        await using (var w = await c.BeginBinaryImportAsync("COPY applications (application_id, applicant_id, as_of_date, requested_amount) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false))
        {
            foreach (var a in batch)
            {
                await w.StartRowAsync(ct).ConfigureAwait(false);
                await w.WriteAsync(a.ApplicationId, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                await w.WriteAsync(a.ApplicantId, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                await w.WriteAsync(a.AsOfDate, NpgsqlDbType.Date, ct).ConfigureAwait(false);
                await w.WriteAsync(a.RequestedAmount, NpgsqlDbType.Numeric, ct).ConfigureAwait(false);
            }
            await w.CompleteAsync(ct).ConfigureAwait(false);
        }
        await using (var w = await c.BeginBinaryImportAsync("COPY obligation_accounts (application_id, account_id, obligation_type, furnisher, monthly_amount) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false))
        {
            foreach (var a in batch)
                foreach (var o in a.Obligations)
                {
                    await w.StartRowAsync(ct).ConfigureAwait(false);
                    await w.WriteAsync(a.ApplicationId, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                    await w.WriteAsync(o.AccountId, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                    await w.WriteAsync(o.Type.ToWire(), NpgsqlDbType.Text, ct).ConfigureAwait(false);
                    await w.WriteAsync(o.Furnisher, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                    await w.WriteAsync(o.MonthlyAmount, NpgsqlDbType.Numeric, ct).ConfigureAwait(false);
                }
            await w.CompleteAsync(ct).ConfigureAwait(false);
        }
        await using (var w = await c.BeginBinaryImportAsync("COPY payments (application_id, account_id, payment_no, due_date, amount_due, paid_date, amount_paid) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false))
        {
            foreach (var a in batch)
                foreach (var o in a.Obligations)
                    for (var i = 0; i < o.Payments.Count; i++)
                    {
                        var p = o.Payments[i];
                        await w.StartRowAsync(ct).ConfigureAwait(false);
                        await w.WriteAsync(a.ApplicationId, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                        await w.WriteAsync(o.AccountId, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                        await w.WriteAsync(i + 1, NpgsqlDbType.Integer, ct).ConfigureAwait(false);
                        await w.WriteAsync(p.DueDate, NpgsqlDbType.Date, ct).ConfigureAwait(false);
                        await w.WriteAsync(p.AmountDue, NpgsqlDbType.Numeric, ct).ConfigureAwait(false);
                        if (p.PaidDate is { } paid)
                            await w.WriteAsync(paid, NpgsqlDbType.Date, ct).ConfigureAwait(false);
                        else
                            await w.WriteNullAsync(ct).ConfigureAwait(false);
                        await w.WriteAsync(p.AmountPaid, NpgsqlDbType.Numeric, ct).ConfigureAwait(false);
                    }
            await w.CompleteAsync(ct).ConfigureAwait(false);
        }
        await using (var w = await c.BeginBinaryImportAsync("COPY cash_flow_months (application_id, month, inflow, outflow, lowest_balance, nsf_count) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false))
        {
            foreach (var a in batch)
                foreach (var m in a.CashFlow)
                {
                    await w.StartRowAsync(ct).ConfigureAwait(false);
                    await w.WriteAsync(a.ApplicationId, NpgsqlDbType.Text, ct).ConfigureAwait(false);
                    await w.WriteAsync(m.Month, NpgsqlDbType.Date, ct).ConfigureAwait(false);
                    await w.WriteAsync(m.Inflow, NpgsqlDbType.Numeric, ct).ConfigureAwait(false);
                    await w.WriteAsync(m.Outflow, NpgsqlDbType.Numeric, ct).ConfigureAwait(false);
                    await w.WriteAsync(m.LowestBalance, NpgsqlDbType.Numeric, ct).ConfigureAwait(false);
                    await w.WriteAsync(m.NsfCount, NpgsqlDbType.Integer, ct).ConfigureAwait(false);
                }
            await w.CompleteAsync(ct).ConfigureAwait(false);
        }
    }

    private sealed class AppRow
    {
        public string ApplicationId { get; set; } = "";
        public string ApplicantId { get; set; } = "";
        public DateOnly AsOfDate { get; set; }
        public decimal RequestedAmount { get; set; }
    }

    private sealed class AccountRow
    {
        public string AccountId { get; set; } = "";
        public string ObligationType { get; set; } = "";
        public string Furnisher { get; set; } = "";
        public decimal MonthlyAmount { get; set; }
    }

    private sealed class PaymentRow
    {
        public string AccountId { get; set; } = "";
        public int PaymentNo { get; set; }
        public DateOnly DueDate { get; set; }
        public decimal AmountDue { get; set; }
        public DateOnly? PaidDate { get; set; }
        public decimal AmountPaid { get; set; }
    }

    private sealed class MonthRow
    {
        public DateOnly Month { get; set; }
        public decimal Inflow { get; set; }
        public decimal Outflow { get; set; }
        public decimal LowestBalance { get; set; }
        public int NsfCount { get; set; }
    }
}
