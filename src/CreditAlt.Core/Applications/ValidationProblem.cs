namespace CreditAlt.Core.Applications;

/// <summary>
/// One thing wrong with an input, named by where it is (a JSON path such as
/// <c>obligations[1].payments[4].amountPaid</c>, or a file, line and column) and what was expected.
/// </summary>
public sealed record ValidationProblem(string Path, string Expected)
{
    public override string ToString() => $"{Path}: {Expected}";
}
