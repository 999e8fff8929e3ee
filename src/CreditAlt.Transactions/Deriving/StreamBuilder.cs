using CreditAlt.Core.Applications;

namespace CreditAlt.Transactions.Deriving;

/// <summary>
/// Turns one payee's payments into a monthly payment history (docs/transactions.md, "Recurring obligations"):
/// <list type="bullet">
/// <item>cadence from the median gap between payment dates: up to 10 days weekly, up to 20 biweekly, else monthly;</item>
/// <item>monthly: the due day ends the stream's usual paying week (<see cref="DueDay"/>). Month M's window runs from 10 days before its due date to 10 days before the next; the window's payments
/// pay month M until it holds 75 % of the monthly amount (the median monthly total), then the latest unpaid earlier
/// month; a payment before M's paying week (more than 6 days before its due date) pays the latest unpaid earlier month
/// first; a whole payment after a part payment in M's window makes the part the latest unpaid earlier month's; the
/// record's paid date is the payment that completed the month;</item>
/// <item>weekly and biweekly: calendar months, due on the last day, paid when the month's payments reach 75 %;</item>
/// <item>a month never paid is missing (no paid date); four or more unpaid months at the end mean the account was
/// closed after its last payment, and are not reported.</item>
/// </list>
/// A record paid at least 75 % is due what was paid (bills vary); one paid less is due the monthly amount (partial).
/// </summary>
public static class StreamBuilder
{
    /// <value>10 days: a payment up to 10 days before its due date is that month's.</value>
    public const int WindowLeadDays = 10;

    /// <value>75 %: the share of the monthly amount that makes a month paid.</value>
    public const decimal CompleteShare = 0.75m;

    /// <value>4: this many unpaid months at the end of a stream mean the account was closed. Three are not: a bill unpaid
    /// for the last three months before the as-of date is 90 days behind and still owed, the applicant falling behind now
    /// (issue 16: read as closed, 32 such months of 64,828 on 2,000 applications were hidden).</value>
    public const int ClosedAfterUnpaidMonths = 4;

    public static decimal MonthlyAmount(ReadOnlySpan<(DateOnly Date, decimal Amount)> payments)
    {
        var sums = new List<decimal>();
        var i = 0;
        while (i < payments.Length)
        {
            var (y, m) = (payments[i].Date.Year, payments[i].Date.Month);
            decimal sum = 0;
            while (i < payments.Length && payments[i].Date.Year == y && payments[i].Date.Month == m) sum += payments[i++].Amount;
            sums.Add(sum);
        }

        sums.Sort();
        var n = sums.Count;
        return n % 2 == 1 ? sums[n / 2] : Math.Round((sums[n / 2 - 1] + sums[n / 2]) / 2, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// The monthly amount of a stream: the median of its payment-window totals (monthly cadence, windows from the due
    /// day) or of its calendar-month totals (weekly, biweekly), so that a bill paid on the 31st and the next on the 1st
    /// are two months, and a rent split in two parts is one.
    /// </summary>
    public static decimal MonthlyAmount(ReadOnlySpan<(DateOnly Date, decimal Amount)> payments, string cadence, int dueDay)
    {
        if (cadence != "monthly") return MonthlyAmount(payments);
        var sums = new SortedDictionary<int, decimal>();
        foreach (var p in payments)
        {
            var month = new DateOnly(p.Date.Year, p.Date.Month, 1);
            if (p.Date < month.AddDays(dueDay - 1 - WindowLeadDays)) month = month.AddMonths(-1);
            else if (p.Date >= month.AddMonths(1).AddDays(dueDay - 1 - WindowLeadDays)) month = month.AddMonths(1);
            var key = month.Year * 12 + month.Month;
            sums[key] = sums.GetValueOrDefault(key) + p.Amount;
        }

        var sorted = sums.Values.Order().ToList();
        var n = sorted.Count;
        return n % 2 == 1 ? sorted[n / 2] : Math.Round((sorted[n / 2 - 1] + sorted[n / 2]) / 2, 2, MidpointRounding.AwayFromZero);
    }

    /// <value>5 days: payments this close together are one payment in parts (a rent split in two) for the cadence.</value>
    public const int PartsWithinDays = 5;

    /// <value>7 days: the week up to its due date in which a bill is usually paid (docs/transactions.md, "due day").</value>
    public const int PayingWeekDays = 7;

    /// <summary>
    /// Weekly, biweekly or monthly from the median gap between payments, where payments at most 5 days after the
    /// previous one are parts of it (so a rent paid in two parts three days apart stays monthly).
    /// </summary>
    public static string Cadence(ReadOnlySpan<(DateOnly Date, decimal Amount)> payments)
    {
        var gaps = new List<int>();
        for (var i = 1; i < payments.Length; i++)
        {
            var gap = payments[i].Date.DayNumber - payments[i - 1].Date.DayNumber;
            if (gap > PartsWithinDays) gaps.Add(gap);
        }

        if (gaps.Count == 0) return "monthly";
        gaps.Sort();
        var median = gaps[gaps.Count / 2];
        return median <= 10 ? "weekly" : median <= 20 ? "biweekly" : "monthly";
    }

    /// <value>3 days: the days just before the paying week (7–9 days before the due date), where few bills are paid.</value>
    public const int EarlyDays = 3;

    /// <summary>
    /// The due day (1–28): people pay a bill in the week up to its due date, so it is the day that ends the 7-day
    /// stretch (across month ends) holding payments in the most months; of equal days, the one with the fewest payments
    /// 7–9 days before it (just before its paying week: a bill is seldom paid a week or more early, so a due date with
    /// payments there is the less likely of two; this decides between the weeks of a bill paid late in most months),
    /// then the earliest — the last day of the usual paying week, not its middle (a bill paid by autopay on its due date,
    /// every month on the 1st, is due on the 1st: the middle of the equal days 1st–7th would say the 4th).
    /// </summary>
    public static int DueDay(ReadOnlySpan<(DateOnly Date, decimal Amount)> payments)
    {
        if (payments.IsEmpty) return 1;
        // Per payment, the first days of the month before, its own and the next (day numbers) and their month keys: the
        // nearest occurrence of day d is one of those three plus d - 1, and lies in that month (d ≤ 28). Computed once,
        // not per candidate day: this loop ran 28 × payments × 6 AddMonths, the deriver's largest cost.
        var n = payments.Length;
        var starts = new int[n * 3];
        var keys = new int[n * 3];
        int minKey = int.MaxValue, maxKey = int.MinValue;
        for (var i = 0; i < n; i++)
        {
            var date = payments[i].Date;
            var month = new DateOnly(date.Year, date.Month, 1);
            for (var k = 0; k < 3; k++)
            {
                var m = month.AddMonths(k - 1);
                starts[i * 3 + k] = m.DayNumber;
                keys[i * 3 + k] = m.Year * 12 + m.Month;
            }
            minKey = Math.Min(minKey, keys[i * 3]);
            maxKey = Math.Max(maxKey, keys[i * 3 + 2]);
        }

        // Months, not payments: the two parts of a split rent are one month's payment. seen[key] == d marks a month counted for d.
        var seen = new int[maxKey - minKey + 1];
        var best = 1;
        var bestCount = -1;
        var bestEarly = int.MaxValue;
        for (var d = 1; d <= 28; d++)
        {
            var count = 0;
            var early = 0;
            for (var i = 0; i < n; i++)
            {
                var day = payments[i].Date.DayNumber;
                // Signed days from the nearest occurrence of day d (the earliest of equally near ones) to the payment.
                var offset = int.MaxValue;
                var nearest = 0;
                for (var k = 0; k < 3; k++)
                {
                    var off = day - (starts[i * 3 + k] + d - 1);
                    if (Math.Abs(off) < Math.Abs(offset)) (offset, nearest) = (off, k);
                }

                if (offset <= -PayingWeekDays && offset > -PayingWeekDays - EarlyDays) early++;
                if (offset is > 0 or <= -PayingWeekDays) continue;
                var slot = keys[i * 3 + nearest] - minKey;
                if (seen[slot] == d) continue;
                seen[slot] = d;
                count++;
            }

            if (count > bestCount || (count == bestCount && early < bestEarly)) (best, bestCount, bestEarly) = (d, count, early);
        }

        return best;
    }

    /// <summary>The payment records of a stream (payments in date order, none after the as-of date).</summary>
    public static PaymentRecord[] Records(ReadOnlySpan<(DateOnly Date, decimal Amount)> payments, decimal monthly, string cadence, int dueDay, DateOnly asOf)
    {
        if (payments.Length == 0) return [];
        var complete = monthly * CompleteShare;
        var first = new DateOnly(payments[0].Date.Year, payments[0].Date.Month, 1);
        DateOnly Due(DateOnly month) => cadence == "monthly" ? month.AddDays(dueDay - 1) : month.AddMonths(1).AddDays(-1);
        DateOnly WindowStart(DateOnly month) => cadence == "monthly" ? Due(month).AddDays(-WindowLeadDays) : month;

        while (payments[0].Date < WindowStart(first)) first = first.AddMonths(-1);
        while (payments[0].Date >= WindowStart(first.AddMonths(1))) first = first.AddMonths(1);
        var months = new List<DateOnly>();
        for (var m = first; Due(m) <= asOf; m = m.AddMonths(1)) months.Add(m);
        if (months.Count == 0) return [];

        var (sum, date, extra) = Allocate(payments, months, complete, WindowStart, cadence == "monthly" ? Due : null);
        if (extra > 0 && cadence == "monthly")
        {
            // A whole extra payment in the first windows, with no earlier month unpaid, is the late payment of a month
            // before the stream's first payment (a history that starts with a late month): those months are added.
            for (var k = 0; k < extra; k++) months.Insert(0, months[0].AddMonths(-1));
            (sum, date, _) = Allocate(payments, months, complete, WindowStart, cadence == "monthly" ? Due : null);
        }

        var count = months.Count;
        var unpaidTail = 0;
        while (unpaidTail < count && sum[count - 1 - unpaidTail] == 0) unpaidTail++;
        if (unpaidTail >= ClosedAfterUnpaidMonths) count -= unpaidTail;

        var records = new PaymentRecord[count];
        for (var k = 0; k < count; k++)
        {
            var due = Due(months[k]);
            records[k] = sum[k] == 0
                ? new PaymentRecord(due, monthly, null, 0m)
                : new PaymentRecord(due, sum[k] >= complete ? sum[k] : monthly, date[k], sum[k]);
        }

        return records;
    }

    /// <value>3: how many windows at the start of a stream may reveal a late payment of an earlier month.</value>
    public const int LeadingLateWindows = 3;

    // Month w's window pays month w until it is complete, then the latest earlier unpaid month; with due dates (monthly
    // cadence), a payment before w's paying week pays the latest earlier unpaid month first. Returns each month's sum and
    // paid date, and how many whole payments in the first windows found nothing left to pay.
    private static (decimal[] Sum, DateOnly?[] Date, int Extra) Allocate(
        ReadOnlySpan<(DateOnly Date, decimal Amount)> payments, List<DateOnly> months, decimal complete, Func<DateOnly, DateOnly> windowStart, Func<DateOnly, DateOnly>? due)
    {
        var sum = new decimal[months.Count];
        var date = new DateOnly?[months.Count];
        var extra = 0;
        var p = 0;
        while (p < payments.Length && payments[p].Date < windowStart(months[0])) p++;
        for (var w = 0; w < months.Count; w++)
        {
            var end = w + 1 < months.Count ? windowStart(months[w + 1]) : DateOnly.MaxValue;
            var first = p;
            for (; p < payments.Length && payments[p].Date < end; p++)
            {
                var target = w;
                if (sum[w] > 0 && sum[w] < complete && payments[p].Amount >= complete)
                {
                    // A whole payment after a part payment in the same window: the whole one is this month's, the part was
                    // paid towards the latest earlier month still unpaid (if any; a split rent's parts are each short of 75 %).
                    var k = LatestUnpaidBefore(sum, w, complete);
                    if (k < w)
                    {
                        sum[k] += sum[w];
                        if (date[k] is null || sum[k] - sum[w] < complete) date[k] = payments[first].Date;
                        (sum[w], date[w]) = (0, null);
                    }
                }

                if (due is not null && sum[w] < complete && payments[p].Date.DayNumber < due(months[w]).DayNumber - (PayingWeekDays - 1))
                {
                    // Before this month's paying week (more than 6 days before its due date): a late payment of the latest
                    // earlier month still unpaid, if any, rather than this month's paid very early.
                    target = LatestUnpaidBefore(sum, w, complete);
                }

                if (target == w && sum[w] >= complete)
                {
                    // This month is paid: the payment settles the latest earlier month still unpaid, if any (a late payment is
                    // more often the last month's than one long overdue: measured on generated histories, docs/transactions.md).
                    target = LatestUnpaidBefore(sum, w, complete);
                    if (target == w && w < LeadingLateWindows && payments[p].Amount >= complete) extra++;
                }

                sum[target] += payments[p].Amount;
                if (date[target] is null || sum[target] - payments[p].Amount < complete) date[target] = payments[p].Date;
            }
        }

        return (sum, date, Math.Min(extra, LeadingLateWindows));
    }

    // The latest month before w still short of complete, or w itself when there is none.
    private static int LatestUnpaidBefore(decimal[] sum, int w, decimal complete)
    {
        for (var k = w - 1; k >= 0; k--)
            if (sum[k] < complete) return k;
        return w;
    }
}
