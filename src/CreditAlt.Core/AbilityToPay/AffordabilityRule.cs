using System.Globalization;
using CreditAlt.Core.Applications;
using CreditAlt.Core.Attributes;
using CreditAlt.Core.Recourse;
using CreditAlt.Core.Scoring;

namespace CreditAlt.Core.AbilityToPay;

/// <summary>
/// A lower amount the policy approves, offered instead of the requested one (Regulation B's counteroffer, Appendix C form
/// C-4): the amount, its instalment under the policy's product terms, the residual income it leaves, and the score the
/// model gives the application at that amount.
/// </summary>
public sealed record Counteroffer(decimal Amount, decimal MonthlyPayment, decimal ResidualIncome, int Score)
{
    /// <summary>The counteroffer in words, as the API and the notice give it.</summary>
    public string Sentence(AffordabilityCheck check) => string.Create(CultureInfo.InvariantCulture,
        $"We cannot lend the {Money(check.RequestedAmount)} you asked for: its monthly instalment of {Money(check.MonthlyPayment)} is more than the " +
        $"{Money(check.MonthlyIncome - check.MonthlyObligations)} a month that your typical monthly deposits ({Money(check.MonthlyIncome)}) leave after your obligations ({Money(check.MonthlyObligations)}). " +
        $"We can offer {Money(Amount)} instead, repaid in {check.Terms.TermMonths} monthly instalments of {Money(MonthlyPayment)} at " +
        $"{(check.Terms.AnnualRate * 100).ToString("0.##", CultureInfo.InvariantCulture)} % a year, which leaves {Money(ResidualIncome)} a month.");

    private static string Money(decimal amount) => amount < 0
        ? "-$" + (-amount).ToString("#,0.00", CultureInfo.InvariantCulture)
        : "$" + amount.ToString("#,0.00", CultureInfo.InvariantCulture);
}

/// <summary>
/// The ability-to-pay figures of an application at its requested amount (docs/decision-policy.md): the median monthly inflow
/// of the last 6 months as income, the monthly amount due on active obligations, the instalment of the requested amount under
/// <see cref="Terms"/>, the residual income, the decision the score alone gave, and the counteroffer when there is one.
/// </summary>
public sealed record AffordabilityCheck(
    decimal RequestedAmount,
    ProductTerms Terms,
    decimal MonthlyIncome,
    decimal MonthlyObligations,
    decimal MonthlyPayment,
    decimal ResidualIncome,
    Decision ScoredDecision,
    Counteroffer? Counteroffer)
{
    /// <summary>True when the residual income at the requested amount is negative, so the policy does not approve that amount.</summary>
    public bool Unaffordable => ResidualIncome < 0;
}

/// <summary>
/// The policy's ability-to-pay rule (<see cref="DecisionPolicy.Affordability"/>), applied after the score: when the residual
/// income at the requested amount is negative, that amount is declined, with the residual income as the first principal
/// reason; and when a lower amount, in whole <see cref="ProductTerms.AmountStep"/>s, leaves a residual of 0 or more and the
/// model approves the application at it (the residual income ratio attribute re-priced at that amount, everything else as
/// it is), the highest such amount is offered. Applications without cash-flow months in the last 6, and insufficient data,
/// are left as they are. Deterministic: the same application and model give the same offer.
/// </summary>
public static class AffordabilityRule
{
    public static ScoreAssessment Apply(IDecisionModel model, Application application, ReadOnlySpan<double> catalogueValues, ScoreAssessment assessment)
    {
        if (model.Policy.Affordability is not { } terms || assessment.Decision == Decision.InsufficientData) return assessment;
        var (income, obligations) = AttributeCalculator.ResidualIncomeInputs(application);
        if (income is not { } monthlyIncome) return assessment;

        var requested = application.RequestedAmount;
        var payment = terms.MonthlyPayment(requested);
        var residual = monthlyIncome - obligations - payment;
        var check = new AffordabilityCheck(requested, terms, monthlyIncome, obligations, payment, residual, assessment.Decision, null);
        if (!check.Unaffordable) return assessment with { Affordability = check };

        var offer = FindOffer(model, catalogueValues, terms, monthlyIncome, obligations, requested);
        var ratioIndex = IndexOf(model.Catalogue, "cashflow_residual_income_ratio");
        var ratio = AttributeCalculator.ResidualIncomeRatio(monthlyIncome, obligations, payment);
        var definition = ratioIndex >= 0 ? model.Catalogue[ratioIndex] : AttributeCatalogue.Get("cashflow_residual_income_ratio");
        var own = assessment.Reasons.FirstOrDefault(r => r.AttributeId == definition.Id);
        var first = new ScoreReason(definition.ReasonCode, definition.Id, ratio, own?.PointsLost ?? 0, definition.Reason(ratio));
        // The residual income is why the requested amount is not granted: it comes first; the score's own reasons (a refer's,
        // a decline's) follow, up to four in all.
        var reasons = new List<ScoreReason> { first };
        foreach (var r in assessment.Reasons)
            if (r.AttributeId != definition.Id && reasons.Count < Scorecard.MaxReasons) reasons.Add(r);
        return assessment with { Decision = Decision.Decline, Reasons = reasons, Affordability = check with { Counteroffer = offer } };
    }

    /// <summary>
    /// The highest amount below the requested one, in whole steps, that leaves a residual of 0 or more and that the model
    /// approves. Points never rise with the amount (the residual ratio attribute is binned monotonically), so the approved
    /// amounts are the ones up to some amount and a binary search finds it; the amount found is scored again and offered
    /// only when approved.
    /// </summary>
    private static Counteroffer? FindOffer(IDecisionModel model, ReadOnlySpan<double> catalogueValues, ProductTerms terms, decimal income, decimal obligations, decimal requested)
    {
        var step = ProductTerms.AmountStep;
        var below = (Math.Ceiling(requested / step) - 1) * step; // the highest whole step under the requested amount
        var highest = Math.Min(terms.LargestAmountFor(income - obligations), below);
        if (highest < step) return null;

        Span<double> values = catalogueValues.Length <= 256 ? stackalloc double[catalogueValues.Length] : new double[catalogueValues.Length];
        catalogueValues.CopyTo(values);
        var ratioIndex = IndexOf(model.Catalogue, "cashflow_residual_income_ratio");

        bool Approved(decimal amount, Span<double> v, out int score)
        {
            if (ratioIndex >= 0) v[ratioIndex] = AttributeCalculator.ResidualIncomeRatio(income, obligations, ProductTerms.Default.MonthlyPayment(amount));
            score = model.Score(v);
            return model.Policy.Decide(score, model.HasSufficientHistory(v)) == Decision.Approve;
        }

        long lo = 1, hi = (long)(highest / step), found = 0;
        while (lo <= hi)
        {
            var mid = lo + (hi - lo) / 2;
            if (Approved(mid * step, values, out _)) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }

        if (found == 0) return null;
        var amount = found * step;
        if (!Approved(amount, values, out var offered)) return null;
        var instalment = terms.MonthlyPayment(amount);
        return new Counteroffer(amount, instalment, income - obligations - instalment, offered);
    }

    private static int IndexOf(IReadOnlyList<AttributeDefinition> catalogue, string id)
    {
        for (var i = 0; i < catalogue.Count; i++)
            if (catalogue[i].Id == id) return i;
        return -1;
    }
}
