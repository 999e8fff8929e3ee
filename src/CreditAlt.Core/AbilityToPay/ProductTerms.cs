namespace CreditAlt.Core.AbilityToPay;

/// <summary>
/// The product the requested amount is borrowed under: a fixed-rate loan repaid in equal monthly instalments. The residual
/// income attribute, the counteroffer and <c>creditalt ingest</c>'s affordability figures all turn the requested amount into
/// a monthly payment with it (docs/transactions.md, "Income and ability to pay").
/// </summary>
/// <param name="AnnualRate">Nominal annual rate, e.g. 0.18 for 18 %; the monthly rate is a twelfth of it.</param>
/// <param name="TermMonths">Number of monthly instalments.</param>
public sealed record ProductTerms(decimal AnnualRate, int TermMonths)
{
    /// <value>18 % a year over 36 months: the documented default product.</value>
    public static readonly ProductTerms Default = new(0.18m, 36);

    /// <value>50: counteroffers and the largest affordable amount are whole multiples of it.</value>
    public const decimal AmountStep = 50m;

    /// <summary>The level monthly instalment that repays <paramref name="amount"/>: A·r / (1 − (1 + r)^−n), to the cent (half up).</summary>
    public decimal MonthlyPayment(decimal amount)
    {
        if (amount <= 0) return 0m;
        var r = AnnualRate / 12m;
        if (r == 0) return Math.Round(amount / TermMonths, 2, MidpointRounding.AwayFromZero);
        return Math.Round(amount * r / (1 - Discount()), 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>The largest amount, in whole 50 dollars, whose instalment is at most <paramref name="payment"/> (0 when none).</summary>
    public decimal LargestAmountFor(decimal payment)
    {
        if (payment <= 0) return 0m;
        var r = AnnualRate / 12m;
        var amount = r == 0 ? payment * TermMonths : payment * (1 - Discount()) / r;
        var rounded = Math.Floor(amount / AmountStep) * AmountStep;
        // The instalment is rounded to the cent, so the whole step just above the exact amount can still fit, and the one
        // below it can fail to.
        while (MonthlyPayment(rounded + AmountStep) <= payment) rounded += AmountStep;
        while (rounded > 0 && MonthlyPayment(rounded) > payment) rounded -= AmountStep;
        return rounded;
    }

    // (1 + r)^−n in decimal arithmetic (no floating point): the same bytes on every machine.
    private decimal Discount()
    {
        var factor = 1m + AnnualRate / 12m;
        var power = 1m;
        for (var k = 0; k < TermMonths; k++) power *= factor;
        return 1m / power;
    }
}
