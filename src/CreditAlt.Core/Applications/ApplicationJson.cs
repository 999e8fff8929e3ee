using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace CreditAlt.Core.Applications;

/// <summary>The outcome of reading an application: the application, or every problem found.</summary>
public sealed record ApplicationParseResult(Application? Application, IReadOnlyList<ValidationProblem> Problems)
{
    public bool IsValid => Application is not null && Problems.Count == 0;
}

/// <summary>
/// The JSON form of one application (docs/data-formats.md). Reading streams through the document once with a
/// <see cref="Utf8JsonReader"/> rather than deserialising, so that a wrong type, a missing or repeated field and an
/// out-of-range value anywhere are all reported together, each with its path, instead of stopping at the first; a
/// document that is not well-formed JSON (or not UTF-8) is one problem at <c>$</c>. Nothing a client sends makes it throw.
/// Writing produces the canonical form whose SHA-256 is the application's fingerprint.
/// </summary>
public static partial class ApplicationJson
{
    /// <value>64 levels; deeper documents are rejected.</value>
    public const int MaxDepth = 64;

    /// <value>2: amounts are currency with cents.</value>
    public const int MaxDecimalPlaces = 2;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MaxDepth };

    public static ApplicationParseResult Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith("\uFEFF"u8)) utf8 = utf8[3..];
        // Utf8JsonReader checks string contents only when they are read, so a bad byte in a skipped value or a property
        // name would get through (or throw later); the whole body is checked first, which is cheap.
        if (!Utf8.IsValid(utf8)) return Fail("$", "a UTF-8 encoded JSON document");
        // Most requests are plain, valid documents: read those without Utf8JsonReader (FastReader); anything else, or
        // anything the walker would find a problem in, is read again by the walker, which reports it.
        if (FastReader.TryRead(utf8) is { } plain) return Validated(plain);
        var reader = new Utf8JsonReader(utf8, ReaderOptions);
        var walker = new Walker();
        Application? application;
        try
        {
            application = walker.ReadDocument(ref reader);
        }
        catch (JsonException ex)
        {
            // Problems found before the syntax error are dropped: they may be artefacts of the broken document.
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, byte {ex.BytePositionInLine + 1}" : "";
            return Fail("$", $"a well-formed JSON document{where}: {FirstSentence(ex.Message)}");
        }

        if (walker.Problems.Count > 0 || application is null)
            return new(null, walker.Problems);
        return Validated(application);
    }

    private static ApplicationParseResult Validated(Application application)
    {
        var problems = ApplicationValidator.Validate(application);
        return new(problems.Count == 0 ? application : null, problems);
    }

    public static ApplicationParseResult Parse(string json) => Parse(Encoding.UTF8.GetBytes(json));

    private static ApplicationParseResult Fail(string path, string expected) => new(null, [new(path, expected)]);

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message.TrimEnd('.');
    }

    /// <summary>Canonical JSON: fixed property order, no whitespace, amounts as written by decimal's invariant form.</summary>
    public static byte[] ToCanonicalJson(Application application)
    {
        var output = new CanonicalWriter(CanonicalWriter.Rent());
        output.Write(application);
        var bytes = output.Written.ToArray();
        CanonicalWriter.Return(output.Buffer);
        return bytes;
    }

    /// <summary>The canonical JSON as text, or indented for people to read (same properties, same values).</summary>
    public static string ToJson(Application application, bool indented = false)
    {
        if (!indented) return Encoding.UTF8.GetString(ToCanonicalJson(application));
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            Write(w, application);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Lower-case hex SHA-256 of the canonical JSON.</summary>
    public static string Fingerprint(Application application) => Fingerprint(ToCanonicalJson(application));

    /// <summary>The fingerprint of canonical JSON already written (<see cref="ToCanonicalJson"/>): lower-case hex SHA-256 of its UTF-8 bytes.</summary>
    public static string Fingerprint(ReadOnlySpan<byte> canonicalJson) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(canonicalJson));

    /// <summary>Writes the application as one JSON value through <paramref name="w"/> (its options decide indentation).</summary>
    public static void Write(Utf8JsonWriter w, Application a)
    {
        using var document = JsonDocument.Parse(ToCanonicalJson(a));
        document.RootElement.WriteTo(w);
    }

    /// <summary>
    /// Writes canonical JSON straight into a byte buffer: property names are constants, dates and amounts are formatted
    /// in place, and strings are copied as they are unless <see cref="JsonEncodedText"/> (the encoder
    /// <see cref="Utf8JsonWriter"/> uses by default) would escape one of their characters, in which case it does the escaping.
    /// The bytes are those <see cref="Utf8JsonWriter"/> with default options writes (a test compares the two).
    /// </summary>
    private ref struct CanonicalWriter(byte[] buffer)
    {
        private const int InitialSize = 8192;
        private const int MaxCachedSize = 1 << 20;

        // ASCII characters the default encoder leaves alone, derived from the encoder itself so the two cannot disagree.
        private static readonly bool[] Plain = BuildPlain();

        [ThreadStatic] private static byte[]? _cached;

        private int _position;

        public byte[] Buffer { get; private set; } = buffer;

        public readonly ReadOnlySpan<byte> Written => Buffer.AsSpan(0, _position);

        /// <summary>A buffer for one application: the thread's cached one (most requests write into the same memory) or a new one.</summary>
        public static byte[] Rent()
        {
            var buffer = _cached ?? new byte[InitialSize];
            _cached = null;
            return buffer;
        }

        public static void Return(byte[] buffer)
        {
            if (buffer.Length <= MaxCachedSize) _cached = buffer;
        }

        private static bool[] BuildPlain()
        {
            var plain = new bool[128];
            for (var c = 0x20; c < 0x7F; c++)
            {
                var text = ((char)c).ToString();
                plain[c] = JsonEncodedText.Encode(text).Value == text;
            }

            return plain;
        }

        public void Write(Application a)
        {
            Raw("{\"applicationId\":"u8);
            String(a.ApplicationId);
            Raw(",\"applicantId\":"u8);
            String(a.ApplicantId);
            Raw(",\"asOfDate\":"u8);
            Date(a.AsOfDate, withDay: true);
            Raw(",\"requestedAmount\":"u8);
            Decimal(a.RequestedAmount);
            Raw(",\"obligations\":["u8);
            for (var i = 0; i < a.Obligations.Count; i++)
            {
                var account = a.Obligations[i];
                Raw(i == 0 ? "{\"accountId\":"u8 : ",{\"accountId\":"u8);
                String(account.AccountId);
                Raw(",\"type\":"u8);
                String(account.Type.ToWire());
                Raw(",\"furnisher\":"u8);
                String(account.Furnisher);
                Raw(",\"monthlyAmount\":"u8);
                Decimal(account.MonthlyAmount);
                Raw(",\"payments\":["u8);
                var payments = account.Payments;
                for (var k = 0; k < payments.Count; k++)
                    Payment(payments[k], first: k == 0);

                Raw("]}"u8);
            }

            Raw("],\"cashFlow\":["u8);
            for (var i = 0; i < a.CashFlow.Count; i++)
            {
                var m = a.CashFlow[i];
                Raw(i == 0 ? "{\"month\":"u8 : ",{\"month\":"u8);
                Date(m.Month, withDay: false);
                Raw(",\"inflow\":"u8);
                Decimal(m.Inflow);
                Raw(",\"outflow\":"u8);
                Decimal(m.Outflow);
                Raw(",\"lowestBalance\":"u8);
                Decimal(m.LowestBalance);
                Raw(",\"nsfCount\":"u8);
                Int(m.NsfCount);
                Raw("}"u8);
            }

            Raw("]}"u8);
        }

        private Span<byte> Room(int needed)
        {
            if (Buffer.Length - _position < needed)
            {
                var bigger = new byte[Math.Max(Buffer.Length * 2, _position + needed)];
                Written.CopyTo(bigger);
                Buffer = bigger;
            }

            return Buffer.AsSpan(_position);
        }

        private void Raw(ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(Room(bytes.Length));
            _position += bytes.Length;
        }

        private void String(string value)
        {
            foreach (var c in value)
            {
                if (c >= 128 || !Plain[c])
                {
                    Raw("\""u8);
                    Raw(JsonEncodedText.Encode(value).EncodedUtf8Bytes);
                    Raw("\""u8);
                    return;
                }
            }

            var room = Room(value.Length + 2);
            room[0] = (byte)'"';
            for (var i = 0; i < value.Length; i++) room[i + 1] = (byte)value[i];
            room[value.Length + 1] = (byte)'"';
            _position += value.Length + 2;
        }

        /// <summary>A payment record; the longest is under 160 bytes, so its room is taken once rather than per piece.</summary>
        private void Payment(PaymentRecord p, bool first)
        {
            var room = Room(160);
            var at = Put(room, 0, first ? "{\"dueDate\":"u8 : ",{\"dueDate\":"u8);
            at += FormatDate(room[at..], p.DueDate, withDay: true);
            at = Put(room, at, ",\"amountDue\":"u8);
            at += FormatDecimal(room[at..], p.AmountDue);
            at = Put(room, at, ",\"paidDate\":"u8);
            at = p.PaidDate is { } paid ? at + FormatDate(room[at..], paid, withDay: true) : Put(room, at, "null"u8);
            at = Put(room, at, ",\"amountPaid\":"u8);
            at += FormatDecimal(room[at..], p.AmountPaid);
            room[at++] = (byte)'}';
            _position += at;
        }

        private static int Put(Span<byte> room, int at, ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(room[at..]);
            return at + bytes.Length;
        }

        private void Date(DateOnly date, bool withDay) => _position += FormatDate(Room(12), date, withDay);

        /// <summary>"yyyy-MM-dd" or "yyyy-MM" with its quotes; 12 bytes at most.</summary>
        private static int FormatDate(Span<byte> room, DateOnly date, bool withDay)
        {
            date.Deconstruct(out var year, out var month, out var day);
            room[0] = (byte)'"';
            Digits(room.Slice(1, 4), year);
            room[5] = (byte)'-';
            Digits(room.Slice(6, 2), month);
            if (!withDay)
            {
                room[8] = (byte)'"';
                return 9;
            }

            room[8] = (byte)'-';
            Digits(room.Slice(9, 2), day);
            room[11] = (byte)'"';
            return 12;
        }

        private void Decimal(decimal value) => _position += FormatDecimal(Room(32), value);

        /// <summary>The decimal as Utf8JsonWriter writes it; 32 bytes at most.</summary>
        private static int FormatDecimal(Span<byte> room, decimal value)
        {
            // Utf8JsonWriter.WriteNumberValue(decimal) formats with Utf8Formatter's default format: every digit of the
            // mantissa with the point placed by the scale ("1400", "1.50", "0.05"). Amounts fit a long, so the mantissa is
            // formatted as an integer and the point put in; zero (which has a sign) and anything larger go to the formatter.
            Span<int> bits = stackalloc int[4];
            decimal.GetBits(value, bits);
            var mantissa = (ulong)(uint)bits[1] << 32 | (uint)bits[0];
            if (bits[2] != 0 || mantissa == 0 || mantissa > long.MaxValue)
            {
                Utf8Formatter.TryFormat(value, room, out var formatted);
                return formatted;
            }

            var scale = (bits[3] >> 16) & 0xFF;
            var sign = bits[3] < 0 ? 1 : 0;
            if (sign == 1) room[0] = (byte)'-';
            var digits = room[sign..];
            Utf8Formatter.TryFormat(mantissa, digits, out var count);
            if (scale == 0) return sign + count;
            if (count > scale)
            {
                // "14000" with scale 1: the last digit moves right to make room for the point.
                var whole = count - scale;
                digits.Slice(whole, scale).CopyTo(digits[(whole + 1)..]);
                digits[whole] = (byte)'.';
                return sign + count + 1;
            }

            // "5" with scale 2: "0.05".
            var zeros = scale - count;
            digits[..count].CopyTo(digits[(2 + zeros)..]);
            digits[0] = (byte)'0';
            digits[1] = (byte)'.';
            digits.Slice(2, zeros).Fill((byte)'0');
            return sign + 2 + scale;
        }

        private void Int(int value)
        {
            Utf8Formatter.TryFormat(value, Room(11), out var written);
            _position += written;
        }

        private static void Digits(Span<byte> into, int value)
        {
            for (var i = into.Length - 1; i >= 0; i--)
            {
                into[i] = (byte)('0' + value % 10);
                value /= 10;
            }
        }
    }

    /// <summary>
    /// Checks an amount on its exact digits as written. The decimal a JSON number converts to can round (1e-400 becomes
    /// 0; 28 decimal places are kept at most), which must not let a value with more decimal places pass.
    /// </summary>
    private static class Amounts
    {
        public enum Verdict
        {
            Ok,
            OutOfRange,
            Negative,
            TooManyDecimals,
        }

        // ApplicationLimits.MaxLargeAmount is 10^7: a value whose leading digit stands for 10^8 or more is out of range.
        private const int MaxMagnitude = 7;

        /// <summary>In the order they were checked before: range, sign, decimal places. <paramref name="raw"/> is a valid JSON number.</summary>
        public static Verdict Check(ReadOnlySpan<byte> raw, bool allowNegative)
        {
            var i = 0;
            var negative = raw[0] == (byte)'-';
            if (negative) i++;
            int digits = 0, first = -1, last = -1, firstDigit = 0;
            for (; i < raw.Length && IsDigit(raw[i]); i++) Digit(raw[i]);
            var integerDigits = digits;
            if (i < raw.Length && raw[i] == (byte)'.')
                for (i++; i < raw.Length && IsDigit(raw[i]); i++) Digit(raw[i]);
            long exponent = 0;
            if (i < raw.Length && (raw[i] | 0x20) == 'e')
            {
                i++;
                var exponentNegative = raw[i] == (byte)'-';
                if (raw[i] is (byte)'-' or (byte)'+') i++;
                // Saturates: any exponent this large is out of range or has too many places, whatever its exact size.
                for (; i < raw.Length; i++) exponent = Math.Min(exponent * 10 + (raw[i] - '0'), 1_000_000);
                if (exponentNegative) exponent = -exponent;
            }

            if (first < 0) return Verdict.Ok; // zero, however it is written
            var magnitude = integerDigits - 1 - first + exponent; // the value lies in [10^magnitude, 10^(magnitude+1))
            if (magnitude > MaxMagnitude || (magnitude == MaxMagnitude && (first != last || firstDigit != 1))) return Verdict.OutOfRange;
            if (negative && !allowNegative) return Verdict.Negative;
            var places = last + 1 - integerDigits - exponent;
            return places > MaxDecimalPlaces ? Verdict.TooManyDecimals : Verdict.Ok;

            void Digit(byte b)
            {
                if (b != (byte)'0')
                {
                    if (first < 0)
                    {
                        first = digits;
                        firstDigit = b - '0';
                    }

                    last = digits;
                }

                digits++;
            }
        }

        /// <summary>
        /// The decimal of a number written plainly (digits, an optional point, no exponent, at most 18 digits), built
        /// directly: the same value and scale the reader's parser gives ("1.50" keeps two places), at a fraction of the cost.
        /// </summary>
        public static bool TryPlain(ReadOnlySpan<byte> raw, out decimal value)
        {
            value = 0;
            var negative = raw[0] == (byte)'-';
            ulong mantissa = 0;
            int digits = 0, scale = 0;
            var point = false;
            for (var i = negative ? 1 : 0; i < raw.Length; i++)
            {
                var b = raw[i];
                if (b == (byte)'.')
                {
                    point = true;
                    continue;
                }

                if (!IsDigit(b) || ++digits > 18) return false; // an exponent, or more digits than a long holds
                mantissa = mantissa * 10 + (uint)(b - '0');
                if (point) scale++;
            }

            if (negative && mantissa == 0) return false; // "-0": left to the parser, whatever sign of zero it gives
            value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, negative, (byte)scale);
            return true;
        }

        private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
    }

    /// <summary>
    /// One pass over the document. Problems are reported in the order of the schema's fields (unknown fields first) at
    /// every level, whatever order the client sent the fields in, and paths are only built for problems.
    /// </summary>
    private sealed class Walker
    {
        internal static readonly byte[][] TypeNames = [.. ObligationTypes.All.Select(t => Encoding.UTF8.GetBytes(t.ToWire()))];

        private static readonly string[] RootFields = ["applicationId", "applicantId", "asOfDate", "requestedAmount", "obligations", "cashFlow"];
        private static readonly string[] AccountFields = ["accountId", "type", "furnisher", "monthlyAmount", "payments"];
        private static readonly string[] PaymentFields = ["dueDate", "amountDue", "paidDate", "amountPaid"];
        private static readonly string[] CashFlowFields = ["month", "inflow", "outflow", "lowestBalance", "nsfCount"];
        private static readonly byte[][] RootNames = Utf8Names(RootFields);
        private static readonly byte[][] AccountNames = Utf8Names(AccountFields);
        private static readonly byte[][] PaymentNames = Utf8Names(PaymentFields);
        private static readonly byte[][] CashFlowNames = Utf8Names(CashFlowFields);

        private readonly List<int> _ranks = [];   // per problem: 1 + the index of the field it belongs to in its object, 0 for unknown fields
        private readonly ItemReader<ObligationAccount> _readAccount;
        private readonly ItemReader<PaymentRecord> _readPayment;
        private readonly ItemReader<CashFlowMonth> _readCashFlow;

        // Where the walker is, for paths: -1 = not inside.
        private int _account = -1, _payment = -1, _month = -1;

        public Walker()
        {
            _readAccount = ReadAccountAt;
            _readPayment = ReadPaymentAt;
            _readCashFlow = ReadCashFlowAt;
        }

        public List<ValidationProblem> Problems { get; } = [];

        private static byte[][] Utf8Names(string[] names) => [.. names.Select(Encoding.UTF8.GetBytes)];

        public Application? ReadDocument(ref Utf8JsonReader r)
        {
            r.Read();
            Application? application = null;
            if (r.TokenType != JsonTokenType.StartObject)
            {
                Problems.Add(new("$", "a JSON object with applicationId, applicantId, asOfDate, requestedAmount, obligations"));
                r.Skip();
            }
            else
            {
                application = ReadApplication(ref r);
            }

            // Anything after the one value is a syntax error, which the reader raises here.
            r.Read();
            return application;
        }

        private Application? ReadApplication(ref Utf8JsonReader r)
        {
            var start = Problems.Count;
            var seen = 0;
            string? applicationId = null, applicantId = null;
            DateOnly? asOf = null;
            decimal? requested = null;
            ObligationAccount[]? obligations = null;
            CashFlowMonth[]? cashFlow = [];
            while (NextField(ref r, RootFields, RootNames, ref seen, out var field))
            {
                var before = Problems.Count;
                switch (field)
                {
                    case 0: applicationId = String(ref r, "applicationId"); break;
                    case 1: applicantId = String(ref r, "applicantId"); break;
                    case 2: asOf = Date(ref r, "asOfDate"); break;
                    case 3: requested = Money(ref r, "requestedAmount", allowNegative: false); break;
                    case 4: obligations = Array(ref r, "obligations", required: true, ApplicationLimits.MaxAccounts, _readAccount); break;
                    default: cashFlow = Array(ref r, "cashFlow", required: false, ApplicationLimits.MaxCashFlowMonths, _readCashFlow); break;
                }

                RankFrom(before, field);
            }

            Require(seen, 0, "applicationId", "a string (required)");
            Require(seen, 1, "applicantId", "a string (required)");
            Require(seen, 2, "asOfDate", "a string (required)");
            Require(seen, 3, "requestedAmount", "a number (required)");
            Require(seen, 4, "obligations", "an array (required)");
            SortByRank(start);
            if (Problems.Count > 0) return null;
            return new Application(applicationId!, applicantId!, asOf!.Value, requested!.Value, obligations!, cashFlow!);
        }

        private ObligationAccount? ReadAccountAt(ref Utf8JsonReader r, int index)
        {
            _account = index;
            var account = ReadAccount(ref r);
            _account = -1;
            return account;
        }

        private ObligationAccount? ReadAccount(ref Utf8JsonReader r)
        {
            var start = Problems.Count;
            var seen = 0;
            string? id = null, furnisher = null;
            ObligationType? type = null;
            decimal? monthly = null;
            PaymentRecord[]? payments = null;
            while (NextField(ref r, AccountFields, AccountNames, ref seen, out var field))
            {
                var before = Problems.Count;
                switch (field)
                {
                    case 0: id = String(ref r, "accountId"); break;
                    case 1: type = Type(ref r); break;
                    case 2: furnisher = String(ref r, "furnisher"); break;
                    case 3: monthly = Money(ref r, "monthlyAmount", allowNegative: false); break;
                    default: payments = Array(ref r, "payments", required: true, ApplicationLimits.MaxPaymentsPerAccount, _readPayment); break;
                }

                RankFrom(before, field);
            }

            Require(seen, 0, "accountId", "a string (required)");
            Require(seen, 1, "type", "a string (required)");
            Require(seen, 2, "furnisher", "a string (required)");
            Require(seen, 3, "monthlyAmount", "a number (required)");
            Require(seen, 4, "payments", "an array (required)");
            SortByRank(start);
            if (Problems.Count > start || id is null || type is null || furnisher is null || monthly is null || payments is null) return null;
            return new ObligationAccount(id, type.Value, furnisher, monthly.Value, payments);
        }

        private PaymentRecord? ReadPaymentAt(ref Utf8JsonReader r, int index)
        {
            _payment = index;
            var start = Problems.Count;
            var seen = 0;
            DateOnly? due = null, paid = null;
            decimal? amountDue = null, amountPaid = 0m;
            while (NextField(ref r, PaymentFields, PaymentNames, ref seen, out var field))
            {
                var before = Problems.Count;
                switch (field)
                {
                    case 0: due = Date(ref r, "dueDate"); break;
                    case 1: amountDue = Money(ref r, "amountDue", allowNegative: false); break;
                    case 2:
                        if (r.TokenType != JsonTokenType.Null) paid = Date(ref r, "paidDate");
                        break;
                    default: amountPaid = Money(ref r, "amountPaid", allowNegative: false); break;
                }

                RankFrom(before, field);
            }

            Require(seen, 0, "dueDate", "a string (required)");
            Require(seen, 1, "amountDue", "a number (required)");
            SortByRank(start);
            _payment = -1;
            if (Problems.Count > start) return null;
            return new PaymentRecord(due!.Value, amountDue!.Value, paid, amountPaid!.Value);
        }

        private CashFlowMonth? ReadCashFlowAt(ref Utf8JsonReader r, int index)
        {
            _month = index;
            var start = Problems.Count;
            var seen = 0;
            DateOnly? month = null;
            decimal? inflow = null, outflow = null, lowest = null;
            int? nsf = null;
            while (NextField(ref r, CashFlowFields, CashFlowNames, ref seen, out var field))
            {
                var before = Problems.Count;
                switch (field)
                {
                    case 0: month = Month(ref r, "month"); break;
                    case 1: inflow = Money(ref r, "inflow", allowNegative: false); break;
                    case 2: outflow = Money(ref r, "outflow", allowNegative: false); break;
                    case 3: lowest = Money(ref r, "lowestBalance", allowNegative: true); break;
                    default: nsf = Count(ref r, "nsfCount"); break;
                }

                RankFrom(before, field);
            }

            Require(seen, 0, "month", "a string (required)");
            Require(seen, 1, "inflow", "a number (required)");
            Require(seen, 2, "outflow", "a number (required)");
            Require(seen, 3, "lowestBalance", "a number (required)");
            Require(seen, 4, "nsfCount", "a whole number (required)");
            SortByRank(start);
            _month = -1;
            if (Problems.Count > start) return null;
            return new CashFlowMonth(month!.Value, inflow!.Value, outflow!.Value, lowest!.Value, nsf!.Value);
        }

        private delegate T? ItemReader<T>(ref Utf8JsonReader r, int index);

        /// <summary>An array of objects (null counts as absent: required for obligations, empty for cash flow).</summary>
        private T[]? Array<T>(ref Utf8JsonReader r, string name, bool required, int max, ItemReader<T> read)
            where T : class
        {
            if (r.TokenType == JsonTokenType.Null)
            {
                if (required) Add(name, "an array (required)");
                return required ? null : [];
            }

            if (r.TokenType != JsonTokenType.StartArray)
            {
                Add(name, $"an array, got {Describe(ref r)}");
                return null;
            }

            var start = Problems.Count;
            var items = new T[Math.Min(max, 16)];
            var count = 0;
            var ok = true;
            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            {
                if (count >= max)
                {
                    r.Skip();
                }
                else if (r.TokenType != JsonTokenType.StartObject)
                {
                    AddItem(name, count, $"an object, got {Describe(ref r)}");
                    ok = false;
                }
                else if (read(ref r, count) is { } item)
                {
                    if (count >= items.Length) System.Array.Resize(ref items, Math.Min(max, Math.Max(count + 1, items.Length * 2)));
                    items[count] = item;
                }
                else
                {
                    ok = false;
                }

                count++;
            }

            if (count > max)
            {
                // As before the items are read: too many is the one problem, not what is wrong inside each.
                Truncate(start);
                Add(name, $"at most {max} items, got {count}");
                return null;
            }

            if (!ok) return null;
            if (count != items.Length) System.Array.Resize(ref items, count);
            return items;
        }

        /// <summary>Moves to the next property's value; false at the end of the object. Unknown and repeated fields are problems and skipped.</summary>
        private bool NextField(ref Utf8JsonReader r, string[] fields, byte[][] names, ref int seen, out int field)
        {
            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
            {
                field = -1;
                for (var f = 0; f < names.Length; f++)
                {
                    if (TextEquals(ref r, names[f]))
                    {
                        field = f;
                        break;
                    }
                }

                if (field < 0)
                {
                    var name = PropertyName(ref r);
                    r.Read();
                    r.Skip();
                    Add(name, $"no such field; expected only {string.Join(", ", fields)}");
                    RankFrom(Problems.Count - 1, -1); // unknown fields come first, as their names are the likeliest mistake
                    continue;
                }

                r.Read();
                if ((seen & (1 << field)) != 0)
                {
                    r.Skip();
                    Add(fields[field], "each field once; this one appears more than once in the object");
                    RankFrom(Problems.Count - 1, field);
                    continue;
                }

                seen |= 1 << field;
                return true;
            }

            field = -1;
            return false;
        }

        /// <summary>Whether the current name or string is <paramref name="utf8"/>; false (not an exception) for an escaped lone surrogate.</summary>
        private static bool TextEquals(ref Utf8JsonReader r, byte[] utf8)
        {
            if (!r.ValueIsEscaped) return r.ValueSpan.SequenceEqual(utf8);
            try
            {
                return r.ValueTextEquals(utf8);
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }

        private static string PropertyName(ref Utf8JsonReader r)
        {
            try
            {
                return r.GetString()!;
            }
            catch (InvalidOperationException)
            {
                return "(a name that is not valid Unicode)";
            }
        }

        private string? String(ref Utf8JsonReader r, string name)
        {
            if (r.TokenType == JsonTokenType.Null)
            {
                Add(name, "a string (required)");
                return null;
            }

            if (r.TokenType != JsonTokenType.String)
            {
                Add(name, $"a string, got {Describe(ref r)}");
                return null;
            }

            try
            {
                return r.GetString();
            }
            catch (InvalidOperationException)
            {
                // An escaped lone surrogate such as "\ud800" is well-formed JSON but no text.
                Add(name, "a string of valid Unicode text, got an escaped lone surrogate");
                return null;
            }
        }

        private ObligationType? Type(ref Utf8JsonReader r)
        {
            if (r.TokenType == JsonTokenType.String)
            {
                for (var t = 0; t < TypeNames.Length; t++)
                    if (TextEquals(ref r, TypeNames[t])) return ObligationTypes.All[t];
            }

            var text = String(ref r, "type");
            if (text is not null) Add("type", $"{ObligationTypes.WireNames}, got '{Truncate(text)}'");
            return null;
        }

        private DateOnly? Date(ref Utf8JsonReader r, string name)
        {
            if (r.TokenType == JsonTokenType.String && !r.ValueIsEscaped && TryIsoDate(r.ValueSpan, out var fast)) return fast;
            var text = String(ref r, name);
            if (text is null) return null;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            Add(name, $"a date as yyyy-MM-dd, got '{Truncate(text)}'");
            return null;
        }

        private DateOnly? Month(ref Utf8JsonReader r, string name)
        {
            if (r.TokenType == JsonTokenType.String && !r.ValueIsEscaped && TryIsoMonth(r.ValueSpan, out var fast)) return fast;
            var text = String(ref r, name);
            if (text is null) return null;
            if (DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out d) && d.Day == 1) return d;
            Add(name, $"a month as yyyy-MM, got '{Truncate(text)}'");
            return null;
        }

        // The common exact forms, read straight from the bytes; anything else goes through DateOnly.TryParseExact,
        // so what is accepted does not change.
        internal static bool TryIsoDate(ReadOnlySpan<byte> s, out DateOnly date)
        {
            date = default;
            if (s.Length != 10 || s[4] != '-' || s[7] != '-') return false;
            return TryNumber(s[..4], out var year) && TryNumber(s.Slice(5, 2), out var month) && TryNumber(s.Slice(8, 2), out var day)
                && TryDate(year, month, day, out date);
        }

        internal static bool TryIsoMonth(ReadOnlySpan<byte> s, out DateOnly date)
        {
            date = default;
            if (s.Length != 7 || s[4] != '-') return false;
            return TryNumber(s[..4], out var year) && TryNumber(s.Slice(5, 2), out var month) && TryDate(year, month, 1, out date);
        }

        private static bool TryNumber(ReadOnlySpan<byte> digits, out int value)
        {
            value = 0;
            foreach (var b in digits)
            {
                if ((uint)(b - '0') > 9) return false;
                value = value * 10 + (b - '0');
            }

            return true;
        }

        private static bool TryDate(int year, int month, int day, out DateOnly date)
        {
            date = default;
            if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
            date = new DateOnly(year, month, day);
            return true;
        }

        /// <summary>
        /// An amount of currency, checked on the exact digits as written: the decimal a JSON number would convert to can
        /// round (1e-400 becomes 0, 0.0000000000000000000000000001234 loses digits), which must not pass for a valid amount.
        /// </summary>
        private decimal? Money(ref Utf8JsonReader r, string name, bool allowNegative)
        {
            if (r.TokenType == JsonTokenType.Null)
            {
                Add(name, "a number (required)");
                return null;
            }

            if (r.TokenType != JsonTokenType.Number)
            {
                Add(name, $"a number, got {Describe(ref r)}");
                return null;
            }

            var raw = r.ValueSpan;
            switch (Amounts.Check(raw, allowNegative))
            {
                case Amounts.Verdict.OutOfRange:
                    Add(name, $"{Range(allowNegative)}, got {Raw(raw)}");
                    return null;
                case Amounts.Verdict.Negative:
                    Add(name, $"an amount of 0 or more, got {Raw(raw)}");
                    return null;
                case Amounts.Verdict.TooManyDecimals:
                    Add(name, $"an amount with at most {MaxDecimalPlaces} decimal places, got {Raw(raw)}");
                    return null;
            }

            // At most 8 integer and 2 decimal digits remain, which a decimal holds exactly.
            if (Amounts.TryPlain(raw, out var value) || r.TryGetDecimal(out value)) return value;
            Add(name, $"{Range(allowNegative)}, got {Raw(raw)}");
            return null;
        }

        private static string Range(bool allowNegative) => allowNegative
            ? $"an amount from -{ApplicationLimits.MaxLargeAmount:0} to {ApplicationLimits.MaxLargeAmount:0}"
            : $"an amount of at most {ApplicationLimits.MaxLargeAmount:0}";

        private int? Count(ref Utf8JsonReader r, string name)
        {
            if (r.TokenType == JsonTokenType.Null)
            {
                Add(name, "a whole number (required)");
                return null;
            }

            if (r.TokenType != JsonTokenType.Number || !r.TryGetInt32(out var value) || value < 0 || value > ApplicationLimits.MaxNsfPerMonth)
            {
                Add(name, $"a whole number from 0 to {ApplicationLimits.MaxNsfPerMonth}, got {Describe(ref r)}");
                return null;
            }

            return value;
        }

        /// <summary>Says what the value is, and moves past it.</summary>
        private static string Describe(ref Utf8JsonReader r)
        {
            switch (r.TokenType)
            {
                case JsonTokenType.String:
                    string text;
                    try
                    {
                        text = r.GetString() ?? "";
                    }
                    catch (InvalidOperationException)
                    {
                        return "a string that is not valid Unicode";
                    }

                    return $"the string '{Truncate(text)}'";
                case JsonTokenType.Number: return Raw(r.ValueSpan);
                case JsonTokenType.True: return "true";
                case JsonTokenType.False: return "false";
                case JsonTokenType.StartObject:
                    r.Skip();
                    return "an object";
                case JsonTokenType.StartArray:
                    r.Skip();
                    return "an array";
                default: return "null";
            }
        }

        private static string Raw(ReadOnlySpan<byte> number) => Truncate(Encoding.UTF8.GetString(number));

        private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";

        private void Require(int seen, int field, string name, string expected)
        {
            if ((seen & (1 << field)) != 0) return;
            Add(name, expected);
            RankFrom(Problems.Count - 1, field);
        }

        private void Add(string field, string expected)
        {
            Problems.Add(new(PathOf(field), expected));
            _ranks.Add(0);
        }

        private void AddItem(string array, int index, string expected)
        {
            Problems.Add(new($"{PathOf(array)}[{index}]", expected));
            _ranks.Add(0);
        }

        /// <summary>Problems from <paramref name="from"/> on (one field's, including those inside its value) sort as that field.</summary>
        private void RankFrom(int from, int field)
        {
            for (var i = from; i < _ranks.Count; i++) _ranks[i] = field + 1;
        }

        private void Truncate(int count)
        {
            Problems.RemoveRange(count, Problems.Count - count);
            _ranks.RemoveRange(count, _ranks.Count - count);
        }

        /// <summary>Puts this object's problems in field order (a stable sort: document order within a field).</summary>
        private void SortByRank(int start)
        {
            var count = Problems.Count - start;
            if (count < 2) return;
            var order = Enumerable.Range(start, count).OrderBy(i => _ranks[i]).ToArray();
            var problems = order.Select(i => Problems[i]).ToArray();
            var ranks = order.Select(i => _ranks[i]).ToArray();
            for (var i = 0; i < count; i++)
            {
                Problems[start + i] = problems[i];
                _ranks[start + i] = ranks[i];
            }
        }

        private string PathOf(string field)
        {
            string prefix;
            if (_account >= 0)
                prefix = _payment >= 0 ? $"obligations[{_account}].payments[{_payment}]" : $"obligations[{_account}]";
            else if (_month >= 0)
                prefix = $"cashFlow[{_month}]";
            else
                return field;
            return prefix + "." + field;
        }
    }
}
