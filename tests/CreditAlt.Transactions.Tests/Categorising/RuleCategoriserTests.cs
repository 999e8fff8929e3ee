using CreditAlt.Transactions.Categorising;
using CreditAlt.Transactions.Parsing;

namespace CreditAlt.Transactions.Tests.Categorising;

public sealed class RuleCategoriserTests
{
    private static BankTransaction Tx(decimal amount, string description, int? mcc = null, string? type = null, string? provider = null, bool trusted = false) =>
        new("a", "t", new DateOnly(2026, 5, 1), amount, description, null, type, provider, trusted, mcc, null, "$");

    [Theory]
    [InlineData("POS DEBIT FRESHMART #1041 SPRINGFIELD IL", "FRESHMART SPRINGFIELD IL", "FRESHM SPRING")]
    [InlineData("MAPLE COURT APTS WEB PMT 20260301", "MAPLE COURT APTS", "MAPLE COURT")]
    [InlineData("Riverside Property Man", "RIVERSIDE PROPERTY MAN", "RIVERS PROPER")]
    [InlineData("METRO POWER & LIGHT ACH PPD", "METRO POWER LIGHT", "METRO POWER")]
    [InlineData("#123 4567", "", "")]
    [InlineData("O'Brien Realty", "OBRIEN REALTY", "OBRIEN REALTY")]
    public void Descriptor_CleanAndKey(string text, string clean, string key)
    {
        Assert.Equal(clean, Descriptor.Clean(text));
        Assert.Equal(key, Descriptor.PayeeKey(Descriptor.Clean(text)));
    }

    [Theory]
    [InlineData(-1450, "MAPLE COURT APTS WEB PMT 20260301", null, null, "rent", "payee:APTS")]
    [InlineData(-91.10, "METRO POWER & LIGHT ACH PPD", 4900, null, "utility", "payee:POWER")]
    [InlineData(-64.99, "BLUEWAVE MOBILE AUTOPAY 8005551234", null, null, "telecom", "payee:MOBILE")]
    [InlineData(-64.99, "BLUEWAVE 8005551234", 4814, null, "telecom", "mcc:4814")]
    [InlineData(-35, "NSF RETURNED ITEM FEE", null, "FEE", "fees", "payee:NSF")]
    [InlineData(1612.40, "ACME WIDGETS PAYROLL PPD ID:9912345", null, null, "income_wages", "payee:PAYROLL")]
    [InlineData(1612.40, "ACME WIDGETS 9912345", null, "DIRECTDEPOSIT", "income_wages", "fdx-type:DIRECTDEPOSIT")]
    [InlineData(914, "SSA TREAS 310 XXSOC SEC", null, "DIRECTDEPOSIT", "income_benefits", "payee:SSA")]
    [InlineData(349.99, "REFUND ELECTROWORLD #221", null, null, "other_spending", "reversal:REFUND")]
    [InlineData(-40, "ZELLE TO J SMITH CONF 88121", null, null, "transfer_other", "payee:ZELLE")]
    [InlineData(-57.34, "POS DEBIT FRESHMART #1041 SPRINGFIELD IL", 5411, null, "other_spending", "default:money-out")]
    [InlineData(-20, "CURRENT BOOKS", null, null, "other_spending", "default:money-out")]
    [InlineData(25, "INTEREST PAID", null, null, "income_other", "default:money-in")]
    [InlineData(-800, "LITTLE STEPS DAYCARE", null, null, "childcare", "payee:DAYCARE")]
    [InlineData(-120, "HARBOR MUTUAL INSURANCE", null, null, "insurance", "payee:INSURANCE")]
    [InlineData(-1900, "WELLS HOME LOAN MTG", null, null, "mortgage", "payee:MTG")]
    [InlineData(-805, "POS SYCAMORE TOWNHOMES #66 CLEARWATER FL", null, null, "rent", "payee:TOWNHOMES")]
    [InlineData(-710, "CYPRESS RENTALS BILL PAY", null, null, "rent", "payee:RENTALS")]
    [InlineData(-400, "POS TRAILHEAD LOFTS #46 RIVERTON OH", null, null, "rent", "payee:LOFTS")]
    [InlineData(-106.40, "CHESTNUT TELEPHONE WEB PMT 20250503", null, null, "telecom", "payee:TELEPHONE")]
    [InlineData(-70.51, "POS SEQUOIA COMMUNICATIONS #12 RIVERTON OH", null, null, "telecom", "payee:COMMUNICATIONS")]
    [InlineData(-41.07, "SEQUOIA COMMUNIC", null, null, "telecom", "payee-truncated:COMMUNICATIONS")]
    public void Rules_DecideByPhraseTypeMccOrDefault(double amount, string description, int? mcc, string? type, string category, string rule)
    {
        var t = Tx((decimal)amount, description, mcc, type);
        var result = new RuleCategoriser().Categorise(t, Descriptor.Clean(description));

        Assert.Equal(category, result.Category.ToWire());
        Assert.Equal(rule, result.DecidedBy);
    }

    // Descriptors cut by the bank's field width (the misses of the 2,000-application evaluation): the last word is the start
    // of a phrase's word; ambiguous starts, two-letter endings (state codes) and a whole first word ("SHELL GAS") do not count.
    [Theory]
    [InlineData("ACH DEBIT HARBORVIEW RESIDEN", "rent", "payee-truncated:RESIDENTIAL")]
    [InlineData("POS RIVERSIDE PROPERTY MANA", "rent", "payee-truncated:PROPERTY MANAGEMENT")]
    [InlineData("POS RIVERSIDE PROPERTY MA", "other_spending", "default:money-out")]       // MA may be Massachusetts
    [InlineData("ACH DEBIT MAPLE COURT APA", "rent", "payee-truncated:APARTMENTS")]
    [InlineData("ACH DEBIT GREENFIELD LETTI", "rent", "payee-truncated:LETTINGS")]
    [InlineData("ACH DEBIT SKYLINE WIREL", "telecom", "payee-truncated:WIRELESS")]
    [InlineData("ACH DEBIT BLUEWAVE MOBI", "telecom", "payee-truncated:MOBILE")]
    [InlineData("POS EVERGREEN RENTERS I", "insurance", "payee:RENTERS")]
    [InlineData("ACH DEBIT KEYSTONE AUTO INSUR", "insurance", "payee:INSUR")]
    [InlineData("ACH DEBIT KEYSTONE AUTO", "other_spending", "default:money-out")]      // auto finance or auto insurance
    [InlineData("ACH DEBIT OAK & PINE HOM", "other_spending", "default:money-out")]     // HOMES (rent) or HOME LOAN (mortgage)
    [InlineData("POS HOMEWORKS FAIRVIEW GA", "other_spending", "default:money-out")]    // GA is Georgia, not GAS CO
    [InlineData("POS HOMEWORKS GREENVILLE WA", "other_spending", "default:money-out")]  // WA is Washington, not WATER
    [InlineData("SHELL GAS", "other_spending", "default:money-out")]
    [InlineData("ACH DEBIT RIVERSIDE PR", "other_spending", "default:money-out")]       // 2 letters: PRESCHOOL, PROPERTY, PROGRESSIVE
    public void Rules_TruncatedDescriptor_ReadsTheCutWord(string description, string category, string rule)
    {
        var result = new RuleCategoriser().Categorise(Tx(-100, description), Descriptor.Clean(description));

        Assert.Equal((category, rule), (result.Category.ToWire(), result.DecidedBy));
    }

    [Fact]
    public void ProviderCategory_TrustedAndSameDirection_Wins()
    {
        var c = new RuleCategoriser();

        Assert.Equal(new Categorisation(TransactionCategory.Rent, "provider:RENT_AND_UTILITIES_RENT"),
            c.Categorise(Tx(-900, "ZZ 123", provider: "RENT_AND_UTILITIES_RENT", trusted: true), "ZZ"));
        // Untrusted (low confidence) falls through to the rules; an income category on money out is ignored.
        Assert.Equal(TransactionCategory.OtherSpending, c.Categorise(Tx(-900, "ZZ", provider: "RENT_AND_UTILITIES_RENT", trusted: false), "ZZ").Category);
        Assert.Equal(TransactionCategory.OtherSpending, c.Categorise(Tx(-900, "ZZ", provider: "INCOME_WAGES", trusted: true), "ZZ").Category);
    }
}
