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
