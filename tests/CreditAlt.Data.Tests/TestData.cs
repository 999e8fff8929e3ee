using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CreditAlt.Core.Applications;
using CreditAlt.Data.Ledger;

namespace CreditAlt.Data.Tests;

/// <summary>A clock the tests set by hand.</summary>
public sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

public static class TestData
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 30, 15, 123, TimeSpan.Zero);

    public static DateOnly D(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    public static Application Application(string id = "APP-1") => new(
        id, "PER-" + id, D("2026-02-28"), 2500.00m,
        [
            new ObligationAccount("RENT-1", ObligationType.Rent, "Acme Lettings", 950.00m,
            [
                new PaymentRecord(D("2025-12-01"), 950.00m, D("2025-12-01"), 950.00m),
                new PaymentRecord(D("2026-01-01"), 950.00m, D("2026-02-05"), 900.50m),
                new PaymentRecord(D("2026-02-01"), 950.00m, null, 0m),
            ]),
            new ObligationAccount("UTIL-1", ObligationType.Utility, "City Power", 80.25m,
            [
                new PaymentRecord(D("2026-01-15"), 80.25m, D("2026-01-14"), 80.25m),
            ]),
        ],
        [
            new CashFlowMonth(D("2026-01-01"), 3200.00m, 2950.75m, -12.40m, 1),
            new CashFlowMonth(D("2026-02-01"), 3100.00m, 3000.00m, 40.00m, 0),
        ]);

    public static DecisionToRecord Decision(
        string decisionId, string lender = "LENDER-A", string applicationId = "APP-1", int? score = 612, string decision = "decline",
        string? idempotencyKey = null, string? requestHash = null, DateTimeOffset? at = null)
    {
        var app = Application(applicationId);
        return new DecisionToRecord(
            decisionId, lender, app.ApplicationId, app.ApplicantId, "scorecard", "2026.1", CanonicalApplicationJson.Of(app),
            score, decision,
            [
                new DecisionReason("RENT_LATE_30", "1 rent payment 30 or more days late in the last 12 months"),
                new DecisionReason("NSF_COUNT", "1 returned or overdraft item in the last 3 months"),
            ],
            decision == "decline" ? "Two more months of on-time rent would have reached approval." : null,
            D("2026-02-28"), at ?? T0, idempotencyKey, requestHash);
    }

    public static string Sha256Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
