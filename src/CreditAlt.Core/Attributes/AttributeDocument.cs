using System.Text;

namespace CreditAlt.Core.Attributes;

/// <summary>Renders docs/attributes.md from the catalogue, so the document cannot drift from the code.</summary>
public static class AttributeDocument
{
    public static string Render()
    {
        var sb = new StringBuilder();
        sb.Append("# Attribute catalogue\n\n");
        sb.Append("Generated from `src/CreditAlt.Core/Attributes/AttributeCatalogue.cs` by `creditalt attributes --markdown`; ");
        sb.Append("a test fails when this file is stale.\n\n");
        sb.Append("Every attribute is computed as of the application's as-of date; nothing reads the clock. ");
        sb.Append("A window of N months holds the records due after the same day N months before the as-of date, up to the as-of date ");
        sb.Append("(a month-end as-of date such as 2024-02-29 starts its 12-month window after 2023-02-28).\n\n");
        sb.Append("## Payment rules\n\n");
        sb.Append("- **Days past due**: from the due date to the date paid, or to the as-of date while unpaid; never negative (early payment is 0).\n");
        sb.Append($"- **On time**: paid in full within {PaymentTiming.GraceDays} days of the due date.\n");
        sb.Append("- **Partial**: paid, but less than the amount due. A partial payment is not on time.\n");
        sb.Append($"- **Pending**: unpaid and no more than {PaymentTiming.GraceDays} days past due on the as-of date; left out of shares and streaks.\n");
        sb.Append("- **30/60/90 or more days late**: days past due at least 30/60/90 (the counts are cumulative: a 90-day late also counts as 30 and 60).\n");
        sb.Append("- **Missed**: never paid and at least 30 days past due on the as-of date.\n");
        sb.Append($"- **Insufficient data**: fewer than {AttributeCalculator.MinMonthsOfHistory} months of obligation payment history (`all_months_history`).\n\n");
        sb.Append("Missing (no account of the type, no record in the window, no cash-flow data) is its own value and gets its own bin in the scorecard. ");
        sb.Append("Special values are listed per attribute and are binned apart too.\n\n");
        sb.Append("## Attributes\n\n");
        sb.Append("| # | id | reason code | meaning | window | risk rises when | changed by | special values | reason sentence |\n");
        sb.Append("|---|---|---|---|---|---|---|---|---|\n");
        for (var i = 0; i < AttributeCatalogue.All.Count; i++)
        {
            var a = AttributeCatalogue.All[i];
            var direction = a.Direction == RiskDirection.HigherIsRiskier ? "higher" : "lower";
            var changedBy = a.Actionability == Actionability.Actionable ? "the applicant" : "time only";
            var specials = a.SpecialValues.Count == 0 ? "" : string.Join("; ", a.SpecialValues.Select(s => $"{s.Value}: {s.Label}"));
            sb.Append($"| {i} | `{a.Id}` | {a.ReasonCode} | {a.Description} | {a.Window} | {direction} | {changedBy} | {specials} | {a.ReasonTemplate}; missing: {a.MissingReason} |\n");
        }
        return sb.ToString();
    }
}
