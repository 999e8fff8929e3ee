namespace CreditAlt.Transactions.Parsing;

/// <summary>The three wire formats a transaction set can arrive in (docs/data-formats.md, "Bank transactions").</summary>
public enum TransactionFormat
{
    /// <summary>Financial Data Exchange deposit-account transaction list (absolute amounts, <c>debitCreditMemo</c> gives the sign).</summary>
    Fdx,

    /// <summary>Aggregator JSON in the shape of Plaid's transactions API (positive amount = money out).</summary>
    Plaid,

    /// <summary>A bank's CSV export: <c>date,account_id,description,amount,balance</c>, signed amounts.</summary>
    Csv,
}

/// <summary>One account the applicant shared. <see cref="CurrentBalance"/> lets the lowest balance be reconstructed.</summary>
public sealed record BankAccount(string AccountId, string Type, decimal? CurrentBalance);

/// <summary>
/// One posted transaction, whatever its format. <see cref="Amount"/> is signed: negative is money out of the
/// account, positive money in. <see cref="Location"/> says where it was read (a JSON path or a CSV line), for errors
/// and for the categorised output.
/// </summary>
public sealed record BankTransaction(
    string AccountId,
    string TransactionId,
    DateOnly Date,
    decimal Amount,
    string Description,
    string? Payee,
    string? TransactionType,
    string? ProviderCategory,
    bool ProviderCategoryTrusted,
    int? Mcc,
    decimal? Balance,
    string Location)
{
    public bool IsDebit => Amount < 0;
}

/// <summary>A transaction the reader left out on purpose (pending, memo-only, duplicate id), with the rule that did it.</summary>
public sealed record IgnoredTransaction(string Location, string TransactionId, string Reason);

/// <summary>What a reader produced: the accounts, the posted transactions in input order, and those it ignored.</summary>
public sealed record TransactionSet(
    TransactionFormat Format,
    IReadOnlyList<BankAccount> Accounts,
    IReadOnlyList<BankTransaction> Transactions,
    IReadOnlyList<IgnoredTransaction> Ignored);

/// <summary>Wire names of <see cref="TransactionFormat"/> (<c>fdx</c>, <c>plaid</c>, <c>csv</c>).</summary>
public static class TransactionFormats
{
    public const string WireNames = "one of fdx, plaid, csv";

    public static string ToWire(this TransactionFormat format) => format switch
    {
        TransactionFormat.Fdx => "fdx",
        TransactionFormat.Plaid => "plaid",
        _ => "csv",
    };

    public static bool TryParse(string? text, out TransactionFormat format)
    {
        switch (text)
        {
            case "fdx": format = TransactionFormat.Fdx; return true;
            case "plaid": format = TransactionFormat.Plaid; return true;
            case "csv": format = TransactionFormat.Csv; return true;
            default: format = default; return false;
        }
    }
}
