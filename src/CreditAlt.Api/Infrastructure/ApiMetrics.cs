using System.Diagnostics.Metrics;

namespace CreditAlt.Api.Infrastructure;

/// <summary>Business metrics: decisions by outcome and the score distribution. Request latency comes from ASP.NET Core's own meter.</summary>
internal sealed class ApiMetrics
{
    public const string MeterName = "CreditAlt.Api";

    private readonly Counter<long> _decisions;
    private readonly Histogram<int> _scores;

    public ApiMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _decisions = meter.CreateCounter<long>("creditalt.decisions", "{decision}", "Decisions recorded, by outcome.");
        _scores = meter.CreateHistogram<int>("creditalt.decision.score", "{score}", "Scores of recorded decisions.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [300, 350, 400, 450, 500, 550, 600, 650, 700, 750, 800, 850] });
    }

    public void Recorded(string outcome, string modelVersion, int? score)
    {
        _decisions.Add(1, new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("model_version", modelVersion));
        if (score is { } s)
            _scores.Record(s, new KeyValuePair<string, object?>("model_version", modelVersion));
    }
}
