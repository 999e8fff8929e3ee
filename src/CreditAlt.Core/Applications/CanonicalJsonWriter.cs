using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace CreditAlt.Core.Applications;

/// <summary>
/// Writes an application's canonical JSON with <see cref="Utf8JsonWriter"/> in its default options: properties in the
/// schema's order, no whitespace, strings escaped by the default encoder, amounts as
/// <see cref="Utf8JsonWriter.WriteNumberValue(decimal)"/> writes them (every digit of the decimal, its scale kept: 1400,
/// 1.50, 0.05). The fingerprint is the SHA-256 of these bytes, so they must never change: a golden test pins them
/// (tests/CreditAlt.Core.Tests/Applications/Golden) and docs/data-formats.md describes them.
/// </summary>
internal static class CanonicalJsonWriter
{
    // Most applications are a few kilobytes; a thread keeps its writer and buffer unless one grew past this.
    private const int MaxCachedCapacity = 1 << 20;

    [ThreadStatic] private static ArrayBufferWriter<byte>? _buffer;
    [ThreadStatic] private static Utf8JsonWriter? _writer;

    public static byte[] ToUtf8(Application application)
    {
        var buffer = _buffer ?? new ArrayBufferWriter<byte>(8192);
        var writer = _writer ?? new Utf8JsonWriter(buffer);
        _buffer = null;
        _writer = null; // taken while in use, so a nested call (none today) would make its own
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        Write(writer, application);
        writer.Flush();
        var bytes = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity <= MaxCachedCapacity)
        {
            _buffer = buffer;
            _writer = writer;
        }

        return bytes;
    }

    public static void Write(Utf8JsonWriter w, Application a)
    {
        w.WriteStartObject();
        w.WriteString("applicationId"u8, a.ApplicationId);
        w.WriteString("applicantId"u8, a.ApplicantId);
        Date(w, "asOfDate"u8, a.AsOfDate);
        w.WriteNumber("requestedAmount"u8, a.RequestedAmount);
        w.WriteStartArray("obligations"u8);
        foreach (var account in a.Obligations)
        {
            w.WriteStartObject();
            w.WriteString("accountId"u8, account.AccountId);
            w.WriteString("type"u8, account.Type.ToWire());
            w.WriteString("furnisher"u8, account.Furnisher);
            w.WriteNumber("monthlyAmount"u8, account.MonthlyAmount);
            w.WriteStartArray("payments"u8);
            foreach (var p in account.Payments)
            {
                w.WriteStartObject();
                Date(w, "dueDate"u8, p.DueDate);
                w.WriteNumber("amountDue"u8, p.AmountDue);
                if (p.PaidDate is { } paid) Date(w, "paidDate"u8, paid);
                else w.WriteNull("paidDate"u8);
                w.WriteNumber("amountPaid"u8, p.AmountPaid);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("cashFlow"u8);
        foreach (var m in a.CashFlow)
        {
            w.WriteStartObject();
            Date(w, "month"u8, m.Month, "yyyy-MM");
            w.WriteNumber("inflow"u8, m.Inflow);
            w.WriteNumber("outflow"u8, m.Outflow);
            w.WriteNumber("lowestBalance"u8, m.LowestBalance);
            w.WriteNumber("nsfCount"u8, m.NsfCount);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Date(Utf8JsonWriter w, ReadOnlySpan<byte> name, DateOnly date, string format = "yyyy-MM-dd")
    {
        Span<byte> text = stackalloc byte[10];
        date.TryFormat(text, out var written, format, CultureInfo.InvariantCulture);
        w.WriteString(name, text[..written]);
    }
}
