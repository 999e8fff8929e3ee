using System.Text;
using CreditAlt.Portfolio.Csv;

namespace CreditAlt.Portfolio.Tests;

public sealed class CsvFieldsTests
{
    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    [Theory]
    [InlineData("0", "0")]
    [InlineData("1234", "1234")]
    [InlineData("1234.5", "1234.5")]
    [InlineData("1234.56", "1234.56")]
    [InlineData("-12.34", "-12.34")]
    [InlineData("999999999999999.99", "999999999999999.99")]
    public void TryParseMoney_DocumentedSpellings_KeepValueAndScale(string text, string expected)
    {
        Assert.True(CsvFields.TryParseMoney(B(text), out var value));
        Assert.Equal(expected, value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.234")]
    [InlineData("1,234")]
    [InlineData("1e3")]
    [InlineData("+5")]
    [InlineData("12.")]
    [InlineData(".5")]
    [InlineData("-")]
    [InlineData("1 000")]
    public void TryParseMoney_OtherSpellings_AreRejected(string text) =>
        Assert.False(CsvFields.TryParseMoney(B(text), out _));

    [Theory]
    [InlineData("2024-02-29", 2024, 2, 29)]
    [InlineData("2026-12-31", 2026, 12, 31)]
    [InlineData("1990-01-01", 1990, 1, 1)]
    public void TryParseDate_ValidDates_Parse(string text, int y, int m, int d)
    {
        Assert.True(CsvFields.TryParseDate(B(text), out var date));
        Assert.Equal(new DateOnly(y, m, d), date);
    }

    [Theory]
    [InlineData("2025-02-29")]
    [InlineData("2026-13-01")]
    [InlineData("2026-04-31")]
    [InlineData("2026-6-30")]
    [InlineData("30/06/2026")]
    [InlineData("2026-06-30T00:00")]
    public void TryParseDate_InvalidDates_AreRejected(string text) =>
        Assert.False(CsvFields.TryParseDate(B(text), out _));

    [Theory]
    [InlineData("2026-02", true)]
    [InlineData("2026-02-01", true)]
    [InlineData("2026-02-02", false)]
    [InlineData("2026-13", false)]
    public void TryParseMonth_MonthOrFirstDay_Accepted(string text, bool ok)
    {
        Assert.Equal(ok, CsvFields.TryParseMonth(B(text), out var month));
        if (ok) Assert.Equal(new DateOnly(2026, 2, 1), month);
    }
}

public sealed class Utf8RowBufferTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("0.00")]
    [InlineData("0.05")]
    [InlineData("-0.05")]
    [InlineData("7")]
    [InlineData("1200")]
    [InlineData("1200.5")]
    [InlineData("-45.50")]
    [InlineData("18446744073709551.61")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("1.2345")]
    public void Money_AnyDecimal_WritesWhatDecimalToStringWrites(string text)
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        var buffer = new Utf8RowBuffer(4);

        buffer.Money(value);

        Assert.Equal(value.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void Money_NegativeZero_WritesZero()
    {
        var negativeZero = decimal.Negate(0.00m);
        var buffer = new Utf8RowBuffer();

        buffer.Money(negativeZero);

        Assert.Equal("0.00", System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void DateMonthAndText_Spellings_AreTheDocumentedOnes()
    {
        var buffer = new Utf8RowBuffer();
        buffer.Date(new DateOnly(2024, 2, 29));
        buffer.Comma();
        buffer.Month(new DateOnly(987, 3, 1));
        buffer.Comma();
        buffer.Text("a \"b\", c");
        buffer.Comma();
        buffer.Probability(0.1234565);
        buffer.EndRow();

        Assert.Equal("2024-02-29,0987-03,\"a \"\"b\"\", c\",0.123457\n", System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
