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

        public const string Explanation =
            "These payments were found in the bank transactions you agreed to share; each month shows the payment we matched to it and how it was counted. " +
            "If a payment is missing, belongs to another payee, or is marked late when it was not, dispute it (see \"How to dispute an item\") " +
            "naming the account and the month; we will look at the transactions again.";

        /// <summary>The notice with the payments found, when the decision was derived from transactions (a raw set was recorded for it, even if since deleted).</summary>
        public static async Task<NoticeResponse> AddAsync(CreditAltDatabase database, LedgerEntry entry, NoticeResponse notice, CancellationToken ct)
        {
            var sets = await database.Consents.ForDecisionAsync(entry.DecisionId, ct).ConfigureAwait(false);
            if (sets.Count == 0 || ApplicationJson.Parse(Encoding.UTF8.GetBytes(entry.ApplicationJson)).Application is not { } application)
                return notice;
            return notice with { PaymentsFound = From(application) };
        }

        public static PaymentsFoundNotice From(Application a) => new(Explanation,
            [.. a.Obligations.Select(o => new PayeePayments(o.AccountId, o.Type.ToWire(), o.Furnisher, o.MonthlyAmount,
                [.. o.Payments.Select(p => new PaymentFoundMonth(p.DueDate.ToString("yyyy-MM", Inv), p.DueDate, p.AmountDue, p.PaidDate, p.AmountPaid, Status(p)))]))]);

        /// <summary>The status as the attributes count it: on time within the grace days and in full.</summary>
        public static string Status(PaymentRecord p)
        {
            if (p.PaidDate is not { } paid) return "no payment found";
            if (p.AmountPaid < p.AmountDue) return "partly paid";
            var late = paid.DayNumber - p.DueDate.DayNumber;
            return late <= PaymentTiming.GraceDays ? "on time" : $"{late} days late";
        }

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
