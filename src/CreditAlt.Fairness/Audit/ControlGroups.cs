using System.Globalization;
using System.Text.Json;

namespace CreditAlt.Fairness.Audit;

/// <summary>
/// The control group of one protected attribute: the groups every protected group is compared with. Either named
/// labels (one or more, pooled), or the age rule: the bands that lie wholly within 25–61.
/// </summary>
/// <param name="Labels">Labels forming the control group (pooled when more than one); empty with <paramref name="AgeRule"/>.</param>
/// <param name="AgeRule">Control = every band wholly within <see cref="ControlGroups.AgeLow"/>–<see cref="ControlGroups.AgeHigh"/>.</param>
/// <param name="Protected">Groups to judge; empty = every group outside the control group.</param>
public sealed record ControlGroup(IReadOnlyList<string> Labels, bool AgeRule = false, IReadOnlyList<string>? Protected = null)
{
    /// <summary>Label for a pooled control group in reports (e.g. "25-61").</summary>
    public string? Name { get; init; }
}

/// <summary>
/// Control groups per attribute (docs/fairness.md, "Control groups"). Regulators compare each protected group with a
/// fixed control group (non-Hispanic White, male, 25–61), not with whichever group happens to fare best; the
/// highest-rate reference stays available only by explicit choice (<see cref="HighestRate"/>).
/// </summary>
public sealed record ControlGroups
{
    /// <summary>Lowest age of the age control group (under-25s are compared with it).</summary>
    public const int AgeLow = 25;

    /// <summary>Highest age of the age control group (62+ is compared with it; ECOA allows favouring 62+).</summary>
    public const int AgeHigh = 61;

    /// <summary>Race/ethnicity labels recognised as the White control group, first match wins (case-insensitive).</summary>
    public static readonly IReadOnlyList<string> WhiteLabels = ["white", "non-hispanic white", "white non-hispanic", "nh white", "nh_white", "white_nh"];

    /// <summary>Sex labels recognised as the male control group (case-insensitive).</summary>
    public static readonly IReadOnlyList<string> MaleLabels = ["male", "m", "man"];

    /// <summary>Configured control groups by attribute name; attributes not listed get the defaults.</summary>
    public IReadOnlyDictionary<string, ControlGroup> Attributes { get; init; } = new Dictionary<string, ControlGroup>(StringComparer.Ordinal);

    /// <summary>Use the highest-rate group as reference for attributes without a configured or default control group.</summary>
    /// <value>false: such an attribute is an error, naming how to configure it.</value>
    public bool HighestRate { get; init; }

    /// <summary>Use the built-in defaults (race/ethnicity → white, sex → male, age → 25–61).</summary>
    /// <value>true</value>
    public bool UseDefaults { get; init; } = true;

    /// <summary>
    /// The control group of <paramref name="attribute"/> among <paramref name="labels"/>: configured, else the default
    /// for a recognised attribute name, else null (the caller then applies <see cref="HighestRate"/>).
    /// </summary>
    public ControlGroup? For(string attribute, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (Attributes.TryGetValue(attribute, out var configured))
        {
            return configured;
        }

        if (!UseDefaults)
        {
            return null;
        }

        string name = attribute.ToLowerInvariant();
        if (name.Contains("race", StringComparison.Ordinal) || name.Contains("ethnic", StringComparison.Ordinal))
        {
            var white = WhiteLabels.Select(w => labels.FirstOrDefault(l => string.Equals(l, w, StringComparison.OrdinalIgnoreCase))).FirstOrDefault(l => l is not null);
            return white is null ? null : new ControlGroup([white]);
        }

        if (name.Contains("sex", StringComparison.Ordinal) || name.Contains("gender", StringComparison.Ordinal))
        {
            var male = MaleLabels.Select(w => labels.FirstOrDefault(l => string.Equals(l, w, StringComparison.OrdinalIgnoreCase))).FirstOrDefault(l => l is not null);
            return male is null ? null : new ControlGroup([male]);
        }

        if (name.Contains("age", StringComparison.Ordinal) && labels.Any(l => AgeRange(l) is not null))
        {
            return new ControlGroup([], AgeRule: true);
        }

        return null;
    }

    /// <summary>
    /// Ages a band label covers: "25-34" (or "25–34", "25 to 34"), "65+", "under 25", "&lt;25", "&gt;=62", or a single age.
    /// Null when the label is not an age band.
    /// </summary>
    public static (int Low, int High)? AgeRange(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        string s = label.Trim().ToLowerInvariant().Replace('–', '-').Replace(" to ", "-", StringComparison.Ordinal);
        static int? Int(string t) => int.TryParse(t.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : null;
        if (s.EndsWith('+') && Int(s[..^1]) is int plus)
        {
            return (plus, 200);
        }

        foreach (var prefix in new[] { ">=", "≥" })
        {
            if (s.StartsWith(prefix, StringComparison.Ordinal) && Int(s[prefix.Length..]) is int ge)
            {
                return (ge, 200);
            }
        }

        if (s.EndsWith(" or older", StringComparison.Ordinal) && Int(s[..^9]) is int older)
        {
            return (older, 200);
        }

        if (s.StartsWith("under ", StringComparison.Ordinal) && Int(s[6..]) is int under)
        {
            return (0, under - 1);
        }

        if (s.StartsWith('<') && Int(s[1..]) is int lt)
        {
            return (0, lt - 1);
        }

        int dash = s.IndexOf('-', StringComparison.Ordinal);
        if (dash > 0 && Int(s[..dash]) is int lo && Int(s[(dash + 1)..]) is int hi && lo <= hi)
        {
            return (lo, hi);
        }

        return Int(s) is int age ? (age, age) : null;
    }

    /// <summary>Whether an age band lies wholly within the control ages 25–61.</summary>
    public static bool InAgeControl(string label) => AgeRange(label) is { } r && r.Low >= AgeLow && r.High <= AgeHigh;

    /// <summary>Whether an age band straddles the 62 boundary (e.g. 55-64): it is compared, and reported as straddling.</summary>
    public static bool StraddlesAge62(string label) => AgeRange(label) is { } r && r.Low <= AgeHigh && r.High > AgeHigh;

    /// <summary>
    /// Reads a configuration file (JSON, docs/fairness.md):
    /// <code>{ "reference": "control" | "highest-rate", "defaults": true,
    ///   "attributes": { "race_ethnicity": { "control": ["white"], "protected": ["black", "hispanic"] },
    ///                   "age_band": { "control": "age-25-61" } },
    ///   "adverseValues": ["decline", "insufficient_data"], "referValue": "refer", "alpha": 0.05, "smdThreshold": 0.3 }</code>
    /// Errors name the file and the JSON path.
    /// </summary>
    public static AuditConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FairnessInputException($"{path}: file not found");
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new FairnessInputException($"{path}: not valid JSON: {ex.Message}");
        }

        using (doc)
        {
            return Parse(doc.RootElement, path);
        }
    }

    private static AuditConfig Parse(JsonElement root, string file)
    {
        FairnessInputException Error(string jsonPath, string expected) => new($"{file}: {jsonPath}: expected {expected}");
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Error("$", "an object");
        }

        var config = new AuditConfig();
        var groups = new ControlGroups();
        var attributes = new Dictionary<string, ControlGroup>(StringComparer.Ordinal);
        foreach (var p in root.EnumerateObject())
        {
            string at = "$." + p.Name;
            switch (p.Name)
            {
                case "reference":
                    groups = groups with
                    {
                        HighestRate = p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() switch
                        {
                            "highest-rate" => true,
                            "control" => false,
                            _ => throw Error(at, "\"control\" or \"highest-rate\""),
                        },
                    };
                    if (p.Value.ValueKind != JsonValueKind.String)
                    {
                        throw Error(at, "\"control\" or \"highest-rate\"");
                    }

                    break;
                case "defaults":
                    groups = groups with { UseDefaults = p.Value.ValueKind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => throw Error(at, "true or false") } };
                    break;
                case "attributes":
                    if (p.Value.ValueKind != JsonValueKind.Object)
                    {
                        throw Error(at, "an object of attribute name → { \"control\": … }");
                    }

                    foreach (var a in p.Value.EnumerateObject())
                    {
                        attributes[a.Name] = ParseGroup(a.Value, $"{at}.{a.Name}", Error);
                    }

                    break;
                case "adverseValues":
                    config = config with { AdverseValues = Strings(p.Value, at, Error) };
                    break;
                case "referValue":
                    config = config with { ReferValue = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : throw Error(at, "a string") };
                    break;
                case "alpha":
                    config = config with { Alpha = p.Value.ValueKind == JsonValueKind.Number && p.Value.GetDouble() is > 0 and < 1 ? p.Value.GetDouble() : throw Error(at, "a number between 0 and 1") };
                    break;
                case "smdThreshold":
                    config = config with { SmdThreshold = p.Value.ValueKind == JsonValueKind.Number && p.Value.GetDouble() > 0 ? p.Value.GetDouble() : throw Error(at, "a positive number") };
                    break;
                default:
                    throw Error(at, "one of reference, defaults, attributes, adverseValues, referValue, alpha, smdThreshold (unknown key)");
            }
        }

        return config with { ControlGroups = groups with { Attributes = attributes } };
    }

    private static ControlGroup ParseGroup(JsonElement e, string at, Func<string, string, FairnessInputException> error)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw error(at, "an object with \"control\"");
        }

        ControlGroup? group = null;
        IReadOnlyList<string>? protectedGroups = null;
        string? name = null;
        foreach (var p in e.EnumerateObject())
        {
            switch (p.Name)
            {
                case "control":
                    group = p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() == "age-25-61"
                        ? new ControlGroup([], AgeRule: true)
                        : new ControlGroup(Strings(p.Value, $"{at}.control", error));
                    break;
                case "protected":
                    protectedGroups = Strings(p.Value, $"{at}.protected", error);
                    break;
                case "name":
                    name = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : throw error($"{at}.name", "a string");
                    break;
                default:
                    throw error($"{at}.{p.Name}", "one of control, protected, name (unknown key)");
            }
        }

        if (group is null)
        {
            throw error($"{at}.control", "a list of group labels or \"age-25-61\" (missing)");
        }

        return group with { Protected = protectedGroups, Name = name };
    }

    private static List<string> Strings(JsonElement e, string at, Func<string, string, FairnessInputException> error)
    {
        if (e.ValueKind == JsonValueKind.String)
        {
            return [e.GetString()!];
        }

        if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() == 0)
        {
            throw error(at, "a string or a non-empty list of strings");
        }

        var list = new List<string>();
        int i = 0;
        foreach (var v in e.EnumerateArray())
        {
            list.Add(v.ValueKind == JsonValueKind.String ? v.GetString()! : throw error($"{at}[{i}]", "a string"));
            i++;
        }

        return list;
    }
}

/// <summary>Everything <c>--config</c> sets: control groups, which decision values are adverse or a referral, test thresholds.</summary>
public sealed record AuditConfig
{
    /// <summary>Control groups per attribute.</summary>
    public ControlGroups ControlGroups { get; init; } = new();

    /// <summary>Decision values counted as adverse (for the adverse-outcome ratio).</summary>
    /// <value>decline, insufficient_data</value>
    public IReadOnlyList<string> AdverseValues { get; init; } = ["decline", "insufficient_data"];

    /// <summary>Decision value of a referral (for the refer-rate ratio).</summary>
    /// <value>refer</value>
    public string ReferValue { get; init; } = "refer";

    /// <summary>Significance level applied to the Holm-adjusted p-values.</summary>
    /// <value>0.05</value>
    public double Alpha { get; init; } = 0.05;

    /// <summary>Standardised mean difference of scores (group below control) that counts as practically significant.</summary>
    /// <value>0.30</value>
    public double SmdThreshold { get; init; } = 0.30;
}
