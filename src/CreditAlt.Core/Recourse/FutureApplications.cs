using CreditAlt.Core.Applications;

namespace CreditAlt.Core.Recourse;

/// <summary>
/// The fixed scenario of the time path (docs/reason-codes.md, "Recourse"): every obligation account continues with one
/// payment a month, due on the same day of the month as its last due date, amount due = its monthly amount, paid in full
/// on the due date; each later month's bank cash flow is the mean of the applicant's last up-to-12 months (inflow,
/// outflow, lowest balance) with no NSF items, and none if the applicant gave none; the as-of date moves to the last day
/// of each later month in turn. Past records never change. <see cref="Advance"/> adds one month at a time to lists it owns,
/// so a 24-month path costs 24 small appends rather than 24 copies.
/// </summary>
public sealed class FutureApplications
{
    private readonly Application _start;
    private readonly List<PaymentRecord>[] _payments;
    private readonly DateOnly[] _lastDue;
    private readonly int[] _dueDay;
    private readonly List<CashFlowMonth> _cashFlow;
    private readonly CashFlowMonth? _meanMonth;
    private DateOnly _lastCashMonth;
    private readonly Application _current;

    public FutureApplications(Application application)
    {
        _start = application;
        var accounts = new ObligationAccount[application.Obligations.Count];
        _payments = new List<PaymentRecord>[accounts.Length];
        _lastDue = new DateOnly[accounts.Length];
        _dueDay = new int[accounts.Length];
        for (var a = 0; a < accounts.Length; a++)
        {
            var account = application.Obligations[a];
            _payments[a] = new List<PaymentRecord>(account.Payments.Count + 24);
            _payments[a].AddRange(account.Payments);
            var last = account.Payments.Count == 0 ? DateOnly.MinValue : account.Payments.Max(p => p.DueDate);
            _lastDue[a] = last;
            _dueDay[a] = last.Day;
            accounts[a] = account with { Payments = _payments[a] };
        }

        _cashFlow = new List<CashFlowMonth>(application.CashFlow.Count + 24);
        _cashFlow.AddRange(application.CashFlow);
        if (application.CashFlow.Count > 0)
        {
            var recent = application.CashFlow.OrderByDescending(m => m.Month).Take(12).ToArray();
            _meanMonth = new CashFlowMonth(
                recent[0].Month,
                Math.Round(recent.Average(m => m.Inflow), 2),
                Math.Round(recent.Average(m => m.Outflow), 2),
                Math.Round(recent.Average(m => m.LowestBalance), 2),
                0);
            var asOfMonth = new DateOnly(application.AsOfDate.Year, application.AsOfDate.Month, 1);
            var lastGiven = application.CashFlow.Max(m => m.Month);
            _lastCashMonth = lastGiven > asOfMonth ? lastGiven : asOfMonth;
        }

        _current = application with { Obligations = accounts, CashFlow = _cashFlow };
        Application = _current;
    }

    /// <summary>Months added so far (0 = the application as given).</summary>
    public int Month { get; private set; }

    /// <summary>The application as of the end of <see cref="Month"/> months later.</summary>
    public Application Application { get; private set; }

    /// <summary>The as-of date <paramref name="months"/> later: the last day of that month.</summary>
    public static DateOnly AsOfAfter(DateOnly asOf, int months)
    {
        var first = new DateOnly(asOf.Year, asOf.Month, 1).AddMonths(months);
        return first.AddDays(DateTime.DaysInMonth(first.Year, first.Month) - 1);
    }

    /// <summary>Moves one month on: payments due up to the new as-of date (paid on time) and one mean cash-flow month.</summary>
    public Application Advance()
    {
        Month++;
        var asOf = AsOfAfter(_start.AsOfDate, Month);
        for (var a = 0; a < _payments.Length; a++)
        {
            if (_lastDue[a] == DateOnly.MinValue) continue;
            var amount = _start.Obligations[a].MonthlyAmount;
            while (true)
            {
                var next = NextDue(_lastDue[a], _dueDay[a]);
                if (next > asOf) break;
                _lastDue[a] = next;
                // Only payments due after the real as-of date are added: the past stays as it was.
                if (next > _start.AsOfDate) _payments[a].Add(new PaymentRecord(next, amount, next, amount));
            }
        }

        if (_meanMonth is { } mean)
        {
            // One mean month for each calendar month after the real as-of month, up to the new as-of month.
            var month = new DateOnly(asOf.Year, asOf.Month, 1);
            for (var m = _lastCashMonth.AddMonths(1); m <= month; m = m.AddMonths(1))
            {
                _cashFlow.Add(mean with { Month = m });
                _lastCashMonth = m;
            }
        }

        Application = _current with { AsOfDate = asOf };
        return Application;
    }

    private static DateOnly NextDue(DateOnly last, int day)
    {
        var first = new DateOnly(last.Year, last.Month, 1).AddMonths(1);
        return new DateOnly(first.Year, first.Month, Math.Min(day, DateTime.DaysInMonth(first.Year, first.Month)));
    }
}
