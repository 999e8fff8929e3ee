using CreditAlt.Core.Applications;

namespace CreditAlt.Core.Tests.Applications;

public sealed class ApplicationJsonTests
{
    private const string Valid = """
        {"applicationId":"A1","applicantId":"P1","asOfDate":"2026-06-30","requestedAmount":1500.00,
         "obligations":[{"accountId":"R1","type":"rent","furnisher":"Maple Court","monthlyAmount":1000,
           "payments":[{"dueDate":"2026-05-01","amountDue":1000,"paidDate":"2026-05-01","amountPaid":1000},
                       {"dueDate":"2026-06-01","amountDue":1000,"paidDate":null,"amountPaid":0}]}],
         "cashFlow":[{"month":"2026-05","inflow":3000,"outflow":2500.5,"lowestBalance":-20,"nsfCount":1}]}
        """;

    [Fact]
    public void Parse_ValidDocument_ReadsEveryField()
    {
        var result = ApplicationJson.Parse(Valid);

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        var a = result.Application!;
        Assert.Equal("A1", a.ApplicationId);
        Assert.Equal(new DateOnly(2026, 6, 30), a.AsOfDate);
        Assert.Equal(1500.00m, a.RequestedAmount);
        var rent = Assert.Single(a.Obligations);
        Assert.Equal(ObligationType.Rent, rent.Type);
        Assert.Null(rent.Payments[1].PaidDate);
        var month = Assert.Single(a.CashFlow);
        Assert.Equal(new DateOnly(2026, 5, 1), month.Month);
        Assert.Equal(-20m, month.LowestBalance);
        Assert.Equal(1, month.NsfCount);
    }

    [Fact]
    public void Parse_SeveralWrongFields_ReportsEveryPathAtOnce()
    {
        var json = Valid
            .Replace("\"type\":\"rent\"", "\"type\":\"mortgage\"", StringComparison.Ordinal)
            .Replace("\"amountDue\":1000,\"paidDate\":null", "\"amountDue\":\"lots\",\"paidDate\":null", StringComparison.Ordinal)
            .Replace("\"nsfCount\":1", "\"nsfCount\":-3", StringComparison.Ordinal)
            .Replace("\"requestedAmount\":1500.00", "\"requestedAmount\":true", StringComparison.Ordinal);

        var result = ApplicationJson.Parse(json);

        Assert.False(result.IsValid);
        Assert.Equal(
            ["requestedAmount", "obligations[0].type", "obligations[0].payments[1].amountDue", "cashFlow[0].nsfCount"],
            result.Problems.Select(p => p.Path));
        Assert.Equal("one of rent, utility, telecom, childcare, insurance, other, got 'mortgage'", result.Problems[1].Expected);
        Assert.Equal("a number, got the string 'lots'", result.Problems[2].Expected);
    }

    [Theory]
    [InlineData("{\"applicationId\":", "$")]
    [InlineData("[1,2]", "$")]
    [InlineData("{}", "applicationId")]
    public void Parse_MalformedOrEmpty_NamesWhere(string json, string firstPath)
    {
        var result = ApplicationJson.Parse(json);

        Assert.False(result.IsValid);
        Assert.Equal(firstPath, result.Problems[0].Path);
    }

    [Fact]
    public void Parse_InvalidUtf8_IsAProblemNotAnException()
    {
        var result = ApplicationJson.Parse(new byte[] { 0x7B, 0x22, 0xC3, 0x28, 0x22, 0x7D });

        Assert.False(result.IsValid);
        Assert.Equal("$", Assert.Single(result.Problems).Path);
    }

    [Fact]
    public void Parse_DeepNesting_IsRejectedWithAProblem()
    {
        var json = new string('[', 10_000) + new string(']', 10_000);

        var result = ApplicationJson.Parse(json);

        Assert.Equal("$", Assert.Single(result.Problems).Path);
    }

    [Fact]
    public void Parse_UnknownFieldAndTooManyDecimals_AreNamed()
    {
        var json = Valid.Replace("\"requestedAmount\":1500.00", "\"requestedAmount\":1500.001,\"race\":\"x\"", StringComparison.Ordinal);

        var result = ApplicationJson.Parse(json);

        Assert.Equal(["race", "requestedAmount"], result.Problems.Select(p => p.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ToCanonicalJson_RoundTrip_GivesSameBytesAndFingerprint()
    {
        var a = ApplicationJson.Parse(Valid).Application!;
        var canonical = ApplicationJson.ToCanonicalJson(a);

        var again = ApplicationJson.Parse(canonical).Application!;

        Assert.Equal(canonical, ApplicationJson.ToCanonicalJson(again));
        Assert.Equal(ApplicationJson.Fingerprint(a), ApplicationJson.Fingerprint(again));
        Assert.Equal(64, ApplicationJson.Fingerprint(a).Length);
    }
}
