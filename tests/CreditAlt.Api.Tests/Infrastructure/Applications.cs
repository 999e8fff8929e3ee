using System.Globalization;
using System.Text;
using CreditAlt.Core.Applications;

namespace CreditAlt.Api.Tests.Infrastructure;

/// <summary>
/// Applications whose scores under Fixtures/scorecard.json are worked out by hand. The scorecard: base 560;
/// rent on-time share 12m &lt;0.8 → 0, [0.8,0.95) → 25, ≥0.95 → 50, missing 20; 30-day lates 12m 0 → 40, 1–2 → 15,
/// ≥3 → 0, missing 20; lowest balance 6m &lt;0 → 0, [0,500) → 20, ≥500 → 35, missing 10; NSF 12m 0 → 25, 1–2 → 10,
/// ≥3 → 0, missing 10. Approve ≥ 680, refer 620–679, decline &lt; 620; insufficient data under 6 months of history.
/// </summary>
public static class Applications
{
    public static readonly DateOnly AsOf = new(2026, 6, 30);

    /// <summary>12 rent payments due 2025-07-01 … 2026-06-01; the months in <paramref name="lateMonths"/> (1 = first) paid 40 days late.</summary>
    public static ObligationAccount Rent(int months = 12, params int[] lateMonths) => Rent(months, 40, lateMonths);

    /// <summary>Rent payments ending 2026-06-01; the months in <paramref name="lateMonths"/> paid <paramref name="daysLate"/> days late.</summary>
    public static ObligationAccount Rent(int months, int daysLate, int[] lateMonths)
    {
        var first = new DateOnly(2026, 6, 1).AddMonths(-(months - 1));
        var payments = Enumerable.Range(0, months).Select(i =>
        {
            var due = first.AddMonths(i);
            var paid = lateMonths.Contains(i + 1) ? due.AddDays(daysLate) : due;
            return new PaymentRecord(due, 1200m, paid, 1200m);
        }).ToArray();
        return new ObligationAccount("LEASE-0001", ObligationType.Rent, "Maple Court Apartments", 1200m, payments);
    }

    /// <summary>Six months 2026-01 … 2026-06; May's lowest balance is <paramref name="lowest"/>, one NSF item in each of the last <paramref name="nsf"/> months.</summary>
    public static CashFlowMonth[] CashFlow(decimal lowest, int nsf) =>
        Enumerable.Range(0, 6).Select(i => new CashFlowMonth(new DateOnly(2026, 1 + i, 1), 4000m, 3500m, i == 4 ? lowest : 900m, i >= 6 - nsf ? 1 : 0)).ToArray();

    public static Application Make(string id, ObligationAccount rent, CashFlowMonth[]? cash) =>
        new(id, "PER-" + id, AsOf, 2500m, [rent], cash ?? []);

    /// <summary>560 + 50 + 40 + 35 + 25 = 710: approve.</summary>
    public static Application Approve(string id = "APP-APPROVE") => Make(id, Rent(), CashFlow(600m, 0));

    /// <summary>On-time 11/12 = 0.917 (25, loses 25), one late (15, loses 25), lowest 300 (20, loses 15), no NSF (25): 645, refer.</summary>
    public static Application Refer(string id = "APP-REFER") => Make(id, Rent(12, 6), CashFlow(300m, 0));

    /// <summary>On-time 8/12 (0, loses 50), four lates (0, loses 40), lowest −200 (0, loses 35), three NSF (0, loses 25): 560, decline.</summary>
    public static Application Decline(string id = "APP-DECLINE") => Make(id, Rent(12, 1, 4, 7, 10), CashFlow(-200m, 3));

    /// <summary>
    /// Four payments 10 days late: on-time 8/12 (0) but no 30-day late (40); lowest −200 (0); one NSF (10): 610, decline.
    /// Recourse needs 70 points from the actionable attributes: on-time to ≥ 0.95 (+50, two bins) and lowest balance to
    /// [0, 500) (+20, one bin) is the cheapest pair that reaches it (no single attribute gives 70).
    /// </summary>
    public static Application DeclineWithRecourse(string id = "APP-RECOURSE") => Make(id, Rent(12, 10, [1, 4, 7, 10]), CashFlow(-200m, 1));

    /// <summary>Three months of rent history only: insufficient data.</summary>
    public static Application Thin(string id = "APP-THIN") => Make(id, Rent(3), null);

    public static string Json(Application a) => ApplicationJson.ToJson(a);

    public static StringContent Body(Application a) => Body(Json(a));

    public static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
