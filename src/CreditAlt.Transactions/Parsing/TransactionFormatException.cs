namespace CreditAlt.Transactions.Parsing;

/// <summary>
/// A transaction file or body that cannot be read: <see cref="Where"/> names the source and the place (a JSON path such
/// as <c>$.transactions[3].amount</c>, or <c>line 7, column 4 (amount)</c>), <see cref="Expected"/> what should be there.
/// Nothing is returned from a reader that throws it: a set is read whole or not at all.
/// </summary>
public sealed class TransactionFormatException(string source, string where, string expected)
    : Exception($"{source}, {where}: {expected}")
{
    public string Input => source;

    public string Where => where;

    public string Expected => expected;
}
