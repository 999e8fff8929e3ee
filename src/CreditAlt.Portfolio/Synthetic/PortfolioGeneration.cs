using CreditAlt.Portfolio.Csv;

namespace CreditAlt.Portfolio.Synthetic;

/// <summary>
/// Writes a generated portfolio as the bulk CSV set plus demographics.csv and outcomes.csv. Chunks of
/// applicants are generated and formatted on all cores, then written strictly in order, so the bytes
/// do not depend on the number of threads.
/// </summary>
public static class PortfolioGeneration
{
    /// <value>2,048 applicants per chunk: large enough to amortise the hand-off, small enough to keep memory flat.</value>
    public const int ChunkSize = 2048;

    public static GenerationSummary Write(PortfolioGenerator generator, string directory, Action<long>? progress = null, int? threads = null)
    {
        var summary = new GenerationSummary();
        using var writer = PortfolioWriter.Create(directory, audit: true);
        var workers = Math.Max(1, threads ?? Environment.ProcessorCount);
        var total = generator.Applications;
        var chunks = (total + ChunkSize - 1) / ChunkSize;
        var batch = workers * 2;
        var stats = new GenerationSummary[batch];
        var buffers = Enumerable.Range(0, batch).Select(_ => Enumerable.Range(0, 6).Select(_ => new Utf8RowBuffer(1 << 20)).ToArray()).ToArray();
        long done = 0;
        for (long first = 0; first < chunks; first += batch)
        {
            var inBatch = (int)Math.Min(batch, chunks - first);
            Parallel.For(0, inBatch, new ParallelOptions { MaxDegreeOfParallelism = workers }, j =>
            {
                var b = buffers[j];
                var chunkStats = stats[j] = new GenerationSummary();
                var start = (first + j) * ChunkSize;
                var end = Math.Min(total, start + ChunkSize);
                for (var i = start; i < end; i++)
                {
                    var g = generator.Generate(i);
                    PortfolioRows.WriteApplication(g.Application, b[0], b[1], b[2], b[3]);
                    PortfolioRows.WriteDemographics(g.Demographics, b[4]);
                    PortfolioRows.WriteOutcome(g.Outcome, b[5]);
                    chunkStats.Add(g);
                }
            });
            for (var j = 0; j < inBatch; j++)
            {
                var start = (first + j) * ChunkSize;
                var end = Math.Min(total, start + ChunkSize);
                writer.WriteFormatted(buffers[j], generator.ApplicationId(start), generator.ApplicationId(end - 1));
                summary.Add(stats[j]);
                done = end;
            }
            progress?.Invoke(done);
        }
        return summary;
    }
}

/// <summary>Counts over a generated portfolio, for the command's closing summary and the magnitude tests.</summary>
public sealed class GenerationSummary
{
    public long Applications { get; private set; }
    public long Defaults { get; private set; }
    public long Observed { get; private set; }
    public long ObservedDefaults { get; private set; }
    public long Renters { get; private set; }
    public decimal SumRequested { get; private set; }

    /// <summary>The same counts per vintage (index = vintage), empty until an applicant is added.</summary>
    public List<GenerationSummary> ByVintage { get; } = [];
    public long CreditInvisible { get; private set; }
    public long WithCashFlow { get; private set; }
    public long Accounts { get; private set; }
    public long Payments { get; private set; }
    public double SumTruePd { get; private set; }

    public double DefaultRate => Applications == 0 ? 0 : (double)Defaults / Applications;
    public double InvisibleShare => Applications == 0 ? 0 : (double)CreditInvisible / Applications;
    public double CashFlowShare => Applications == 0 ? 0 : (double)WithCashFlow / Applications;
    public double MeanTruePd => Applications == 0 ? 0 : SumTruePd / Applications;
    public double ObservedShare => Applications == 0 ? 0 : (double)Observed / Applications;
    public double ObservedDefaultRate => Observed == 0 ? 0 : (double)ObservedDefaults / Observed;
    public double RenterShare => Applications == 0 ? 0 : (double)Renters / Applications;
    public double MeanMonthlyRequested => Applications == 0 ? 0 : (double)(SumRequested / Applications);

    public void Add(GeneratedApplicant g)
    {
        while (ByVintage.Count <= g.Vintage) ByVintage.Add(new GenerationSummary());
        ByVintage[g.Vintage].AddOne(g);
        AddOne(g);
    }

    private void AddOne(GeneratedApplicant g)
    {
        Applications++;
        if (g.Outcome.Observed) Observed++;
        if (g.Outcome.Observed && g.Outcome.Defaulted) ObservedDefaults++;
        if (g.Application.Obligations.Any(o => o.Type == CreditAlt.Core.Applications.ObligationType.Rent)) Renters++;
        SumRequested += g.Application.RequestedAmount;
        if (g.Outcome.Defaulted) Defaults++;
        if (g.Outcome.BureauScore is null) CreditInvisible++;
        if (g.Application.CashFlow.Count > 0) WithCashFlow++;
        Accounts += g.Application.Obligations.Count;
        foreach (var a in g.Application.Obligations) Payments += a.Payments.Count;
        SumTruePd += g.Outcome.TruePd;
    }

    public void Add(GenerationSummary other)
    {
        for (var v = 0; v < other.ByVintage.Count; v++)
        {
            while (ByVintage.Count <= v) ByVintage.Add(new GenerationSummary());
            ByVintage[v].AddTotals(other.ByVintage[v]);
        }

        AddTotals(other);
    }

    private void AddTotals(GenerationSummary other)
    {
        Applications += other.Applications;
        Observed += other.Observed;
        ObservedDefaults += other.ObservedDefaults;
        Renters += other.Renters;
        SumRequested += other.SumRequested;
        Defaults += other.Defaults;
        CreditInvisible += other.CreditInvisible;
        WithCashFlow += other.WithCashFlow;
        Accounts += other.Accounts;
        Payments += other.Payments;
        SumTruePd += other.SumTruePd;
    }
}
