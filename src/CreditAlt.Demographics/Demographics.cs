namespace CreditAlt.Demographics;

// Protected attributes live in an assembly of their own, apart from CreditAlt.Core.Applications: an Application cannot
// carry them, and the scoring and training assemblies do not reference this one (the architecture tests check it).

/// <summary>Self-reported race/ethnicity group (HMDA-style aggregate categories).</summary>
public enum RaceEthnicity
{
    White,
    Black,
    Hispanic,
    Asian,
    Other,
}

/// <summary>Self-reported sex.</summary>
public enum Sex
{
    Female,
    Male,
}

/// <summary>Age band at the application date.</summary>
public enum AgeBand
{
    Age18To24,
    Age25To34,
    Age35To44,
    Age45To54,
    Age55To64,
    Age65Plus,
}

/// <summary>One row of demographics.csv; null means the applicant did not report it.</summary>
public sealed record DemographicRecord(string ApplicationId, RaceEthnicity? RaceEthnicity, Sex? Sex, AgeBand? AgeBand);

/// <summary>Wire names of the demographic codes.</summary>
public static class DemographicCodes
{
    public static readonly IReadOnlyList<string> RaceEthnicityNames = ["white", "black", "hispanic", "asian", "other"];
    public static readonly IReadOnlyList<string> SexNames = ["female", "male"];
    public static readonly IReadOnlyList<string> AgeBandNames = ["18-24", "25-34", "35-44", "45-54", "55-64", "65+"];

    public static string ToWire(this RaceEthnicity value) => RaceEthnicityNames[(int)value];

    public static string ToWire(this Sex value) => SexNames[(int)value];

    public static string ToWire(this AgeBand value) => AgeBandNames[(int)value];
}
