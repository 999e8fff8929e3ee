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

    // Looked up by span: a token is never made a string unless it is kept.
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NoiseBySpan = Noise.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The descriptor in normal form: <c>"POS DEBIT FRESHMART #1041 SPRINGFIELD IL"</c> → <c>"FRESHMART SPRINGFIELD IL"</c>.</summary>
    public static string Clean(string text)
    {
        // One buffer: the kept text at [0, length), the token being read after it at [length + 1, …) so that the space
        // before it fits; the output is never longer than the input read so far plus one.
        char[]? rented = null;
        var buffer = text.Length < 256 ? stackalloc char[256] : (rented = System.Buffers.ArrayPool<char>.Shared.Rent(text.Length + 1));
        var length = 0;
        var tokenLength = 0;
        var hasDigit = false;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            c = c is >= 'a' and <= 'z' ? (char)(c - ('a' - 'A')) : c <= '\u007f' ? c : char.ToUpperInvariant(c); // ı → I, as ToUpperInvariant does
            if (char.IsAsciiLetterOrDigit(c) || c == '&' || (c == '\'' && tokenLength > 0))
            {
                if (c == '\'') continue; // O'BRIEN → OBRIEN
                if (char.IsAsciiDigit(c)) hasDigit = true;
                buffer[length + 1 + tokenLength++] = c;
                continue;
            }

            var token = buffer.Slice(length + 1, tokenLength);
            if (tokenLength > 0 && !hasDigit && !(tokenLength == 1 && token[0] == '&') && !NoiseBySpan.Contains(token))
            {
                if (length > 0)
                {
                    buffer[length] = ' ';
                    length += 1 + tokenLength;
                }
                else
                {
                    token.CopyTo(buffer);
                    length = tokenLength;
                }
            }

            tokenLength = 0;
            hasDigit = false;
        }

        var result = new string(buffer[..length]);
        if (rented is not null) System.Buffers.ArrayPool<char>.Shared.Return(rented);
        return result;
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
