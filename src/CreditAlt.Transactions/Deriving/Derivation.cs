using CreditAlt.Core.Applications;
using CreditAlt.Transactions.Categorising;
using CreditAlt.Transactions.Parsing;

namespace CreditAlt.Transactions.Deriving;

/// <summary>Who applies, for how much, as of which day: what the transactions do not say.</summary>
public sealed record DerivationRequest(string ApplicationId, string ApplicantId, DateOnly AsOfDate, decimal RequestedAmount);

/// <summary>
/// One transaction with its category, the rule or model that decided it, its payee key and, when it is part of one,
/// the obligation account (stream) it was counted in. <see cref="Note"/> says why it does not count as inflow or
/// outflow (own transfer, reversal, after the as-of date), or is null.
/// </summary>
public sealed record CategorisedTransaction(
    BankTransaction Transaction,
    TransactionCategory Category,
    string DecidedBy,
    string PayeeKey,
    string? StreamAccountId,
    string? Note);

/// <summary>How the lowest balances were found: from balances given with each row, reconstructed from each account's current balance, or unknown (opening balance taken as 0).</summary>
public enum BalanceBasis
{
    Given,
    Reconstructed,
    Unknown,
}

/// <summary>A recurring payment stream found in the transactions, which became the obligation account <see cref="AccountId"/>.</summary>
public sealed record PaymentStream(
    string AccountId,
    ObligationType Type,
    string Furnisher,
    IReadOnlyList<string> PayeeKeys,
    string Cadence,
    int DueDay,
    decimal MonthlyAmount,
    int Payments);

/// <summary>Everything the pipeline inferred: the application it scores, and the evidence to show the applicant.</summary>
public sealed record Derivation(
    Application Application,
    IReadOnlyList<CategorisedTransaction> Transactions,
    IReadOnlyList<PaymentStream> Streams,
    BalanceBasis BalanceBasis);
