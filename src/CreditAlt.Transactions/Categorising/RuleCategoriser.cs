using CreditAlt.Transactions.Parsing;
using static CreditAlt.Transactions.Categorising.TransactionCategory;

namespace CreditAlt.Transactions.Categorising;

/// <summary>
/// The documented rule set (docs/transactions.md, "Categorisation rules"), in this order: a trusted provider category
/// that agrees with the direction of the money; payee phrases on the cleaned descriptor; the FDX transaction type; the
/// merchant category code; otherwise other spending (money out) or other income (money in). Outcomes are memoised per
/// distinct (direction, MCC, type, cleaned descriptor), which is what makes a year of one payee cost one rule scan.
/// Not thread-safe: one instance per thread or per derivation.
/// </summary>
public sealed class RuleCategoriser
{
    // Phrases are matched on token boundaries of the cleaned descriptor. Order matters: fees and income sources before
    // generic words, mortgage before loan, loan before rent ("HOME LOAN"), P2P last.
    private static readonly (string Phrase, TransactionCategory Category)[] DebitPhrases =
    [
        ("NSF", Fees), ("OVERDRAFT", Fees), ("INSUFFICIENT FUNDS", Fees), ("RETURNED ITEM", Fees), ("OD FEE", Fees),
        ("MORTGAGE", Mortgage), ("MTG", Mortgage), ("HOME LOAN", Mortgage), ("MORTG", Mortgage),
        ("STUDENT LN", LoanPayment), ("LOAN", LoanPayment), ("AUTO FIN", LoanPayment), ("AUTO FINANCE", LoanPayment), ("NAVIENT", LoanPayment),
        ("DAYCARE", Childcare), ("DAY CARE", Childcare), ("CHILDCARE", Childcare), ("CHILD CARE", Childcare), ("EARLY LEARNING", Childcare),
        ("PRESCHOOL", Childcare), ("KIDS CLUB", Childcare), ("NURSERY", Childcare), ("MONTESSORI", Childcare), ("NANNY", Childcare),
        ("KINDERCARE", Childcare), ("LEARNING CENTER", Childcare), ("AFTERSCHOOL", Childcare), ("LITTLE STEPS", Childcare),
        ("INSURANCE", Insurance), ("INS PREM", Insurance), ("INSUR", Insurance), ("ASSURANCE", Insurance), ("GEICO", Insurance),
        ("STATE FARM", Insurance), ("PROGRESSIVE", Insurance), ("ALLSTATE", Insurance), ("MUTUAL", Insurance), ("INS", Insurance),
        ("RENT", Rent), ("RENTAL", Rent), ("APARTMENTS", Rent), ("APARTMENT", Rent), ("APTS", Rent), ("APT", Rent),
        ("PROPERTY MANAGEMENT", Rent), ("PROPERTY MGMT", Rent), ("PROP MGMT", Rent), ("PROPERTY MAN", Rent), ("PROPERTIES", Rent),
        ("RESIDENTIAL", Rent), ("LEASING", Rent), ("LETTINGS", Rent), ("HOMES", Rent), ("REALTY", Rent), ("LANDLORD", Rent),
        ("ELECTRIC", Utility), ("POWER", Utility), ("LIGHT", Utility), ("WATER", Utility), ("GAS CO", Utility), ("GAS COMPANY", Utility),
        ("NATURAL GAS", Utility), ("ENERGY", Utility), ("UTILITY", Utility), ("UTILITIES", Utility), ("SEWER", Utility), ("EDISON", Utility),
        ("PG&E", Utility), ("CON ED", Utility), ("ELEC", Utility), ("WTR", Utility),
        ("WIRELESS", Telecom), ("MOBILE", Telecom), ("TELECOM", Telecom), ("BROADBAND", Telecom), ("INTERNET", Telecom), ("CABLE", Telecom),
        ("FIBER", Telecom), ("FIBERNET", Telecom), ("VERIZON", Telecom), ("AT&T", Telecom), ("T MOBILE", Telecom), ("TMOBILE", Telecom),
        ("COMCAST", Telecom), ("XFINITY", Telecom), ("SPECTRUM", Telecom), ("PHONE", Telecom), ("CELLULAR", Telecom), ("TELCO", Telecom),
        ("ZELLE", TransferOther), ("VENMO", TransferOther), ("CASH APP", TransferOther), ("CASHAPP", TransferOther), ("PAYPAL", TransferOther),
        ("TRANSFER", TransferOther), ("XFER", TransferOther), ("WIRE", TransferOther),
    ];

    private static readonly (string Phrase, TransactionCategory Category)[] CreditPhrases =
    [
        ("SSA", IncomeBenefits), ("SOC SEC", IncomeBenefits), ("SOCIAL SECURITY", IncomeBenefits), ("TREAS", IncomeBenefits), ("SSI", IncomeBenefits),
        ("UNEMPLOYMENT", IncomeBenefits), ("UI BENEFIT", IncomeBenefits), ("VA BENEFIT", IncomeBenefits), ("DEPT OF LABOR", IncomeBenefits),
        ("BENEFIT", IncomeBenefits), ("BENEFITS", IncomeBenefits), ("PENSION", IncomeBenefits),
        ("PAYROLL", IncomeWages), ("PAYRLL", IncomeWages), ("SALARY", IncomeWages), ("DIR DEP", IncomeWages), ("DIRECT DEP", IncomeWages),
        ("DIRECT DEPOSIT", IncomeWages), ("WAGES", IncomeWages), ("PAYCHECK", IncomeWages),
        ("ZELLE", TransferOther), ("VENMO", TransferOther), ("CASH APP", TransferOther), ("CASHAPP", TransferOther), ("PAYPAL", TransferOther),
        ("TRANSFER", TransferOther), ("XFER", TransferOther), ("WIRE", TransferOther),
    ];

    // Refund and reversal words on money coming in: never income (docs: reversals net against what they reverse).
    private static readonly string[] ReversalPhrases = ["REFUND", "REVERSAL", "REVERSED", "RETURN", "CREDIT ADJ", "CHARGEBACK"];

    // ISO 18245 merchant category codes that name an obligation outright.
    private static readonly Dictionary<int, TransactionCategory> Mcc = new()
    {
        [4900] = Utility, [4812] = Telecom, [4814] = Telecom, [4899] = Telecom, [8351] = Childcare, [6300] = Insurance,
        [5960] = Insurance, [6513] = Rent, [6012] = LoanPayment,
    };

    private static readonly Dictionary<string, TransactionCategory> Provider = new(StringComparer.Ordinal)
    {
        ["RENT_AND_UTILITIES_RENT"] = Rent,
        ["RENT_AND_UTILITIES_GAS_AND_ELECTRICITY"] = Utility,
        ["RENT_AND_UTILITIES_WATER"] = Utility,
        ["RENT_AND_UTILITIES_SEWAGE_AND_WASTE_MANAGEMENT"] = Utility,
        ["RENT_AND_UTILITIES_TELEPHONE"] = Telecom,
        ["RENT_AND_UTILITIES_INTERNET_AND_CABLE"] = Telecom,
        ["LOAN_PAYMENTS_MORTGAGE_PAYMENT"] = Mortgage,
        ["LOAN_PAYMENTS_CAR_PAYMENT"] = LoanPayment,
        ["LOAN_PAYMENTS_PERSONAL_LOAN_PAYMENT"] = LoanPayment,
        ["LOAN_PAYMENTS_STUDENT_LOAN_PAYMENT"] = LoanPayment,
        ["LOAN_PAYMENTS_OTHER_PAYMENT"] = LoanPayment,
        ["INCOME_WAGES"] = IncomeWages,
        ["INCOME_UNEMPLOYMENT"] = IncomeBenefits,
        ["INCOME_RETIREMENT_PENSION"] = IncomeBenefits,
        ["INCOME_OTHER_INCOME"] = IncomeOther,
        ["INCOME_DIVIDENDS"] = IncomeOther,
        ["INCOME_INTEREST_EARNED"] = IncomeOther,
        ["BANK_FEES_INSUFFICIENT_FUNDS"] = Fees,
        ["BANK_FEES_OVERDRAFT_FEES"] = Fees,
        ["GENERAL_SERVICES_CHILDCARE"] = Childcare,
        ["GENERAL_SERVICES_INSURANCE"] = Insurance,
    };

    // Keyed by the value tuple, not a concatenated string: no key to build per transaction.
    private readonly Dictionary<(bool Debit, int? Mcc, string? Type, string Clean), Categorisation> _memo = new();

    /// <summary>Categorises one transaction from its cleaned descriptor (<see cref="Descriptor.Clean"/>).</summary>
    public Categorisation Categorise(BankTransaction t, string clean)
    {
        var debit = t.IsDebit;
        if (t.ProviderCategory is { } pc && t.ProviderCategoryTrusted && Provider.TryGetValue(pc, out var trusted)
            && (debit ? !trusted.IsIncome() : trusted.IsIncome()))
            return new Categorisation(trusted, "provider:" + pc);

        var key = (debit, t.Mcc, t.TransactionType, clean);
        if (_memo.TryGetValue(key, out var known)) return known;
        var result = Decide(debit, t.Mcc, t.TransactionType, clean);
        _memo[key] = result;
        return result;
    }

    /// <summary>True when money in is a refund or reversal by its words (it then nets against spending, never income).</summary>
    public static bool IsReversal(BankTransaction t, string clean) => !t.IsDebit && FindPhrase(clean, ReversalPhrases) is not null;

    private static Categorisation Decide(bool debit, int? mcc, string? type, string clean)
    {
        if (!debit && FindPhrase(clean, ReversalPhrases) is { } reversal)
            return new Categorisation(OtherSpending, "reversal:" + reversal);
        foreach (var (phrase, category) in debit ? DebitPhrases : CreditPhrases)
            if (Contains(clean, phrase))
                return new Categorisation(category, "payee:" + phrase);
        switch (type)
        {
            case "DIRECTDEPOSIT" or "PAYROLL" when !debit: return new Categorisation(IncomeWages, "fdx-type:" + type);
            case "FEE" when debit: return new Categorisation(Fees, "fdx-type:FEE");
            case "TRANSFER": return new Categorisation(TransferOther, "fdx-type:TRANSFER");
        }

        if (debit && mcc is { } code && Mcc.TryGetValue(code, out var byMcc))
            return new Categorisation(byMcc, "mcc:" + code.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return debit ? new Categorisation(OtherSpending, "default:money-out") : new Categorisation(IncomeOther, "default:money-in");
    }

    private static string? FindPhrase(string clean, string[] phrases)
    {
        foreach (var p in phrases)
            if (Contains(clean, p)) return p;
        return null;
    }

    // Whole-token match: "RENT" matches "ABC RENT" but not "CURRENT".
    private static bool Contains(string clean, string phrase)
    {
        var from = 0;
        while (true)
        {
            var i = clean.IndexOf(phrase, from, StringComparison.Ordinal);
            if (i < 0) return false;
            var end = i + phrase.Length;
            if ((i == 0 || clean[i - 1] == ' ') && (end == clean.Length || clean[end] == ' ')) return true;
            from = i + 1;
        }
    }
}
