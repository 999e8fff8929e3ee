using System.Text;
using CreditAlt.Portfolio.Csv;

namespace CreditAlt.Portfolio.Tests;

/// <summary>A small hand-written portfolio; tests change one file at a time to provoke each error.</summary>
internal sealed record PortfolioFixture(string Applications, string Obligations, string Payments, string CashFlow)
{
    public static readonly PortfolioFixture Valid = new(
        """
        application_id,applicant_id,as_of_date,requested_amount
        A1,P1,2026-06-30,2500
        A2,P2,2026-06-30,1000.50

        """,
        """
        application_id,account_id,type,furnisher,monthly_amount
        A1,R1,rent,"Oak & Pine Homes, LLC",1200
        A1,T1,telecom,Skyline Wireless,55.99
        A2,U1,utility,City Water Utility,80

        """,
        """
        application_id,account_id,due_date,amount_due,paid_date,amount_paid
        A1,R1,2026-04-01,1200,2026-03-30,1200
        A1,R1,2026-05-01,1200,2026-06-05,600
        A1,T1,2026-05-15,55.99,,0
        A1,R1,2026-06-01,1200,2026-06-01,1200
        A2,U1,2026-06-10,80,2026-06-10,80

        """,
        """
        application_id,month,inflow,outflow,lowest_balance,nsf_count
        A1,2026-04,3000,2900.10,-45.5,1
        A1,2026-05,3100,3200,120,0

        """);

    public PortfolioReader Open() => new(S(Applications), S(Obligations), S(Payments), S(CashFlow));

    public List<CreditAlt.Core.Applications.Application> ReadAll()
    {
        using var reader = Open();
        return [.. reader.ReadAll()];
    }

    private static MemoryStream S(string text) => new(Encoding.UTF8.GetBytes(text));
}
