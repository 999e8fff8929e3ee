using System.Buffers;
using System.Text;

namespace CreditAlt.Core.Applications;

public static partial class ApplicationJson
{
    /// <summary>
    /// Reads the common document — well-formed, every field of the schema once, of the right type, strings without
    /// escapes, amounts as plain decimals, dates in their exact ISO form — straight from the bytes, in about a third of
    /// the time <see cref="Utf8JsonReader"/> and the <see cref="Walker"/> take. It gives up (null) at the first thing
    /// outside that: anything unusual, and every document the walker would find a problem in, is then read by the walker,
    /// which accepts and reports exactly as before. What it accepts it turns into the same values with the walker's own
    /// helpers (<see cref="Amounts"/>, <see cref="Walker.TryIsoDate"/>), so the two cannot disagree on an accepted
    /// document; a test compares them. Validation (<see cref="ApplicationValidator"/>) follows either way.
    /// </summary>
    private ref struct FastReader
    {
        // A string ends at its quote; a backslash (an escape) or a control character (not allowed) means the walker's turn.
        private static readonly SearchValues<byte> StringStops = SearchValues.Create([(byte)'"', (byte)'\\', .. Enumerable.Range(0, 0x20).Select(b => (byte)b)]);

        private static readonly SearchValues<byte> Whitespace = SearchValues.Create(" \n\r\t"u8);

        [ThreadStatic] private static PaymentRecord[]? _payments;

        private readonly ReadOnlySpan<byte> _json;
        private int _at;

        private FastReader(ReadOnlySpan<byte> json) => _json = json;

        /// <summary>The application, or null when the document is not plain enough to read here.</summary>
        public static Application? TryRead(ReadOnlySpan<byte> json)
        {
            var reader = new FastReader(json);
            var application = reader.ReadApplication();
            return application is not null && reader.AtEnd() ? application : null;
        }

        private Application? ReadApplication()
        {
            if (!Take((byte)'{')) return null;
            var seen = 0;
            string? applicationId = null, applicantId = null;
            DateOnly asOf = default;
            decimal requested = 0;
            ObligationAccount[]? obligations = null;
            CashFlowMonth[] cashFlow = [];
            if (!Take((byte)'}'))
            {
                do
                {
                    if (!Name(out var name)) return null;
                    int field;
                    bool ok;
                    if (name.SequenceEqual("applicationId"u8)) (field, ok) = (0, String(out applicationId));
                    else if (name.SequenceEqual("applicantId"u8)) (field, ok) = (1, String(out applicantId));
                    else if (name.SequenceEqual("asOfDate"u8)) (field, ok) = (2, Date(out asOf));
                    else if (name.SequenceEqual("requestedAmount"u8)) (field, ok) = (3, Money(out requested, allowNegative: false));
                    else if (name.SequenceEqual("obligations"u8)) (field, ok) = (4, Accounts(out obligations));
                    else if (name.SequenceEqual("cashFlow"u8)) (field, ok) = (5, CashFlow(out cashFlow));
                    else return null;
                    if (!ok || !Once(ref seen, field)) return null;
                } while (Take((byte)','));

                if (!Take((byte)'}')) return null;
            }

            return seen == 0b11111 || seen == 0b111111
                ? new Application(applicationId!, applicantId!, asOf, requested, obligations!, cashFlow)
                : null;
        }

        private bool Accounts(out ObligationAccount[]? accounts)
        {
            accounts = null;
            if (!Take((byte)'[')) return false;
            var items = new ObligationAccount[4];
            var count = 0;
            if (!Take((byte)']'))
            {
                do
                {
                    if (count == ApplicationLimits.MaxAccounts || ReadAccount() is not { } account) return false;
                    if (count == items.Length) Array.Resize(ref items, Math.Min(items.Length * 2, ApplicationLimits.MaxAccounts));
                    items[count++] = account;
                } while (Take((byte)','));

                if (!Take((byte)']')) return false;
            }

            accounts = count == items.Length ? items : items[..count];
            return true;
        }

        private ObligationAccount? ReadAccount()
        {
            if (!Take((byte)'{')) return null;
            var seen = 0;
            string? id = null, furnisher = null;
            var type = ObligationType.Other;
            decimal monthly = 0;
            PaymentRecord[]? payments = null;
            if (!Take((byte)'}'))
            {
                do
                {
                    if (!Name(out var name)) return null;
                    int field;
                    bool ok;
                    if (name.SequenceEqual("accountId"u8)) (field, ok) = (0, String(out id));
                    else if (name.SequenceEqual("type"u8)) (field, ok) = (1, Type(out type));
                    else if (name.SequenceEqual("furnisher"u8)) (field, ok) = (2, String(out furnisher));
                    else if (name.SequenceEqual("monthlyAmount"u8)) (field, ok) = (3, Money(out monthly, allowNegative: false));
                    else if (name.SequenceEqual("payments"u8)) (field, ok) = (4, Payments(out payments));
                    else return null;
                    if (!ok || !Once(ref seen, field)) return null;
                } while (Take((byte)','));

                if (!Take((byte)'}')) return null;
            }

            return seen == 0b11111 ? new ObligationAccount(id!, type, furnisher!, monthly, payments!) : null;
        }

        private bool Payments(out PaymentRecord[]? payments)
        {
            payments = null;
            if (!Take((byte)'[')) return false;
            // Collected in a per-thread array of the maximum length and copied out once: one allocation per account.
            var items = _payments ??= new PaymentRecord[ApplicationLimits.MaxPaymentsPerAccount];
            var count = 0;
            var ok = true;
            if (!Take((byte)']'))
            {
                do
                {
                    if (count == items.Length || ReadPayment() is not { } payment)
                    {
                        ok = false;
                        break;
                    }

                    items[count++] = payment;
                } while (Take((byte)','));

                ok = ok && Take((byte)']');
            }

            if (ok) payments = items.AsSpan(0, count).ToArray();
            Array.Clear(items, 0, count);
            return ok;
        }

        private PaymentRecord? ReadPayment()
        {
            if (!Take((byte)'{')) return null;
            var seen = 0;
            DateOnly due = default;
            DateOnly? paid = null;
            decimal amountDue = 0, amountPaid = 0;
            if (!Take((byte)'}'))
            {
                do
                {
                    if (!Name(out var name)) return null;
                    int field;
                    bool ok;
                    if (name.SequenceEqual("dueDate"u8)) (field, ok) = (0, Date(out due));
                    else if (name.SequenceEqual("amountDue"u8)) (field, ok) = (1, Money(out amountDue, allowNegative: false));
                    else if (name.SequenceEqual("paidDate"u8)) (field, ok) = (2, PaidDate(out paid));
                    else if (name.SequenceEqual("amountPaid"u8)) (field, ok) = (3, Money(out amountPaid, allowNegative: false));
                    else return null;
                    if (!ok || !Once(ref seen, field)) return null;
                } while (Take((byte)','));

                if (!Take((byte)'}')) return null;
            }

            // dueDate and amountDue are required; a missing paidDate is unpaid and a missing amountPaid is 0, as in the walker.
            return (seen & 0b11) == 0b11 ? new PaymentRecord(due, amountDue, paid, amountPaid) : null;
        }

        private bool CashFlow(out CashFlowMonth[] months)
        {
            months = [];
            if (!Take((byte)'[')) return false;
            var items = new CashFlowMonth[16];
            var count = 0;
            if (!Take((byte)']'))
            {
                do
                {
                    if (count == ApplicationLimits.MaxCashFlowMonths || ReadMonth() is not { } month) return false;
                    if (count == items.Length) Array.Resize(ref items, Math.Min(items.Length * 2, ApplicationLimits.MaxCashFlowMonths));
                    items[count++] = month;
                } while (Take((byte)','));

                if (!Take((byte)']')) return false;
            }

            months = count == 0 ? [] : items[..count];
            return true;
        }

        private CashFlowMonth? ReadMonth()
        {
            if (!Take((byte)'{')) return null;
            var seen = 0;
            DateOnly month = default;
            decimal inflow = 0, outflow = 0, lowest = 0;
            var nsf = 0;
            if (!Take((byte)'}'))
            {
                do
                {
                    if (!Name(out var name)) return null;
                    int field;
                    bool ok;
                    if (name.SequenceEqual("month"u8)) (field, ok) = (0, StringSpan(out var text) && Walker.TryIsoMonth(text, out month));
                    else if (name.SequenceEqual("inflow"u8)) (field, ok) = (1, Money(out inflow, allowNegative: false));
                    else if (name.SequenceEqual("outflow"u8)) (field, ok) = (2, Money(out outflow, allowNegative: false));
                    else if (name.SequenceEqual("lowestBalance"u8)) (field, ok) = (3, Money(out lowest, allowNegative: true));
                    else if (name.SequenceEqual("nsfCount"u8)) (field, ok) = (4, Count(out nsf));
                    else return null;
                    if (!ok || !Once(ref seen, field)) return null;
                } while (Take((byte)','));

                if (!Take((byte)'}')) return null;
            }

            return seen == 0b11111 ? new CashFlowMonth(month, inflow, outflow, lowest, nsf) : null;
        }

        /// <summary>A date, or null (unpaid).</summary>
        private bool PaidDate(out DateOnly? paid)
        {
            paid = null;
            if (Null()) return true;
            if (!Date(out var date)) return false;
            paid = date;
            return true;
        }

        private static bool Once(ref int seen, int field)
        {
            if ((seen & (1 << field)) != 0) return false;
            seen |= 1 << field;
            return true;
        }

        private bool Name(out ReadOnlySpan<byte> name) => StringSpan(out name) && Take((byte)':');

        /// <summary>A string without escapes; the body is already known to be valid UTF-8, so it decodes as the reader's GetString would.</summary>
        private bool String(out string? value)
        {
            value = StringSpan(out var utf8) ? Encoding.UTF8.GetString(utf8) : null;
            return value is not null;
        }

        private bool StringSpan(out ReadOnlySpan<byte> utf8)
        {
            utf8 = default;
            if (!Take((byte)'"')) return false;
            var rest = _json[_at..];
            var end = rest.IndexOfAny(StringStops);
            if (end < 0 || rest[end] != (byte)'"') return false;
            utf8 = rest[..end];
            _at += end + 1;
            return true;
        }

        private bool Type(out ObligationType type)
        {
            type = default;
            if (!StringSpan(out var name)) return false;
            for (var t = 0; t < Walker.TypeNames.Length; t++)
            {
                if (name.SequenceEqual(Walker.TypeNames[t]))
                {
                    type = ObligationTypes.All[t];
                    return true;
                }
            }

            return false;
        }

        private bool Date(out DateOnly date)
        {
            date = default;
            return StringSpan(out var text) && Walker.TryIsoDate(text, out date);
        }

        /// <summary>An amount the walker would accept without a problem, by the walker's own checks.</summary>
        private bool Money(out decimal value, bool allowNegative)
        {
            value = 0;
            return Number(out var raw) && Amounts.Check(raw, allowNegative) == Amounts.Verdict.Ok && Amounts.TryPlain(raw, out value);
        }

        /// <summary>A count from 0 to <see cref="ApplicationLimits.MaxNsfPerMonth"/> written as plain digits.</summary>
        private bool Count(out int value)
        {
            value = 0;
            if (!Number(out var raw) || raw.Length > 4) return false;
            foreach (var b in raw)
            {
                if (!char.IsAsciiDigit((char)b)) return false;
                value = value * 10 + (b - '0');
            }

            return value <= ApplicationLimits.MaxNsfPerMonth;
        }

        /// <summary>A JSON number without an exponent: <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?</c>.</summary>
        private bool Number(out ReadOnlySpan<byte> raw)
        {
            raw = default;
            SkipWhitespace();
            var start = _at;
            if (_at < _json.Length && _json[_at] == (byte)'-') _at++;
            var integer = Digits();
            if (integer == 0 || (integer > 1 && _json[_at - integer] == (byte)'0')) return false;
            if (_at < _json.Length && _json[_at] == (byte)'.')
            {
                _at++;
                if (Digits() == 0) return false;
            }

            if (_at < _json.Length && (_json[_at] | 0x20) == (byte)'e') return false;
            raw = _json[start.._at];
            return true;
        }

        private int Digits()
        {
            var json = _json;
            var at = _at;
            while (at < json.Length && char.IsAsciiDigit((char)json[at])) at++;
            var count = at - _at;
            _at = at;
            return count;
        }

        private bool Null()
        {
            SkipWhitespace();
            if (!_json[_at..].StartsWith("null"u8)) return false;
            _at += 4;
            return true;
        }

        /// <summary>Moves past <paramref name="token"/> (after any whitespace) if it is next.</summary>
        private bool Take(byte token)
        {
            SkipWhitespace();
            if (_at >= _json.Length || _json[_at] != token) return false;
            _at++;
            return true;
        }

        private void SkipWhitespace()
        {
            var json = _json;
            var at = _at;
            if (at >= json.Length || json[at] > (byte)' ') return;                       // none: compact documents
            if (json[at] == (byte)' ' && (at + 1 == json.Length || json[at + 1] > (byte)' '))
            {
                _at = at + 1;                                                             // one space: ", " and ": "
                return;
            }

            var skip = json[at..].IndexOfAnyExcept(Whitespace);                          // indentation: long runs
            _at = skip < 0 ? json.Length : at + skip;
        }

        private bool AtEnd()
        {
            SkipWhitespace();
            return _at == _json.Length;
        }
    }
}
