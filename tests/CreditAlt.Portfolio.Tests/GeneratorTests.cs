using System.Security.Cryptography;
using CreditAlt.Core.Applications;
using CreditAlt.Demographics;
using CreditAlt.Portfolio.Audit;
using CreditAlt.Portfolio.Csv;
using CreditAlt.Portfolio.Synthetic;

namespace CreditAlt.Portfolio.Tests;

public sealed class GeneratorTests
{
    [Fact]
    public void SplitMix_SeedZero_MatchesTheReferenceSequence()
    {
        // Reference values of Vigna's splitmix64.c seeded with 0.
        ulong x = 0;
        Assert.Equal(0xE220A8397B1DCDAFUL, Xoshiro256.SplitMix(ref x));
        Assert.Equal(0x6E789E6AA1B965F4UL, Xoshiro256.SplitMix(ref x));
        Assert.Equal(0x06C45D188009454FUL, Xoshiro256.SplitMix(ref x));
    }

    [Fact]
    public void Write_SameSeed_SameBytesWhateverTheThreadCount()
    {
        var a = Hashes(seed: 42, count: 3000, threads: 1);
        var b = Hashes(seed: 42, count: 3000, threads: 2);

        Assert.Equal(a, b);
    }

    [Fact]
    public void Write_DifferentSeed_DifferentBytesInEveryFile()
    {
        var a = Hashes(seed: 42, count: 500, threads: 2);
        var b = Hashes(seed: 43, count: 500, threads: 2);

        Assert.All(a.Zip(b), pair => Assert.NotEqual(pair.First, pair.Second));
    }

    [Fact]
    public void Write_GeneratedFiles_ReadBackWithAuditFilesAligned()
    {
        var dir = Directory.CreateTempSubdirectory("creditalt-gen-").FullName;
        try
        {
            var summary = PortfolioGeneration.Write(new PortfolioGenerator(3, 2500), dir, threads: 2);
            using var reader = PortfolioReader.Open(dir);
            var ids = reader.ReadAll().Select(a => a.ApplicationId).ToList();
            var outcomes = AuditFileReader.ReadOutcomes(Path.Combine(dir, PortfolioFiles.Outcomes)).ToList();
            var demographics = AuditFileReader.ReadDemographics(Path.Combine(dir, PortfolioFiles.Demographics)).ToList();

            Assert.Equal(2500, ids.Count);
            Assert.Equal(ids, outcomes.Select(o => o.ApplicationId));
            Assert.Equal(ids, demographics.Select(d => d.ApplicationId));
            Assert.Equal(summary.Defaults, outcomes.Count(o => o.Defaulted));
            Assert.Equal("APP-0002500", ids[^1]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static List<string> Hashes(long seed, int count, int threads)
    {
        var dir = Directory.CreateTempSubdirectory("creditalt-gen-").FullName;
        try
        {
            PortfolioGeneration.Write(new PortfolioGenerator(seed, count), dir, threads: threads);
            return [.. new[] { PortfolioFiles.Applications, PortfolioFiles.Obligations, PortfolioFiles.Payments, PortfolioFiles.CashFlow, PortfolioFiles.Demographics, PortfolioFiles.Outcomes }
                .Select(f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(dir, f)))))];
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Generate_AsOfGiven_EverythingEndsOnOrBeforeIt()
    {
        var asOf = new DateOnly(2024, 2, 29);
        var generator = new PortfolioGenerator(9, 400, asOf);
        for (var i = 0; i < 400; i++)
        {
            var a = generator.Generate(i).Application;
            Assert.Equal(asOf, a.AsOfDate);
            Assert.Empty(ApplicationValidator.Validate(a));
        }
    }

    [Fact]
    public void RiskDrivers_HandBuiltApplication_ExactAttributesAndProbability()
    {
        var asOf = new DateOnly(2026, 6, 30);
        PaymentRecord P(int y, int m, int paidAfter, decimal paid = 1000m, bool unpaid = false) =>
            new(new(y, m, 1), 1000m, unpaid ? null : new DateOnly(y, m, 1).AddDays(paidAfter), unpaid ? 0m : paid);
        var rent = new ObligationAccount("R1", ObligationType.Rent, "L", 1000m,
        [
            P(2024, 8, 100), // 100 days late, inside 24 months, outside 12
            P(2025, 6, 35),  // due 2025-06-01 is not after 2025-06-30: outside the 12-month window
            P(2025, 7, 45),  // 30+ inside 12 months
            P(2025, 8, 0, 400m), // partial
            P(2026, 5, 0, unpaid: true), // unpaid since 2026-05-01: 60 days past due
        ]);
        // Unpaid for 180 days; not active in the last 3 months, so not part of the burden.
        var insurance = new ObligationAccount("I1", ObligationType.Insurance, "Ins", 100m,
            [new PaymentRecord(new(2026, 1, 1), 100m, null, 0m)]);
        var cash = new[]
        {
            new CashFlowMonth(new(2025, 5, 1), 2000m, 5000m, -900m, 9), // outside 12 months
            new CashFlowMonth(new(2025, 7, 1), 2000m, 2500m, -250m, 2), // inside 12, outside 6
            new CashFlowMonth(new(2026, 5, 1), 3000m, 2000m, 100m, 1),
        };
        var app = new Application("A", "P", asOf, 1000m, [rent, insurance], cash);

        var d = RiskDrivers.From(app);

        // 30+ in 12m: rent 2025-07 and 2026-05, insurance; 90+ in 24m: rent 2024-08, insurance;
        // partial share: 1 of 4 judged payments; burden: 1000 active / 3000 average inflow over 6 months.
        Assert.Equal(new RiskDrivers(3, 2, 0.25, 3, 1000.0 / 3000.0, 1, 100), d);
        // -4.33 + 0.35*3 + 0.30*2 + 8*0.25 + 0.12*3 + 2.2*(1/3 - 0.2) + 0.08*1 + 0 = 0.16/3
        Assert.Equal(0.16 / 3, d.Logit(), 12);
        Assert.Equal(1 / (1 + Math.Exp(-0.16 / 3)), d.TruePd, 12);
    }

    [Fact]
    public void RiskDrivers_NoCashFlow_AddsTheMissingConstants()
    {
        var d = new RiskDrivers(0, 0, 0, double.NaN, double.NaN, double.NaN, double.NaN);

        Assert.Equal(-4.33 + 0.06 + 0.25 + 0.35 + 0.04, d.Logit(), 12);
    }

    [Fact]
    public void Generate_TwentyThousandApplicants_MagnitudesWithinTheStatedBands()
    {
        const int n = 20_000;
        var generator = new PortfolioGenerator(2026, n);
        var summary = new GenerationSummary();
        int shortHistory = 0, typicalHistory = 0, invalid = 0, pdMismatch = 0;
        int missingRace = 0, missingSex = 0, missingAge = 0;
        var accountsPerApp = new int[7];
        var renters = new Dictionary<RaceEthnicity, (int Renters, int Total)>();
        var withRentAccount = 0;
        for (var i = 0; i < n; i++)
        {
            var g = generator.Generate(i);
            var a = g.Application;
            summary.Add(g);
            var months = a.Obligations.Max(o => o.Payments.Count);
            if (months < 6) shortHistory++;
            if (months is >= 12 and <= 36) typicalHistory++;
            accountsPerApp[a.Obligations.Count]++;
            if (ApplicationValidator.Validate(a).Count > 0) invalid++;
            if (Math.Round(RiskDrivers.From(a).TruePd, 6) != g.Outcome.TruePd) pdMismatch++;
            if (g.Demographics.RaceEthnicity is null) missingRace++;
            if (g.Demographics.Sex is null) missingSex++;
            if (g.Demographics.AgeBand is null) missingAge++;
            var rents = a.Obligations.Any(o => o.Type == ObligationType.Rent);
            if (rents) withRentAccount++;
            if (g.Demographics.RaceEthnicity is { } race)
            {
                var (r, t) = renters.GetValueOrDefault(race);
                renters[race] = (r + (rents ? 1 : 0), t + 1);
            }
        }

        Assert.Equal(0, invalid);
        Assert.Equal(0, pdMismatch);
        Assert.InRange(summary.DefaultRate, 0.08, 0.12);
        Assert.InRange(summary.InvisibleShare, 0.15, 0.20);
        Assert.InRange(summary.CashFlowShare, 0.82, 0.88);
        Assert.InRange(shortHistory / (double)n, 0.02, 0.04);
        Assert.InRange(typicalHistory / (double)n, 0.85, 0.95);
        Assert.Equal(0, accountsPerApp[0] + accountsPerApp[6]);
        Assert.All(new[] { missingRace, missingSex, missingAge }, m => Assert.InRange(m / (double)n, 0.05, 0.15));
        Assert.InRange(withRentAccount / (double)n, 0.35, 0.60);
        // Structural difference an audit should see: Black applicants rent more often than White applicants.
        var black = renters[RaceEthnicity.Black];
        var white = renters[RaceEthnicity.White];
        Assert.True(black.Renters / (double)black.Total > white.Renters / (double)white.Total + 0.15);
    }
}
