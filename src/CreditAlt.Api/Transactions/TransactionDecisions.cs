using System.Globalization;
using System.Text.Json;
using CreditAlt.Api.Decisions;
using CreditAlt.Api.Errors;
using CreditAlt.Api.Infrastructure;
using CreditAlt.Core.Applications;
using CreditAlt.Data;
using CreditAlt.Data.Consents;
using CreditAlt.Transactions.Consent;
using CreditAlt.Transactions.Deriving;
using CreditAlt.Transactions.Parsing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Problem = CreditAlt.Core.Applications.ValidationProblem;
using ValidationProblem = Microsoft.AspNetCore.Http.HttpResults.ValidationProblem;

namespace CreditAlt.Api.Transactions;

/// <summary>
/// <c>POST /v1/decisions</c> with raw bank transactions (docs/api.md, "Decisions from bank transactions"): read the
/// request (400 with every problem by JSON path), check the consent (403 naming what it does not cover), store the
/// consent, derive the application, score and record it through <see cref="DecisionService"/> like any application,
/// with the raw transactions in the same ledger transaction (kept under the retention rule). The consent is judged at the instant the request arrived.
/// </summary>
internal static class TransactionDecisions
{
    private static readonly string[] Properties = ["applicationId", "applicantId", "asOfDate", "requestedAmount", "consent", "transactions"];

    /// <summary>The request as read: the consent, the parsed set, and the provider document's bytes (what is stored).</summary>
    internal sealed record TransactionRequest(
        string ApplicationId, string ApplicantId, DateOnly AsOfDate, decimal RequestedAmount,
        ConsentRecord Consent, TransactionFormat Format, byte[] Raw, TransactionSet Set);

    /// <summary>
    /// True when the body is a JSON object with a top-level <c>transactions</c> or <c>consent</c> property. Application
    /// bodies never hold either, so they pay one vectorised search and no parse.
    /// </summary>
    public static bool IsTransactionBody(ReadOnlySpan<byte> body)
    {
        if (body.IndexOf("\"transactions\""u8) < 0 && body.IndexOf("\"consent\""u8) < 0)
            return false;
        if (body.StartsWith("\uFEFF"u8)) body = body[3..];
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = ApplicationJson.MaxDepth });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("transactions"u8) || reader.ValueTextEquals("consent"u8))
                    return true;
                reader.Read();
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not well-formed: the application reader reports where.
        }
        return false;
    }

    public static async Task<Results<Created<DecisionResponse>, Ok<DecisionResponse>, ValidationProblem, ProblemHttpResult>> DecideAsync(
        HttpContext context, string lenderId, string? idempotencyKey, byte[] body, DecisionService service, CancellationToken ct)
    {
        var services = context.RequestServices;
        var receivedAt = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var database = services.GetRequiredService<CreditAltDatabase>();
        var options = services.GetRequiredService<IOptions<ApiOptions>>().Value;

        var (request, problems) = Parse(body);
        if (request is null)
            return Invalid(problems, "The transaction request is not valid");

        var consent = request.Consent;
        var refusals = ConsentCheck.ForUse(consent, new ConsentUse(request.ApplicationId, request.ApplicantId, receivedAt), "$.consent")
            .Concat(ConsentCheck.ForTransactions(consent, request.Set, Locate))
            .ToList();
        if (refusals.Count > 0)
            return Refused(refusals);

        var stored = await database.Consents.RecordAsync(lenderId, ToStore(consent), receivedAt, ct).ConfigureAwait(false);
        // A revocation on record wins over whatever the request says about the consent.
        if (stored.Consent.RevokedAt is { } revokedAt && revokedAt <= receivedAt)
            return Refused([new ConsentRefusal("$.consent", $"consent '{consent.ConsentId}' was revoked at {ConsentJson.Format(revokedAt)} (by the {stored.Consent.RevokedBy!.Replace('_', ' ')}); data is no longer used after revocation")]);
        if (stored.Status == ConsentStoreStatus.Conflict)
            return Problems.Status(StatusCodes.Status409Conflict, "Consent id reused",
                $"Consent '{consent.ConsentId}' is already stored with another record (received {ConsentJson.Format(stored.Consent.ReceivedAt)}); a new authorisation needs a new consent id.");

        var set = ConsentCheck.Minimise(consent, request.Set);
        var derivation = services.GetRequiredService<TransactionCategoriser>().Derive(set, new DerivationRequest(request.ApplicationId, request.ApplicantId, request.AsOfDate, request.RequestedAmount));
        var invalid = ApplicationValidator.Validate(derivation.Application);
        if (invalid.Count > 0)
            return TypedResults.Problem(
                detail: "The application derived from these transactions is not valid (errors name the derived application's fields); the transactions cannot be scored as sent.",
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "The derived application is not valid",
                extensions: new Dictionary<string, object?>
                {
                    ["errors"] = invalid.GroupBy(p => "derived." + p.Path.TrimStart('$', '.'), StringComparer.Ordinal)
                        .ToDictionary(g => g.Key, g => g.Select(p => "expected " + p.Expected).ToArray(), StringComparer.Ordinal),
                });

        // The raw transactions go into the ledger's transaction with the decision: both are stored, or neither. Kept for the
        // shorter of the retention period and the consent's life; revocation deletes them sooner.
        var outcome = await service.DecideAsync(lenderId, derivation.Application, idempotencyKey, ct, (decisionId, recordedAt) =>
        {
            var deleteAfter = recordedAt + options.RawTransactionRetention;
            if (consent.ExpiresAt < deleteAfter) deleteAfter = consent.ExpiresAt;
            return new TransactionSetToStore("txs_" + Guid.CreateVersion7().ToString("N"), consent.ConsentId, decisionId, request.ApplicationId,
                request.Format.ToWire(), request.Raw, receivedAt, deleteAfter);
        }).ConfigureAwait(false);
        if (outcome.Status == DecideStatus.IdempotencyConflict)
            return Problems.Status(StatusCodes.Status409Conflict, "Idempotency key reused",
                $"The Idempotency-Key '{idempotencyKey}' was already used with a different application (decision {outcome.PriorDecisionId}); use a new key for a new application.");

        var decision = outcome.Decision! with { Derived = View(consent, request, derivation) };
        if (outcome.Status == DecideStatus.Replayed)
        {
            context.Response.Headers["Idempotent-Replayed"] = "true";
            return TypedResults.Ok(decision);
        }

        return TypedResults.Created($"/v1/decisions/{decision.DecisionId}", decision);
    }

    /// <summary>Reads the whole request; every problem is reported by its JSON path, as for an application.</summary>
    internal static (TransactionRequest? Request, List<Problem> Problems) Parse(byte[] body)
    {
        var p = new List<Problem>();
        if (!System.Text.Unicode.Utf8.IsValid(body))
            return (null, [new("$", "a UTF-8 encoded JSON document")]);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body.AsMemory(body.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0),
                new JsonDocumentOptions { MaxDepth = ApplicationJson.MaxDepth, AllowDuplicateProperties = false });
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, byte {ex.BytePositionInLine + 1}" : "";
            return (null, [new("$", $"a well-formed JSON document with each property once{where}")]);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return (null, [new("$", "an object with applicationId, applicantId, asOfDate, requestedAmount, consent and transactions")]);
            foreach (var property in root.EnumerateObject())
                if (Array.IndexOf(Properties, property.Name) < 0)
                    p.Add(new($"$.{property.Name}", $"no such property (a transaction request has {string.Join(", ", Properties)})"));

            var applicationId = Id(root, "applicationId", p);
            var applicantId = Id(root, "applicantId", p);
            var asOf = AsOf(root, p);
            var requested = Amount(root, p);

            ConsentRecord? consent = null;
            if (!root.TryGetProperty("consent", out var c)) p.Add(new("$", "a property 'consent' (the applicant's authorisation, docs/data-formats.md)"));
            else
            {
                var parsed = ConsentJson.Parse(c, "$.consent");
                p.AddRange(parsed.Problems);
                consent = parsed.Consent;
            }

            var (format, raw, set) = Transactions(root, p);
            if (p.Count > 0)
                return (null, p);
            return (new TransactionRequest(applicationId!, applicantId!, asOf!.Value, requested!.Value, consent!, format, raw!, set!), p);
        }
    }

    private static (TransactionFormat Format, byte[]? Raw, TransactionSet? Set) Transactions(JsonElement root, List<Problem> p)
    {
        if (!root.TryGetProperty("transactions", out var t))
        {
            p.Add(new("$", "a property 'transactions' (the provider's document with a 'format' property)"));
            return default;
        }
        if (t.ValueKind != JsonValueKind.Object)
        {
            p.Add(new("$.transactions", "an object: the provider's document (accounts, transactions) with a 'format' property"));
            return default;
        }
        if (!t.TryGetProperty("format", out var f))
        {
            p.Add(new("$.transactions", "a property 'format' (fdx or plaid)"));
            return default;
        }
        if (f.ValueKind != JsonValueKind.String || !TransactionFormats.TryParse(f.GetString(), out var format) || format == TransactionFormat.Csv)
        {
            p.Add(new("$.transactions.format", "fdx or plaid (a bank CSV export goes through creditalt ingest)"));
            return default;
        }

        var raw = System.Text.Encoding.UTF8.GetBytes(t.GetRawText());
        try
        {
            using var stream = new MemoryStream(raw, writable: false);
            return (format, raw, TransactionReader.Read(stream, format, "request body"));
        }
        catch (TransactionFormatException ex)
        {
            // The readers stop at the first problem: a set is read whole or not at all.
            p.Add(new(Locate(ex.Where), ex.Expected));
            return default;
        }
    }

    /// <summary>A reader's location in the provider document, as a path in the request.</summary>
    private static string Locate(string where) =>
        where.StartsWith('$') ? "$.transactions" + where[1..] : $"$.transactions ({where})";

    private static string? Id(JsonElement root, string name, List<Problem> p)
    {
        if (!root.TryGetProperty(name, out var v)) { p.Add(new("$", $"a property '{name}' (a string of 1 to {ApplicationLimits.MaxIdLength} visible characters)")); return null; }
        if (v.ValueKind != JsonValueKind.String || v.GetString() is not { Length: > 0 and <= ApplicationLimits.MaxIdLength } s || s.AsSpan().ContainsAnyExceptInRange('!', '~'))
        {
            p.Add(new($"$.{name}", $"a string of 1 to {ApplicationLimits.MaxIdLength} visible ASCII characters"));
            return null;
        }
        return s;
    }

    private static DateOnly? AsOf(JsonElement root, List<Problem> p)
    {
        if (!root.TryGetProperty("asOfDate", out var v)) { p.Add(new("$", "a property 'asOfDate' (yyyy-MM-dd)")); return null; }
        if (v.ValueKind != JsonValueKind.String || !DateOnly.TryParseExact(v.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            || d < ApplicationLimits.EarliestDate)
        {
            p.Add(new("$.asOfDate", $"a date as yyyy-MM-dd from {ApplicationLimits.EarliestDate:yyyy-MM-dd}"));
            return null;
        }
        return d;
    }

    private static decimal? Amount(JsonElement root, List<Problem> p)
    {
        if (!root.TryGetProperty("requestedAmount", out var v)) { p.Add(new("$", "a property 'requestedAmount' (a number)")); return null; }
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDecimal(out var d) || d < 0 || d > ApplicationLimits.MaxLargeAmount || d != Math.Round(d, 2)
            || v.GetRawText().AsSpan().IndexOfAny('e', 'E') >= 0)
        {
            p.Add(new("$.requestedAmount", $"a plain number from 0 to {ApplicationLimits.MaxLargeAmount:0} with at most 2 decimals"));
            return null;
        }
        return d;
    }

    private static ConsentToStore ToStore(ConsentRecord c) => new(
        c.ConsentId, c.ApplicantId, c.Purpose.ApplicationId, c.GrantedAt, c.ExpiresAt,
        c.Revocation?.RevokedAt, c.Revocation?.RevokedBy, c.Revocation?.Reason,
        ConsentJson.Write(c with { Revocation = null }));

    private static DerivedView View(ConsentRecord consent, TransactionRequest request, Derivation d) => new(
        consent.ConsentId, request.Format.ToWire(), request.Set.Transactions.Count, request.Set.Ignored.Count,
        d.BalanceBasis.ToString().ToLowerInvariant(),
        [.. d.Streams.Select(s => d.Application.Obligations.FirstOrDefault(o => o.AccountId == s.AccountId) is { } o
            ? new DerivedObligationView(s.AccountId, s.Type.ToWire(), s.Furnisher, s.Cadence, s.DueDay, s.MonthlyAmount,
                [.. o.Payments.Select(x => new PaymentDocument(x.DueDate, x.AmountDue, x.PaidDate, x.AmountPaid))])
            : null).OfType<DerivedObligationView>()],
        [.. d.Application.CashFlow.Select(m => new CashFlowDocument(m.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), m.Inflow, m.Outflow, m.LowestBalance, m.NsfCount))]);

    private static ValidationProblem Invalid(List<Problem> problems, string title) =>
        TypedResults.ValidationProblem(
            problems.GroupBy(x => x.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(x => "expected " + x.Expected).ToArray(), StringComparer.Ordinal),
            detail: $"The request has {problems.Count} problem(s); each is listed under its JSON path with what was expected.",
            title: title);

    /// <summary>403: the data is not covered by the applicant's consent; <c>errors</c> names each place and why.</summary>
    private static ProblemHttpResult Refused(IReadOnlyList<ConsentRefusal> refusals) =>
        TypedResults.Problem(
            detail: $"The transactions may not be used: {refusals.Count} problem(s) with the consent, each listed under its JSON path.",
            statusCode: StatusCodes.Status403Forbidden,
            title: "Not covered by the applicant's consent",
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = refusals.GroupBy(r => r.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(r => r.Reason).ToArray(), StringComparer.Ordinal),
            });
}
