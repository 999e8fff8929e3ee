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
            foreach (var table in new[] { "data_sources", "payments", "obligation_accounts", "cash_flow_months", "applications" })
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
            var application = new Application(head.ApplicationId, head.ApplicantId, head.AsOfDate, head.RequestedAmount,
                accounts.Select(a => new ObligationAccount(a.AccountId, ParseType(a.ObligationType), a.Furnisher, a.MonthlyAmount,
                    payments[a.AccountId].Select(p => new PaymentRecord(p.DueDate, p.AmountDue, p.PaidDate, p.AmountPaid)).ToList())).ToList(),
                months.Select(m => new CashFlowMonth(m.Month, m.Inflow, m.Outflow, m.LowestBalance, m.NsfCount)).ToList());
            return await DataSources.ApplyAsync(c, application, token).ConfigureAwait(false);
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
        // Provenance is rare (docs/data-formats.md, sources.csv): plain inserts on every engine.
        await DataSources.InsertAsync(c, tx, batch, ct).ConfigureAwait(false);
        if (c is NpgsqlConnection npg)
        {
            await CopyAsync(npg, batch, ct).ConfigureAwait(false);
            return;
        }
        await PreparedInsert.RunAsync(c, tx, "applications", ["application_id", "applicant_id", "as_of_date", "requested_amount"], batch, (a, v) =>
        {
            v[0] = a.ApplicationId;
            v[1] = a.ApplicantId;
            v[2] = Date(dialect, a.AsOfDate);
            v[3] = Money(dialect, a.RequestedAmount);
        }, ct).ConfigureAwait(false);
        await PreparedInsert.RunAsync(c, tx, "obligation_accounts", ["application_id", "account_id", "obligation_type", "furnisher", "monthly_amount"],
            batch.SelectMany(a => a.Obligations.Select(o => (a.ApplicationId, o))), (x, v) =>
            {
                v[0] = x.ApplicationId;
                v[1] = x.o.AccountId;
                v[2] = x.o.Type.ToWire();
                v[3] = x.o.Furnisher;
                v[4] = Money(dialect, x.o.MonthlyAmount);
            }, ct).ConfigureAwait(false);
        await PreparedInsert.RunAsync(c, tx, "payments", ["application_id", "account_id", "payment_no", "due_date", "amount_due", "paid_date", "amount_paid"],
            batch.SelectMany(a => a.Obligations.SelectMany(o => o.Payments.Select((p, i) => (a.ApplicationId, o.AccountId, No: i + 1, p)))), (x, v) =>
            {
                v[0] = x.ApplicationId;
                v[1] = x.AccountId;
                v[2] = x.No;
                v[3] = Date(dialect, x.p.DueDate);
                v[4] = Money(dialect, x.p.AmountDue);
                v[5] = x.p.PaidDate is { } d ? Date(dialect, d) : null;
                v[6] = Money(dialect, x.p.AmountPaid);
            }, ct).ConfigureAwait(false);
        await PreparedInsert.RunAsync(c, tx, "cash_flow_months", ["application_id", "month", "inflow", "outflow", "lowest_balance", "nsf_count"],
            batch.SelectMany(a => a.CashFlow.Select(m => (a.ApplicationId, m))), (x, v) =>
            {
                v[0] = x.ApplicationId;
                v[1] = Date(dialect, x.m.Month);
                v[2] = Money(dialect, x.m.Inflow);
                v[3] = Money(dialect, x.m.Outflow);
                v[4] = Money(dialect, x.m.LowestBalance);
                v[5] = x.m.NsfCount;
            }, ct).ConfigureAwait(false);
    }

    private static object Money(SqlDialect dialect, decimal m) => dialect.MoneyParameter(m);

    private static object Date(SqlDialect dialect, DateOnly d) => dialect.DateParameter(d);

    private static async Task CopyAsync(NpgsqlConnection c, IReadOnlyList<Application> batch, CancellationToken ct)
    {
        await using (var w = await c.BeginBinaryImportAsync("COPY applications (application_id, applicant_id, as_of_date, requested_amount) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false))
        {
            foreach (var a in batch)
            {
                w.StartRow();
                w.Write(a.ApplicationId, NpgsqlDbType.Text);
                w.Write(a.ApplicantId, NpgsqlDbType.Text);
                w.Write(a.AsOfDate, NpgsqlDbType.Date);
                w.Write(a.RequestedAmount, NpgsqlDbType.Numeric);
            }
            await w.CompleteAsync(ct).ConfigureAwait(false);
        }
        await using (var w = await c.BeginBinaryImportAsync("COPY obligation_accounts (application_id, account_id, obligation_type, furnisher, monthly_amount) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false))
        {
            foreach (var a in batch)
                foreach (var o in a.Obligations)
                {
                    w.StartRow();
                    w.Write(a.ApplicationId, NpgsqlDbType.Text);
                    w.Write(o.AccountId, NpgsqlDbType.Text);
                    w.Write(o.Type.ToWire(), NpgsqlDbType.Text);
                    w.Write(o.Furnisher, NpgsqlDbType.Text);
                    w.Write(o.MonthlyAmount, NpgsqlDbType.Numeric);
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
                        w.StartRow();
                        w.Write(a.ApplicationId, NpgsqlDbType.Text);
                        w.Write(o.AccountId, NpgsqlDbType.Text);
                        w.Write(i + 1, NpgsqlDbType.Integer);
                        w.Write(p.DueDate, NpgsqlDbType.Date);
                        w.Write(p.AmountDue, NpgsqlDbType.Numeric);
                        if (p.PaidDate is { } paid)
                            w.Write(paid, NpgsqlDbType.Date);
                        else
                            w.WriteNull();
                        w.Write(p.AmountPaid, NpgsqlDbType.Numeric);
                    }
            await w.CompleteAsync(ct).ConfigureAwait(false);
        }
        await using (var w = await c.BeginBinaryImportAsync("COPY cash_flow_months (application_id, month, inflow, outflow, lowest_balance, nsf_count) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false))
        {
            foreach (var a in batch)
                foreach (var m in a.CashFlow)
                {
                    w.StartRow();
                    w.Write(a.ApplicationId, NpgsqlDbType.Text);
                    w.Write(m.Month, NpgsqlDbType.Date);
                    w.Write(m.Inflow, NpgsqlDbType.Numeric);
                    w.Write(m.Outflow, NpgsqlDbType.Numeric);
                    w.Write(m.LowestBalance, NpgsqlDbType.Numeric);
                    w.Write(m.NsfCount, NpgsqlDbType.Integer);
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
