using System.Text;
using System.Text.Encodings.Web;
using CreditAlt.Api.Decisions;

namespace CreditAlt.Api.Lifecycle;

/// <summary>The notice page's lifecycle sections (counteroffer, underwriter review), HTML-encoded like the rest of the page.</summary>
internal static class LifecycleNoticeHtml
{
    private static readonly HtmlEncoder Encode = HtmlEncoder.Default;

    /// <summary>Written right after "Action taken".</summary>
    public static void AfterAction(StringBuilder sb, NoticeResponse n)
    {
        if (n.Counteroffer is { } c)
            sb.Append("<h2>Our counteroffer</h2><p class=\"action ok\">").Append(E(c.Wording)).Append("</p>\n");
        if (n.Disputes is { Count: > 0 } disputes)
        {
            sb.Append("<h2>Your disputes</h2>");
            foreach (var d in disputes)
            {
                sb.Append("<p>").Append(E(d.Wording)).Append("</p>");
                if (d.NewReasons is { Count: > 0 } reasons && d.NewDecision is not "approve")
                {
                    sb.Append("<p>Principal reasons for the new decision:</p><ol>");
                    foreach (var r in reasons)
                        sb.Append("<li>").Append(E(r.Sentence)).Append(" <code>").Append(E(r.Code)).Append("</code></li>");
                    sb.Append("</ol>");
                }
            }
            sb.Append('\n');
        }
        if (n.FinalAction is { } fa)
            sb.Append("<p class=\"small\">This notice reflects the final action an underwriter took on ")
              .Append(E(fa.RecordedAt.UtcDateTime.ToString("MMMM d, yyyy", System.Globalization.CultureInfo.InvariantCulture)))
              .Append(" (version ").Append(n.Version).Append(" of ").Append(n.Versions).Append(").</p>\n");
    }

    private static string E(string text) => Encode.Encode(text);
}
