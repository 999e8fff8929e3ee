using System.Globalization;
using CreditAlt.Transactions.Categorising;
using static CreditAlt.Transactions.Categorising.TransactionCategory;

namespace CreditAlt.Transactions.Synthetic;

/// <summary>One labelled bank descriptor: what the bank printed, the direction of the money, the true category, the payee.</summary>
public sealed record LabelledDescriptor(string Description, bool Debit, TransactionCategory Category, string Payee);

/// <summary>
/// The labelled corpus the categoriser model learns from (docs/transactions.md, "Categoriser model"): payees built from
/// a name word and a word of their trade ("MAPLE RIDGE APARTMENTS", "HARBOR WIRELESS"), printed the many ways banks print
/// them — upper or mixed case, store and reference numbers, ACH/PPD/WEB words, dates, city and state, truncation to
/// 22–29 characters. The name words are split in two disjoint halves: the training payees use one, the held-out payees
/// the other, so the held-out figures are on payees the model never saw. Deterministic for a seed.
/// </summary>
public static class DescriptorCorpus
{
    // Name words: the first 48 make training payees, the last 24 held-out payees.
    private static readonly string[] Names =
    [
        "MAPLE", "OAK", "CEDAR", "PINE", "BIRCH", "WILLOW", "ASPEN", "ELM", "RIVERSIDE", "LAKESIDE", "HILLTOP", "SUMMIT",
        "HARBOR", "MEADOW", "PRAIRIE", "CANYON", "SUNSET", "SUNRISE", "NORTHGATE", "SOUTHPORT", "EASTWOOD", "WESTFIELD", "GRANITE", "SILVER",
        "GOLDEN", "EMERALD", "LIBERTY", "PIONEER", "FRONTIER", "HERITAGE", "CORNERSTONE", "KEYSTONE", "BLUEWATER", "REDWOOD", "STONEBRIDGE", "FAIRWAY",
        "BROOKSIDE", "HIGHLAND", "VALLEY", "COASTAL", "METRO", "CAPITAL", "PATRIOT", "EVERGREEN", "MAGNOLIA", "JUNIPER", "SPRUCE", "HAWTHORN",
        "ORCHARD", "CRESTVIEW", "BAYVIEW", "IRONWOOD", "FOXHOLLOW", "ROSEWOOD", "TIMBERLINE", "CLEARVIEW", "WINDSOR", "KENSINGTON", "ASHFORD", "BRIARWOOD",
        "CYPRESS", "SEQUOIA", "MARIGOLD", "LAUREL", "DOGWOOD", "SYCAMORE", "CHESTNUT", "HICKORY", "BEACON", "COMPASS", "PINNACLE", "TRAILHEAD",
    ];

    /// <value>48: name words of training payees; the rest are held out.</value>
    public const int TrainingNames = 48;

    /// <summary>The name words of training payees.</summary>
    public static IReadOnlyList<string> TrainingNameWords => Names[..TrainingNames];

    /// <summary>The name words of held-out payees: none occurs in the categoriser's training corpus.</summary>
    public static IReadOnlyList<string> HeldOutNames => Names[TrainingNames..];

    /// <summary>The P2P counterparties held out of training.</summary>
    public static IReadOnlyList<string> HeldOutPeople => People[8..];

    /// <summary>The trade words of a category (APARTMENTS, WIRELESS, …), shared by training and held-out payees.</summary>
    public static IReadOnlyList<string> TradeWords(TransactionCategory category) =>
        Trades.Where(t => t.Category == category).SelectMany(t => t.Words).ToArray();

    private static readonly string[] People = ["J SMITH", "M GARCIA", "A NGUYEN", "K JOHNSON", "R PATEL", "L BROWN", "T WILLIAMS", "S LEE", "D MARTIN", "C LOPEZ", "P WHITE", "E CLARK"];
    private static readonly string[] Cities = ["SPRINGFIELD IL", "RIVERTON OH", "LAKEWOOD TX", "FAIRVIEW GA", "GREENVILLE WA", "CLEARWATER FL", "DENVER CO", "AUSTIN TX", "BOISE ID", "TAMPA FL"];

    // The words of each trade (money out unless said): a payee is a name word and one of these.
    private static readonly (TransactionCategory Category, bool Debit, string[] Words)[] Trades =
    [
        (Rent, true, ["APARTMENTS", "APTS", "PROPERTY MGMT", "RESIDENTIAL", "HOMES", "LOFTS", "TOWNHOMES", "RENTALS", "LEASING OFFICE", "PROPERTIES LLC", "VILLAGE APTS", "REALTY MGMT"]),
        (Mortgage, true, ["MORTGAGE", "MTG SERVICING", "HOME LOANS", "HOME LENDING", "MORTGAGE CO", "MORTGAGE CORP"]),
        (Utility, true, ["ELECTRIC", "POWER", "ENERGY", "GAS CO", "WATER", "UTILITIES", "LIGHT & POWER", "WATER DEPT", "NATURAL GAS", "ELECTRIC COOP", "PUBLIC UTILITY"]),
        (Telecom, true, ["WIRELESS", "MOBILE", "BROADBAND", "TELECOM", "CABLE", "FIBER", "INTERNET", "COMMUNICATIONS", "CELLULAR", "TELEPHONE"]),
        (Childcare, true, ["DAYCARE", "CHILD CARE", "LEARNING CENTER", "PRESCHOOL", "KIDS ACADEMY", "NURSERY SCHOOL", "MONTESSORI", "EARLY LEARNING"]),
        (Insurance, true, ["INSURANCE", "INS CO", "MUTUAL INS", "ASSURANCE", "AUTO INSURANCE", "INSURANCE GROUP", "CASUALTY", "LIFE INS"]),
        (LoanPayment, true, ["AUTO FINANCE", "LOAN PMT", "LENDING", "STUDENT LOAN", "AUTO LOAN", "INSTALLMENT LN", "CONSUMER FINANCE", "CREDIT ACCEPT"]),
        (Fees, true, ["BANK NSF FEE", "BANK OVERDRAFT FEE", "BANK RETURNED ITEM FEE", "BANK INSUFFICIENT FUNDS FEE", "BANK OD ITEM FEE"]),
        (OtherSpending, true, ["MARKET", "CAFE", "GRILL", "PIZZA", "FOODS", "HARDWARE", "PHARMACY", "BOOKS", "OUTFITTERS", "AUTO PARTS", "PET SUPPLY", "SALON", "BAKERY", "DINER", "TACOS", "BOUTIQUE", "GARDEN CENTER", "LIQUORS", "CAR WASH", "FUEL STOP",
            "GYM", "FITNESS CLUB", "HOME SECURITY", "ALARM SYSTEMS", "STREAMING", "MEDIA", "HOME DECOR", "HOME GOODS"]),
        (IncomeWages, false, ["INC PAYROLL", "LLC PAYROLL", "CORP DIR DEP", "HOSPITAL SALARY", "LOGISTICS PAYROLL", "STORES PAYROLL", "MANUFACTURING DIR DEP", "SCHOOL DIST SALARY", "STAFFING PAYROLL", "HEALTH PAYROLL"]),
        (IncomeBenefits, false, ["COUNTY UNEMPLOYMENT", "STATE UI BENEFIT", "RETIREMENT SYSTEM PENSION", "TEACHERS PENSION", "VA BENEFITS", "DISABILITY BENEFIT", "SOC SEC SSA TREAS"]),
        (IncomeOther, false, ["CREDIT UNION DIVIDEND", "BANK INTEREST PAID", "MOBILE CHECK DEPOSIT", "BRANCH CASH DEPOSIT", "RENTAL INCOME", "MARKETPLACE PAYOUT"]),
    ];

    /// <summary>
    /// Labelled descriptors: for every trade word and every name word of the half asked for, <paramref name="perPayee"/>
    /// printings; plus P2P transfers to and from people (the first 8 people train, the last 4 are held out).
    /// </summary>
    public static List<LabelledDescriptor> Generate(int seed, bool heldOut, int perPayee)
    {
        var rng = new Random(seed);
        var names = heldOut ? Names[TrainingNames..] : Names[..TrainingNames];
        var corpus = new List<LabelledDescriptor>();
        foreach (var (category, debit, words) in Trades)
        {
            foreach (var word in words)
            {
                // Every trade word with a third of the name words: enough payees per word, not every pairing.
                foreach (var name in names)
                {
                    if (rng.Next(3) != 0) continue;
                    var payee = name + " " + word;
                    for (var k = 0; k < perPayee; k++) corpus.Add(new LabelledDescriptor(Print(rng, payee, category), debit, category, payee));
                }
            }
        }

        var people = heldOut ? People[8..] : People[..8];
        foreach (var person in people)
        {
            for (var k = 0; k < perPayee * 6; k++)
            {
                var debit = rng.Next(2) == 0;
                var text = (rng.Next(4), debit) switch
                {
                    (0, true) => $"ZELLE TO {person} CONF {rng.Next(100000, 999999)}",
                    (0, false) => $"ZELLE FROM {person} CONF {rng.Next(100000, 999999)}",
                    (1, _) => $"VENMO {(debit ? "PAYMENT" : "CASHOUT")} {rng.Next(1000000, 9999999)} {person}",
                    (2, _) => $"CASH APP*{person.Replace(' ', '*')} {rng.Next(10000, 99999)}",
                    _ => $"PAYPAL TRANSFER {person} {rng.Next(100000, 999999)}",
                };
                corpus.Add(new LabelledDescriptor(Truncate(rng, text), debit, TransferOther, person));
            }
        }

        return corpus;
    }

    // How a bank prints a payee: one of several templates, sometimes in mixed case, sometimes cut short.
    private static string Print(Random rng, string payee, TransactionCategory category)
    {
        var upper = payee;
        var mixed = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(payee.ToLowerInvariant());
        var date = new DateOnly(2025, 1, 1).AddDays(rng.Next(0, 540));
        var city = Cities[rng.Next(Cities.Length)];
        var text = category switch
        {
            OtherSpending => rng.Next(4) switch
            {
                0 => $"POS DEBIT {upper} #{rng.Next(1000, 9999)} {city}",
                1 => $"{upper} {rng.Next(10000, 99999)} {city}",
                2 => $"CHECKCARD {date:MMdd} {upper} {city}",
                _ => $"SQ *{upper} {city}",
            },
            IncomeWages or IncomeBenefits or IncomeOther => rng.Next(3) switch
            {
                0 => $"{upper} PPD ID:{rng.Next(1000000, 9999999)}",
                1 => $"ACH CREDIT {upper} {date:yyMMdd}",
                _ => $"{mixed} {rng.Next(100000, 999999)}",
            },
            _ => rng.Next(6) switch
            {
                0 => $"{upper} WEB PMT {date:yyyyMMdd}",
                1 => $"ACH DEBIT {upper} PPD ID:{rng.Next(1000000, 9999999)}",
                2 => $"{mixed} autopay {rng.Next(100000, 99999999)}",
                3 => $"{upper} BILL PAYMENT CONF#{rng.Next(10000, 99999)}",
                4 => $"POS {upper} #{rng.Next(10, 99)} {city}",
                _ => $"{mixed} WEB ID: {rng.Next(100000, 999999)}",
            },
        };
        return Truncate(rng, text);
    }

    private static string Truncate(Random rng, string text) =>
        rng.NextDouble() < 0.25 && rng.Next(22, 30) is var n && text.Length > n ? text[..n] : text;
}
