namespace CreditAlt.Transactions.Categorising;

/// <summary>What a transaction is, as far as underwriting cares (docs/transactions.md, "Categories").</summary>
public enum TransactionCategory
{
    Rent,
    Mortgage,
    Utility,
    Telecom,
    Childcare,
    Insurance,
    LoanPayment,
    IncomeWages,
    IncomeBenefits,
    IncomeOther,
    TransferOwn,
    TransferOther,
    Fees,
    OtherSpending,
}

/// <summary>A category and the rule (or model) that decided it, e.g. <c>provider:RENT_AND_UTILITIES_RENT</c>, <c>payee:WIRELESS</c>, <c>mcc:4900</c>.</summary>
public readonly record struct Categorisation(TransactionCategory Category, string DecidedBy);

/// <summary>Wire names of <see cref="TransactionCategory"/> (<c>rent</c>, <c>income_wages</c>, …).</summary>
public static class TransactionCategories
{
    public static readonly IReadOnlyList<TransactionCategory> All = Enum.GetValues<TransactionCategory>();

    private static readonly string[] Wire =
    [
        "rent", "mortgage", "utility", "telecom", "childcare", "insurance", "loan_payment",
        "income_wages", "income_benefits", "income_other", "transfer_own", "transfer_other", "fees", "other_spending",
    ];

    public static string ToWire(this TransactionCategory category) => Wire[(int)category];

    public static bool TryParse(string? text, out TransactionCategory category)
    {
        var i = Array.IndexOf(Wire, text);
        category = i < 0 ? default : (TransactionCategory)i;
        return i >= 0;
    }

    public static bool IsIncome(this TransactionCategory c) => c is TransactionCategory.IncomeWages or TransactionCategory.IncomeBenefits or TransactionCategory.IncomeOther;
}
