using System.Text;
using System.Text.Json;

namespace CreditAlt.Core.Applications;

// The optional provenance (source) and mailing-address objects: read like every other field, problems by JSON path.
internal sealed partial class ApplicationJsonReader
{
    private static readonly string[] SourceFields = ["name", "address", "phone", "isConsumerReportingAgency"];
    private static readonly byte[][] SourceNames = [.. SourceFields.Select(Encoding.UTF8.GetBytes)];
    private static readonly string[] ApplicantFields = ["name", "addressLines"];
    private static readonly byte[][] ApplicantNames = [.. ApplicantFields.Select(Encoding.UTF8.GetBytes)];

    private DataSource? Source(ref Utf8JsonReader r, string name)
    {
        if (r.TokenType == JsonTokenType.Null) return null;
        if (r.TokenType != JsonTokenType.StartObject)
        {
            Add(name, $"an object with name, address, phone, isConsumerReportingAgency, got {Describe(ref r)}");
            r.Skip();
            return null;
        }

        var start = Problems.Count;
        var seen = 0;
        string? sourceName = null, address = null, phone = null;
        var isAgency = false;
        while (NextField(ref r, SourceFields, SourceNames, ref seen, out var field))
        {
            switch (field)
            {
                case 0: sourceName = Text(ref r, $"{name}.name", 200); break;
                case 1: address = r.TokenType == JsonTokenType.Null ? null : Text(ref r, $"{name}.address", 300); break;
                case 2: phone = r.TokenType == JsonTokenType.Null ? null : Text(ref r, $"{name}.phone", 40); break;
                default:
                    if (r.TokenType is JsonTokenType.True or JsonTokenType.False) isAgency = r.GetBoolean();
                    else Add($"{name}.isConsumerReportingAgency", $"true or false, got {Describe(ref r)}");
                    break;
            }
        }

        Require(seen, 0, $"{name}.name", "a string (required)");
        // FCRA §615(a)(3)(A): the notice must give an agency's address and telephone number.
        if (isAgency && address is null) Add($"{name}.address", "the agency's mailing address (required for a consumer reporting agency)");
        if (isAgency && phone is null) Add($"{name}.phone", "the agency's telephone number, toll-free if nationwide (required for a consumer reporting agency)");
        return Problems.Count > start || sourceName is null ? null : new DataSource(sourceName, address, phone, isAgency);
    }

    private MailingAddress? Applicant(ref Utf8JsonReader r)
    {
        if (r.TokenType == JsonTokenType.Null) return null;
        if (r.TokenType != JsonTokenType.StartObject)
        {
            Add("applicant", $"an object with name and addressLines, got {Describe(ref r)}");
            r.Skip();
            return null;
        }

        var start = Problems.Count;
        var seen = 0;
        string? name = null;
        var lines = new List<string>();
        while (NextField(ref r, ApplicantFields, ApplicantNames, ref seen, out var field))
        {
            if (field == 0)
            {
                name = Text(ref r, "applicant.name", 200);
                continue;
            }

            if (r.TokenType != JsonTokenType.StartArray)
            {
                Add("applicant.addressLines", $"an array of 1 to 4 strings, got {Describe(ref r)}");
                r.Skip();
                continue;
            }

            var i = 0;
            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            {
                if (Text(ref r, $"applicant.addressLines[{i}]", 100) is { } line) lines.Add(line);
                i++;
            }

            if (i is < 1 or > 4) Add("applicant.addressLines", $"1 to 4 lines, got {i}");
        }

        Require(seen, 0, "applicant.name", "a string (required)");
        Require(seen, 1, "applicant.addressLines", "an array (required)");
        return Problems.Count > start || name is null ? null : new MailingAddress(name, lines);
    }

    /// <summary>A string of 1 to <paramref name="max"/> characters, not blank.</summary>
    private string? Text(ref Utf8JsonReader r, string path, int max)
    {
        if (r.TokenType != JsonTokenType.String)
        {
            Add(path, $"a string of 1 to {max} characters, got {Describe(ref r)}");
            r.Skip();
            return null;
        }

        string? text;
        try
        {
            text = r.GetString();
        }
        catch (InvalidOperationException)
        {
            text = null;
        }

        if (text is null || text.Trim().Length == 0 || text.Length > max)
        {
            Add(path, $"a string of 1 to {max} characters");
            return null;
        }

        return text;
    }
}
