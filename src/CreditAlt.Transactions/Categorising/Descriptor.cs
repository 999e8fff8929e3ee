using System.Text;

namespace CreditAlt.Transactions.Categorising;

/// <summary>
/// Normalises a bank descriptor so that the same payee reads the same every month: upper case, punctuation to spaces,
/// tokens holding a digit dropped (store numbers, dates, reference and account numbers), and the payment-network noise
/// words dropped (ACH, PPD, WEB, POS, DEBIT, …). The payee key, which groups a payee's payments into a stream, is the
/// first two remaining tokens cut to six letters, so that truncated descriptors and city/state suffixes still agree.
/// </summary>
public static class Descriptor
{
    private static readonly HashSet<string> Noise = new(StringComparer.Ordinal)
    {
        "ACH", "PPD", "WEB", "CCD", "TEL", "POS", "DEBIT", "PURCHASE", "CHECKCARD", "CARD", "VISA", "RECURRING", "AUTOPAY",
        "ONLINE", "PMT", "PAYMENT", "BILL", "BILLPAY", "ID", "REF", "CONF", "TRN", "DES", "INDN", "ORIG", "EPAY", "EFT", "SQ",
    };

    /// <summary>The descriptor in normal form: <c>"POS DEBIT FRESHMART #1041 SPRINGFIELD IL"</c> → <c>"FRESHMART SPRINGFIELD IL"</c>.</summary>
    public static string Clean(string text)
    {
        var sb = new StringBuilder(text.Length);
        var token = new StringBuilder(16);
        var hasDigit = false;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? char.ToUpperInvariant(text[i]) : ' ';
            if (char.IsAsciiLetterOrDigit(c) || c == '&' || (c == '\'' && token.Length > 0))
            {
                if (c == '\'') continue; // O'BRIEN → OBRIEN
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

    /// <summary>The stream key of a cleaned descriptor: first two tokens, each at most six letters.</summary>
    public static string PayeeKey(string clean)
    {
        if (clean.Length == 0) return "";
        var first = clean.IndexOf(' ', StringComparison.Ordinal);
        if (first < 0) return Cut(clean);
        var rest = clean.AsSpan(first + 1);
        var second = rest.IndexOf(' ');
        var t2 = second < 0 ? rest : rest[..second];
        return string.Concat(Cut(clean[..first]), " ", t2.Length > 6 ? t2[..6] : t2);
    }

    private static string Cut(string s) => s.Length > 6 ? s[..6] : s;
}
