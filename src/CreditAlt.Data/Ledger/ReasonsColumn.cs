using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CreditAlt.Data.Ledger;

/// <summary>
/// The <c>decisions.reasons</c> column: the principal reasons in order, as a JSON array of
/// <c>{"code": …, "sentence": …}</c>; NULL when there are none. The hash covers the reasons themselves
/// (<see cref="LedgerHash"/>), not this spelling, so rows migrated from the old reasons table, whose JSON each
/// engine spelled its own way, verify like new ones.
/// </summary>
internal static class ReasonsColumn
{
    // Sentences are stored as written (no \u escapes for quotes, ampersands or accents); the column is never HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string? Format(IReadOnlyList<DecisionReason> reasons)
    {
        if (reasons.Count == 0)
            return null;
        var buffer = new ArrayBufferWriter<byte>(128 * reasons.Count);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartArray();
            foreach (var r in reasons)
            {
                json.WriteStartObject();
                json.WriteString("code"u8, r.Code);
                json.WriteString("sentence"u8, r.Sentence);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The reasons in <paramref name="column"/>; a value that is not such an array reads as a reason nobody wrote, so the row's hash no longer fits.</summary>
    public static List<DecisionReason> Parse(string? column)
    {
        var reasons = new List<DecisionReason>();
        if (string.IsNullOrEmpty(column))
            return reasons;
        try
        {
            using var doc = JsonDocument.Parse(column);
            foreach (var item in doc.RootElement.EnumerateArray())
                reasons.Add(new DecisionReason(item.GetProperty("code").GetString() ?? "", item.GetProperty("sentence").GetString() ?? ""));
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            // Tampered or truncated: keep the raw text as the only "reason", which no stored hash can match.
            return [new DecisionReason("", column)];
        }
        return reasons;
    }
}
