using System.Globalization;
using System.Text;
using System.Text.Json;
using CreditAlt.Transactions.Parsing;

namespace CreditAlt.Transactions.Synthetic;

/// <summary>
/// Writes a synthetic transaction set in each wire format (docs/data-formats.md), adding the noise the readers must
/// drop: a pending copy of one transaction and a repeated transaction id (JSON formats; a CSV export has neither).
/// </summary>
public static class TransactionWriters
{
    public static void Write(SyntheticTransactions s, TransactionFormat format, Stream output)
    {
        switch (format)
        {
            case TransactionFormat.Fdx: WriteFdx(s, output); break;
            case TransactionFormat.Plaid: WritePlaid(s, output); break;
            default: WriteCsv(s, output); break;
        }
    }

    private static IEnumerable<(BankTransaction Tx, string? Noise)> WithNoise(SyntheticTransactions s)
    {
        for (var i = 0; i < s.Set.Transactions.Count; i++)
        {
            var t = s.Set.Transactions[i];
            yield return (t, null);
            foreach (var (index, reason) in s.Pending)
                if (index == i) yield return (t with { TransactionId = reason == "pending" ? t.TransactionId + "P" : t.TransactionId }, reason);
        }
    }

    private static void WriteFdx(SyntheticTransactions s, Stream output)
    {
        using var w = new Utf8JsonWriter(output);
        w.WriteStartObject();
        w.WriteStartArray("accounts");
        foreach (var a in s.Set.Accounts)
        {
            w.WriteStartObject();
            w.WriteStartObject("depositAccount");
            w.WriteString("accountId", a.AccountId);
            w.WriteString("accountType", a.Type);
            if (a.CurrentBalance is { } current) w.WriteNumber("currentBalance", current);
            w.WriteStartObject("currency");
            w.WriteString("currencyCode", "USD");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("transactions");
        foreach (var (t, noise) in WithNoise(s))
        {
            w.WriteStartObject();
            w.WriteStartObject("depositTransaction");
            w.WriteString("accountId", t.AccountId);
            w.WriteString("transactionId", t.TransactionId);
            w.WriteString("postedTimestamp", t.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T12:00:00Z");
            w.WriteString("description", t.Description);
            w.WriteNumber("amount", Math.Abs(t.Amount));
            w.WriteString("debitCreditMemo", t.IsDebit ? "DEBIT" : "CREDIT");
            w.WriteString("status", noise == "pending" ? "PENDING" : "POSTED");
            if (t.TransactionType is not null) w.WriteString("transactionType", t.TransactionType);
            if (t.Payee is not null) w.WriteString("payee", t.Payee);
            if (t.Mcc is { } mcc) w.WriteNumber("merchantCategoryCode", mcc);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WritePlaid(SyntheticTransactions s, Stream output)
    {
        using var w = new Utf8JsonWriter(output);
        w.WriteStartObject();
        w.WriteStartArray("accounts");
        foreach (var a in s.Set.Accounts)
        {
            w.WriteStartObject();
            w.WriteString("account_id", a.AccountId);
            w.WriteString("type", "depository");
            w.WriteString("subtype", a.Type.ToLowerInvariant());
            w.WriteStartObject("balances");
            if (a.CurrentBalance is { } current) w.WriteNumber("current", current);
            w.WriteString("iso_currency_code", "USD");
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("transactions");
        foreach (var (t, noise) in WithNoise(s))
        {
            w.WriteStartObject();
            w.WriteString("transaction_id", t.TransactionId);
            w.WriteString("account_id", t.AccountId);
            w.WriteString("date", t.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteString("name", t.Description);
            if (t.Payee is not null) w.WriteString("merchant_name", t.Payee);
            w.WriteNumber("amount", -t.Amount);
            w.WriteString("iso_currency_code", "USD");
            w.WriteBoolean("pending", noise == "pending");
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteCsv(SyntheticTransactions s, Stream output)
    {
        using var w = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        w.Write(BankCsvReader.Header + "\n");
        // Each row carries its account's balance after it, from the current balance less everything posted.
        var running = s.Set.Accounts.ToDictionary(a => a.AccountId, a => (a.CurrentBalance ?? 0) - s.Set.Transactions.Where(t => t.AccountId == a.AccountId).Sum(t => t.Amount));
        foreach (var t in s.Set.Transactions)
        {
            running[t.AccountId] += t.Amount;
            var d = t.Description.AsSpan().IndexOfAny(",\"") >= 0 ? "\"" + t.Description.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : t.Description;
            w.Write(string.Create(CultureInfo.InvariantCulture, $"{t.Date:yyyy-MM-dd},{t.AccountId},{d},{t.Amount:0.00},{running[t.AccountId]:0.00}\n"));
        }
    }
}
