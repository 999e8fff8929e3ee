using CreditAlt.Core.Applications;

namespace CreditAlt.Core.Tests;

/// <summary>Small hand-written applications whose attribute values are worked out by hand in the tests.</summary>
internal static class TestApplications
{
    public static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    public static PaymentRecord Paid(string due, string paid, decimal amount, decimal? amountPaid = null) =>
        new(D(due), amount, D(paid), amountPaid ?? amount);

    public static PaymentRecord Unpaid(string due, decimal amount) => new(D(due), amount, null, 0m);

    public static Application Make(string asOf, ObligationAccount[] accounts, CashFlowMonth[]? cashFlow = null) =>
        new("APP-1", "PER-1", D(asOf), 2000m, accounts, cashFlow ?? []);

    /// <summary>
    /// As of 2026-06-30: a rent account with 14 months (early, grace-day, 6-day late, partial, unpaid and
    /// a 44-day late payment among them), a utility account with a pending payment, and six months of cash flow.
    /// </summary>
    public static Application Worked() => Make("2026-06-30",
    [
        new("R1", ObligationType.Rent, "Maple Court", 1000m,
        [
            Paid("2025-05-01", "2025-05-01", 1000m),
            Paid("2025-06-01", "2025-07-15", 1000m),         // 44 days late, outside the 12-month window
            Paid("2025-07-01", "2025-06-25", 1000m),         // early
            Paid("2025-08-01", "2025-08-06", 1000m),         // 5 days: within grace
            Paid("2025-09-01", "2025-09-07", 1000m),         // 6 days: not on time, not 30 late
            Paid("2025-10-01", "2025-10-01", 1000m, 500m),   // partial
            Unpaid("2025-11-01", 1000m),                     // never paid: 241 days past due on the as-of date
            Paid("2025-12-01", "2025-12-01", 1000m),
            Paid("2026-01-01", "2026-01-01", 1000m),
            Paid("2026-02-01", "2026-02-01", 1000m),
            Paid("2026-03-01", "2026-03-01", 1000m),
            Paid("2026-04-01", "2026-04-01", 1000m),
            Paid("2026-05-01", "2026-05-01", 1000m),
            Paid("2026-06-01", "2026-06-02", 1000m),
        ]),
        new("U1", ObligationType.Utility, "City Power", 100m,
        [
            Paid("2026-04-27", "2026-04-27", 100m),
            Paid("2026-05-27", "2026-05-20", 100m),
            Unpaid("2026-06-27", 100m),                      // 3 days after due: pending
        ]),
    ],
    [
        new(D("2026-01-01"), 3000m, 2800m, 200m, 0),
        new(D("2026-02-01"), 3000m, 3100m, -50m, 1),
        new(D("2026-03-01"), 2000m, 2500m, 100m, 2),
        new(D("2026-04-01"), 4000m, 3000m, 300m, 0),
        new(D("2026-05-01"), 3000m, 2900m, 150m, 0),
        new(D("2026-06-01"), 3000m, 3200m, 80m, 0),
    ]);
}
