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
        ("INSURANCE", Insurance), ("INS PREM", Insurance), ("RENTERS", Insurance), ("AUTO INSURANCE", Insurance), ("AUTO INS", Insurance), ("INSUR", Insurance), ("ASSURANCE", Insurance), ("GEICO", Insurance),
        ("STATE FARM", Insurance), ("PROGRESSIVE", Insurance), ("ALLSTATE", Insurance), ("MUTUAL", Insurance), ("INS", Insurance),
        ("RENT", Rent), ("RENTAL", Rent), ("APARTMENTS", Rent), ("APARTMENT", Rent), ("APTS", Rent), ("APT", Rent),
        ("PROPERTY MANAGEMENT", Rent), ("PROPERTY MGMT", Rent), ("PROP MGMT", Rent), ("PROPERTY MAN", Rent), ("PROPERTIES", Rent),
        ("RESIDENTIAL", Rent), ("LEASING", Rent), ("LETTINGS", Rent), ("HOMES", Rent), ("REALTY", Rent), ("LANDLORD", Rent),
        ("RENTALS", Rent), ("TOWNHOMES", Rent), ("TOWNHOME", Rent), ("LOFTS", Rent),
        ("ELECTRIC", Utility), ("POWER", Utility), ("LIGHT", Utility), ("WATER", Utility), ("GAS CO", Utility), ("GAS COMPANY", Utility),
        ("NATURAL GAS", Utility), ("ENERGY", Utility), ("UTILITY", Utility), ("UTILITIES", Utility), ("SEWER", Utility), ("EDISON", Utility),
        ("PG&E", Utility), ("CON ED", Utility), ("ELEC", Utility), ("WTR", Utility),
        ("WIRELESS", Telecom), ("MOBILE", Telecom), ("TELECOM", Telecom), ("BROADBAND", Telecom), ("INTERNET", Telecom), ("CABLE", Telecom),
        ("FIBER", Telecom), ("FIBERNET", Telecom), ("VERIZON", Telecom), ("AT&T", Telecom), ("T MOBILE", Telecom), ("TMOBILE", Telecom),
        ("COMCAST", Telecom), ("XFINITY", Telecom), ("SPECTRUM", Telecom), ("PHONE", Telecom), ("CELLULAR", Telecom), ("TELCO", Telecom),
        ("TELEPHONE", Telecom), ("COMMUNICATIONS", Telecom),
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
        var phrases = debit ? DebitPhrases : CreditPhrases;
        foreach (var (phrase, category) in phrases)
            if (Contains(clean, phrase))
                return new Categorisation(category, "payee:" + phrase);
        if (TruncatedPhrase(clean, phrases) is { } cut)
            return new Categorisation(cut.Category, "payee-truncated:" + cut.Phrase);
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

    /// <value>3: the fewest letters of a cut-off last word that may stand for a phrase's word ("RESIDEN", "MOBI", "APA").</value>
    public const int MinTruncatedLetters = 3;

    /// <summary>
    /// Banks print descriptors into a field of fixed width, so a payee's name often ends in a cut-off word
    /// ("HARBORVIEW RESIDEN", "SKYLINE WIREL", "RIVERSIDE PROPERTY MA"). The descriptor's last words are read as the start
    /// of a phrase: the words before the last equal the phrase's first words, and the last word is the start (at least
    /// <see cref="MinTruncatedLetters"/> letters) of the phrase's next word, or that whole word when more of the phrase follows
    /// and at least one phrase word came before it.
    /// Taken only when every phrase it could be the start of names the same category; two-letter endings (state codes such
    /// as GA, WA) never count.
    /// </summary>
    private static (string Phrase, TransactionCategory Category)? TruncatedPhrase(string clean, (string Phrase, TransactionCategory Category)[] phrases)
    {
        if (clean.Length == 0) return null;
        (string Phrase, TransactionCategory Category)? found = null;
        foreach (var (phrase, category) in phrases)
        {
            if (!StartsAtCut(clean, phrase)) continue;
            if (found is { } f && f.Category != category) return null;
            found ??= (phrase, category);
        }

        return found;
    }

    // True when the end of the descriptor is a strict beginning of the phrase that ends inside one of its words (or at a word
    // boundary before the phrase's last word), on token boundaries.
    private static bool StartsAtCut(string clean, string phrase)
    {
        var lastSpace = clean.LastIndexOf(' ');
        var lastWord = clean.AsSpan(lastSpace + 1);
        var phraseWords = phrase.Split(' ');
        for (var k = 0; k < phraseWords.Length; k++)
        {
            // The descriptor's last word stands for phrase word k; the k words before it must be the phrase's first k words.
            var word = phraseWords[k];
            if (!word.AsSpan().StartsWith(lastWord, StringComparison.Ordinal)) continue;
            var whole = lastWord.Length == word.Length;
            if (whole && k == phraseWords.Length - 1) continue; // the whole phrase: an ordinary match, not a cut
            // A cut at a word boundary after the phrase's first word ("... GAS" for "GAS CO") looks like a name of its own
            // ("SHELL GAS"): a whole word counts only after at least one other word of the phrase.
            if (whole && k == 0) continue;
            if (!whole && lastWord.Length < MinTruncatedLetters) continue;
            var before = string.Join(' ', phraseWords, 0, k);
            if (k == 0) return true;
            var head = clean.AsSpan(0, Math.Max(0, lastSpace));
            if (head.EndsWith(before, StringComparison.Ordinal) && (head.Length == before.Length || head[head.Length - before.Length - 1] == ' ')) return true;
        }

        return false;
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
