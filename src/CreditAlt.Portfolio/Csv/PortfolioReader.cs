using System.Diagnostics.CodeAnalysis;
using System.Text;
using CreditAlt.Core.Applications;

namespace CreditAlt.Portfolio.Csv;

/// <summary>
/// Streams a portfolio in the bulk CSV set (docs/data-formats.md) one <see cref="Application"/> at a
/// time. The four files are read side by side, each sorted by application id, so memory is one row
/// buffer per file plus the current application, whatever the size of the files. Every application
/// is checked with <see cref="ApplicationValidator"/>. Any malformed row, unsorted file, child row
/// without its application, or invalid application stops the read with a
/// <see cref="PortfolioFormatException"/> naming file, line and column.
/// </summary>
public sealed class PortfolioReader : IDisposable
{
    private readonly CsvRecordReader _applications;
    private readonly ChildFile _obligations;
    private readonly ChildFile _payments;
    private readonly ChildFile _cashFlow;
    private readonly ChildFile? _sources;
    private DataSource? _cashFlowSource;
    private byte[] _lastApplicationId = [];
    private bool _started;
    private readonly List<AccountBuilder> _accounts = [];
    private readonly List<CashFlowMonth> _months = [];

    /// <param name="sources">The optional sources.csv (provenance), or null.</param>
    public PortfolioReader(Stream applications, Stream obligations, Stream payments, Stream cashFlow, bool leaveOpen = false, Stream? sources = null)
        : this(new CsvRecordReader(applications, PortfolioFiles.Applications, PortfolioFiles.ApplicationsHeader, leaveOpen),
               new CsvRecordReader(obligations, PortfolioFiles.Obligations, PortfolioFiles.ObligationsHeader, leaveOpen),
               new CsvRecordReader(payments, PortfolioFiles.Payments, PortfolioFiles.PaymentsHeader, leaveOpen),
               new CsvRecordReader(cashFlow, PortfolioFiles.CashFlow, PortfolioFiles.CashFlowHeader, leaveOpen),
               sources is null ? null : new CsvRecordReader(sources, PortfolioFiles.Sources, PortfolioFiles.SourcesHeader, leaveOpen))
    {
    }

    private PortfolioReader(CsvRecordReader applications, CsvRecordReader obligations, CsvRecordReader payments, CsvRecordReader cashFlow, CsvRecordReader? sources)
    {
        _applications = applications;
        _obligations = new ChildFile(obligations);
        _payments = new ChildFile(payments);
        _cashFlow = new ChildFile(cashFlow);
        _sources = sources is null ? null : new ChildFile(sources);
    }

    /// <summary>Opens applications.csv, obligations.csv, payments.csv and cashflow.csv in <paramref name="directory"/>, and sources.csv when it is there.</summary>
    public static PortfolioReader Open(string directory)
    {
        var streams = new List<Stream>();
        try
        {
            foreach (var name in new[] { PortfolioFiles.Applications, PortfolioFiles.Obligations, PortfolioFiles.Payments, PortfolioFiles.CashFlow })
            {
                var path = Path.Combine(directory, name);
                if (!File.Exists(path))
                    throw new PortfolioFormatException(name, 0, 0, null, $"no such file '{path}' (a portfolio is the four files applications.csv, obligations.csv, payments.csv, cashflow.csv)");
                streams.Add(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan));
            }
            var sources = Path.Combine(directory, PortfolioFiles.Sources);
            if (File.Exists(sources))
                streams.Add(new FileStream(sources, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan));
        }
        catch
        {
            foreach (var s in streams) s.Dispose();
            throw;
        }
        return new PortfolioReader(streams[0], streams[1], streams[2], streams[3], sources: streams.Count > 4 ? streams[4] : null);
    }

    /// <summary>Applications read so far.</summary>
    public long Count { get; private set; }

    /// <summary>Bytes consumed from all four streams so far.</summary>
    public long BytesRead => _applications.BytesRead + _obligations.Reader.BytesRead + _payments.Reader.BytesRead + _cashFlow.Reader.BytesRead + (_sources?.Reader.BytesRead ?? 0);

    /// <summary>The line of applications.csv on which the last application returned starts.</summary>
    public long Line { get; private set; }

    public IEnumerable<Application> ReadAll()
    {
        while (TryRead(out var application))
            yield return application;
    }

    public bool TryRead([NotNullWhen(true)] out Application? application)
    {
        application = null;
        if (!_started)
        {
            _applications.ReadHeader();
            _obligations.Start();
            _payments.Start();
            _cashFlow.Start();
            _sources?.Start();
            _started = true;
        }
        if (!_applications.Read())
        {
            _obligations.ExpectEnd();
            _payments.ExpectEnd();
            _cashFlow.ExpectEnd();
            _sources?.ExpectEnd();
            return false;
        }

        var a = _applications;
        var idBytes = a.Field(0);
        if (Count > 0 && idBytes.SequenceCompareTo(_lastApplicationId) <= 0)
        {
            var reason = idBytes.SequenceEqual(_lastApplicationId)
                ? $"each application id once; {CsvFields.Show(idBytes)} appears again"
                : $"rows sorted by application_id (ordinal); {CsvFields.Show(idBytes)} comes after {CsvFields.Show(_lastApplicationId)}";
            throw new PortfolioFormatException(a.FileName, a.Line, 1, "application_id", $"expected {reason}: {a.FileName} is not sorted");
        }
        if (idBytes.Length == 0) throw a.Error(0, "an application id");
        _lastApplicationId = idBytes.ToArray();
        var applicationId = Encoding.UTF8.GetString(idBytes);
        var applicantId = a.FieldString(1);
        if (!CsvFields.TryParseDate(a.Field(2), out var asOf)) throw a.Error(2, $"a date as yyyy-MM-dd, got {CsvFields.Show(a.Field(2))}");
        var requested = Money(a, 3, negative: false);
        Line = a.Line;

        ReadObligations();
        ReadPayments();
        ReadCashFlow();
        ReadSources();

        var obligations = new ObligationAccount[_accounts.Count];
        for (var i = 0; i < obligations.Length; i++)
        {
            var b = _accounts[i];
            obligations[i] = new ObligationAccount(b.Id, b.Type, b.Furnisher, b.MonthlyAmount, b.Payments.ToArray()) { Source = b.Source };
        }
        var candidate = new Application(applicationId, applicantId, asOf, requested, obligations, _months.ToArray()) { CashFlowSource = _cashFlowSource };
        var problems = ApplicationValidator.Validate(candidate);
        if (problems.Count > 0)
            throw new PortfolioFormatException(a.FileName, Line, 0, null,
                $"application {CsvFields.Show(idBytes)} (with its rows in the other files) is invalid", problems);
        Count++;
        application = candidate;
        return true;
    }

    private void ReadObligations()
    {
        _accounts.Clear();
        var r = _obligations.Reader;
        while (_obligations.NextBelongsTo(_lastApplicationId, _applications))
        {
            if (_accounts.Count == ApplicationLimits.MaxAccounts)
                throw new PortfolioFormatException(r.FileName, r.Line, 0, null, $"at most {ApplicationLimits.MaxAccounts} accounts per application");
            var accountId = r.Field(1);
            if (accountId.Length == 0) throw r.Error(1, "an account id");
            foreach (var existing in _accounts)
                if (accountId.SequenceEqual(existing.IdBytes))
                    throw r.Error(1, $"an account id unique within the application; {CsvFields.Show(accountId)} appears twice");
            var typeText = r.FieldString(2);
            if (!ObligationTypes.TryParse(typeText, out var type)) throw r.Error(2, $"{ObligationTypes.WireNames}, got {CsvFields.Show(r.Field(2))}");
            var furnisher = r.FieldString(3);
            var monthly = Money(r, 4, negative: false);
            _accounts.Add(new AccountBuilder(accountId.ToArray(), Encoding.UTF8.GetString(accountId), type, furnisher, monthly));
            _obligations.Consume();
        }
    }

    private void ReadPayments()
    {
        var r = _payments.Reader;
        while (_payments.NextBelongsTo(_lastApplicationId, _applications))
        {
            var accountId = r.Field(1);
            AccountBuilder? account = null;
            foreach (var candidate in _accounts)
                if (accountId.SequenceEqual(candidate.IdBytes)) { account = candidate; break; }
            if (account is null)
                throw r.Error(1, $"an account listed in {PortfolioFiles.Obligations} for application {CsvFields.Show(_lastApplicationId)}; {CsvFields.Show(accountId)} is not (orphan payment row)");
            if (account.Payments.Count == ApplicationLimits.MaxPaymentsPerAccount)
                throw new PortfolioFormatException(r.FileName, r.Line, 0, null, $"at most {ApplicationLimits.MaxPaymentsPerAccount} payment records per account");
            if (!CsvFields.TryParseDate(r.Field(2), out var due)) throw r.Error(2, $"a date as yyyy-MM-dd, got {CsvFields.Show(r.Field(2))}");
            if (account.Payments.Count > 0 && due < account.Payments[^1].DueDate)
                throw new PortfolioFormatException(r.FileName, r.Line, 3, "due_date",
                    $"expected the payments of an account in order of due date; {due:yyyy-MM-dd} comes after {account.Payments[^1].DueDate:yyyy-MM-dd}: {r.FileName} is not sorted");
            var amountDue = Money(r, 3, negative: false);
            DateOnly? paid = null;
            var paidField = r.Field(4);
            if (paidField.Length > 0)
            {
                if (!CsvFields.TryParseDate(paidField, out var paidDate)) throw r.Error(4, $"a date as yyyy-MM-dd or an empty field (not paid), got {CsvFields.Show(paidField)}");
                paid = paidDate;
            }
            var amountPaid = Money(r, 5, negative: false);
            account.Payments.Add(new PaymentRecord(due, amountDue, paid, amountPaid));
            _payments.Consume();
        }
    }

    private void ReadCashFlow()
    {
        _months.Clear();
        var r = _cashFlow.Reader;
        while (_cashFlow.NextBelongsTo(_lastApplicationId, _applications))
        {
            if (_months.Count == ApplicationLimits.MaxCashFlowMonths)
                throw new PortfolioFormatException(r.FileName, r.Line, 0, null, $"at most {ApplicationLimits.MaxCashFlowMonths} cash-flow months per application");
            if (!CsvFields.TryParseMonth(r.Field(1), out var month)) throw r.Error(1, $"a month as yyyy-MM, got {CsvFields.Show(r.Field(1))}");
            if (_months.Count > 0 && month < _months[^1].Month)
                throw new PortfolioFormatException(r.FileName, r.Line, 2, "month",
                    $"expected the months of an application in ascending order; {month:yyyy-MM} comes after {_months[^1].Month:yyyy-MM}: {r.FileName} is not sorted");
            var inflow = Money(r, 2, negative: false);
            var outflow = Money(r, 3, negative: false);
            var lowest = Money(r, 4, negative: true);
            if (!CsvFields.TryParseCount(r.Field(5), out var nsf)) throw r.Error(5, $"a whole number of 0 or more, got {CsvFields.Show(r.Field(5))}");
            _months.Add(new CashFlowMonth(month, inflow, outflow, lowest, nsf));
            _cashFlow.Consume();
        }
    }

    /// <summary>
    /// The application's rows of sources.csv: at most one per account of obligations.csv (account_id) and one for the cash
    /// flow (empty account_id). Name 1 to 200 characters; address and phone required for a consumer reporting agency
    /// (FCRA §615(a) prints them), as in the JSON form.
    /// </summary>
    private void ReadSources()
    {
        _cashFlowSource = null;
        if (_sources is null)
            return;
        var r = _sources.Reader;
        var cashFlowSeen = false;
        while (_sources.NextBelongsTo(_lastApplicationId, _applications))
        {
            var accountId = r.Field(1);
            AccountBuilder? account = null;
            if (accountId.Length > 0)
            {
                foreach (var candidate in _accounts)
                    if (accountId.SequenceEqual(candidate.IdBytes)) { account = candidate; break; }
                if (account is null)
                    throw r.Error(1, $"an account listed in {PortfolioFiles.Obligations} for application {CsvFields.Show(_lastApplicationId)}, or an empty field for the cash flow; {CsvFields.Show(accountId)} is not");
                if (account.Source is not null)
                    throw r.Error(1, $"one source per account; {CsvFields.Show(accountId)} has two rows");
            }
            else if (cashFlowSeen)
                throw r.Error(1, "one source for the cash flow (empty account_id) per application; there are two rows");
            var name = r.FieldString(2);
            if (name.Trim().Length == 0 || name.Length > 200) throw r.Error(2, $"the source's name, 1 to 200 characters, got {CsvFields.Show(r.Field(2))}");
            var address = r.Field(3).Length == 0 ? null : r.FieldString(3);
            var phone = r.Field(4).Length == 0 ? null : r.FieldString(4);
            if (address?.Length > 300) throw r.Error(3, "an address of at most 300 characters");
            if (phone?.Length > 40) throw r.Error(4, "a telephone number of at most 40 characters");
            var cra = r.Field(5);
            bool isAgency;
            if (cra.SequenceEqual("true"u8)) isAgency = true;
            else if (cra.SequenceEqual("false"u8)) isAgency = false;
            else throw r.Error(5, $"true or false, got {CsvFields.Show(cra)}");
            if (isAgency && address is null) throw r.Error(3, "the address of the consumer reporting agency (FCRA §615(a) prints it)");
            if (isAgency && phone is null) throw r.Error(4, "the telephone number of the consumer reporting agency (FCRA §615(a) prints it)");
            var source = new DataSource(name, address, phone, isAgency);
            if (account is not null)
                account.Source = source;
            else
            {
                _cashFlowSource = source;
                cashFlowSeen = true;
            }
            _sources.Consume();
        }
    }

    private static decimal Money(CsvRecordReader r, int column, bool negative)
    {
        var field = r.Field(column);
        if (!CsvFields.TryParseMoney(field, out var value))
            throw r.Error(column, $"an amount such as 1234.56 (digits, optionally '.' and 1 or 2 decimals{(negative ? ", optionally a leading '-'" : "")}), got {CsvFields.Show(field)}");
        if (!negative && value < 0) throw r.Error(column, $"an amount of 0 or more, got {CsvFields.Show(field)}");
        return value;
    }

    public void Dispose()
    {
        _applications.Dispose();
        _obligations.Reader.Dispose();
        _payments.Reader.Dispose();
        _cashFlow.Reader.Dispose();
        _sources?.Reader.Dispose();
    }

    private sealed class AccountBuilder(byte[] idBytes, string id, ObligationType type, string furnisher, decimal monthlyAmount)
    {
        public byte[] IdBytes { get; } = idBytes;
        public string Id { get; } = id;
        public ObligationType Type { get; } = type;
        public string Furnisher { get; } = furnisher;
        public decimal MonthlyAmount { get; } = monthlyAmount;
        public List<PaymentRecord> Payments { get; } = new(36);
        public DataSource? Source { get; set; }
    }

    /// <summary>A child file read one row ahead, so the join can see which application the next row belongs to.</summary>
    private sealed class ChildFile(CsvRecordReader reader)
    {
        public CsvRecordReader Reader { get; } = reader;
        private bool _hasRow;
        private bool _ended;
        private byte[] _previousId = [];

        public void Start()
        {
            Reader.ReadHeader();
            Advance();
        }

        private void Advance()
        {
            _hasRow = Reader.Read();
            if (!_hasRow)
            {
                _ended = true;
                return;
            }
            var id = Reader.Field(0);
            if (id.Length == 0) throw Reader.Error(0, "an application id");
            if (id.SequenceCompareTo(_previousId) < 0)
                throw new PortfolioFormatException(Reader.FileName, Reader.Line, 1, "application_id",
                    $"expected rows sorted by application_id (ordinal); {CsvFields.Show(id)} comes after {CsvFields.Show(_previousId)}: {Reader.FileName} is not sorted");
            if (!id.SequenceEqual(_previousId)) _previousId = id.ToArray();
        }

        public void Consume() => Advance();

        /// <summary>
        /// True when the pending row belongs to <paramref name="applicationId"/>. A pending row with a
        /// smaller id has no application: the application file has passed it without a match.
        /// </summary>
        public bool NextBelongsTo(ReadOnlySpan<byte> applicationId, CsvRecordReader applications)
        {
            if (!_hasRow) return false;
            var cmp = Reader.Field(0).SequenceCompareTo(applicationId);
            if (cmp < 0) throw Orphan(applications);
            return cmp == 0;
        }

        public void ExpectEnd()
        {
            if (_hasRow && !_ended) throw Orphan(null);
        }

        private PortfolioFormatException Orphan(CsvRecordReader? applications) =>
            new(Reader.FileName, Reader.Line, 1, "application_id",
                $"expected a row of {PortfolioFiles.Applications} with application_id {CsvFields.Show(Reader.Field(0))}; there is none (orphan row{(applications is null ? ")" : $", or {PortfolioFiles.Applications} is not sorted) — {PortfolioFiles.Applications} is at line {applications.Line} with {CsvFields.Show(applications.Field(0))}")}");
    }
}
