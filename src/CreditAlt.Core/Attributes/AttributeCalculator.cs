using CreditAlt.Core.AbilityToPay;
using CreditAlt.Core.Applications;
using static CreditAlt.Core.Attributes.AttributeIndex;

namespace CreditAlt.Core.Attributes;

/// <summary>
/// Computes every catalogue attribute for one application as of its own as-of date. One pass
/// over each account's payments; no allocation on the common path (payments already in due-date
/// order), so a portfolio of millions streams through at memory speed. Never reads the clock.
/// </summary>
public static class AttributeCalculator
{
    /// <value>Months of obligation payment history below which an applicant has insufficient data.</value>
    public const int MinMonthsOfHistory = 6;

    /// <value>Cap for ratios whose denominator can vanish (burden with no inflow, variability with zero mean).</value>
    public const double RatioCap = 10;

    // Accumulator slots: one per obligation type, then one for all obligations together.
    private const int AllSlot = 6;
    private const int Slots = 7;

    public static double[] Compute(Application application)
    {
        var values = new double[AttributeIndex.Count];
        Compute(application, values);
        return values;
    }

    /// <summary>Fills <paramref name="values"/> (length ≥ <see cref="AttributeIndex.Count"/>) in catalogue order; NaN means missing.</summary>
    public static void Compute(Application application, Span<double> values)
    {
        if (values.Length < AttributeIndex.Count)
            throw new ArgumentException($"Need room for {AttributeIndex.Count} attributes.", nameof(values));
        var asOf = application.AsOfDate;
        var window = new Window(asOf);

        Span<Tally> slots = stackalloc Tally[Slots];
        for (var s = 0; s < Slots; s++) slots[s] = Tally.Empty;
        // Amounts are summed as decimals, which are exact for money, so no sum depends on the order the accounts or
        // months come in (a double sum does, in its last bits, and a ratio at a bin edge then flips its bin).
        decimal activeMonthlyAmount = 0;

        var obligations = application.Obligations;
        for (var a = 0; a < obligations.Count; a++)
        {
            var account = obligations[a];
            var tally = TallyAccount(Records(account.Payments), window, out var active);
            slots[(int)account.Type].Add(tally);
            slots[AllSlot].Add(tally);
            if (active) activeMonthlyAmount += account.MonthlyAmount;
        }

        ref var rent = ref slots[(int)ObligationType.Rent];
        ref var utility = ref slots[(int)ObligationType.Utility];
        ref var telecom = ref slots[(int)ObligationType.Telecom];
        ref var childcare = ref slots[(int)ObligationType.Childcare];
        ref var all = ref slots[AllSlot];
        var asOfMonth = window.AsOfMonth;

        values[RentOnTimeShare12m] = Share(rent.OnTime12, rent.Judged12);
        values[RentOnTimeShare24m] = Share(rent.OnTime24, rent.Judged24);
        values[RentLate30Count12m] = CountIn(rent.Late30In12, rent.In12);
        values[RentLate60Count24m] = CountIn(rent.Late60In24, rent.In24);
        values[RentMonthsSinceLate30] = MonthsSinceLate(rent, asOfMonth);
        values[RentLongestOnTimeStreak] = rent.Records == 0 ? double.NaN : rent.BestStreak;
        values[RentMonthsHistory] = History(rent, asOfMonth);
        values[UtilityOnTimeShare12m] = Share(utility.OnTime12, utility.Judged12);
        values[UtilityOnTimeShare24m] = Share(utility.OnTime24, utility.Judged24);
        values[UtilityLate30Count12m] = CountIn(utility.Late30In12, utility.In12);
        values[UtilityMonthsHistory] = History(utility, asOfMonth);
        values[TelecomOnTimeShare12m] = Share(telecom.OnTime12, telecom.Judged12);
        values[TelecomOnTimeShare24m] = Share(telecom.OnTime24, telecom.Judged24);
        values[TelecomLate30Count12m] = CountIn(telecom.Late30In12, telecom.In12);
        values[TelecomMonthsHistory] = History(telecom, asOfMonth);
        values[ChildcareOnTimeShare12m] = Share(childcare.OnTime12, childcare.Judged12);
        values[ChildcareLate30Count12m] = CountIn(childcare.Late30In12, childcare.In12);
        values[ChildcareMonthsHistory] = History(childcare, asOfMonth);

        var typesWithHistory = 0;
        for (var s = 0; s < AllSlot; s++)
            if (slots[s].Records > 0) typesWithHistory++;
        values[AllLate30Count12m] = CountIn(all.Late30In12, all.In12);
        values[AllLate60Count24m] = CountIn(all.Late60In24, all.In24);
        values[AllLate90Count24m] = CountIn(all.Late90In24, all.In24);
        values[AllMonthsSinceLate30] = MonthsSinceLate(all, asOfMonth);
        values[AllLongestOnTimeStreak] = all.Records == 0 ? double.NaN : all.BestStreak;
        values[AllPartialShare12m] = Share(all.Partial12, all.Judged12);
        values[AllMissedCount24m] = CountIn(all.Missed24, all.In24);
        values[AllMonthsHistory] = History(all, asOfMonth);
        values[ObligationTypeCount] = typesWithHistory;

        ComputeCashFlow(application.CashFlow, window, activeMonthlyAmount, values);
        ComputeAbilityToPay(application.CashFlow, window, activeMonthlyAmount, ProductTerms.Default.MonthlyPayment(application.RequestedAmount), values);
    }

    /// <summary>
    /// What the residual income of an application is made of (docs/attributes.md, <c>cashflow_residual_income_ratio</c>):
    /// the median monthly inflow of the last 6 months (null without cash-flow months in them) and the monthly amount due on
    /// active obligations. The counteroffer prices other amounts against these.
    /// </summary>
    public static (decimal? MedianInflow, decimal ActiveObligations) ResidualIncomeInputs(Application application)
    {
        var window = new Window(application.AsOfDate);
        decimal active = 0;
        foreach (var account in application.Obligations)
        {
            TallyAccount(Records(account.Payments), window, out var isActive);
            if (isActive) active += account.MonthlyAmount;
        }

        Span<decimal> buffer = stackalloc decimal[MonthsBuffer];
        var inflows = Inflows6(application.CashFlow, window, buffer);
        return (inflows.Length == 0 ? null : Median(inflows), active);
    }

    /// <summary>
    /// (inflow − obligations − instalment) ÷ inflow, floored at −1; with no inflow, −1 when anything is due and 0 otherwise.
    /// Decimal arithmetic, so the ratio does not depend on the order the amounts were summed in.
    /// </summary>
    public static double ResidualIncomeRatio(decimal medianInflow, decimal activeObligations, decimal instalment)
    {
        var residual = medianInflow - activeObligations - instalment;
        if (medianInflow <= 0) return residual < 0 ? -1 : 0;
        return Math.Max((double)(residual / medianInflow), -1);
    }

    // Months of cash flow the last 6 months can hold (7 when the as-of date is late in its month), with room to spare.
    private const int MonthsBuffer = 16;

    private static void ComputeAbilityToPay(IReadOnlyList<CashFlowMonth> cashFlow, in Window window, decimal activeMonthlyAmount, decimal instalment, Span<double> values)
    {
        Span<decimal> buffer = stackalloc decimal[MonthsBuffer];
        var inflows = Inflows6(cashFlow, window, buffer);
        if (inflows.Length == 0)
        {
            values[CashFlowIncomeStability6m] = double.NaN;
            values[CashFlowResidualIncomeRatio] = double.NaN;
            return;
        }

        var median = Median(inflows);
        values[CashFlowResidualIncomeRatio] = ResidualIncomeRatio(median, activeMonthlyAmount, instalment);
        // inflows is sorted by Median: its first element is the lowest month.
        values[CashFlowIncomeStability6m] = inflows.Length < 3 ? double.NaN : median <= 0 ? 0 : Math.Clamp((double)(inflows[0] / median), 0, 1);
    }

    /// <summary>The inflows of the cash-flow months in the last 6 months, in <paramref name="buffer"/> when they fit.</summary>
    private static Span<decimal> Inflows6(IReadOnlyList<CashFlowMonth> cashFlow, in Window window, Span<decimal> buffer)
    {
        var n = 0;
        for (var i = 0; i < cashFlow.Count; i++)
            if (cashFlow[i].Month.DayNumber > window.From6) n++;
        var inflows = n <= buffer.Length ? buffer[..n] : new decimal[n];
        var k = 0;
        for (var i = 0; i < cashFlow.Count; i++)
            if (cashFlow[i].Month.DayNumber > window.From6) inflows[k++] = cashFlow[i].Inflow;
        return inflows;
    }

    /// <summary>Sorts <paramref name="values"/> (non-empty) and returns its median (the mean of the middle two for an even count).</summary>
    private static decimal Median(Span<decimal> values)
    {
        values.Sort();
        var n = values.Length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    /// <summary>
    /// One pass over an account's payments in the order given. Everything but the on-time streak is a sum, a minimum or a
    /// maximum, so order does not matter; the streak does, and is walked again in due-date order when the records come
    /// out of order (JSON allows it) or two are due the same day. Months are worked out from day numbers only for the first and the latest late record.
    /// </summary>
    private static Tally TallyAccount(ReadOnlySpan<PaymentRecord> payments, in Window window, out bool active)
    {
        var t = Tally.Empty;
        active = false;
        int streak = 0, previousDue = int.MinValue;
        var inOrder = true;
        int asOfDay = window.AsOfDay, from3 = window.From3, from12 = window.From12, from24 = window.From24;
        foreach (var p in payments)
        {
            var due = p.DueDate.DayNumber;
            if (due <= previousDue) inOrder = false;
            previousDue = due;
            Judge(p, asOfDay, out var dpd, out var onTime, out var pending);

            t.Records++;
            if (due < t.FirstDue) t.FirstDue = due;
            if (dpd >= 30 && due > t.LastLateDue) t.LastLateDue = due;
            if (due > from3) active = true;
            if (due > from24)
            {
                t.In24++;
                if (!pending) { t.Judged24++; if (onTime) t.OnTime24++; }
                if (dpd >= 60) { t.Late60In24++; if (dpd >= 90) t.Late90In24++; }
                if (p.PaidDate is null && dpd >= 30) t.Missed24++;
                if (due > from12)
                {
                    t.In12++;
                    if (!pending) { t.Judged12++; if (onTime) t.OnTime12++; if (p.PaidDate is not null && !onTime && p.AmountPaid < p.AmountDue) t.Partial12++; }
                    if (dpd >= 30) t.Late30In12++;
                }
            }
            // Pending payments neither extend nor break a run of on-time payments.
            if (onTime) { if (++streak > t.BestStreak) t.BestStreak = streak; }
            else if (!pending) streak = 0;
        }

        if (!inOrder) t.BestStreak = LongestStreakInDueOrder(payments, asOfDay);
        return t;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void Judge(PaymentRecord p, int asOfDay, out int dpd, out bool onTime, out bool pending)
    {
        var due = p.DueDate.DayNumber;
        if (p.PaidDate is { } paid)
        {
            dpd = paid.DayNumber - due;
            if (dpd < 0) dpd = 0;
            onTime = dpd <= PaymentTiming.GraceDays && p.AmountPaid >= p.AmountDue;
            pending = false;
        }
        else
        {
            dpd = asOfDay - due;
            if (dpd < 0) dpd = 0;
            onTime = false;
            pending = dpd <= PaymentTiming.GraceDays;
        }
    }

    // Payments given out of order, or with two records due the same day, are walked in due-date order, ties broken by
    // what the records say (paid date, then amounts), never by their position, so the streak does not depend on the order
    // the lender sent them in.
    private static int LongestStreakInDueOrder(ReadOnlySpan<PaymentRecord> payments, int asOfDay)
    {
        var records = payments.ToArray();
        Array.Sort(records, static (x, y) =>
        {
            var c = x.DueDate.CompareTo(y.DueDate);
            if (c != 0) return c;
            c = Nullable.Compare(x.PaidDate, y.PaidDate);
            if (c != 0) return c;
            c = x.AmountDue.CompareTo(y.AmountDue);
            return c != 0 ? c : x.AmountPaid.CompareTo(y.AmountPaid);
        });
        int streak = 0, best = 0;
        foreach (var p in records)
        {
            Judge(p, asOfDay, out _, out var onTime, out var pending);
            if (onTime) { if (++streak > best) best = streak; }
            else if (!pending) streak = 0;
        }

        return best;
    }

    private static ReadOnlySpan<PaymentRecord> Records(IReadOnlyList<PaymentRecord> payments) => payments switch
    {
        PaymentRecord[] array => array,
        List<PaymentRecord> list => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list),
        _ => payments.ToArray(),
    };

    /// <summary>The as-of date and the first days outside its windows, as day numbers, worked out once per application.</summary>
    private readonly struct Window
    {
        public Window(DateOnly asOf)
        {
            asOf.Deconstruct(out var year, out var month, out var day);
            AsOfDay = asOf.DayNumber;
            AsOfMonth = year * 12 + month - 1;
            From3 = MonthsBefore(year, month, day, 3);
            From6 = MonthsBefore(year, month, day, 6);
            From12 = MonthsBefore(year, month, day, 12);
            From24 = MonthsBefore(year, month, day, 24);
        }

        public int AsOfDay { get; }

        /// <summary>Month index of the as-of date (see <see cref="PaymentTiming.MonthIndex"/>).</summary>
        public int AsOfMonth { get; }

        /// <summary>Day number of the same day N months before (as <see cref="DateOnly.AddMonths"/>: clamped to the month's end).</summary>
        public int From3 { get; }

        public int From6 { get; }

        public int From12 { get; }

        public int From24 { get; }

        private static int MonthsBefore(int year, int month, int day, int months)
        {
            var index = year * 12 + month - 1 - months;
            int y = index / 12, m = index % 12 + 1;
            return new DateOnly(y, m, Math.Min(day, DateTime.DaysInMonth(y, m))).DayNumber;
        }
    }

    /// <summary>Counts for one account, one obligation type or all obligations; days are day numbers.</summary>
    private struct Tally
    {
        public int Records, In12, In24, Judged12, Judged24, OnTime12, OnTime24, Late30In12, Late60In24, Late90In24, Partial12, Missed24;
        public int FirstDue, LastLateDue, BestStreak;

        public static Tally Empty => new() { FirstDue = int.MaxValue, LastLateDue = int.MinValue };

        public void Add(in Tally t)
        {
            Records += t.Records;
            In12 += t.In12;
            In24 += t.In24;
            Judged12 += t.Judged12;
            Judged24 += t.Judged24;
            OnTime12 += t.OnTime12;
            OnTime24 += t.OnTime24;
            Late30In12 += t.Late30In12;
            Late60In24 += t.Late60In24;
            Late90In24 += t.Late90In24;
            Partial12 += t.Partial12;
            Missed24 += t.Missed24;
            if (t.FirstDue < FirstDue) FirstDue = t.FirstDue;
            if (t.LastLateDue > LastLateDue) LastLateDue = t.LastLateDue;
            if (t.BestStreak > BestStreak) BestStreak = t.BestStreak;
        }
    }

    /// <summary>The "insufficient data" rule: fewer than <see cref="MinMonthsOfHistory"/> months of obligation payment history.</summary>
    public static bool HasSufficientHistory(ReadOnlySpan<double> values)
    {
        var months = values[AllMonthsHistory];
        return !double.IsNaN(months) && months >= MinMonthsOfHistory;
    }

    private static void ComputeCashFlow(IReadOnlyList<CashFlowMonth> cashFlow, in Window window, decimal activeMonthlyAmountExact, Span<double> values)
    {
        var activeMonthlyAmount = (double)activeMonthlyAmountExact;
        var from12 = window.From12;
        var from6 = window.From6;
        int months12 = 0, months6 = 0, nsf12 = 0, negative12 = 0;
        decimal inflowSum12 = 0, inflowSquareSum12 = 0, outflowSum12 = 0, inflowSum6 = 0;
        var lowest6 = double.PositiveInfinity;
        for (var i = 0; i < cashFlow.Count; i++)
        {
            var m = cashFlow[i];
            var day = m.Month.DayNumber;
            if (day > from12)
            {
                months12++;
                inflowSum12 += m.Inflow;
                inflowSquareSum12 += m.Inflow * m.Inflow;
                outflowSum12 += m.Outflow;
                nsf12 += m.NsfCount;
                if (m.Outflow > m.Inflow) negative12++;
            }
            if (day > from6)
            {
                months6++;
                inflowSum6 += m.Inflow;
                var lowest = (double)m.LowestBalance;
                if (lowest < lowest6) lowest6 = lowest;
            }
        }

        double inflow12 = (double)inflowSum12, inflowSquares12 = (double)inflowSquareSum12, outflow12 = (double)outflowSum12, inflow6 = (double)inflowSum6;
        var none = cashFlow.Count == 0;
        values[CashFlowMonths] = none ? double.NaN : months12;
        if (months6 == 0)
        {
            values[CashFlowObligationBurden] = double.NaN;
            values[CashFlowLowestBalance6m] = double.NaN;
        }
        else
        {
            var averageInflow = inflow6 / months6;
            values[CashFlowObligationBurden] = averageInflow > 0
                ? Math.Min(activeMonthlyAmount / averageInflow, RatioCap)
                : activeMonthlyAmount > 0 ? RatioCap : 0;
            values[CashFlowLowestBalance6m] = lowest6;
        }
        if (months12 == 0)
        {
            values[CashFlowInflowCv12m] = double.NaN;
            values[CashFlowNsfCount12m] = double.NaN;
            values[CashFlowNegativeMonths12m] = double.NaN;
            values[CashFlowNetFlowRatio12m] = double.NaN;
            return;
        }
        values[CashFlowNsfCount12m] = nsf12;
        values[CashFlowNegativeMonths12m] = negative12;
        values[CashFlowNetFlowRatio12m] = inflow12 > 0
            ? Math.Max((inflow12 - outflow12) / inflow12, -1)
            : outflow12 > 0 ? -1 : 0;
        if (months12 < 3)
        {
            values[CashFlowInflowCv12m] = double.NaN;
        }
        else
        {
            var mean = inflow12 / months12;
            var variance = Math.Max(inflowSquares12 / months12 - mean * mean, 0);
            values[CashFlowInflowCv12m] = mean > 0 ? Math.Min(Math.Sqrt(variance) / mean, RatioCap) : RatioCap;
        }
    }

    private static double Share(int part, int whole) => whole == 0 ? double.NaN : (double)part / whole;

    private static double CountIn(int count, int recordsInWindow) => recordsInWindow == 0 ? double.NaN : count;

    private static double History(in Tally t, int asOfMonth) => t.Records == 0 ? double.NaN : asOfMonth - MonthOf(t.FirstDue) + 1;

    private static double MonthsSinceLate(in Tally t, int asOfMonth) =>
        t.Records == 0 ? double.NaN : t.LastLateDue == int.MinValue ? AttributeCatalogue.NeverLate : asOfMonth - MonthOf(t.LastLateDue);

    private static int MonthOf(int dayNumber) => PaymentTiming.MonthIndex(DateOnly.FromDayNumber(dayNumber));
}
