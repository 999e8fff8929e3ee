using System.Text.Json;

namespace CreditAlt.Transactions.Parsing;

/// <summary>
/// Reads the FDX deposit-account transaction list: <c>{"accounts": […], "transactions": […]}</c>, each account or
/// transaction either bare or wrapped in its type key (<c>{"depositTransaction": {…}}</c>). Amounts are absolute;
/// <c>debitCreditMemo</c> gives the direction. Only <c>POSTED</c> transactions are kept (docs/data-formats.md).
/// </summary>
public static class FdxReader
{
    public static TransactionSet Read(Stream utf8, string input)
    {
        // One forward pass when the document is plainly valid; otherwise (an error to name, or a shape it leaves alone)
        // the JsonDocument reader below, which words every error as it always did (FdxForwardReader).
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(utf8.CanSeek ? (int)Math.Max(utf8.Length - utf8.Position, 0) + 1 : 1 << 16);
        try
        {
            var length = 0;
            int n;
            while ((n = utf8.Read(buffer, length, buffer.Length - length)) > 0)
            {
                length += n;
                if (length < buffer.Length) continue;
                var larger = System.Buffers.ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                buffer.AsSpan(0, length).CopyTo(larger);
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }

            return FdxForwardReader.TryRead(buffer.AsSpan(0, length))
                ?? ReadWithDocument(new MemoryStream(buffer, 0, length, writable: false), input);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The reference reader: a <see cref="JsonDocument"/> and a look-up per property; every error comes from here.</summary>
    internal static TransactionSet ReadWithDocument(Stream utf8, string input)
    {
        var f = new JsonFields(input);
        using var doc = f.Parse(utf8);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw f.Error("$", $"an object with 'accounts' and 'transactions', got {JsonFields.Describe(root)}");

        var accounts = new List<BankAccount>();
        var accountIds = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var raw in f.Array(root, "accounts", "$").EnumerateArray())
        {
            var path = $"$.accounts[{i++}]";
            var a = Unwrap(f, raw, path, "Account", ref path);
            var id = f.String(a, "accountId", path);
            if (!accountIds.Add(id)) throw f.Error($"{path}.accountId", $"an account id listed once, got '{id}' again");
            RequireUsd(f, a, path);
            accounts.Add(new BankAccount(id, f.OptionalString(a, "accountType", path) ?? "UNKNOWN", f.OptionalAmount(a, "currentBalance", path)));
        }

        var kept = new List<BankTransaction>();
        var ignored = new List<IgnoredTransaction>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        i = 0;
        foreach (var raw in f.Array(root, "transactions", "$").EnumerateArray())
        {
            var path = $"$.transactions[{i++}]";
            var t = Unwrap(f, raw, path, "Transaction", ref path);
            var id = f.String(t, "transactionId", path);
            var account = f.String(t, "accountId", path);
            if (!accountIds.Contains(account))
                throw f.Error($"{path}.accountId", $"one of the accounts listed in $.accounts, got '{account}'");
            var dcm = f.String(t, "debitCreditMemo", path);
            if (dcm is not ("DEBIT" or "CREDIT" or "MEMO"))
                throw f.Error($"{path}.debitCreditMemo", $"one of DEBIT, CREDIT, MEMO, got '{dcm}'");
            var amount = f.Amount(t, "amount", path);
            if (amount < 0) throw f.Error($"{path}.amount", $"a positive amount (FDX amounts are absolute; debitCreditMemo gives the direction), got {amount}");
            var status = f.OptionalString(t, "status", path);
            if (IgnoreReason(status is null or "POSTED" ? null : status, dcm == "MEMO", seen, id) is { } reason)
            {
                ignored.Add(new IgnoredTransaction(path, id, reason));
                continue;
            }

            var category = Category(f.OptionalString(t, "category", path), f.OptionalString(t, "subCategory", path));
            kept.Add(new BankTransaction(
                account, id, f.Date(t, "postedTimestamp", path),
                dcm == "DEBIT" ? -amount : amount,
                f.OptionalString(t, "description", path) ?? "",
                f.OptionalString(t, "payee", path),
                f.OptionalString(t, "transactionType", path),
                category,
                false, // FDX categories are free text chosen by each bank: kept, never trusted
                f.OptionalMcc(t, "merchantCategoryCode", path),
                null,
                path));
        }

        return new TransactionSet(TransactionFormat.Fdx, accounts, kept, ignored);
    }

    /// <summary>
    /// Why a listed transaction does not count, checked in this order (both readers): a status other than POSTED, a memo
    /// entry, an id seen before (recorded in <paramref name="seen"/> only for one that passed the first two); null when it counts.
    /// </summary>
    internal static string? IgnoreReason(string? notPostedStatus, bool memo, HashSet<string> seen, string id) =>
        notPostedStatus is not null ? $"status {notPostedStatus}: only posted transactions count"
        : memo ? "debitCreditMemo MEMO: a memo entry, not money moved"
        : !seen.Add(id) ? "duplicate transactionId: the first one counts"
        : null;

    /// <summary>The bank's free-text category and sub-category as one ("category/subCategory"), or whichever is given.</summary>
    internal static string? Category(string? category, string? sub) => sub is null ? category : category is null ? sub : $"{category}/{sub}";

    // FDX lists hold either the entity or a one-key wrapper naming its type (depositTransaction, loanTransaction, …).
    private static JsonElement Unwrap(JsonFields f, JsonElement raw, string path, string suffix, ref string innerPath)
    {
        if (raw.ValueKind != JsonValueKind.Object) throw f.Error(path, $"an object, got {JsonFields.Describe(raw)}");
        using var props = raw.EnumerateObject();
        if (!props.MoveNext()) throw f.Error(path, "a non-empty object");
        var first = props.Current;
        if (!props.MoveNext() && first.Value.ValueKind == JsonValueKind.Object && first.Name.EndsWith(suffix, StringComparison.Ordinal))
        {
            innerPath = $"{path}.{first.Name}";
            return first.Value;
        }

        return raw;
    }

    private static void RequireUsd(JsonFields f, JsonElement account, string path)
    {
        if (!account.TryGetProperty("currency", out var c) || c.ValueKind == JsonValueKind.Null) return;
        var code = c.ValueKind switch
        {
            JsonValueKind.String => c.GetString(),
            JsonValueKind.Object when c.TryGetProperty("currencyCode", out var cc) && cc.ValueKind == JsonValueKind.String => cc.GetString(),
            _ => throw f.Error($"{path}.currency", $"a currency code such as USD or {{\"currencyCode\": \"USD\"}}, got {JsonFields.Describe(c)}"),
        };
        if (code != "USD") throw f.Error($"{path}.currency", $"USD (CreditAlt reads US-dollar accounts only), got '{code}'");
    }
}
