using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using CreditAlt.Core.Applications;
using CreditAlt.Core.Attributes;
using CreditAlt.Data;
using CreditAlt.Data.Ledger;
using CreditAlt.Notices;

namespace CreditAlt.Api.Transactions
{
    internal static class PaymentsFound
    {
        private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

        /// <summary>The notice with the payments found (CreditAlt.Notices <see cref="FoundPayments"/>, shared with the PDF letter).</summary>
        public static Task<NoticeResponse> AddAsync(CreditAltDatabase database, LedgerEntry entry, NoticeResponse notice, CancellationToken ct) =>
            FoundPayments.AddAsync(database, entry, notice, ct);

        /// <inheritdoc cref="FoundPayments.Status"/>
        public static string Status(PaymentRecord p) => FoundPayments.Status(p);

        /// <summary>The HTML section: one table per payee.</summary>
        public static void Html(StringBuilder sb, NoticeResponse n, HtmlEncoder encoder)
        {
            if (n.PaymentsFound is not { } found)
                return;
            string E(string s) => encoder.Encode(s);
            sb.Append("<h2>Payments we found in your bank transactions</h2><p>").Append(E(found.Explanation)).Append("</p>\n");
            foreach (var payee in found.Payees)
            {
                sb.Append("<h3>").Append(E($"{payee.Payee} ({payee.Type}, account {payee.AccountId}, about {payee.MonthlyAmount.ToString("#,0.00", Inv)} a month)")).Append("</h3>");
                sb.Append("<table><tr><th>Month</th><th>Due</th><th>Amount due</th><th>Payment found</th><th>Amount paid</th><th>Counted as</th></tr>");
                foreach (var m in payee.Months)
                    sb.Append("<tr><td>").Append(E(m.Month)).Append("</td><td>").Append(E(m.DueDate.ToString("MMM d, yyyy", Inv)))
                      .Append("</td><td>").Append(E(m.AmountDue.ToString("#,0.00", Inv))).Append("</td><td>").Append(m.PaidDate is { } d ? E(d.ToString("MMM d, yyyy", Inv)) : "none")
                      .Append("</td><td>").Append(E(m.AmountPaid.ToString("#,0.00", Inv))).Append("</td><td>").Append(E(m.Status)).Append("</td></tr>");
                sb.Append("</table>\n");
            }
        }
    }
}
