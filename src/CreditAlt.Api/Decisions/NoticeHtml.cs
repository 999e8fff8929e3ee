using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace CreditAlt.Api.Decisions;

/// <summary>
/// Renders a notice as one self-contained HTML page (inline styles, no scripts, no external resources), readable on a
/// phone and printable. Every value is HTML-encoded: sentences carry applicant data, furnisher names carry lender data.
/// </summary>
internal static class NoticeHtml
{
    private static readonly HtmlEncoder Encode = HtmlEncoder.Default;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Render(NoticeResponse n)
    {
        var title = n.IsAdverseAction ? "Notice of action taken on your credit application" : "About the decision on your credit application";
        var sb = new StringBuilder(8 * 1024);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
          .Append("<title>").Append(E(title)).Append("</title><style>")
          .Append("body{font-family:Georgia,'Times New Roman',serif;color:#1d232a;background:#f4f1ea;margin:0;padding:24px;line-height:1.5}")
          .Append("main{max-width:760px;margin:0 auto;background:#fff;padding:32px 40px;border:1px solid #d8d2c4;border-radius:6px}")
          .Append("h1{font-size:1.5em;margin:0 0 4px}h2{font-size:1.1em;margin:28px 0 8px;border-bottom:1px solid #e2ddd0;padding-bottom:4px}")
          .Append(".meta{color:#5b6470;font-size:.92em;margin:0 0 16px}.action{font-size:1.15em;padding:12px 16px;border-left:5px solid #9a3b1e;background:#fbf2ee}")
          .Append(".action.ok{border-color:#2f6b3a;background:#eff7f0}.action.wait{border-color:#8a6d1a;background:#fbf6e6}")
          .Append("ol li,ul li{margin:4px 0}.score{display:flex;gap:24px;align-items:baseline;flex-wrap:wrap}.score b{font-size:2em}")
          .Append("table{border-collapse:collapse;width:100%;font-size:.93em}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #ebe6da}")
          .Append("th{background:#f7f4ed}.small{font-size:.88em;color:#39424d}code{font-family:Menlo,Consolas,monospace;font-size:.85em;color:#5b6470}")
          .Append("@media print{body{background:#fff;padding:0}main{border:none}}</style></head><body><main>\n");

        sb.Append("<h1>").Append(E(title)).Append("</h1>\n<p class=\"meta\">").Append(E(n.Creditor)).Append(" · ").Append(E(n.CreditorAddress))
          .Append("<br>Decision <code>").Append(E(n.DecisionId)).Append("</code> · ").Append(E(Date(n.DecisionDate))).Append("</p>\n");

        var css = n.Decision switch { "approve" => "action ok", "refer" => "action wait", _ => "action" };
        sb.Append("<h2>Action taken</h2><p class=\"").Append(css).Append("\">").Append(E(n.ActionTaken)).Append("</p>\n");
        Lifecycle.LifecycleNoticeHtml.AfterAction(sb, n);

        if (n.PrincipalReasons.Count > 0)
        {
            sb.Append("<h2>").Append(n.Decision == "insufficient_data" ? "Why we could not decide" : "Principal reasons for our decision").Append("</h2><ol>");
            foreach (var r in n.PrincipalReasons)
                sb.Append("<li>").Append(E(r.Sentence)).Append(" <code>").Append(E(r.Code)).Append("</code></li>");
            sb.Append("</ol>\n");
        }

        if (n.Score is { } s)
        {
            sb.Append("<h2>Your credit score</h2><div class=\"score\"><div><b>").Append(s.Value.ToString(Inv)).Append("</b></div><div>on a scale from ")
              .Append(s.Minimum.ToString(Inv)).Append(" (highest risk) to ").Append(s.Maximum.ToString(Inv)).Append(" (lowest risk)<br>created on ")
              .Append(E(s.Date.ToString("MMMM d, yyyy", Inv))).Append(" by the ").Append(E(s.ProvidedBy)).Append("</div></div>\n");
            sb.Append("<p>We used this score in making our decision. It is based only on the payment and bank data listed below.</p>");
            if (s.KeyFactorsNote is { } note)
                sb.Append("<p><strong>Key factors that adversely affected your score:</strong> ").Append(E(note)).Append("</p>\n");
        }
        else
        {
            sb.Append("<h2>Your credit score</h2><p>No score was produced: the payment history you shared is too short to score.</p>\n");
        }

        if (n.Recourse is { } recourse && recourse.Summary.Count > 0)
        {
            sb.Append("<h2>What would change the outcome</h2><ul>");
            foreach (var line in recourse.Summary)
                sb.Append("<li>").Append(E(line)).Append("</li>");
            sb.Append("</ul>\n");
        }

        sb.Append("<h2>The information we used</h2>");
        if (n.AccountsUsed.Count > 0)
        {
            sb.Append("<table><tr><th>Type</th><th>Reported by</th><th>Account</th><th>Monthly amount</th><th>Payment records</th><th>Period</th></tr>");
            foreach (var a in n.AccountsUsed)
            {
                sb.Append("<tr><td>").Append(E(a.Type)).Append("</td><td>").Append(E(a.Furnisher)).Append("</td><td>").Append(E(a.AccountReference))
                  .Append("</td><td>").Append(E(a.MonthlyAmount.ToString("#,0.00", Inv))).Append("</td><td>").Append(a.PaymentRecords.ToString(Inv))
                  .Append("</td><td>").Append(a.FirstDueDate is { } f && a.LastDueDate is { } l ? E($"{Month(f)} – {Month(l)}") : "none").Append("</td></tr>");
            }
            sb.Append("</table>");
        }
        else
        {
            sb.Append("<p>No obligation accounts were shared.</p>");
        }
        sb.Append("<p>").Append(n.CashFlowMonthsUsed > 0
            ? E($"We also used {n.CashFlowMonthsUsed} month(s) of bank account cash flow (deposits, withdrawals, lowest balance, returned items).")
            : "No bank account data was shared or used.").Append(" Nothing about your age, sex, race, national origin, religion, marital status or receipt of public assistance was used.</p>\n");

        Transactions.PaymentsFound.Html(sb, n, Encode);
        Lifecycle.LifecycleNoticeHtml.AfterData(sb, n);
        sb.Append("<h2>How to get more detail</h2><p>").Append(E(n.MoreDetail)).Append("</p>\n");
        sb.Append("<h2>How to dispute an item</h2><p>").Append(E(n.Dispute)).Append("</p>\n");
        sb.Append("<h2>Your rights under the Equal Credit Opportunity Act</h2><p class=\"small\">").Append(E(n.EcoaNotice)).Append("</p>\n");
        sb.Append("</main></body></html>\n");
        return sb.ToString();
    }

    private static string E(string text) => Encode.Encode(text);

    private static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("MMMM d, yyyy", Inv);

    private static string Month(DateOnly d) => d.ToString("MMM yyyy", Inv);
}
