using System.Text.Json;

namespace CreditAlt.Transactions.Parsing;

/// <summary>
/// Reads aggregator JSON in the shape of Plaid's transactions API: <c>{"accounts": […], "transactions": […]}</c>, with a
/// positive <c>amount</c> meaning money out. Pending transactions and repeated ids are left out; a currency other than
/// USD is refused. <c>personal_finance_category</c> is trusted when its confidence is HIGH or VERY_HIGH (or not given).
/// </summary>
public static class PlaidReader
{
    public static TransactionSet Read(Stream utf8, string input)
    {
        var f = new JsonFields(input);
        using var doc = f.Parse(utf8);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw f.Error("$", $"an object with 'accounts' and 'transactions', got {JsonFields.Describe(root)}");

        var accounts = new List<BankAccount>();
        var accountIds = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var a in f.Array(root, "accounts", "$").EnumerateArray())
        {
            var path = $"$.accounts[{i++}]";
            if (a.ValueKind != JsonValueKind.Object) throw f.Error(path, $"an object, got {JsonFields.Describe(a)}");
            var id = f.String(a, "account_id", path);
            if (!accountIds.Add(id)) throw f.Error($"{path}.account_id", $"an account id listed once, got '{id}' again");
            decimal? current = null;
            if (a.TryGetProperty("balances", out var b) && b.ValueKind == JsonValueKind.Object)
            {
                current = f.OptionalAmount(b, "current", $"{path}.balances");
                RequireUsd(f, b, $"{path}.balances");
            }

            var type = f.OptionalString(a, "subtype", path) ?? f.OptionalString(a, "type", path) ?? "unknown";
            accounts.Add(new BankAccount(id, type.ToUpperInvariant(), current));
        }

        var kept = new List<BankTransaction>();
        var ignored = new List<IgnoredTransaction>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        i = 0;
        foreach (var t in f.Array(root, "transactions", "$").EnumerateArray())
        {
            var path = $"$.transactions[{i++}]";
            if (t.ValueKind != JsonValueKind.Object) throw f.Error(path, $"an object, got {JsonFields.Describe(t)}");
            var id = f.String(t, "transaction_id", path);
            var account = f.String(t, "account_id", path);
            if (!accountIds.Contains(account))
                throw f.Error($"{path}.account_id", $"one of the accounts listed in $.accounts, got '{account}'");
            var amount = f.Amount(t, "amount", path);
            RequireUsd(f, t, path);
            var date = f.Date(t, "date", path);
            if (f.OptionalBool(t, "pending", path, absent: false)) { ignored.Add(new IgnoredTransaction(path, id, "pending: only posted transactions count")); continue; }
            if (!seen.Add(id)) { ignored.Add(new IgnoredTransaction(path, id, "duplicate transaction_id: the first one counts")); continue; }

            string? category = null;
            var trusted = false;
            if (t.TryGetProperty("personal_finance_category", out var pfc) && pfc.ValueKind == JsonValueKind.Object)
            {
                var pfcPath = $"{path}.personal_finance_category";
                category = f.OptionalString(pfc, "detailed", pfcPath) ?? f.OptionalString(pfc, "primary", pfcPath);
                var confidence = f.OptionalString(pfc, "confidence_level", pfcPath);
                trusted = category is not null && confidence is null or "HIGH" or "VERY_HIGH";
            }

            kept.Add(new BankTransaction(
                account, id, date, -amount,
                f.OptionalString(t, "name", path) ?? "",
                f.OptionalString(t, "merchant_name", path),
                null, category, trusted, null, null, path));
        }

        return new TransactionSet(TransactionFormat.Plaid, accounts, kept, ignored);
    }

    private static void RequireUsd(JsonFields f, JsonElement e, string path)
    {
        var iso = f.OptionalString(e, "iso_currency_code", path);
        var unofficial = f.OptionalString(e, "unofficial_currency_code", path);
        if (iso is null && unofficial is null) return;
        if (iso != "USD")
            throw f.Error($"{path}.{(iso is null ? "unofficial_currency_code" : "iso_currency_code")}",
                $"USD (CreditAlt reads US-dollar accounts only), got '{iso ?? unofficial}'");
    }
}
