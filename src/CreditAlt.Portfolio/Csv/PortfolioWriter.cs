using CreditAlt.Core.Applications;
using CreditAlt.Demographics;
using CreditAlt.Portfolio.Audit;

namespace CreditAlt.Portfolio.Csv;

/// <summary>
/// Writes a portfolio as the bulk CSV set (docs/data-formats.md). The caller writes applications in
/// ascending ordinal order of their id, which is what keeps every file sorted; the writer checks it.
/// Each file is buffered and flushed in blocks of about 1 MiB.
/// </summary>
public sealed class PortfolioWriter : IDisposable
{
    private const int FlushAt = 1 << 20;

    private readonly Stream[] _streams;
    private readonly Utf8RowBuffer[] _buffers;
    private readonly bool _audit;
    private string? _lastId;

    // sources.csv is optional: opened on the first application that names a source (a file in the directory, or the
    // caller's stream), so portfolios without provenance keep their four (or six) files.
    private readonly Utf8RowBuffer _sources = new(1 << 12);
    private string? _sourcesPath;
    private Stream? _sourcesStream;
    private bool _sourcesStarted;

    private PortfolioWriter(Stream[] streams, bool audit)
    {
        _streams = streams;
        _audit = audit;
        _buffers = [.. streams.Select(_ => new Utf8RowBuffer(FlushAt + (FlushAt >> 2)))];
        PortfolioRows.WriteHeader(_buffers[0], PortfolioFiles.ApplicationsHeader);
        PortfolioRows.WriteHeader(_buffers[1], PortfolioFiles.ObligationsHeader);
        PortfolioRows.WriteHeader(_buffers[2], PortfolioFiles.PaymentsHeader);
        PortfolioRows.WriteHeader(_buffers[3], PortfolioFiles.CashFlowHeader);
        if (audit)
        {
            PortfolioRows.WriteHeader(_buffers[4], PortfolioFiles.DemographicsHeader);
            PortfolioRows.WriteHeader(_buffers[5], PortfolioFiles.OutcomesHeader);
        }
    }

    /// <summary>Creates (or overwrites) the four input files, and demographics.csv and outcomes.csv when <paramref name="audit"/> is set.</summary>
    public static PortfolioWriter Create(string directory, bool audit)
    {
        Directory.CreateDirectory(directory);
        var names = new List<string> { PortfolioFiles.Applications, PortfolioFiles.Obligations, PortfolioFiles.Payments, PortfolioFiles.CashFlow };
        if (audit) names.AddRange([PortfolioFiles.Demographics, PortfolioFiles.Outcomes]);
        var streams = names.Select(n => (Stream)new FileStream(Path.Combine(directory, n), FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16)).ToArray();
        var sources = Path.Combine(directory, PortfolioFiles.Sources);
        File.Delete(sources); // a stale one would attach old provenance to the new applications
        return new PortfolioWriter(streams, audit) { _sourcesPath = sources };
    }

    /// <summary>
    /// Writes to streams the caller owns (tests, export): applications, obligations, payments, cash flow, optionally
    /// demographics, outcomes, and sources (which gets its header and rows only if an application names a source).
    /// </summary>
    public static PortfolioWriter Create(Stream applications, Stream obligations, Stream payments, Stream cashFlow, Stream? demographics = null, Stream? outcomes = null, Stream? sources = null)
    {
        var audit = demographics is not null && outcomes is not null;
        Stream[] streams = audit ? [applications, obligations, payments, cashFlow, demographics!, outcomes!] : [applications, obligations, payments, cashFlow];
        return new PortfolioWriter(streams, audit) { _ownsStreams = false, _sourcesStream = sources };
    }

    private bool _ownsStreams = true;

    public void Write(Application application)
    {
        if (_lastId is not null && string.CompareOrdinal(_lastId, application.ApplicationId) >= 0)
            throw new InvalidOperationException($"Applications must be written in ascending order of id: '{application.ApplicationId}' after '{_lastId}'.");
        _lastId = application.ApplicationId;
        PortfolioRows.WriteApplication(application, _buffers[0], _buffers[1], _buffers[2], _buffers[3]);
        if (application.CashFlowSource is not null || application.Obligations.Any(o => o.Source is not null))
            WriteSources(application);
        FlushFull();
    }

    private void WriteSources(Application application)
    {
        if (!_sourcesStarted)
        {
            if (_sourcesStream is null && _sourcesPath is not null)
            {
                _sourcesStream = new FileStream(_sourcesPath, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
                _ownsSourcesStream = true;
            }
            if (_sourcesStream is null)
                throw new InvalidOperationException($"Application '{application.ApplicationId}' names a data source; this writer was created without a sources stream.");
            PortfolioRows.WriteHeader(_sources, PortfolioFiles.SourcesHeader);
            _sourcesStarted = true;
        }
        PortfolioRows.WriteSources(application, _sources);
        if (_sources.Length >= FlushAt) _sources.WriteTo(_sourcesStream!);
    }

    private bool _ownsSourcesStream;

    public void Write(Application application, DemographicRecord demographics, OutcomeRecord outcome)
    {
        if (!_audit) throw new InvalidOperationException("This writer was created without the audit files.");
        Write(application);
        PortfolioRows.WriteDemographics(demographics, _buffers[4]);
        PortfolioRows.WriteOutcome(outcome, _buffers[5]);
        FlushFull();
    }

    /// <summary>Appends rows already formatted by <see cref="PortfolioRows"/> (the parallel generator formats chunks off-thread).</summary>
    public void WriteFormatted(IReadOnlyList<Utf8RowBuffer> chunk, string firstId, string lastId)
    {
        if (_lastId is not null && string.CompareOrdinal(_lastId, firstId) >= 0)
            throw new InvalidOperationException($"Chunks must be written in ascending order of id: '{firstId}' after '{_lastId}'.");
        _lastId = lastId;
        for (var i = 0; i < _buffers.Length; i++)
        {
            _buffers[i].WriteTo(_streams[i]);
            chunk[i].WriteTo(_streams[i]);
        }
    }

    private void FlushFull()
    {
        for (var i = 0; i < _buffers.Length; i++)
            if (_buffers[i].Length >= FlushAt) _buffers[i].WriteTo(_streams[i]);
    }

    public void Flush()
    {
        for (var i = 0; i < _buffers.Length; i++)
        {
            _buffers[i].WriteTo(_streams[i]);
            _streams[i].Flush();
        }
        if (_sourcesStream is not null && _sourcesStarted)
        {
            _sources.WriteTo(_sourcesStream);
            _sourcesStream.Flush();
        }
    }

    public void Dispose()
    {
        Flush();
        if (_ownsStreams)
            foreach (var s in _streams) s.Dispose();
        if (_ownsSourcesStream)
            _sourcesStream?.Dispose();
    }
}
