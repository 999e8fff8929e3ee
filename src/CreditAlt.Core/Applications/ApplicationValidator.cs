using System.Globalization;

namespace CreditAlt.Core.Applications;

/// <summary>
/// Checks an application against the documented limits and returns every problem at once,
/// each with its JSON path, so a caller can fix the whole input in one round. Paths are built only
/// for problems: a valid application (the common case, once per API request) allocates nothing but the empty list.
/// </summary>
public static class ApplicationValidator
{
    public static IReadOnlyList<ValidationProblem> Validate(Application application)
    {
        var problems = new List<ValidationProblem>();
        var asOf = application.AsOfDate;

        CheckId(problems, Where.Root, "applicationId", application.ApplicationId);
        CheckId(problems, Where.Root, "applicantId", application.ApplicantId);
        if (asOf < ApplicationLimits.EarliestDate)
            problems.Add(new("asOfDate", $"a date on or after {Iso(ApplicationLimits.EarliestDate)}"));
        CheckAmount(problems, Where.Root, "requestedAmount", application.RequestedAmount, ApplicationLimits.MaxLargeAmount, allowZero: false);

        var obligations = application.Obligations;
        if (obligations.Count > ApplicationLimits.MaxAccounts)
            problems.Add(new("obligations", $"at most {ApplicationLimits.MaxAccounts} accounts, got {obligations.Count}"));
        for (var i = 0; i < obligations.Count; i++)
        {
            var account = obligations[i];
            var path = new Where(i, -1, -1);
            CheckId(problems, path, "accountId", account.AccountId);
            if (account.AccountId is { Length: > 0 } && AppearsEarlier(obligations, i))
                problems.Add(new(path.Of("accountId"), $"an account id unique within the application; '{account.AccountId}' appears twice"));
            if (!Enum.IsDefined(account.Type))
                problems.Add(new(path.Of("type"), ObligationTypes.WireNames));
            if (string.IsNullOrWhiteSpace(account.Furnisher) || account.Furnisher.Length > ApplicationLimits.MaxFurnisherLength)
                problems.Add(new(path.Of("furnisher"), $"a furnisher name of 1 to {ApplicationLimits.MaxFurnisherLength} characters"));
            CheckAmount(problems, path, "monthlyAmount", account.MonthlyAmount, ApplicationLimits.MaxMonthlyAmount, allowZero: true);
            CheckPayments(problems, i, account.Payments, asOf);
        }

        var cashFlow = application.CashFlow;
        if (cashFlow.Count > ApplicationLimits.MaxCashFlowMonths)
            problems.Add(new("cashFlow", $"at most {ApplicationLimits.MaxCashFlowMonths} months, got {cashFlow.Count}"));
        HashSet<DateOnly>? months = null;
        for (var i = 0; i < cashFlow.Count; i++)
        {
            var month = cashFlow[i];
            var path = new Where(-1, -1, i);
            if (month.Month.Day != 1)
                problems.Add(new(path.Of("month"), "the first day of a month (yyyy-MM or yyyy-MM-01)"));
            CheckDate(problems, path, "month", month.Month, asOf);
            // Months usually come in order, so a repeat is the previous one; a set is built only for unordered input.
            var repeated = i > 0 && (month.Month > cashFlow[i - 1].Month ? months?.Add(month.Month) == false : !(months ??= Seen(cashFlow, i)).Add(month.Month));
            if (repeated)
                problems.Add(new(path.Of("month"), $"each month once; {month.Month:yyyy-MM} appears twice"));
            CheckAmount(problems, path, "inflow", month.Inflow, ApplicationLimits.MaxLargeAmount, allowZero: true);
            CheckAmount(problems, path, "outflow", month.Outflow, ApplicationLimits.MaxLargeAmount, allowZero: true);
            if (Math.Abs(month.LowestBalance) > ApplicationLimits.MaxLargeAmount)
                problems.Add(new(path.Of("lowestBalance"), $"a balance between -{ApplicationLimits.MaxLargeAmount:0} and {ApplicationLimits.MaxLargeAmount:0}"));
            if (month.NsfCount < 0 || month.NsfCount > ApplicationLimits.MaxNsfPerMonth)
                problems.Add(new(path.Of("nsfCount"), $"a count from 0 to {ApplicationLimits.MaxNsfPerMonth}"));
        }
        return problems;
    }

    private static HashSet<DateOnly> Seen(IReadOnlyList<CashFlowMonth> cashFlow, int before)
    {
        var seen = new HashSet<DateOnly>();
        for (var i = 0; i < before; i++) seen.Add(cashFlow[i].Month);
        return seen;
    }

    private static bool AppearsEarlier(IReadOnlyList<ObligationAccount> accounts, int index)
    {
        var id = accounts[index].AccountId;
        for (var i = 0; i < index; i++)
            if (string.Equals(accounts[i].AccountId, id, StringComparison.Ordinal)) return true;
        return false;
    }

    private static void CheckPayments(List<ValidationProblem> problems, int account, IReadOnlyList<PaymentRecord> payments, DateOnly asOf)
    {
        if (payments.Count > ApplicationLimits.MaxPaymentsPerAccount)
            problems.Add(new(new Where(account, -1, -1).Of("payments"), $"at most {ApplicationLimits.MaxPaymentsPerAccount} payment records, got {payments.Count}"));
        HashSet<int>? dueMonths = null;
        for (var j = 0; j < payments.Count; j++)
        {
            var payment = payments[j];
            var path = new Where(account, j, -1);
            CheckDate(problems, path, "dueDate", payment.DueDate, asOf);
            // Records usually come in due order, so a second record in a month follows the first; a set is built only otherwise.
            var month = MonthOf(payment.DueDate);
            var repeated = j > 0 && (month > MonthOf(payments[j - 1].DueDate) ? dueMonths?.Add(month) == false : !(dueMonths ??= DueMonths(payments, j)).Add(month));
            if (repeated)
                problems.Add(new(path.Of("dueDate"), $"one payment record per month; {payment.DueDate:yyyy-MM} appears twice"));
            CheckAmount(problems, path, "amountDue", payment.AmountDue, ApplicationLimits.MaxMonthlyAmount, allowZero: true);
            CheckAmount(problems, path, "amountPaid", payment.AmountPaid, ApplicationLimits.MaxMonthlyAmount, allowZero: true);
            if (payment.PaidDate is { } paid)
            {
                CheckDate(problems, path, "paidDate", paid, asOf);
                if (payment.AmountPaid == 0)
                    problems.Add(new(path.Of("amountPaid"), "an amount above 0 when paidDate is given"));
            }
            else if (payment.AmountPaid != 0)
            {
                problems.Add(new(path.Of("paidDate"), "the date of payment when amountPaid is above 0"));
            }
        }
    }

    private static int MonthOf(DateOnly date) => date.Year * 12 + date.Month;

    private static HashSet<int> DueMonths(IReadOnlyList<PaymentRecord> payments, int before)
    {
        var seen = new HashSet<int>();
        for (var j = 0; j < before; j++) seen.Add(MonthOf(payments[j].DueDate));
        return seen;
    }

    private static void CheckId(List<ValidationProblem> problems, Where where, string field, string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > ApplicationLimits.MaxIdLength || HasControlOrComma(id))
            problems.Add(new(where.Of(field), $"an identifier of 1 to {ApplicationLimits.MaxIdLength} characters without commas or control characters"));
    }

    private static bool HasControlOrComma(string id)
    {
        foreach (var c in id)
            if (c == ',' || char.IsControl(c)) return true;
        return false;
    }

    private static void CheckAmount(List<ValidationProblem> problems, Where where, string field, decimal amount, decimal max, bool allowZero)
    {
        if (amount < 0 || (!allowZero && amount == 0) || amount > max)
            problems.Add(new(where.Of(field), $"an amount {(allowZero ? "from 0" : "above 0")} up to {max.ToString("#,0", CultureInfo.InvariantCulture)}, got {amount.ToString(CultureInfo.InvariantCulture)}"));
    }

    private static void CheckDate(List<ValidationProblem> problems, Where where, string field, DateOnly date, DateOnly asOf)
    {
        if (date < ApplicationLimits.EarliestDate)
            problems.Add(new(where.Of(field), $"a date on or after {Iso(ApplicationLimits.EarliestDate)}, got {Iso(date)}"));
        else if (date > asOf)
            problems.Add(new(where.Of(field), $"a date on or before the as-of date {Iso(asOf)}, got {Iso(date)}"));
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Where in the application a field is (-1 = not inside an account, payment or cash-flow month); the path is text only when needed.</summary>
    private readonly record struct Where(int Account, int Payment, int Month)
    {
        public static readonly Where Root = new(-1, -1, -1);

        public string Of(string field) =>
            Account >= 0 ? (Payment >= 0 ? $"obligations[{Account}].payments[{Payment}].{field}" : $"obligations[{Account}].{field}")
            : Month >= 0 ? $"cashFlow[{Month}].{field}"
            : field;
    }
}
