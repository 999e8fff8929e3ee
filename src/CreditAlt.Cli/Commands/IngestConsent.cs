using System.Globalization;
using CreditAlt.Transactions.Consent;
using CreditAlt.Transactions.Parsing;

namespace CreditAlt.Cli.Commands;

/// <summary>
/// <c>ingest</c>'s consent gate, the same rules as the API (docs/transactions.md, "Consent"): each file's data is used
/// only under a consent for its application and applicant, in force at <c>--received-at</c>, covering its accounts and
/// dates. <c>--without-consent</c> waives the gate for synthetic data, and says so in the summary.
/// </summary>
internal sealed class IngestConsent
{
    private readonly string? _path;
    private readonly bool _directory;
    private readonly DateTimeOffset _receivedAt;

    private IngestConsent(string? path, bool directory, DateTimeOffset receivedAt)
    {
        _path = path;
        _directory = directory;
        _receivedAt = receivedAt;
    }

    /// <summary>True when run with <c>--without-consent</c>.</summary>
    public bool Waived => _path is null;

    public static IngestConsent From(string? consent, bool without, string? receivedAtText, string transactions)
    {
        if (consent is not null && without)
            throw new UserInputException("--consent and --without-consent: give one of them");
        if (consent is null && !without)
            throw new UserInputException("--consent: required: the applicant's consent record (docs/data-formats.md), or --without-consent for synthetic or test data");
        if (without && receivedAtText is not null)
            throw new UserInputException("--received-at: only with --consent");

        var receivedAt = DateTimeOffset.UtcNow;
        if (receivedAtText is not null && !ConsentJson.TryParseInstant(receivedAtText, out receivedAt))
            throw new UserInputException($"--received-at: expected an instant with its offset such as 2026-06-30T12:00:00Z, got '{receivedAtText}'");
        if (consent is null)
            return new IngestConsent(null, false, receivedAt);

        var manyFiles = Directory.Exists(transactions);
        if (manyFiles && !Directory.Exists(consent))
            throw new UserInputException($"--consent: with a directory of transactions, a directory of <application-id>.json consent records; '{consent}' is not a directory");
        if (!manyFiles && !File.Exists(consent))
            throw new UserInputException($"--consent: no file '{consent}'");
        return new IngestConsent(consent, manyFiles, receivedAt);
    }

    /// <summary>The set as the consent lets it be used (balances dropped when not consented), or an error naming the file and place.</summary>
    public TransactionSet Check(string transactionsFile, string applicationId, string applicantId, TransactionSet set)
    {
        if (_path is null)
            return set;
        var file = _directory ? Path.Combine(_path, applicationId + ".json") : _path;
        if (!File.Exists(file))
            throw new UserInputException($"{file}: no consent record for application {applicationId} (each file of --transactions needs <application-id>.json in --consent)");
        var parsed = ConsentJson.Parse(File.ReadAllBytes(file));
        if (!parsed.IsValid)
            throw new UserInputException($"{file}: the consent record is not valid:\n  " + string.Join("\n  ", parsed.Problems.Select(p => $"{p.Path}: expected {p.Expected}")));
        var consent = parsed.Consent!;
        var refusals = ConsentCheck.ForUse(consent, new ConsentUse(applicationId, applicantId, _receivedAt), "$")
            .Select(r => $"{file}, {r.Path}: {r.Reason}")
            .Concat(ConsentCheck.ForTransactions(consent, set, where => where).Select(r => $"{transactionsFile}, {r.Path}: {r.Reason}"))
            .ToList();
        if (refusals.Count > 0)
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                $"the consent does not cover this data ({refusals.Count} problem(s)):\n  ") + string.Join("\n  ", refusals));
        return ConsentCheck.Minimise(consent, set);
    }
}
