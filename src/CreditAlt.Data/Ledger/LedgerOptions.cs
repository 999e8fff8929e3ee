namespace CreditAlt.Data.Ledger;

/// <summary>Group-commit settings of the ledger writer.</summary>
public sealed class LedgerOptions
{
    /// <summary>Most decisions written in one transaction.</summary>
    /// <value>2000</value>
    public int MaxBatch { get; set; } = 2000;
}
