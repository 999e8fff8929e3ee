namespace CreditAlt.Transactions.Parsing;

/// <summary>Reads a transaction set in any of the three formats from a stream the caller owns.</summary>
public static class TransactionReader
{
    /// <param name="input">How errors name the source: a file name, or "request body".</param>
    public static TransactionSet Read(Stream stream, TransactionFormat format, string input) => format switch
    {
        TransactionFormat.Fdx => FdxReader.Read(stream, input),
        TransactionFormat.Plaid => PlaidReader.Read(stream, input),
        _ => BankCsvReader.Read(stream, input),
    };
}
