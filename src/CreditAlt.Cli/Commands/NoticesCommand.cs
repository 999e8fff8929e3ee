using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CreditAlt.Core.Applications;
using CreditAlt.Core.Scoring;
using CreditAlt.Data;
using CreditAlt.Notices;
using Spectre.Console;

namespace CreditAlt.Cli.Commands;

/// <summary>
/// <c>creditalt notices --db … --since DATE --out DIR</c>: the PDF letter of every decision that must be mailed since DATE
/// (adverse decisions, and decisions whose notice got a new version: final actions, incompleteness notices, dispute
/// resolutions), one <c>&lt;decisionId&gt;.pdf</c> each with the latest notice version, for a mail house. The letters come
/// from the same code as the API's <c>Accept: application/pdf</c> answer (CreditAlt.Notices).
/// </summary>
internal static class NoticesCommand
{
    public static Command Create()
    {
        var db = DbCommand.DbOption();
        var since = new Option<string>("--since") { Description = "Letters for what happened on or after this date (yyyy-MM-dd, UTC) or instant (ISO 8601).", Required = true };
        var output = new Option<string>("--out") { Description = "Directory to write <decisionId>.pdf files into (created if missing; all or nothing).", Required = true };
        var model = new Option<string>("--model")
        {
            Description = "The scorecard the API serves (directory or scorecard.json): its score range and reason points go into the letters, as the API's do.",
            DefaultValueFactory = _ => "models/champion",
        };
        var settings = new Option<string?>("--settings")
        {
            Description = "The API's appsettings.json: the creditor block (CreditAlt:Notice) and the lenders that send incompleteness notices by default (CreditAlt:Lifecycle:IncompletenessByDefault). Default: the API's defaults.",
        };
        var lender = new Option<string?>("--lender") { Description = "Only this lender's decisions (default: every lender)." };
        var command = new Command("notices", "Write the PDF letters of every adverse decision and final action since a date, one file per decision, for a mail house.")
            { db, since, output, model, settings, lender };
        command.SetAction((parse, ct) => Storage.RunAsync(async () =>
        {
            var from = ParseSince(parse.GetValue(since)!);
            var engine = new ScorecardEngine(ModelFiles.LoadScorecard(parse.GetValue(model)!));
            var (options, incompleteByDefault) = Settings(parse.GetValue(settings));
            var outDir = parse.GetValue(output)!;
            await using var database = Storage.Open(parse.GetValue(db));
            var ids = await database.Lifecycle.LetterDecisionsAsync(from, parse.GetValue(lender), ct);

            // AtomicOutput takes a synchronous writer; a console app has no synchronization context, so waiting here is safe.
            var written = AtomicOutput.WriteDirectory(outDir, "--out", staging =>
            {
                var count = 0;
                AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .Start(ctx =>
                    {
                        var task = ctx.AddTask("Writing letters", maxValue: Math.Max(1, ids.Count));
                        foreach (var id in ids)
                        {
                            var bytes = LetterAsync(database, id, engine, options, incompleteByDefault, ct).GetAwaiter().GetResult();
                            File.WriteAllBytes(Path.Combine(staging, id + ".pdf"), bytes);
                            count++;
                            task.Increment(1);
                        }
                        task.Value = task.MaxValue;
                    });
                return count;
            });
            AnsiConsole.WriteLine($"{written} letter(s) written to {outDir} for decisions and final actions since {from.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}");
            return 0;
        }));
        return command;
    }

    /// <summary>One decision's letter: its latest notice version, exactly as <c>GET /v1/decisions/{id}/notice</c> with <c>Accept: application/pdf</c>.</summary>
    private static async Task<byte[]> LetterAsync(
        CreditAltDatabase database, string decisionId, ScorecardEngine engine, NoticeOptions options, IReadOnlySet<string> incompleteByDefault, CancellationToken ct)
    {
        var entry = await database.Ledger.GetAsync(decisionId, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"decision {decisionId} was listed but is not in the ledger");
        var notice = await NoticeBuilder.BuildAsync(database, entry, engine, options, null, incompleteByDefault.Contains(entry.LenderId), ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"decision {decisionId} has no latest notice");
        notice = await FoundPayments.AddAsync(database, entry, notice, ct).ConfigureAwait(false);
        var applicant = ApplicationJson.Parse(System.Text.Encoding.UTF8.GetBytes(entry.ApplicationJson)).Application?.Applicant;
        return NoticeLetter.Render(notice, applicant);
    }

    internal static DateTimeOffset ParseSince(string text)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        if (text.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
            return instant;
        throw new UserInputException($"--since: expected a date (yyyy-MM-dd) or an ISO 8601 instant (2026-12-01T00:00:00Z), got '{text}'");
    }

    /// <summary>
    /// The creditor block and the incompleteness defaults from the API's settings file, so the letters name the same creditor
    /// as the service's. Only these two sections are read; property names match case-insensitively, as in ASP.NET configuration.
    /// </summary>
    private static (NoticeOptions Options, IReadOnlySet<string> IncompleteByDefault) Settings(string? path)
    {
        var options = new NoticeOptions();
        var lenders = new HashSet<string>(StringComparer.Ordinal);
        if (path is null)
            return (options, lenders);
        if (!File.Exists(path))
            throw new UserInputException($"--settings: no file '{path}'");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new UserInputException($"{path}: line {(ex.LineNumber ?? 0) + 1}: not valid JSON ({ex.Message})");
        }
        using (document)
        {
            var root = Property(document.RootElement, "CreditAlt");
            if (root is { } r && Property(r, "Notice") is { ValueKind: JsonValueKind.Object } notice)
            {
                options.CreditorName = Text(notice, "CreditorName", path) ?? options.CreditorName;
                options.CreditorAddress = Text(notice, "CreditorAddress", path) ?? options.CreditorAddress;
                options.ContactEmail = Text(notice, "ContactEmail", path) ?? options.ContactEmail;
                options.ContactPhone = Text(notice, "ContactPhone", path) ?? options.ContactPhone;
                options.AgencyNameAndAddress = Text(notice, "AgencyNameAndAddress", path) ?? options.AgencyNameAndAddress;
            }
            if (root is { } r2 && Property(r2, "Lifecycle") is { } lifecycle && Property(lifecycle, "IncompletenessByDefault") is { } list)
            {
                if (list.ValueKind != JsonValueKind.Array || list.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
                    throw new UserInputException($"{path}: CreditAlt.Lifecycle.IncompletenessByDefault: expected an array of lender ids");
                foreach (var e in list.EnumerateArray())
                    lenders.Add(e.GetString()!);
            }
        }
        return (options, lenders);
    }

    private static JsonElement? Property(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object
            ? e.EnumerateObject().Where(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(p => (JsonElement?)p.Value).FirstOrDefault()
            : null;

    private static string? Text(JsonElement section, string name, string path) => Property(section, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        _ => throw new UserInputException($"{path}: CreditAlt.Notice.{name}: expected a string"),
    };
}
