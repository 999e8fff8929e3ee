using CreditAlt.Core.Applications;

namespace CreditAlt.Notices;

/// <summary>The payments found in the applicant's bank transactions (docs/transactions.md, "The notice").</summary>
/// <param name="Explanation">What the list is and how to dispute an entry.</param>
/// <param name="Payees">One entry per payment stream found.</param>
public sealed record PaymentsFoundNotice(string Explanation, IReadOnlyList<PayeePayments> Payees);

/// <summary>One payee's payments, month by month.</summary>
/// <param name="AccountId">The derived account id (name it in a dispute).</param>
/// <param name="Type">rent, utility, telecom, childcare, insurance or other.</param>
/// <param name="Payee">Who was paid, as read from the transactions.</param>
/// <param name="MonthlyAmount">The usual monthly amount.</param>
/// <param name="Months">Each month: when it was due, what was found, and the status scored.</param>
public sealed record PayeePayments(string AccountId, string Type, string Payee, decimal MonthlyAmount, IReadOnlyList<PaymentFoundMonth> Months);

/// <summary>One month of a payee.</summary>
/// <param name="Month">yyyy-MM (the month to name in a dispute).</param>
/// <param name="DueDate">The due date taken (the stream's usual day).</param>
/// <param name="AmountDue">Amount due.</param>
/// <param name="PaidDate">The date of the payment found, or null when none was found.</param>
/// <param name="AmountPaid">What was found paid.</param>
/// <param name="Status"><c>on time</c>, <c>N days late</c>, <c>partly paid</c> or <c>no payment found</c>.</param>
public sealed record PaymentFoundMonth(string Month, DateOnly DueDate, decimal AmountDue, DateOnly? PaidDate, decimal AmountPaid, string Status);

/// <summary>
/// Builds <see cref="PaymentsFoundNotice"/> for a decision derived from bank transactions, for every form of the notice:
/// the JSON and HTML pages of the API and the PDF letter (API and <c>creditalt notices</c>).
/// </summary>
public static class FoundPayments
{
    private static readonly System.Globalization.CultureInfo Inv = System.Globalization.CultureInfo.InvariantCulture;

    public const string Explanation =
        "These payments were found in the bank transactions you agreed to share; each month shows the payment we matched to it and how it was counted. " +
        "If a payment is missing, belongs to another payee, or is marked late when it was not, dispute it (see \"How to dispute an item\") " +
        "naming the account and the month; we will look at the transactions again.";

    /// <summary>The notice with the payments found, when the decision was derived from transactions (a raw set was recorded for it, even if since deleted).</summary>
    public static async Task<NoticeResponse> AddAsync(Data.CreditAltDatabase database, Data.Ledger.LedgerEntry entry, NoticeResponse notice, CancellationToken ct)
    {
        var sets = await database.Consents.ForDecisionAsync(entry.DecisionId, ct).ConfigureAwait(false);
        if (sets.Count == 0 || Core.Applications.ApplicationJson.Parse(System.Text.Encoding.UTF8.GetBytes(entry.ApplicationJson)).Application is not { } application)
            return notice;
        return notice with { PaymentsFound = From(application) };
    }

    public static PaymentsFoundNotice From(Core.Applications.Application a) => new(Explanation,
        [.. a.Obligations.Select(o => new PayeePayments(o.AccountId, o.Type.ToWire(), o.Furnisher, o.MonthlyAmount,
            [.. o.Payments.Select(p => new PaymentFoundMonth(p.DueDate.ToString("yyyy-MM", Inv), p.DueDate, p.AmountDue, p.PaidDate, p.AmountPaid, Status(p)))]))]);

    /// <summary>The status as the attributes count it: on time within the grace days and in full.</summary>
    public static string Status(Core.Applications.PaymentRecord p)
    {
        if (p.PaidDate is not { } paid) return "no payment found";
        if (p.AmountPaid < p.AmountDue) return "partly paid";
        var late = paid.DayNumber - p.DueDate.DayNumber;
        return late <= Core.Attributes.PaymentTiming.GraceDays ? "on time" : $"{late} days late";
    }
}
