using System.Text.Json.Serialization;
using CreditAlt.Core.AbilityToPay;
using CreditAlt.Notices;

namespace CreditAlt.Api.Decisions;

/// <summary>
/// A lower amount the policy approves, offered because the residual income at the requested amount is negative
/// (docs/decision-policy.md, "Residual income and the counteroffer"). The decision is <c>decline</c> for the requested amount.
/// </summary>
/// <param name="Amount">The highest amount, in whole 50s, that leaves a residual income of 0 or more and that the model approves.</param>
/// <param name="MonthlyPayment">Its monthly instalment under the product terms.</param>
/// <param name="AnnualRate">The product's nominal annual rate (0.18 = 18 %).</param>
/// <param name="TermMonths">The product's number of monthly instalments.</param>
/// <param name="ResidualIncome">Monthly income (median monthly deposits of the last 6 months) less obligations and that instalment.</param>
/// <param name="Score">The score of the application at the offered amount.</param>
/// <param name="RequestedAmount">The amount asked for.</param>
/// <param name="RequestedMonthlyPayment">Its instalment under the same terms.</param>
/// <param name="RequestedResidualIncome">The (negative) residual income at the requested amount.</param>
/// <param name="Sentence">The counteroffer in words.</param>
public sealed record CounterofferView(
    decimal Amount,
    decimal MonthlyPayment,
    decimal AnnualRate,
    int TermMonths,
    decimal ResidualIncome,
    int Score,
    decimal RequestedAmount,
    decimal RequestedMonthlyPayment,
    decimal RequestedResidualIncome,
    string Sentence)
{
    public static CounterofferView? From(AffordabilityCheck? check) => check?.Counteroffer is not { } o ? null : new(
        o.Amount, o.MonthlyPayment, check.Terms.AnnualRate, check.Terms.TermMonths, o.ResidualIncome, o.Score,
        check.RequestedAmount, check.MonthlyPayment, check.ResidualIncome, o.Sentence(check));
}

public sealed partial record DecisionResponse
{
    /// <summary>For a decline of the requested amount that a lower amount would turn into an approval: the amount offered.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CounterofferView? Counteroffer { get; init; }
}
