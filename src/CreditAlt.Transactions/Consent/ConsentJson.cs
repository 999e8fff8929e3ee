using System.Globalization;
using System.Text;
using System.Text.Json;
using CreditAlt.Core.Applications;

namespace CreditAlt.Transactions.Consent;

/// <summary>The outcome of reading a consent record: the record, or every problem found (by JSON path).</summary>
public sealed record ConsentParseResult(ConsentRecord? Consent, IReadOnlyList<ValidationProblem> Problems)
{
    public bool IsValid => Consent is not null && Problems.Count == 0;
}

/// <summary>
/// The JSON form of a consent record (docs/data-formats.md, "Consent record"). Every problem in the record is reported
/// at once with its JSON path, under the prefix the caller gives (<c>$.consent</c> inside a decision request, <c>$</c>
/// for a consent file). Nothing a client sends makes it throw. <see cref="Write"/> gives the form stored with the
/// consent, in a fixed property order.
/// </summary>
public static class ConsentJson
{
    /// <value>64 characters, like every CreditAlt id.</value>
    public const int MaxIdLength = ApplicationLimits.MaxIdLength;

    /// <value>200 characters for the names of the third party and the data provider, and for a revocation reason.</value>
    public const int MaxNameLength = 200;

    /// <value>50 accounts.</value>
    public const int MaxAccounts = 50;

    private static readonly string[] Properties =
        ["consentId", "applicantId", "thirdParty", "dataProvider", "accounts", "dataScope", "purpose", "grantedAt", "expiresAt", "revocation"];

    /// <summary>Reads a whole consent document (a consent file).</summary>
    public static ConsentParseResult Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith("\uFEFF"u8)) utf8 = utf8[3..];
        try
        {
            using var doc = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { MaxDepth = 16, AllowDuplicateProperties = false });
            return Parse(doc.RootElement, "$");
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, byte {ex.BytePositionInLine + 1}" : "";
            return new(null, [new("$", $"a well-formed JSON document{where}")]);
        }
    }

    /// <summary>Reads a consent record at <paramref name="path"/> of a larger document.</summary>
    public static ConsentParseResult Parse(JsonElement e, string path)
    {
        var p = new List<ValidationProblem>();
        if (e.ValueKind != JsonValueKind.Object)
            return new(null, [new(path, $"a consent object, got {Describe(e)}")]);
        foreach (var property in e.EnumerateObject())
            if (Array.IndexOf(Properties, property.Name) < 0)
                p.Add(new($"{path}.{property.Name}", $"no such property (a consent has {string.Join(", ", Properties)})"));

        var consentId = Id(e, "consentId", path, p);
        var applicantId = Id(e, "applicantId", path, p);
        var thirdParty = Name(e, "thirdParty", path, p, required: true);
        var dataProvider = Name(e, "dataProvider", path, p, required: true);
        var accounts = Accounts(e, path, p);
        var scope = Scope(e, path, p);
        var purpose = Purpose(e, path, p);
        var grantedAt = Instant(e, "grantedAt", path, p, required: true);
        var expiresAt = Instant(e, "expiresAt", path, p, required: true);
        if (grantedAt is { } g && expiresAt is { } x)
        {
            if (x <= g) p.Add(new($"{path}.expiresAt", $"an instant after grantedAt ({Format(g)}), got {Format(x)}"));
            else if (x > g.AddYears(1)) p.Add(new($"{path}.expiresAt",
                $"at most one year after grantedAt, i.e. no later than {Format(g.AddYears(1))} (an authorisation lasts a year at most before it is renewed), got {Format(x)}"));
        }
        var revocation = Revocation(e, path, p, grantedAt);

        if (p.Count > 0)
            return new(null, p);
        return new(new ConsentRecord(consentId!, applicantId!, thirdParty!, dataProvider!, accounts!, scope!, purpose!, grantedAt!.Value, expiresAt!.Value, revocation), p);
    }

    /// <summary>The record as compact JSON in the documented property order (what is stored).</summary>
    public static string Write(ConsentRecord c)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("consentId", c.ConsentId);
            w.WriteString("applicantId", c.ApplicantId);
            w.WriteString("thirdParty", c.ThirdParty);
            w.WriteString("dataProvider", c.DataProvider);
            w.WriteStartArray("accounts");
            foreach (var a in c.Accounts) w.WriteStringValue(a);
            w.WriteEndArray();
            w.WriteStartObject("dataScope");
            w.WriteStartArray("categories");
            foreach (var k in c.Scope.Categories) w.WriteStringValue(k);
            w.WriteEndArray();
            w.WriteString("from", c.Scope.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteString("to", c.Scope.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteEndObject();
            w.WriteStartObject("purpose");
            w.WriteString("use", c.Purpose.Use);
            w.WriteString("applicationId", c.Purpose.ApplicationId);
            w.WriteEndObject();
            w.WriteString("grantedAt", Format(c.GrantedAt));
            w.WriteString("expiresAt", Format(c.ExpiresAt));
            if (c.Revocation is { } r)
            {
                w.WriteStartObject("revocation");
                w.WriteString("revokedAt", Format(r.RevokedAt));
                w.WriteString("revokedBy", r.RevokedBy);
                if (r.Reason is not null) w.WriteString("reason", r.Reason);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("revocation");
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>An instant as stored and shown: UTC, ISO 8601, seconds (fractions only when present).</summary>
    public static string Format(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// An RFC 3339 instant with its offset (<c>2026-06-28T10:00:00Z</c>, <c>…+02:00</c>): an instant without an offset
    /// would be read in some machine's time zone.
    /// </summary>
    public static bool TryParseInstant(string? text, out DateTimeOffset at)
    {
        at = default;
        if (text is null || text.Length < 20 || text.Length > 40 || text[10] != 'T') return false;
        var hasOffset = text[^1] == 'Z' || (text.Length >= 25 && text[^6] is '+' or '-' && text[^3] == ':');
        return hasOffset && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out at);
    }

    private static string? Id(JsonElement e, string name, string path, List<ValidationProblem> p)
    {
        if (!e.TryGetProperty(name, out var v)) { p.Add(new(path, $"a property '{name}' (a string of 1 to {MaxIdLength} visible characters)")); return null; }
        if (v.ValueKind != JsonValueKind.String || v.GetString() is not { Length: > 0 and <= MaxIdLength } s || s.AsSpan().ContainsAnyExceptInRange('!', '~'))
        {
            p.Add(new($"{path}.{name}", $"a string of 1 to {MaxIdLength} visible ASCII characters, got {Describe(v)}"));
            return null;
        }
        return s;
    }

    private static string? Name(JsonElement e, string name, string path, List<ValidationProblem> p, bool required)
    {
        if (!e.TryGetProperty(name, out var v) || (!required && v.ValueKind == JsonValueKind.Null))
        {
            if (required) p.Add(new(path, $"a property '{name}' (a string of 1 to {MaxNameLength} characters)"));
            return null;
        }
        if (v.ValueKind != JsonValueKind.String || v.GetString() is not { } s || string.IsNullOrWhiteSpace(s) || s.Length > MaxNameLength || s.Any(char.IsControl))
        {
            p.Add(new($"{path}.{name}", $"a string of 1 to {MaxNameLength} characters without control characters, got {Describe(v)}"));
            return null;
        }
        return s;
    }

    private static List<string>? Accounts(JsonElement e, string path, List<ValidationProblem> p)
    {
        if (!e.TryGetProperty("accounts", out var v)) { p.Add(new(path, "a property 'accounts' (the shared account ids)")); return null; }
        if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() is 0 or > MaxAccounts)
        {
            p.Add(new($"{path}.accounts", $"an array of 1 to {MaxAccounts} account ids, got {Describe(v)}"));
            return null;
        }
        var accounts = new List<string>();
        var i = 0;
        var ok = true;
        foreach (var a in v.EnumerateArray())
        {
            var at = $"{path}.accounts[{i++}]";
            if (a.ValueKind != JsonValueKind.String || a.GetString() is not { Length: > 0 and <= MaxIdLength } s) { p.Add(new(at, $"an account id of 1 to {MaxIdLength} characters, got {Describe(a)}")); ok = false; continue; }
            if (accounts.Contains(s, StringComparer.Ordinal)) { p.Add(new(at, $"an account listed once, got '{s}' again")); ok = false; continue; }
            accounts.Add(s);
        }
        return ok ? accounts : null;
    }

    private static ConsentScope? Scope(JsonElement e, string path, List<ValidationProblem> p)
    {
        var at = $"{path}.dataScope";
        if (!e.TryGetProperty("dataScope", out var v)) { p.Add(new(path, "a property 'dataScope' (categories, from, to)")); return null; }
        if (v.ValueKind != JsonValueKind.Object) { p.Add(new(at, $"an object with categories, from and to, got {Describe(v)}")); return null; }
        foreach (var property in v.EnumerateObject())
            if (property.Name is not ("categories" or "from" or "to"))
                p.Add(new($"{at}.{property.Name}", "no such property (a data scope has categories, from, to)"));

        List<string>? categories = null;
        var allowed = string.Join(", ", ConsentCategories.All);
        if (!v.TryGetProperty("categories", out var c)) p.Add(new(at, $"a property 'categories' (some of {allowed})"));
        else if (c.ValueKind != JsonValueKind.Array || c.GetArrayLength() == 0) p.Add(new($"{at}.categories", $"a non-empty array of {allowed}, got {Describe(c)}"));
        else
        {
            categories = [];
            var i = 0;
            foreach (var k in c.EnumerateArray())
            {
                var kat = $"{at}.categories[{i++}]";
                if (k.ValueKind != JsonValueKind.String || !ConsentCategories.All.Contains(k.GetString()!, StringComparer.Ordinal)) { p.Add(new(kat, $"one of {allowed}, got {Describe(k)}")); categories = null; break; }
                if (categories.Contains(k.GetString()!, StringComparer.Ordinal)) { p.Add(new(kat, $"a category listed once, got '{k.GetString()}' again")); categories = null; break; }
                categories.Add(k.GetString()!);
            }
            if (categories is not null && !categories.Contains(ConsentCategories.Transactions, StringComparer.Ordinal))
            {
                p.Add(new($"{at}.categories", "a list that includes 'transactions': the pipeline reads transactions"));
                categories = null;
            }
        }

        var from = Date(v, "from", at, p);
        var to = Date(v, "to", at, p);
        if (from is { } f && to is { } t && t < f) { p.Add(new($"{at}.to", $"a date on or after from ({f:yyyy-MM-dd}), got {t:yyyy-MM-dd}")); return null; }
        return categories is null || from is null || to is null ? null : new ConsentScope(categories, from.Value, to.Value);
    }

    private static ConsentPurpose? Purpose(JsonElement e, string path, List<ValidationProblem> p)
    {
        var at = $"{path}.purpose";
        if (!e.TryGetProperty("purpose", out var v)) { p.Add(new(path, "a property 'purpose' (use, applicationId)")); return null; }
        if (v.ValueKind != JsonValueKind.Object) { p.Add(new(at, $"an object with use and applicationId, got {Describe(v)}")); return null; }
        foreach (var property in v.EnumerateObject())
            if (property.Name is not ("use" or "applicationId"))
                p.Add(new($"{at}.{property.Name}", "no such property (a purpose has use, applicationId)"));
        string? use = null;
        if (!v.TryGetProperty("use", out var u)) p.Add(new(at, $"a property 'use' ('{ConsentPurposes.CreditUnderwriting}')"));
        else if (u.ValueKind != JsonValueKind.String || u.GetString() != ConsentPurposes.CreditUnderwriting)
            p.Add(new($"{at}.use", $"'{ConsentPurposes.CreditUnderwriting}' (the only purpose CreditAlt serves), got {Describe(u)}"));
        else use = u.GetString();
        var applicationId = Id(v, "applicationId", at, p);
        return use is null || applicationId is null ? null : new ConsentPurpose(use, applicationId);
    }

    private static ConsentRevocation? Revocation(JsonElement e, string path, List<ValidationProblem> p, DateTimeOffset? grantedAt)
    {
        var at = $"{path}.revocation";
        if (!e.TryGetProperty("revocation", out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.Object) { p.Add(new(at, $"null or an object with revokedAt, revokedBy and an optional reason, got {Describe(v)}")); return null; }
        foreach (var property in v.EnumerateObject())
            if (property.Name is not ("revokedAt" or "revokedBy" or "reason"))
                p.Add(new($"{at}.{property.Name}", "no such property (a revocation has revokedAt, revokedBy, reason)"));
        var revokedAt = Instant(v, "revokedAt", at, p, required: true);
        if (revokedAt is { } r && grantedAt is { } g && r < g) p.Add(new($"{at}.revokedAt", $"an instant on or after grantedAt ({Format(g)}), got {Format(r)}"));
        string? by = null;
        var revokers = string.Join(", ", ConsentPurposes.Revokers);
        if (!v.TryGetProperty("revokedBy", out var b)) p.Add(new(at, $"a property 'revokedBy' (one of {revokers})"));
        else if (b.ValueKind != JsonValueKind.String || !ConsentPurposes.Revokers.Contains(b.GetString()!, StringComparer.Ordinal)) p.Add(new($"{at}.revokedBy", $"one of {revokers}, got {Describe(b)}"));
        else by = b.GetString();
        var reason = Name(v, "reason", at, p, required: false);
        return revokedAt is null || by is null ? null : new ConsentRevocation(revokedAt.Value, by, reason);
    }

    private static DateTimeOffset? Instant(JsonElement e, string name, string path, List<ValidationProblem> p, bool required)
    {
        if (!e.TryGetProperty(name, out var v))
        {
            if (required) p.Add(new(path, $"a property '{name}' (an instant such as 2026-06-28T10:00:00Z)"));
            return null;
        }
        if (v.ValueKind != JsonValueKind.String || !TryParseInstant(v.GetString(), out var at))
        {
            p.Add(new($"{path}.{name}", $"an instant with its offset, such as 2026-06-28T10:00:00Z, got {Describe(v)}"));
            return null;
        }
        return at;
    }

    private static DateOnly? Date(JsonElement e, string name, string path, List<ValidationProblem> p)
    {
        if (!e.TryGetProperty(name, out var v)) { p.Add(new(path, $"a property '{name}' (a date, yyyy-MM-dd)")); return null; }
        if (v.ValueKind != JsonValueKind.String || !DateOnly.TryParseExact(v.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            || d < ApplicationLimits.EarliestDate)
        {
            p.Add(new($"{path}.{name}", $"a date as yyyy-MM-dd from {ApplicationLimits.EarliestDate:yyyy-MM-dd}, got {Describe(v)}"));
            return null;
        }
        return d;
    }

    private static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => $"the string '{(e.GetString()!.Length <= 40 ? e.GetString() : e.GetString()![..40] + "…")}'",
        JsonValueKind.Number => $"the number {(e.GetRawText().Length <= 40 ? e.GetRawText() : e.GetRawText()[..40] + "…")}",
        JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        _ => "an array",
    };
}
