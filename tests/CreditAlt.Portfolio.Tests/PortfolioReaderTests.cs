using System.Globalization;
using CreditAlt.Core.Applications;
using CreditAlt.Portfolio.Csv;
using CreditAlt.Portfolio.Synthetic;

namespace CreditAlt.Portfolio.Tests;

public sealed class PortfolioReaderTests
{
    private static readonly PortfolioFixture Valid = PortfolioFixture.Valid;

    [Fact]
    public void ReadAll_HandWrittenPortfolio_JoinsTheFourFiles()
    {
        var apps = Valid.ReadAll();

        Assert.Equal(2, apps.Count);
        var a1 = apps[0];
        Assert.Equal(("A1", "P1", new DateOnly(2026, 6, 30), 2500m), (a1.ApplicationId, a1.ApplicantId, a1.AsOfDate, a1.RequestedAmount));
        Assert.Equal(2, a1.Obligations.Count);
        var rent = a1.Obligations[0];
        Assert.Equal(("R1", ObligationType.Rent, "Oak & Pine Homes, LLC", 1200m), (rent.AccountId, rent.Type, rent.Furnisher, rent.MonthlyAmount));
        Assert.Equal(
            [
                new PaymentRecord(new(2026, 4, 1), 1200m, new DateOnly(2026, 3, 30), 1200m),
                new PaymentRecord(new(2026, 5, 1), 1200m, new DateOnly(2026, 6, 5), 600m),
                new PaymentRecord(new(2026, 6, 1), 1200m, new DateOnly(2026, 6, 1), 1200m),
            ],
            rent.Payments);
        Assert.Equal([new PaymentRecord(new(2026, 5, 15), 55.99m, null, 0m)], a1.Obligations[1].Payments);
        Assert.Equal(
            [
                new CashFlowMonth(new(2026, 4, 1), 3000m, 2900.10m, -45.5m, 1),
                new CashFlowMonth(new(2026, 5, 1), 3100m, 3200m, 120m, 0),
            ],
            a1.CashFlow);
        var a2 = apps[1];
        Assert.Equal(("A2", 1000.50m, 1, 0), (a2.ApplicationId, a2.RequestedAmount, a2.Obligations.Count, a2.CashFlow.Count));
        Assert.Equal("1000.50", a2.RequestedAmount.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ReadAll_MalformedAmount_NamesFileLineAndColumn()
    {
        var bad = Valid with { Payments = Valid.Payments.Replace("2026-06-05,600", "2026-06-05,six hundred", StringComparison.Ordinal) };

        var ex = Assert.Throws<PortfolioFormatException>(bad.ReadAll);

        Assert.Equal(("payments.csv", 3L, 6, "amount_paid"), (ex.File, ex.Line, ex.Column, ex.ColumnName));
        Assert.Equal("payments.csv, line 3, column 6 (amount_paid): expected an amount such as 1234.56 (digits, optionally '.' and 1 or 2 decimals), got 'six hundred'", ex.Message);
    }

    [Fact]
    public void ReadAll_NegativeAmountWhereNotAllowed_NamesTheColumn()
    {
        var bad = Valid with { CashFlow = Valid.CashFlow.Replace("3100,3200", "3100,-3200", StringComparison.Ordinal) };

        var ex = Assert.Throws<PortfolioFormatException>(bad.ReadAll);

        Assert.Equal(("cashflow.csv", 3L, 4, "outflow"), (ex.File, ex.Line, ex.Column, ex.ColumnName));
        Assert.Equal("expected an amount of 0 or more, got '-3200'", ex.Reason);
    }

    [Fact]
    public void ReadAll_UnknownAccountType_ListsTheTypes()
    {
        var bad = Valid with { Obligations = Valid.Obligations.Replace("telecom,", "mobile,", StringComparison.Ordinal) };

        var ex = Assert.Throws<PortfolioFormatException>(bad.ReadAll);

        Assert.Equal("obligations.csv, line 3, column 3 (type): expected one of rent, utility, telecom, childcare, insurance, other, got 'mobile'", ex.Message);
    }

    [Fact]
    public void ReadAll_ApplicationsOutOfOrder_NamesTheApplicationsFile()
    {
        var bad = Valid with { Applications = Valid.Applications + "A15,P3,2026-06-30,700\n" };

        var ex = Assert.Throws<PortfolioFormatException>(bad.ReadAll);

        Assert.Equal(("applications.csv", 4L, 1), (ex.File, ex.Line, ex.Column));
        Assert.Equal("expected rows sorted by application_id (ordinal); 'A15' comes after 'A2': applications.csv is not sorted", ex.Reason);
    }

    [Fact]
    public void ReadAll_DuplicateApplication_SaysItAppearsAgain()
    {
        var bad = Valid with { Applications = Valid.Applications + "A2,P3,2026-06-30,700\n" };

        var ex = Assert.Throws<PortfolioFormatException>(bad.ReadAll);

        Assert.Equal("applications.csv, line 4, column 1 (application_id): expected each application id once; 'A2' appears again: applications.csv is not sorted", ex.Message);
    }

    [Fact]
    public void ReadAll_ChildFileOutOfOrder_NamesThatFile()
    {
        var bad = Valid with
        {
            Payments = """
                application_id,account_id,due_date,amount_due,paid_date,amount_paid
                A2,U1,2026-06-10,80,2026-06-10,80
                A1,R1,2026-04-01,1200,2026-03-30,1200

                """,
        };

        var ex = Assert.Throws<PortfolioFormatException>(bad.ReadAll);

        Assert.Equal(("payments.csv", 3L, 1), (ex.File, ex.Line, ex.Column));
        Assert.Equal("expected rows sorted by application_id (ordinal); 'A1' comes after 'A2': payments.csv is not sorted", ex.Reason);
    }

    [Fact]
    public void ReadAll_PaymentsOfAnAccountOutOfDateOrder_NamesTheDueDate()
    {
        var bad = Valid with { Payments = Valid.Payments.Replace("A1,R1,2026-06-01", "A1,R1,2026-03-01", StringComparison.Ordinal) };

        var ex = Assert.Throws<PortfolioFormatException>(bad.ReadAll);

        Assert.Equal(("payments.csv", 5L, 3, "due_date"), (ex.File, ex.Line, ex.Column, ex.ColumnName));
        Assert.Equal("expected the payments of an account in order of due date; 2026-03-01 comes after 2026-05-01: payments.csv is not sorted", ex.Reason);
    }

    [Fact]
    public void ReadAll_ObligationWithoutApplication_IsAnOrphan()
    {
        var bad = Valid with { Obligations = Valid.Obligations.Replace("A2,U1", "A1b,X1,other,Gym,10\nA2,U1", StringComparison.Ordinal) };

        var ex = Assert.Throws<PortfolioFormatException>(bad.ReadAll);

        Assert.Equal(("obligations.csv", 4L, 1), (ex.File, ex.Line, ex.Column));
        Assert.StartsWith("expected a row of applications.csv with application_id 'A1b'; there is none (orphan row", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAll_ChildRowAfterTheLastApplication_IsAnOrphan()
    {
        var bad = Valid with { CashFlow = Valid.CashFlow + "A3,2026-05,1,1,1,0\n" };

        var ex = Assert.Throws<PortfolioFormatException>(bad.ReadAll);

        Assert.Equal(("cashflow.csv", 4L, 1), (ex.File, ex.Line, ex.Column));
    }

    [Fact]
    public void ReadAll_PaymentForUnknownAccount_IsAnOrphan()
    {
        var bad = Valid with { Payments = Valid.Payments.Replace("A1,T1,", "A1,T9,", StringComparison.Ordinal) };

        var ex = Assert.Throws<PortfolioFormatException>(bad.ReadAll);

        Assert.Equal("payments.csv, line 4, column 2 (account_id): expected an account listed in obligations.csv for application 'A1'; 'T9' is not (orphan payment row)", ex.Message);
    }

    [Fact]
    public void ReadAll_InvalidApplication_NamesApplicationLineAndJsonPath()
    {
        var bad = Valid with { Payments = Valid.Payments.Replace("2026-06-01,1200,2026-06-01", "2026-06-01,1200,2026-07-02", StringComparison.Ordinal) };

        var ex = Assert.Throws<PortfolioFormatException>(bad.ReadAll);

        Assert.Equal(("applications.csv", 2L, 0), (ex.File, ex.Line, ex.Column));
        Assert.Equal([new ValidationProblem("obligations[0].payments[2].paidDate", "a date on or before the as-of date 2026-06-30, got 2026-07-02")], ex.Problems);
        Assert.StartsWith("applications.csv, line 2: application 'A1' (with its rows in the other files) is invalid", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAll_DuplicateAccountId_NamesTheRow()
    {
        var bad = Valid with { Obligations = Valid.Obligations.Replace("A1,T1,", "A1,R1,", StringComparison.Ordinal) };

        var ex = Assert.Throws<PortfolioFormatException>(bad.ReadAll);

        Assert.Equal(("obligations.csv", 3L, 2), (ex.File, ex.Line, ex.Column));
    }

    [Fact]
    public void Open_MissingFile_NamesIt()
    {
        var dir = Directory.CreateTempSubdirectory("creditalt-portfolio-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, PortfolioFiles.Applications), Valid.Applications);

            var ex = Assert.Throws<PortfolioFormatException>(() => PortfolioReader.Open(dir));

            Assert.Equal("obligations.csv", ex.File);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void WriteThenRead_GeneratedPortfolio_GivesTheSameApplications()
    {
        var generator = new PortfolioGenerator(11, 300);
        var originals = Enumerable.Range(0, 300).Select(i => generator.Generate(i).Application).ToList();
        var streams = Enumerable.Range(0, 4).Select(_ => new MemoryStream()).ToArray();
        using (var writer = PortfolioWriter.Create(streams[0], streams[1], streams[2], streams[3]))
            foreach (var a in originals) writer.Write(a);

        using var reader = new PortfolioReader(
            new MemoryStream(streams[0].ToArray()), new MemoryStream(streams[1].ToArray()),
            new MemoryStream(streams[2].ToArray()), new MemoryStream(streams[3].ToArray()));
        var read = reader.ReadAll().ToList();

        Assert.Equal(originals.Select(a => ApplicationJson.ToJson(a)), read.Select(a => ApplicationJson.ToJson(a)));
        Assert.Equal(300, reader.Count);
    }

    [Fact]
    public void WriteThenRead_FurnisherWithQuotesAndComma_RoundTrips()
    {
        var app = new Application("A1", "P1", new(2026, 6, 30), 100m,
            [new ObligationAccount("O1", ObligationType.Other, "\"Home Guard\" Security, Inc.", 19.99m, [new PaymentRecord(new(2026, 6, 1), 19.99m, new DateOnly(2026, 6, 1), 19.99m)])],
            []);
        var streams = Enumerable.Range(0, 4).Select(_ => new MemoryStream()).ToArray();
        using (var writer = PortfolioWriter.Create(streams[0], streams[1], streams[2], streams[3]))
            writer.Write(app);

        Assert.Equal("application_id,account_id,type,furnisher,monthly_amount\nA1,O1,other,\"\"\"Home Guard\"\" Security, Inc.\",19.99\n",
            System.Text.Encoding.UTF8.GetString(streams[1].ToArray()));
        using var reader = new PortfolioReader(new MemoryStream(streams[0].ToArray()), new MemoryStream(streams[1].ToArray()),
            new MemoryStream(streams[2].ToArray()), new MemoryStream(streams[3].ToArray()));
        Assert.Equal("\"Home Guard\" Security, Inc.", Assert.Single(reader.ReadAll()).Obligations[0].Furnisher);
    }

    [Fact]
    public void ReadAll_LargeLazilyProducedPortfolio_ReadsAheadAtMostOneBufferPerFile()
    {
        const int count = 2_000;
        var generator = new PortfolioGenerator(5, count);
        var sources = Enumerable.Range(0, 4).Select(file => new LazyStream(Rows(generator, count, file))).ToArray();
        using var reader = new PortfolioReader(sources[0], sources[1], sources[2], sources[3]);

        long maxAhead = 0;
        var n = 0;
        foreach (var application in reader.ReadAll())
        {
            Assert.Equal(generator.ApplicationId(n), application.ApplicationId);
            maxAhead = Math.Max(maxAhead, sources.Sum(s => s.Produced) - reader.BytesRead);
            n++;
        }

        Assert.Equal(count, n);
        Assert.True(sources[2].Produced > 4_000_000, $"payments stream is {sources[2].Produced} bytes");
        // Each file's reader holds one 64 KiB buffer: never more than that is read ahead of the rows returned.
        Assert.InRange(maxAhead, 0, 4 * 65_536);
    }

    private static IEnumerable<byte[]> Rows(PortfolioGenerator generator, int count, int file)
    {
        var buffers = Enumerable.Range(0, 4).Select(_ => new Utf8RowBuffer()).ToArray();
        var headers = new[] { PortfolioFiles.ApplicationsHeader, PortfolioFiles.ObligationsHeader, PortfolioFiles.PaymentsHeader, PortfolioFiles.CashFlowHeader };
        PortfolioRows.WriteHeader(buffers[file], headers[file]);
        yield return buffers[file].WrittenSpan.ToArray();
        for (var i = 0; i < count; i++)
        {
            foreach (var b in buffers) b.Clear();
            PortfolioRows.WriteApplication(generator.Generate(i).Application, buffers[0], buffers[1], buffers[2], buffers[3]);
            yield return buffers[file].WrittenSpan.ToArray();
        }
    }

    /// <summary>A stream whose bytes do not exist until they are read, counting how many were handed out.</summary>
    private sealed class LazyStream(IEnumerable<byte[]> chunks) : Stream
    {
        private readonly IEnumerator<byte[]> _chunks = chunks.GetEnumerator();
        private byte[] _current = [];
        private int _offset;

        public long Produced { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            while (_offset == _current.Length)
            {
                if (!_chunks.MoveNext()) return 0;
                _current = _chunks.Current;
                _offset = 0;
            }
            var n = Math.Min(count, _current.Length - _offset);
            Array.Copy(_current, _offset, buffer, offset, n);
            _offset += n;
            Produced += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Produced; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _chunks.Dispose();
            base.Dispose(disposing);
        }
    }
}
