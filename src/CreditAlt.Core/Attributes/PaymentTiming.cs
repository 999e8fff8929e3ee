using CreditAlt.Core.Applications;

namespace CreditAlt.Core.Attributes;

/// <summary>
/// How one payment record is judged as of a date. The rules are documented in docs/attributes.md:
/// days past due run from the due date to the payment date, or to the as-of date while unpaid;
/// a payment is on time when paid in full within <see cref="GraceDays"/> days of its due date;
/// an unpaid record still inside the grace period is pending and judged neither way.
/// </summary>
public static class PaymentTiming
{
    /// <value>5 days: a lease or bill paid within five days of its due date counts as on time.</value>
    public const int GraceDays = 5;

    public static int DaysPastDue(PaymentRecord payment, DateOnly asOf)
    {
        var end = payment.PaidDate ?? asOf;
        var days = end.DayNumber - payment.DueDate.DayNumber;
        return days > 0 ? days : 0;
    }

    public static bool IsPaidInFull(PaymentRecord payment) => payment.PaidDate is not null && payment.AmountPaid >= payment.AmountDue;

    public static bool IsPartial(PaymentRecord payment) => payment.PaidDate is not null && payment.AmountPaid < payment.AmountDue;

    /// <summary>Unpaid and still within the grace period on the as-of date: too early to judge.</summary>
    public static bool IsPending(PaymentRecord payment, DateOnly asOf) =>
        payment.PaidDate is null && asOf.DayNumber - payment.DueDate.DayNumber <= GraceDays;

    public static bool IsOnTime(PaymentRecord payment, DateOnly asOf) =>
        IsPaidInFull(payment) && DaysPastDue(payment, asOf) <= GraceDays;

    /// <summary>Month index (year × 12 + month − 1), used to count whole months between dates.</summary>
    public static int MonthIndex(DateOnly date) => date.Year * 12 + date.Month - 1;
}
