using System.Globalization;

namespace CreditAlt.Core.Applications;

/// <summary>
/// Checks an application against the documented limits and returns every problem at once,
/// each with its JSON path, so a caller can fix the whole input in one round.
/// </summary>
public static class ApplicationValidator
{
    public static IReadOnlyList<ValidationProblem> Validate(Application application)
    {
        var problems = new List<ValidationProblem>();
        var asOf = application.AsOfDate;

        CheckId(problems, "applicationId", application.ApplicationId);
        CheckId(problems, "applicantId", application.ApplicantId);
        if (asOf < ApplicationLimits.EarliestDate)
            problems.Add(new("asOfDate", $"a date on or after {Iso(ApplicationLimits.EarliestDate)}"));
        CheckAmount(problems, "requestedAmount", application.RequestedAmount, ApplicationLimits.MaxLargeAmount, allowZero: false);

        if (application.Obligations.Count > ApplicationLimits.MaxAccounts)
            problems.Add(new("obligations", $"at most {ApplicationLimits.MaxAccounts} accounts, got {application.Obligations.Count}"));
        var accountIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < application.Obligations.Count; i++)
        {
            var account = application.Obligations[i];
            var path = $"obligations[{i}]";
            CheckId(problems, path + ".accountId", account.AccountId);
            if (account.AccountId is { Length: > 0 } && !accountIds.Add(account.AccountId))
                problems.Add(new(path + ".accountId", $"an account id unique within the application; '{account.AccountId}' appears twice"));
            if (!Enum.IsDefined(account.Type))
                problems.Add(new(path + ".type", ObligationTypes.WireNames));
            if (string.IsNullOrWhiteSpace(account.Furnisher) || account.Furnisher.Length > ApplicationLimits.MaxFurnisherLength)
                problems.Add(new(path + ".furnisher", $"a furnisher name of 1 to {ApplicationLimits.MaxFurnisherLength} characters"));
            CheckAmount(problems, path + ".monthlyAmount", account.MonthlyAmount, ApplicationLimits.MaxMonthlyAmount, allowZero: true);
            CheckPayments(problems, path, account.Payments, asOf);
        }

        if (application.CashFlow.Count > ApplicationLimits.MaxCashFlowMonths)
            problems.Add(new("cashFlow", $"at most {ApplicationLimits.MaxCashFlowMonths} months, got {application.CashFlow.Count}"));
        var months = new HashSet<DateOnly>();
        for (var i = 0; i < application.CashFlow.Count; i++)
        {
            var month = application.CashFlow[i];
            var path = $"cashFlow[{i}]";
            if (month.Month.Day != 1)
                problems.Add(new(path + ".month", "the first day of a month (yyyy-MM or yyyy-MM-01)"));
            CheckDate(problems, path + ".month", month.Month, asOf);
            if (!months.Add(month.Month))
                problems.Add(new(path + ".month", $"each month once; {month.Month:yyyy-MM} appears twice"));
            CheckAmount(problems, path + ".inflow", month.Inflow, ApplicationLimits.MaxLargeAmount, allowZero: true);
            CheckAmount(problems, path + ".outflow", month.Outflow, ApplicationLimits.MaxLargeAmount, allowZero: true);
            if (Math.Abs(month.LowestBalance) > ApplicationLimits.MaxLargeAmount)
                problems.Add(new(path + ".lowestBalance", $"a balance between -{ApplicationLimits.MaxLargeAmount:0} and {ApplicationLimits.MaxLargeAmount:0}"));
            if (month.NsfCount < 0 || month.NsfCount > ApplicationLimits.MaxNsfPerMonth)
                problems.Add(new(path + ".nsfCount", $"a count from 0 to {ApplicationLimits.MaxNsfPerMonth}"));
        }
        return problems;
    }

    private static void CheckPayments(List<ValidationProblem> problems, string accountPath, IReadOnlyList<PaymentRecord> payments, DateOnly asOf)
    {
        if (payments.Count > ApplicationLimits.MaxPaymentsPerAccount)
            problems.Add(new(accountPath + ".payments", $"at most {ApplicationLimits.MaxPaymentsPerAccount} payment records, got {payments.Count}"));
        var dueMonths = new HashSet<int>();
        for (var j = 0; j < payments.Count; j++)
        {
            var payment = payments[j];
            var path = $"{accountPath}.payments[{j}]";
            CheckDate(problems, path + ".dueDate", payment.DueDate, asOf);
            if (!dueMonths.Add(payment.DueDate.Year * 12 + payment.DueDate.Month))
                problems.Add(new(path + ".dueDate", $"one payment record per month; {payment.DueDate:yyyy-MM} appears twice"));
            CheckAmount(problems, path + ".amountDue", payment.AmountDue, ApplicationLimits.MaxMonthlyAmount, allowZero: true);
            CheckAmount(problems, path + ".amountPaid", payment.AmountPaid, ApplicationLimits.MaxMonthlyAmount, allowZero: true);
            if (payment.PaidDate is { } paid)
            {
                CheckDate(problems, path + ".paidDate", paid, asOf);
                if (payment.AmountPaid == 0)
                    problems.Add(new(path + ".amountPaid", "an amount above 0 when paidDate is given"));
            }
            else if (payment.AmountPaid != 0)
            {
                problems.Add(new(path + ".paidDate", "the date of payment when amountPaid is above 0"));
            }
        }
    }

    private static void CheckId(List<ValidationProblem> problems, string path, string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > ApplicationLimits.MaxIdLength || id.Any(char.IsControl) || id.Contains(','))
            problems.Add(new(path, $"an identifier of 1 to {ApplicationLimits.MaxIdLength} characters without commas or control characters"));
    }

    private static void CheckAmount(List<ValidationProblem> problems, string path, decimal amount, decimal max, bool allowZero)
    {
        if (amount < 0 || (!allowZero && amount == 0) || amount > max)
            problems.Add(new(path, $"an amount {(allowZero ? "from 0" : "above 0")} up to {max.ToString("#,0", CultureInfo.InvariantCulture)}, got {amount.ToString(CultureInfo.InvariantCulture)}"));
    }

    private static void CheckDate(List<ValidationProblem> problems, string path, DateOnly date, DateOnly asOf)
    {
        if (date < ApplicationLimits.EarliestDate)
            problems.Add(new(path, $"a date on or after {Iso(ApplicationLimits.EarliestDate)}, got {Iso(date)}"));
        else if (date > asOf)
            problems.Add(new(path, $"a date on or before the as-of date {Iso(asOf)}, got {Iso(date)}"));
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
