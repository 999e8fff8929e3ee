using CreditAlt.Core.Applications;
using CreditAlt.Demographics;
using CreditAlt.Portfolio.Audit;

namespace CreditAlt.Portfolio.Csv;

/// <summary>Formats the rows of each bulk file (docs/data-formats.md) into UTF-8 buffers.</summary>
public static class PortfolioRows
{
    public static void WriteHeader(Utf8RowBuffer buffer, IReadOnlyList<string> header)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (i > 0) buffer.Comma();
            buffer.Text(header[i]);
        }
        buffer.EndRow();
    }

    /// <summary>Writes one application's rows to the four input files' buffers, in the documented order.</summary>
    /// <summary>The application's rows of sources.csv (accounts that name a source, then the cash flow's); none when it names no source.</summary>
    public static int WriteSources(Application a, Utf8RowBuffer sources)
    {
        var rows = 0;
        foreach (var account in a.Obligations)
            if (account.Source is { } s)
                rows += SourceRow(a.ApplicationId, account.AccountId, s, sources);
        if (a.CashFlowSource is { } cash)
            rows += SourceRow(a.ApplicationId, "", cash, sources);
        return rows;
    }

    private static int SourceRow(string applicationId, string accountId, DataSource s, Utf8RowBuffer b)
    {
        b.Text(applicationId);
        b.Comma();
        b.Text(accountId);
        b.Comma();
        b.Text(s.Name);
        b.Comma();
        b.Text(s.Address ?? "");
        b.Comma();
        b.Text(s.Phone ?? "");
        b.Comma();
        b.Text(s.IsConsumerReportingAgency ? "true" : "false");
        b.EndRow();
        return 1;
    }

    public static void WriteApplication(Application a, Utf8RowBuffer applications, Utf8RowBuffer obligations, Utf8RowBuffer payments, Utf8RowBuffer cashFlow)
    {
        applications.Text(a.ApplicationId);
        applications.Comma();
        applications.Text(a.ApplicantId);
        applications.Comma();
        applications.Date(a.AsOfDate);
        applications.Comma();
        applications.Money(a.RequestedAmount);
        applications.EndRow();

        var id = Utf8RowBuffer.Encode(a.ApplicationId);
        foreach (var account in a.Obligations)
        {
            var accountId = Utf8RowBuffer.Encode(account.AccountId);
            obligations.Raw(id);
            obligations.Comma();
            obligations.Raw(accountId);
            obligations.Comma();
            obligations.Text(account.Type.ToWire());
            obligations.Comma();
            obligations.Text(account.Furnisher);
            obligations.Comma();
            obligations.Money(account.MonthlyAmount);
            obligations.EndRow();
            foreach (var p in account.Payments)
            {
                payments.Raw(id);
                payments.Comma();
                payments.Raw(accountId);
                payments.Comma();
                payments.Date(p.DueDate);
                payments.Comma();
                payments.Money(p.AmountDue);
                payments.Comma();
                if (p.PaidDate is { } paid) payments.Date(paid);
                payments.Comma();
                payments.Money(p.AmountPaid);
                payments.EndRow();
            }
        }

        foreach (var m in a.CashFlow)
        {
            cashFlow.Raw(id);
            cashFlow.Comma();
            cashFlow.Month(m.Month);
            cashFlow.Comma();
            cashFlow.Money(m.Inflow);
            cashFlow.Comma();
            cashFlow.Money(m.Outflow);
            cashFlow.Comma();
            cashFlow.Money(m.LowestBalance);
            cashFlow.Comma();
            cashFlow.Integer(m.NsfCount);
            cashFlow.EndRow();
        }
    }

    public static void WriteDemographics(DemographicRecord d, Utf8RowBuffer buffer)
    {
        buffer.Text(d.ApplicationId);
        buffer.Comma();
        if (d.RaceEthnicity is { } race) buffer.Text(race.ToWire());
        buffer.Comma();
        if (d.Sex is { } sex) buffer.Text(sex.ToWire());
        buffer.Comma();
        if (d.AgeBand is { } age) buffer.Text(age.ToWire());
        buffer.EndRow();
    }

    public static void WriteOutcome(OutcomeRecord o, Utf8RowBuffer buffer)
    {
        buffer.Text(o.ApplicationId);
        buffer.Comma();
        buffer.Byte(o.Defaulted ? (byte)'1' : (byte)'0');
        buffer.Comma();
        if (!double.IsNaN(o.TruePd)) buffer.Probability(o.TruePd);
        buffer.Comma();
        if (o.BureauScore is { } score) buffer.Integer(score);
        buffer.EndRow();
    }
}
