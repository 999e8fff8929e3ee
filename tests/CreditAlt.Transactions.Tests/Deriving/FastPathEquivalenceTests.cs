using System.Text;
using CreditAlt.Transactions.Categorising;
using CreditAlt.Transactions.Deriving;

namespace CreditAlt.Transactions.Tests.Deriving;

/// <summary>
/// The speed work of issue 16 changed how <see cref="Descriptor.Clean"/> and <see cref="StreamBuilder.DueDay"/> run,
/// not what they decide: each is compared with its previous, straightforward implementation (kept here as the
/// reference) on many seeded random inputs, including the awkward ones (non-ASCII letters that upper-case to ASCII,
/// apostrophes, lone ampersands, noise words, dates around month ends, unsorted payments).
/// </summary>
public sealed class FastPathEquivalenceTests
{
    [Fact]
    public void Clean_RandomDescriptors_SameAsTheReference()
    {
        var random = new Random(16);
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789      &&''#*-./,_ıſéÉßü\t";
        string[] words = ["POS", "DEBIT", "ach", "Ppd", "WEB", "SQ", "&", "O'BRIEN", "'QUOTE", "RENT", "AT&T", "PG&E", "#1041", "ıd", "ſq"];
        for (var n = 0; n < 20_000; n++)
        {
            var sb = new StringBuilder();
            var length = random.Next(0, n % 50 == 0 ? 400 : 60); // some past the 255-character stack buffer
            while (sb.Length < length)
                sb.Append(random.Next(4) == 0 ? words[random.Next(words.Length)] + " " : alphabet[random.Next(alphabet.Length)].ToString());
            var text = sb.ToString();
            Assert.Equal(ReferenceClean(text), Descriptor.Clean(text));
        }
    }

    [Fact]
    public void DueDay_RandomPaymentSets_SameAsTheReference()
    {
        var random = new Random(16);
        var start = new DateOnly(2024, 1, 1).DayNumber;
        for (var n = 0; n < 5_000; n++)
        {
            var count = random.Next(1, 30);
            var pays = new (DateOnly Date, decimal Amount)[count];
            // Monthly-ish with jitter around a random day (often the month end), or fully random.
            var day = random.Next(1, 32);
            for (var i = 0; i < count; i++)
            {
                var date = n % 3 == 0
                    ? DateOnly.FromDayNumber(start + random.Next(0, 900))
                    : new DateOnly(2024, 1, 1).AddMonths(i + random.Next(0, 2)).AddDays(day - 1 + random.Next(-9, 10));
                pays[i] = (date, 100m);
            }

            if (n % 2 == 0) Array.Sort(pays, (a, b) => a.Date.CompareTo(b.Date));
            Assert.Equal(ReferenceDueDay(pays), StreamBuilder.DueDay(pays));
        }
    }

    // Descriptor.Clean before issue 16's speed work.
    private static readonly HashSet<string> Noise = new(StringComparer.Ordinal)
    {
        "ACH", "PPD", "WEB", "CCD", "TEL", "POS", "DEBIT", "PURCHASE", "CHECKCARD", "CARD", "VISA", "RECURRING", "AUTOPAY",
        "ONLINE", "PMT", "PAYMENT", "BILL", "BILLPAY", "ID", "REF", "CONF", "TRN", "DES", "INDN", "ORIG", "EPAY", "EFT", "SQ",
    };

    private static string ReferenceClean(string text)
    {
        var sb = new StringBuilder(text.Length);
        var token = new StringBuilder(16);
        var hasDigit = false;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? char.ToUpperInvariant(text[i]) : ' ';
            if (char.IsAsciiLetterOrDigit(c) || c == '&' || (c == '\'' && token.Length > 0))
            {
                if (c == '\'') continue;
                if (char.IsAsciiDigit(c)) hasDigit = true;
                token.Append(c);
                continue;
            }

            if (token.Length > 0 && !hasDigit && !(token.Length == 1 && token[0] == '&') && !Noise.Contains(token.ToString()))
            {
                if (sb.Length > 0) sb.Append(' ');
                sb.Append(token);
            }

            token.Clear();
            hasDigit = false;
        }

        return sb.ToString();
    }

    // StreamBuilder.DueDay before issue 16's speed work (with the later tie-break: of days with equally many months, the one
    // with the fewest payments 7–9 days before it).
    private static int ReferenceDueDay(ReadOnlySpan<(DateOnly Date, decimal Amount)> payments)
    {
        var best = 1;
        var bestCount = -1;
        var bestEarly = int.MaxValue;
        var months = new HashSet<int>();
        for (var d = 1; d <= 28; d++)
        {
            months.Clear();
            var early = 0;
            foreach (var p in payments)
            {
                if (Offset(p.Date, d) is <= -StreamBuilder.PayingWeekDays and > -StreamBuilder.PayingWeekDays - StreamBuilder.EarlyDays) early++;
                if (Offset(p.Date, d) is <= 0 and > -StreamBuilder.PayingWeekDays && p.Date.AddDays(-Offset(p.Date, d)) is var due)
                    months.Add(due.Year * 12 + due.Month);
            }

            if (months.Count > bestCount || (months.Count == bestCount && early < bestEarly)) (best, bestCount, bestEarly) = (d, months.Count, early);
        }

        return best;
    }

    private static int Offset(DateOnly date, int d)
    {
        var month = new DateOnly(date.Year, date.Month, 1);
        var best = int.MaxValue;
        for (var k = -1; k <= 1; k++)
        {
            var due = month.AddMonths(k).AddDays(d - 1);
            var off = date.DayNumber - due.DayNumber;
            if (Math.Abs(off) < Math.Abs(best)) best = off;
        }

        return best;
    }
}
