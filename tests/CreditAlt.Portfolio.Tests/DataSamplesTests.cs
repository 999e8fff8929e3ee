using System.Security.Cryptography;
using CreditAlt.Core.Applications;
using CreditAlt.Portfolio.Csv;
using CreditAlt.Portfolio.Synthetic;

namespace CreditAlt.Portfolio.Tests;

/// <summary>The committed samples in data-samples/ stay what the docs say they are.</summary>
public sealed class DataSamplesTests
{
    private static string Samples() => RepoRoot.Path("data-samples");

    [Fact]
    public void Portfolio_IsExactlyWhatTheGeneratorWritesWithSeed42()
    {
        var dir = Directory.CreateTempSubdirectory("creditalt-samples-").FullName;
        try
        {
            PortfolioGeneration.Write(new PortfolioGenerator(42, 5000), dir);
            foreach (var file in new[] { PortfolioFiles.Applications, PortfolioFiles.Obligations, PortfolioFiles.Payments, PortfolioFiles.CashFlow, PortfolioFiles.Demographics, PortfolioFiles.Outcomes })
                Assert.Equal(
                    Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(dir, file)))),
                    Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(Samples(), "portfolio", file)))));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void ApplicationJson_ParsesAsAValidApplicationWithRentUtilityTelecomAndCashFlow()
    {
        var result = ApplicationJson.Parse(File.ReadAllBytes(Path.Combine(Samples(), "application.json")));

        Assert.Empty(result.Problems);
        Assert.Equal([ObligationType.Rent, ObligationType.Utility, ObligationType.Telecom], result.Application!.Obligations.Select(o => o.Type));
        Assert.Equal(12, result.Application.Obligations[0].Payments.Count);
        Assert.NotEmpty(result.Application.CashFlow);
    }

    [Theory]
    [InlineData("malformed-amount", "payments.csv, line 3, column 6 (amount_paid): expected an amount such as 1234.56 (digits, optionally '.' and 1 or 2 decimals), got '1,200.00'")]
    [InlineData("unsorted", "cashflow.csv, line 3, column 1 (application_id): expected rows sorted by application_id (ordinal); 'APP-0000001' comes after 'APP-0000002': cashflow.csv is not sorted")]
    [InlineData("orphan", "obligations.csv, line 4, column 1 (application_id): expected a row of applications.csv with application_id 'APP-0000001X'; there is none (orphan row, or applications.csv is not sorted) — applications.csv is at line 3 with 'APP-0000002'")]
    public void Bad_EachSample_FailsWithTheDocumentedMessage(string sample, string message)
    {
        using var reader = PortfolioReader.Open(Path.Combine(Samples(), "bad", sample));

        var ex = Assert.Throws<PortfolioFormatException>(() => reader.ReadAll().ToList());

        Assert.Equal(message, ex.Message);
    }
}
