using CreditAlt.Core.Applications;

namespace CreditAlt.Portfolio.Synthetic;

/// <summary>
/// The observable quantities the synthetic true default probability is a function of
/// (docs/synthetic-data.md). Each is computed from the application record alone, the way an
/// attribute would compute it, so a model that sees the record can in principle reach the
/// oracle: nothing latent enters <see cref="TruePd"/>.
/// </summary>
public sealed record RiskDrivers(
    int Lates30In12,
    int Lates90In24,
    int PartialIn12,
    bool HasCashFlow,
    int NsfIn12,
    double ObligationBurden,
    int NegativeMonthsIn12,
    decimal LowestBalanceIn12)
{
    /// <summary>The intercept puts the portfolio default rate near 10 %.</summary>
    public const double Intercept = -4.45;

    /// <summary>Payments of these types enter the probability; insurance and other accounts do not (the catalogue does not score them).</summary>
    public static bool IsScoredType(ObligationType type) =>
        type is ObligationType.Rent or ObligationType.Utility or ObligationType.Telecom or ObligationType.Childcare;

    /// <summary>Days past due as of <paramref name="asOf"/>: paid date minus due date (0 when early), or as-of minus due date when unpaid.</summary>
    public static int DaysPastDue(PaymentRecord p, DateOnly asOf)
    {
        var end = p.PaidDate ?? asOf;
        return Math.Max(0, end.DayNumber - p.DueDate.DayNumber);
    }

    public static RiskDrivers From(Application a)
    {
        var asOf = a.AsOfDate;
        var from12 = asOf.AddMonths(-12);
        var from24 = asOf.AddMonths(-24);
        int lates30 = 0, lates90 = 0, partial = 0;
        foreach (var account in a.Obligations)
        {
            if (!IsScoredType(account.Type)) continue;
            foreach (var p in account.Payments)
            {
                var dpd = DaysPastDue(p, asOf);
                if (p.DueDate > from12)
                {
                    if (dpd >= 30) lates30++;
                    if (p.PaidDate is not null && p.AmountPaid < p.AmountDue) partial++;
                }
                if (p.DueDate > from24 && dpd >= 90) lates90++;
            }
        }

        var firstMonth = new DateOnly(asOf.Year, asOf.Month, 1).AddMonths(-12);
        int months = 0, nsf = 0, negative = 0;
        decimal inflow = 0, lowest = decimal.MaxValue;
        foreach (var m in a.CashFlow)
        {
            if (m.Month < firstMonth) continue;
            months++;
            nsf += m.NsfCount;
            inflow += m.Inflow;
            if (m.Outflow > m.Inflow) negative++;
            if (m.LowestBalance < lowest) lowest = m.LowestBalance;
        }
        if (months == 0)
            return new RiskDrivers(lates30, lates90, partial, false, 0, double.NaN, 0, 0);
        decimal monthlyObligations = 0;
        foreach (var account in a.Obligations) monthlyObligations += account.MonthlyAmount;
        var averageInflow = inflow / months;
        var burden = averageInflow > 0 ? (double)(monthlyObligations / averageInflow) : 2.0;
        return new RiskDrivers(lates30, lates90, partial, true, nsf, burden, negative, lowest);
    }

    /// <summary>
    /// The logit of the true default probability: additive, and monotone in the natural direction in
    /// every driver (more lates, partials, NSF items, negative months, burden, and a lower balance all raise it).
    /// Applicants without cash-flow data get the average cash-flow contribution.
    /// </summary>
    public double Logit()
    {
        var x = Intercept + 0.50 * Lates30In12 + 0.45 * Lates90In24 + 0.30 * PartialIn12;
        if (!HasCashFlow) return x + 0.70;
        x += 0.12 * Math.Min(NsfIn12, 15);
        x += 2.2 * Math.Clamp(ObligationBurden - 0.2, 0, 1.0);
        x += 0.08 * NegativeMonthsIn12;
        x += 0.35 * Math.Clamp((double)-LowestBalanceIn12 / 500.0, 0, 3);
        return x;
    }

    public double TruePd => 1 / (1 + Math.Exp(-Logit()));
}
