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
    public void LatentRisk_HandCalculation_ExactLogitAndProbability()
    {
        // -2.97 - 0.9*(-1) + 1.0 + 2.5*(0.55 - 0.35) + 1.6 + 0 + 0.6 + 0.3 = 1.93
        var risk = new LatentRisk(-1, DistressAtApplication: true, 0.55, IncomeLoss: true, NewDependant: false, RentRise: true, Downturn: true);

        Assert.Equal(1.93, risk.Logit(), 12);
        Assert.Equal(1 / (1 + Math.Exp(-1.93)), risk.TruePd, 12);
        // The committed share is capped at 100 %: 2.5 * 0.65 above the 35 % threshold, no more.
        Assert.Equal(-2.97 + 2.5 * 0.65, new LatentRisk(0, false, 3.0, false, false, false, false).Logit(), 12);
        Assert.Equal(-2.97 + 0.5, new LatentRisk(0, false, 0.2, false, true, false, false).Logit(), 12);
    }

    [Theory]
    [InlineData(660, 0, 0, true)]      // at the bureau cut-off
    [InlineData(659, 0, 0, false)]     // one point below
    [InlineData(null, 12, 29, true)]   // no score, 12 months, worst payment 29 days late
    [InlineData(null, 12, 30, false)]  // no score, a payment 30 days late in the last 12 months
    [InlineData(null, 11, 0, false)]   // no score, too short a history
    public void HistoricalPolicy_HandBuiltCases_ApprovesAsDocumented(int? bureau, int months, int worstLate, bool approved)
    {
        var asOf = new DateOnly(2026, 6, 30);
        var payments = Enumerable.Range(0, months).Select(k =>
        {
            var due = new DateOnly(2026, 6, 1).AddMonths(-k);
            return new PaymentRecord(due, 100m, due.AddDays(k == 2 ? worstLate : 0), 100m);
        }).Reverse().ToArray();
        var accounts = new[] { new ObligationAccount("T1", ObligationType.Telecom, "T", 100m, payments) };

        Assert.Equal(approved, PortfolioGenerator.HistoricalPolicyApproves(bureau, accounts, asOf));
    }

    [Fact]
    public void Generate_ThreeVintages_DatesBlocksAndDocumentedDrift()
    {
        const int n = 30_000;
        var generator = new PortfolioGenerator(2026, n, vintages: 3, monthsBetween: 12);
        var summary = new GenerationSummary();
        var dates = new SortedDictionary<DateOnly, (long First, long Last)>();
        for (long i = 0; i < n; i++)
        {
            var g = generator.Generate(i);
            summary.Add(g);
            var d = g.Application.AsOfDate;
            dates[d] = dates.TryGetValue(d, out var r) ? (r.First, i) : (i, i);
            Assert.Equal(generator.VintageOf(i), g.Vintage);
        }

        Assert.Equal([new(2024, 6, 30), new(2025, 6, 30), new(2026, 6, 30)], dates.Keys);
        Assert.Equal([(0L, 9_999L), (10_000L, 19_999L), (20_000L, 29_999L)], dates.Values);
        Assert.Equal(1 / 1.03 / 1.03, generator.PriceLevel(0), 12);
        Assert.Equal([false, false, true], Enumerable.Range(0, 3).Select(generator.Downturn));
        var v = summary.ByVintage;
        // Amount inflation: 3 % a year, so the requested amounts of the oldest vintage are about 1/1.03^2 of the latest's.
        Assert.InRange(v[0].MeanMonthlyRequested / v[2].MeanMonthlyRequested, 0.92, 0.97);
        // Renter mix: +3 points a vintage.
        Assert.InRange(v[2].RenterShare - v[0].RenterShare, 0.04, 0.08);
        // The downturn raises the latest vintage's default rate by several points.
        Assert.InRange(v[2].DefaultRate - v[1].DefaultRate, 0.025, 0.07);
        Assert.InRange(v[1].DefaultRate - v[0].DefaultRate, -0.015, 0.015);
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
        var truePd = new double[n];
        var bureau = new double[n];
        var bad = new bool[n];
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
            if (Math.Round(g.Latent!.TruePd, 6) != g.Outcome.TruePd) pdMismatch++;
            truePd[i] = g.Outcome.TruePd;
            bad[i] = g.Outcome.Defaulted;
            bureau[i] = g.Outcome.BureauScore is { } b ? -b : double.NaN;
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
        // CFPB 2015: 11 % of adults credit invisible and 8.3 % unscorable, more among the young, Black and Hispanic.
        Assert.InRange(summary.InvisibleShare, 0.17, 0.22);
        Assert.InRange(summary.ObservedShare, 0.60, 0.70);
        Assert.InRange(summary.ObservedDefaultRate, 0.05, 0.08);
        // The truth is hidden from the attributes: the oracle is good but far from perfect (shocks no one sees), and the
        // bureau score on scorable applicants ranks risk about as well as a bank-data score (docs/synthetic-data.md).
        Assert.InRange(Auc(truePd, bad), 0.77, 0.81);
        var scored = Enumerable.Range(0, n).Where(i => !double.IsNaN(bureau[i])).ToArray();
        Assert.InRange(Auc([.. scored.Select(i => bureau[i])], [.. scored.Select(i => bad[i])]), 0.69, 0.75);
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

    /// <summary>AUC by the rank-sum (Mann–Whitney) formula with midranks for ties: an independent check, not the product's code.</summary>
    private static double Auc(double[] risk, bool[] bad)
    {
        var order = Enumerable.Range(0, risk.Length).OrderBy(i => risk[i]).ToArray();
        var ranks = new double[risk.Length];
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && risk[order[j + 1]] == risk[order[i]]) j++;
            for (var k = i; k <= j; k++) ranks[order[k]] = (i + j) / 2.0 + 1;
            i = j + 1;
        }

        double bads = bad.Count(b => b), goods = bad.Length - bads, sum = 0;
        for (var i = 0; i < risk.Length; i++) if (bad[i]) sum += ranks[i];
        return (sum - bads * (bads + 1) / 2) / (bads * goods);
    }
}
