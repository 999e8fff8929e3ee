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
        var asOfDay = asOf.DayNumber;
        var asOfMonth = PaymentTiming.MonthIndex(asOf);
        var from12 = asOf.AddMonths(-12).DayNumber;
        var from24 = asOf.AddMonths(-24).DayNumber;
        var from3 = asOf.AddMonths(-3).DayNumber;

        Span<int> records = stackalloc int[Slots];
        Span<int> in12 = stackalloc int[Slots];
        Span<int> in24 = stackalloc int[Slots];
        Span<int> judged12 = stackalloc int[Slots];
        Span<int> judged24 = stackalloc int[Slots];
        Span<int> onTime12 = stackalloc int[Slots];
        Span<int> onTime24 = stackalloc int[Slots];
        Span<int> late30In12 = stackalloc int[Slots];
        Span<int> late60In24 = stackalloc int[Slots];
        Span<int> late90In24 = stackalloc int[Slots];
        Span<int> partial12 = stackalloc int[Slots];
        Span<int> missed24 = stackalloc int[Slots];
        Span<int> lastLateMonth = stackalloc int[Slots];
        Span<int> firstMonth = stackalloc int[Slots];
        Span<int> bestStreak = stackalloc int[Slots];
        lastLateMonth.Fill(int.MinValue);
        firstMonth.Fill(int.MaxValue);
        double activeMonthlyAmount = 0;

        var obligations = application.Obligations;
        for (var a = 0; a < obligations.Count; a++)
        {
            var account = obligations[a];
            var slot = (int)account.Type;
            var payments = account.Payments;
            // Per-account tallies in locals, folded into the type and all-obligation slots once per account.
            int n = 0, n12 = 0, n24 = 0, j12 = 0, j24 = 0, ot12 = 0, ot24 = 0, l30 = 0, l60 = 0, l90 = 0, part12 = 0, miss24 = 0;
            int first = int.MaxValue, lastLate = int.MinValue, streak = 0, best = 0;
            var active = false;
            var order = IsInDueOrder(payments) ? null : SortedOrder(payments);
            for (var k = 0; k < payments.Count; k++)
            {
                var p = payments[order is null ? k : order[k]];
                var due = p.DueDate.DayNumber;
                var paid = p.PaidDate;
                var dpd = (paid?.DayNumber ?? asOfDay) - due;
                if (dpd < 0) dpd = 0;
                var paidInFull = paid is not null && p.AmountPaid >= p.AmountDue;
                var onTime = paidInFull && dpd <= PaymentTiming.GraceDays;
                var pending = paid is null && dpd <= PaymentTiming.GraceDays;
                var month = PaymentTiming.MonthIndex(p.DueDate);

                n++;
                if (month < first) first = month;
                if (dpd >= 30 && month > lastLate) lastLate = month;
                if (due > from3) active = true;
                if (due > from24)
                {
                    n24++;
                    if (!pending) { j24++; if (onTime) ot24++; }
                    if (dpd >= 60) { l60++; if (dpd >= 90) l90++; }
                    if (paid is null && dpd >= 30) miss24++;
                    if (due > from12)
                    {
                        n12++;
                        if (!pending) { j12++; if (onTime) ot12++; if (paid is not null && !paidInFull) part12++; }
                        if (dpd >= 30) l30++;
                    }
                }
                // Pending payments neither extend nor break a run of on-time payments.
                if (onTime) { if (++streak > best) best = streak; }
                else if (!pending) streak = 0;
            }
            Fold(records, slot, n);
            Fold(in12, slot, n12);
            Fold(in24, slot, n24);
            Fold(judged12, slot, j12);
            Fold(judged24, slot, j24);
            Fold(onTime12, slot, ot12);
            Fold(onTime24, slot, ot24);
            Fold(late30In12, slot, l30);
            Fold(late60In24, slot, l60);
            Fold(late90In24, slot, l90);
            Fold(partial12, slot, part12);
            Fold(missed24, slot, miss24);
            Keep(firstMonth, slot, first, Math.Min);
            Keep(lastLateMonth, slot, lastLate, Math.Max);
            Keep(bestStreak, slot, best, Math.Max);
            if (active) activeMonthlyAmount += (double)account.MonthlyAmount;
        }

        var rent = (int)ObligationType.Rent;
        var utility = (int)ObligationType.Utility;
        var telecom = (int)ObligationType.Telecom;
        var childcare = (int)ObligationType.Childcare;

        values[RentOnTimeShare12m] = Share(onTime12[rent], judged12[rent]);
        values[RentOnTimeShare24m] = Share(onTime24[rent], judged24[rent]);
        values[RentLate30Count12m] = CountIn(late30In12[rent], in12[rent]);
        values[RentLate60Count24m] = CountIn(late60In24[rent], in24[rent]);
        values[RentMonthsSinceLate30] = MonthsSinceLate(records[rent], lastLateMonth[rent], asOfMonth);
        values[RentLongestOnTimeStreak] = records[rent] == 0 ? double.NaN : bestStreak[rent];
        values[RentMonthsHistory] = History(records[rent], firstMonth[rent], asOfMonth);
        values[UtilityOnTimeShare12m] = Share(onTime12[utility], judged12[utility]);
        values[UtilityOnTimeShare24m] = Share(onTime24[utility], judged24[utility]);
        values[UtilityLate30Count12m] = CountIn(late30In12[utility], in12[utility]);
        values[UtilityMonthsHistory] = History(records[utility], firstMonth[utility], asOfMonth);
        values[TelecomOnTimeShare12m] = Share(onTime12[telecom], judged12[telecom]);
        values[TelecomOnTimeShare24m] = Share(onTime24[telecom], judged24[telecom]);
        values[TelecomLate30Count12m] = CountIn(late30In12[telecom], in12[telecom]);
        values[TelecomMonthsHistory] = History(records[telecom], firstMonth[telecom], asOfMonth);
        values[ChildcareOnTimeShare12m] = Share(onTime12[childcare], judged12[childcare]);
        values[ChildcareLate30Count12m] = CountIn(late30In12[childcare], in12[childcare]);
        values[ChildcareMonthsHistory] = History(records[childcare], firstMonth[childcare], asOfMonth);

        var typesWithHistory = 0;
        for (var s = 0; s < AllSlot; s++)
            if (records[s] > 0) typesWithHistory++;
        values[AllLate30Count12m] = CountIn(late30In12[AllSlot], in12[AllSlot]);
        values[AllLate60Count24m] = CountIn(late60In24[AllSlot], in24[AllSlot]);
        values[AllLate90Count24m] = CountIn(late90In24[AllSlot], in24[AllSlot]);
        values[AllMonthsSinceLate30] = MonthsSinceLate(records[AllSlot], lastLateMonth[AllSlot], asOfMonth);
        values[AllLongestOnTimeStreak] = records[AllSlot] == 0 ? double.NaN : bestStreak[AllSlot];
        values[AllPartialShare12m] = Share(partial12[AllSlot], judged12[AllSlot]);
        values[AllMissedCount24m] = CountIn(missed24[AllSlot], in24[AllSlot]);
        values[AllMonthsHistory] = History(records[AllSlot], firstMonth[AllSlot], asOfMonth);
        values[ObligationTypeCount] = typesWithHistory;

        ComputeCashFlow(application.CashFlow, asOf, activeMonthlyAmount, values);
    }

    /// <summary>The "insufficient data" rule: fewer than <see cref="MinMonthsOfHistory"/> months of obligation payment history.</summary>
    public static bool HasSufficientHistory(ReadOnlySpan<double> values)
    {
        var months = values[AllMonthsHistory];
        return !double.IsNaN(months) && months >= MinMonthsOfHistory;
    }

    private static void ComputeCashFlow(IReadOnlyList<CashFlowMonth> cashFlow, DateOnly asOf, double activeMonthlyAmount, Span<double> values)
    {
        var from12 = asOf.AddMonths(-12).DayNumber;
        var from6 = asOf.AddMonths(-6).DayNumber;
        int months12 = 0, months6 = 0, nsf12 = 0, negative12 = 0;
        double inflow12 = 0, inflowSquares12 = 0, outflow12 = 0, inflow6 = 0, lowest6 = double.PositiveInfinity;
        for (var i = 0; i < cashFlow.Count; i++)
        {
            var m = cashFlow[i];
            var day = m.Month.DayNumber;
            var inflow = (double)m.Inflow;
            var outflow = (double)m.Outflow;
            if (day > from12)
            {
                months12++;
                inflow12 += inflow;
                inflowSquares12 += inflow * inflow;
                outflow12 += outflow;
                nsf12 += m.NsfCount;
                if (m.Outflow > m.Inflow) negative12++;
            }
            if (day > from6)
            {
                months6++;
                inflow6 += inflow;
                var lowest = (double)m.LowestBalance;
                if (lowest < lowest6) lowest6 = lowest;
            }
        }

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

    private static void Fold(Span<int> counter, int slot, int amount)
    {
        counter[slot] += amount;
        counter[AllSlot] += amount;
    }

    private static void Keep(Span<int> extreme, int slot, int value, Func<int, int, int> pick)
    {
        extreme[slot] = pick(extreme[slot], value);
        extreme[AllSlot] = pick(extreme[AllSlot], value);
    }

    private static double Share(int part, int whole) => whole == 0 ? double.NaN : (double)part / whole;

    private static double CountIn(int count, int recordsInWindow) => recordsInWindow == 0 ? double.NaN : count;

    private static double History(int records, int firstMonth, int asOfMonth) => records == 0 ? double.NaN : asOfMonth - firstMonth + 1;

    private static double MonthsSinceLate(int records, int lastLateMonth, int asOfMonth) =>
        records == 0 ? double.NaN : lastLateMonth == int.MinValue ? AttributeCatalogue.NeverLate : asOfMonth - lastLateMonth;

    private static bool IsInDueOrder(IReadOnlyList<PaymentRecord> payments)
    {
        for (var i = 1; i < payments.Count; i++)
            if (payments[i].DueDate < payments[i - 1].DueDate) return false;
        return true;
    }

    // Payments given out of order (JSON allows it) are walked in due-date order; ties keep input order.
    private static int[] SortedOrder(IReadOnlyList<PaymentRecord> payments)
    {
        var order = new int[payments.Count];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (x, y) =>
        {
            var c = payments[x].DueDate.CompareTo(payments[y].DueDate);
            return c != 0 ? c : x.CompareTo(y);
        });
        return order;
    }
}
