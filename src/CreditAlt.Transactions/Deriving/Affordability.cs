using System.Globalization;
using CreditAlt.Core.AbilityToPay;
using CreditAlt.Transactions.Categorising;
using static CreditAlt.Transactions.Categorising.TransactionCategory;

namespace CreditAlt.Transactions.Deriving;

/// <summary>An income stream: payroll of one employer or one benefit, with how regularly it arrived.</summary>
public sealed record IncomeStream(TransactionCategory Category, string PayeeKey, string Cadence, int MonthsPaid, int MonthsObserved, decimal MonthlyEstimate);

/// <summary>Income, obligations, the instalment of the requested amount, and what is left (docs/transactions.md).</summary>
public sealed record AffordabilityResult(
    IReadOnlyList<IncomeStream> IncomeStreams,
    decimal MonthlyIncome,
    double IncomeRegularity,
    decimal MonthlyObligations,
    decimal MonthlyDebtPayments,
    decimal RequestedAmount,
    ProductTerms Terms,
    decimal MonthlyPayment,
    decimal ResidualIncome,
    decimal? CounterofferAmount)
{
    public const string CsvHeader = "application_id,monthly_income,income_streams,income_regularity,monthly_obligations,monthly_debt_payments,requested_amount,annual_rate,term_months,monthly_payment,residual_income,counteroffer_amount";

    public string CsvRow(string applicationId) => string.Create(CultureInfo.InvariantCulture,
        $"{applicationId},{MonthlyIncome:0.00},{IncomeStreams.Count},{IncomeRegularity:0.0000},{MonthlyObligations:0.00},{MonthlyDebtPayments:0.00},{RequestedAmount:0.00},{Terms.AnnualRate:0.####},{Terms.TermMonths},{MonthlyPayment:0.00},{ResidualIncome:0.00},{(CounterofferAmount is { } c ? c.ToString("0.00", CultureInfo.InvariantCulture) : "")}");
}

/// <summary>
/// Ability to pay from a derivation (docs/transactions.md, "Income and ability to pay"): over the last (at most) 6
/// cash-flow months, each income stream (wages or benefits of one payee) counts with the median of its monthly totals
/// (a month without it counts 0) when it arrived in at least 2 of them; the monthly income is their sum. Obligations are
/// the derived accounts' monthly amounts; debt is the median monthly total of mortgage and loan payments. The requested
/// amount becomes an instalment under <see cref="ProductTerms"/>; the residual is income less obligations, debt and
/// instalment. When it is negative, the counteroffer is the largest amount whose instalment leaves it at 0 or more
/// (none when even 50 dollars does not fit). Pure: the same derivation and terms give the same figures.
/// </summary>
public static class Affordability
{
    /// <value>6: the months of cash flow the income estimate looks at.</value>
    public const int LookbackMonths = 6;

    /// <value>2: the months in which an income stream must have arrived to count.</value>
    public const int MinimumMonths = 2;

    public static AffordabilityResult Assess(Derivation d, ProductTerms terms)
    {
        var cashFlow = d.Application.CashFlow;
        var months = cashFlow.Skip(Math.Max(0, cashFlow.Count - LookbackMonths)).Select(m => m.Month).ToList();
        var index = months.Select((m, i) => (m, i)).ToDictionary(x => x.m, x => x.i);

        var income = new SortedDictionary<(TransactionCategory, string), decimal[]>();
        var dates = new Dictionary<(TransactionCategory, string), List<(DateOnly, decimal)>>();
        var debt = new decimal[months.Count];
        foreach (var c in d.Transactions)
        {
            if (c.Note is not null) continue; // own transfers, reversals, after the as-of date
            var t = c.Transaction;
            if (!index.TryGetValue(new DateOnly(t.Date.Year, t.Date.Month, 1), out var m)) continue;
            if (c.Category is IncomeWages or IncomeBenefits)
            {
                var key = (c.Category, c.PayeeKey);
                if (!income.TryGetValue(key, out var totals)) { income[key] = totals = new decimal[months.Count]; dates[key] = []; }
                totals[m] += t.Amount;
                dates[key].Add((t.Date, t.Amount));
            }
            else if (c.Category is Mortgage or LoanPayment && t.IsDebit)
            {
                debt[m] += -t.Amount;
            }
        }

        var streams = new List<IncomeStream>();
        decimal monthlyIncome = 0;
        var paidMonths = 0;
        foreach (var ((category, key), totals) in income)
        {
            var paid = totals.Count(v => v > 0);
            if (paid < MinimumMonths) continue;
            var estimate = Median(totals);
            var pays = dates[(category, key)].OrderBy(p => p.Item1).ToArray();
            streams.Add(new IncomeStream(category, key, StreamBuilder.Cadence(pays), paid, months.Count, estimate));
            monthlyIncome += estimate;
            paidMonths += paid;
        }

        var obligations = d.Application.Obligations.Sum(o => o.MonthlyAmount);
        var debtMonthly = months.Count == 0 ? 0m : Median(debt);
        var payment = terms.MonthlyPayment(d.Application.RequestedAmount);
        var room = monthlyIncome - obligations - debtMonthly;
        var residual = room - payment;
        decimal? counteroffer = null;
        if (residual < 0 && terms.LargestAmountFor(room) is var largest && largest > 0) counteroffer = largest;
        var regularity = streams.Count == 0 ? 0 : (double)paidMonths / (streams.Count * months.Count);
        return new AffordabilityResult(streams, monthlyIncome, regularity, obligations, debtMonthly, d.Application.RequestedAmount, terms, payment, residual, counteroffer);
    }

    private static decimal Median(decimal[] values)
    {
        var sorted = values.Order().ToArray();
        var n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : Math.Round((sorted[n / 2 - 1] + sorted[n / 2]) / 2, 2, MidpointRounding.AwayFromZero);
    }
}
