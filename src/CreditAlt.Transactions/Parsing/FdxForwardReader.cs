using System.Globalization;
using System.Text.Json;

namespace CreditAlt.Transactions.Parsing;

/// <summary>
/// The fast path of <see cref="FdxReader"/>: one forward <see cref="Utf8JsonReader"/> pass that reads each property
/// once, instead of a <see cref="JsonDocument"/> and a look-up per property. It reads only documents it is sure of: at
/// anything unusual or wrong (a bad value, a missing property, a repeated key, an escaped name, <c>transactions</c>
/// before <c>accounts</c>, malformed JSON) it returns null and <see cref="FdxReader"/> reads the file again the
/// <see cref="JsonDocument"/> way, which raises the error naming the file and JSON path exactly as it always did, or
/// reads what this pass was too cautious for. So every error, and every set read, is the reference reader's.
/// </summary>
internal static class FdxForwardReader
{
    /// <summary>The set, or null when the document is not the plain case (the caller then reads it the reference way).</summary>
    public static TransactionSet? TryRead(ReadOnlySpan<byte> json)
    {
        try
        {
            return Read(json);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return null; // malformed JSON or text: the reference reader says where
        }
    }

    private static TransactionSet? Read(ReadOnlySpan<byte> json)
    {
        if (json.StartsWith("\uFEFF"u8)) json = json[3..]; // JsonDocument skips a byte order mark too
        var r = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        if (!r.Read() || r.TokenType != JsonTokenType.StartObject) return null;
        List<BankAccount>? accounts = null;
        var accountIds = new HashSet<string>(StringComparer.Ordinal);
        List<BankTransaction>? kept = null;
        var ignored = new List<IgnoredTransaction>();
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueIsEscaped) return null;
            if (r.ValueTextEquals("accounts"u8))
            {
                if (accounts is not null || !r.Read() || r.TokenType != JsonTokenType.StartArray) return null;
                accounts = ReadAccounts(ref r, accountIds);
                if (accounts is null) return null;
            }
            else if (r.ValueTextEquals("transactions"u8))
            {
                if (accounts is null || kept is not null || !r.Read() || r.TokenType != JsonTokenType.StartArray) return null;
                kept = ReadTransactions(ref r, accountIds, ignored);
                if (kept is null) return null;
            }
            else
            {
                r.Skip();
            }
        }

        // The root's end, then nothing but white space (Read throws at anything else).
        if (r.TokenType != JsonTokenType.EndObject || accounts is null || kept is null || r.Read()) return null;
        return new TransactionSet(TransactionFormat.Fdx, accounts, kept, ignored);
    }

    private static List<BankAccount>? ReadAccounts(ref Utf8JsonReader r, HashSet<string> ids)
    {
        var accounts = new List<BankAccount>();
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            string? id = null, type = null;
            decimal? balance = null;
            var wrapped = EnterEntity(ref r, "Account"u8, out _);
            if (wrapped is null) return null;
            do
            {
                if (r.ValueIsEscaped) return null;
                var name = r.ValueSpan;
                if (!r.Read()) return null;
                if (name.SequenceEqual("accountId"u8)) { if (!RequiredString(ref r, out id)) return null; }
                else if (name.SequenceEqual("accountType"u8)) { if (!OptionalString(ref r, out type)) return null; }
                else if (name.SequenceEqual("currentBalance"u8)) { if (!OptionalAmount(ref r, out balance)) return null; }
                else if (name.SequenceEqual("currency"u8)) { if (!IsUsd(ref r)) return null; }
                else r.Skip();
            }
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName);

            if (!LeaveEntity(ref r, wrapped.Value) || id is null || !ids.Add(id)) return null;
            accounts.Add(new BankAccount(id, type ?? "UNKNOWN", balance));
        }

        return accounts;
    }

    private static List<BankTransaction>? ReadTransactions(ref Utf8JsonReader r, HashSet<string> accountIds, List<IgnoredTransaction> ignored)
    {
        var kept = new List<BankTransaction>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            string? id = null, account = null, status = null, description = null, payee = null, type = null, category = null, sub = null;
            var dcm = -1; // 0 DEBIT, 1 CREDIT, 2 MEMO
            var posted = true; // status absent, null, empty or POSTED
            decimal? amount = null;
            DateOnly? date = null;
            int? mcc = null;
            var wrapped = EnterEntity(ref r, "Transaction"u8, out var wrapper);
            if (wrapped is null) return null;
            do
            {
                if (r.ValueIsEscaped) return null;
                var name = r.ValueSpan;
                if (!r.Read()) return null;
                // By length first: one or a few comparisons per property instead of a run down the whole list.
                var ok = name.Length switch
                {
                    13 when name.SequenceEqual("transactionId"u8) => RequiredString(ref r, out id),
                    9 when name.SequenceEqual("accountId"u8) => RequiredString(ref r, out account),
                    15 when name.SequenceEqual("postedTimestamp"u8) => Date(ref r, out date),
                    11 when name.SequenceEqual("description"u8) => OptionalString(ref r, out description),
                    6 when name.SequenceEqual("amount"u8) => Amount(ref r, out amount),
                    15 when name.SequenceEqual("debitCreditMemo"u8) => DebitCreditMemo(ref r, out dcm),
                    6 when name.SequenceEqual("status"u8) => Status(ref r, out posted, out status),
                    15 when name.SequenceEqual("transactionType"u8) => OptionalString(ref r, out type),
                    5 when name.SequenceEqual("payee"u8) => OptionalString(ref r, out payee),
                    20 when name.SequenceEqual("merchantCategoryCode"u8) => Mcc(ref r, out mcc),
                    8 when name.SequenceEqual("category"u8) => OptionalString(ref r, out category),
                    11 when name.SequenceEqual("subCategory"u8) => OptionalString(ref r, out sub),
                    _ => Skip(ref r),
                };
                if (!ok) return null;
            }
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName);

            if (!LeaveEntity(ref r, wrapped.Value) || id is null || account is null || !accountIds.Contains(account) || dcm < 0 || amount is null) return null;
            // The reference reader's order from here: status, memo, duplicate id, then the date and the rest (present and valid).
            var path = wrapped.Value
                ? string.Create(CultureInfo.InvariantCulture, $"$.transactions[{i}].{wrapper}")
                : string.Create(CultureInfo.InvariantCulture, $"$.transactions[{i}]");
            i++;
            if (FdxReader.IgnoreReason(posted ? null : status, dcm == 2, seen, id) is { } reason)
            {
                ignored.Add(new IgnoredTransaction(path, id, reason));
                continue;
            }

            if (date is null) return null;
            kept.Add(new BankTransaction(
                account, id, date.Value, dcm == 0 ? -amount.Value : amount.Value, description ?? "", payee, type,
                FdxReader.Category(category, sub), false, mcc, null, path));
        }

        return kept;
    }

    // At the entity's StartObject: steps onto the first property of the entity, inside a one-key wrapper naming its type
    // ({"depositTransaction": {…}}) or of the bare object. True when wrapped, false when bare, null when neither is sure
    // (not an object, empty, or a wrapper-like first key of an object with more keys).
    private static bool? EnterEntity(ref Utf8JsonReader r, ReadOnlySpan<byte> suffix, out string? wrapper)
    {
        wrapper = null;
        if (r.TokenType != JsonTokenType.StartObject || !r.Read() || r.TokenType != JsonTokenType.PropertyName || r.ValueIsEscaped) return null;
        if (!r.ValueSpan.EndsWith(suffix)) return false;
        wrapper = r.ValueSpan.SequenceEqual("depositTransaction"u8) ? "depositTransaction" : r.GetString();
        // A wrapper-named key: wrapped when its value is an object and it is the only key; that the outer object has more
        // keys is only known after the inner object, so a bare object whose first key ends so goes the reference way.
        if (!r.Read() || r.TokenType != JsonTokenType.StartObject || !r.Read() || r.TokenType != JsonTokenType.PropertyName) return null;
        return true;
    }

    // After the entity's last property: for a wrapper, its end must close the wrapper too (it had one key).
    private static bool LeaveEntity(ref Utf8JsonReader r, bool wrapped) =>
        r.TokenType == JsonTokenType.EndObject && (!wrapped || (r.Read() && r.TokenType == JsonTokenType.EndObject));

    private static bool Skip(ref Utf8JsonReader r)
    {
        r.Skip();
        return true;
    }

    private static bool RequiredString(ref Utf8JsonReader r, out string? value)
    {
        value = r.TokenType == JsonTokenType.String ? r.GetString() : null;
        return value is { Length: > 0 };
    }

    private static bool OptionalString(ref Utf8JsonReader r, out string? value)
    {
        value = null;
        if (r.TokenType == JsonTokenType.Null) return true;
        if (r.TokenType != JsonTokenType.String) return false;
        var s = r.GetString()!;
        value = s.Length == 0 ? null : s;
        return true;
    }

    private static bool Status(ref Utf8JsonReader r, out bool posted, out string? status)
    {
        posted = true;
        status = null;
        if (r.TokenType == JsonTokenType.String && r.ValueTextEquals("POSTED"u8)) return true;
        if (!OptionalString(ref r, out status)) return false;
        posted = status is null;
        return true;
    }

    private static bool DebitCreditMemo(ref Utf8JsonReader r, out int dcm)
    {
        dcm = r.TokenType != JsonTokenType.String ? -1
            : r.ValueTextEquals("DEBIT"u8) ? 0 : r.ValueTextEquals("CREDIT"u8) ? 1 : r.ValueTextEquals("MEMO"u8) ? 2 : -1;
        return dcm >= 0;
    }

    // As JsonFields.Amount: a number in cents; here also not negative (FDX amounts are absolute).
    private static bool Amount(ref Utf8JsonReader r, out decimal? amount)
    {
        amount = null;
        if (r.TokenType != JsonTokenType.Number || !r.TryGetDecimal(out var d) || !JsonFields.IsCents(d)) return false;
        amount = Math.Round(d, 2);
        return amount >= 0;
    }

    private static bool OptionalAmount(ref Utf8JsonReader r, out decimal? amount)
    {
        amount = null;
        if (r.TokenType == JsonTokenType.Null) return true;
        if (r.TokenType != JsonTokenType.Number || !r.TryGetDecimal(out var d) || !JsonFields.IsCents(d)) return false;
        amount = Math.Round(d, 2);
        return true;
    }

    private static bool Date(ref Utf8JsonReader r, out DateOnly? date)
    {
        date = null;
        if (r.TokenType != JsonTokenType.String) return false;
        if (!r.ValueIsEscaped && PlainUtcTimestamp(r.ValueSpan) is { } plain) { date = plain; return true; }
        if (!JsonFields.TryDate(r.GetString()!, out var d)) return false;
        date = d;
        return true;
    }

    // "yyyy-MM-ddTHH:mm:ssZ" with a real date and time, read from the bytes (no string): nearly every timestamp, and one
    // JsonFields.TryDate accepts with this date. Null for anything else, which then goes through TryDate.
    internal static DateOnly? PlainUtcTimestamp(ReadOnlySpan<byte> s)
    {
        if (s.Length != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z') return null;
        static int Two(ReadOnlySpan<byte> s, int at) => char.IsAsciiDigit((char)s[at]) && char.IsAsciiDigit((char)s[at + 1]) ? (s[at] - '0') * 10 + s[at + 1] - '0' : -1;
        int hundreds = Two(s, 0), year = Two(s, 2), month = Two(s, 5), day = Two(s, 8);
        if (hundreds < 0 || year < 0 || month is < 1 or > 12 || day < 1) return null;
        year += hundreds * 100;
        if (year < 1 || day > DateTime.DaysInMonth(year, month)) return null;
        if (Two(s, 11) is < 0 or > 23 || Two(s, 14) is < 0 or > 59 || Two(s, 17) is < 0 or > 59) return null;
        return new DateOnly(year, month, day);
    }

    private static bool Mcc(ref Utf8JsonReader r, out int? mcc)
    {
        mcc = null;
        if (r.TokenType == JsonTokenType.Null) return true;
        if (r.TokenType == JsonTokenType.Number && r.TryGetInt32(out var n) && n is >= 0 and <= 9999) { mcc = n; return true; }
        if (r.TokenType == JsonTokenType.String && r.GetString() is { Length: 4 } s
            && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out n)) { mcc = n; return true; }
        return false;
    }

    // As FdxReader.RequireUsd: absent or null, "USD", or an object whose (last) currencyCode is the string "USD".
    private static bool IsUsd(ref Utf8JsonReader r)
    {
        if (r.TokenType == JsonTokenType.Null) return true;
        if (r.TokenType == JsonTokenType.String) return r.ValueTextEquals("USD"u8);
        if (r.TokenType != JsonTokenType.StartObject) return false;
        var usd = false;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueIsEscaped) return false;
            var code = r.ValueTextEquals("currencyCode"u8);
            if (!r.Read()) return false;
            if (code) usd = r.TokenType == JsonTokenType.String && r.ValueTextEquals("USD"u8);
            else r.Skip();
        }

        return usd;
    }
}
