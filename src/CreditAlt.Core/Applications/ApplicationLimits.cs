namespace CreditAlt.Core.Applications;

/// <summary>The documented bounds of a valid application (docs/data-formats.md).</summary>
public static class ApplicationLimits
{
    /// <value>20 obligation accounts per application.</value>
    public const int MaxAccounts = 20;

    /// <value>120 monthly payment records (ten years) per account.</value>
    public const int MaxPaymentsPerAccount = 120;

    /// <value>60 cash-flow months per application.</value>
    public const int MaxCashFlowMonths = 60;

    /// <value>1,000,000 for any single monthly amount (due, paid, monthly obligation).</value>
    public const decimal MaxMonthlyAmount = 1_000_000m;

    /// <value>10,000,000 for the requested amount and for a month's inflow or outflow.</value>
    public const decimal MaxLargeAmount = 10_000_000m;

    /// <value>1,000 returned or overdraft items in one month.</value>
    public const int MaxNsfPerMonth = 1_000;

    /// <value>64 characters for any identifier.</value>
    public const int MaxIdLength = 64;

    /// <value>200 characters for a furnisher name.</value>
    public const int MaxFurnisherLength = 200;

    /// <summary>No record may be dated before this day.</summary>
    public static readonly DateOnly EarliestDate = new(1990, 1, 1);
}
