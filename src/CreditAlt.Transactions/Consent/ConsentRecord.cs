namespace CreditAlt.Transactions.Consent;

/// <summary>
/// The applicant's authorisation for a lender to collect and use their bank data, modelled on the authorisation
/// disclosure of 12 CFR 1033.411 (who is authorised, which data provider, which data, for what purpose, for how long,
/// and how it ends). docs/transactions.md ("Consent") and docs/data-formats.md ("Consent record") give the rules.
/// </summary>
/// <param name="ConsentId">The lender's (or aggregator's) id for this authorisation.</param>
/// <param name="ApplicantId">Who authorised: the applicant, by the lender's applicant id.</param>
/// <param name="ThirdParty">The authorised third party (the lender) as named in the disclosure.</param>
/// <param name="DataProvider">The bank or aggregator that holds the data.</param>
/// <param name="Accounts">The account ids the applicant shared; data of any other account is refused.</param>
/// <param name="Scope">The data categories and the date range of transactions covered.</param>
/// <param name="Purpose">The one use the data may serve.</param>
/// <param name="GrantedAt">When the applicant signed.</param>
/// <param name="ExpiresAt">When the authorisation ends: after <see cref="GrantedAt"/>, at most one year later.</param>
/// <param name="Revocation">Present once the authorisation was revoked.</param>
public sealed record ConsentRecord(
    string ConsentId,
    string ApplicantId,
    string ThirdParty,
    string DataProvider,
    IReadOnlyList<string> Accounts,
    ConsentScope Scope,
    ConsentPurpose Purpose,
    DateTimeOffset GrantedAt,
    DateTimeOffset ExpiresAt,
    ConsentRevocation? Revocation)
{
    /// <summary>True when revoked at or before <paramref name="at"/>.</summary>
    public bool IsRevokedAt(DateTimeOffset at) => Revocation is { } r && r.RevokedAt <= at;

    /// <summary>True when granted, not expired and not revoked at <paramref name="at"/>.</summary>
    public bool IsInForceAt(DateTimeOffset at) => GrantedAt <= at && at < ExpiresAt && !IsRevokedAt(at);
}

/// <summary>Which data the applicant shared: categories (<see cref="ConsentCategories"/>) and the transaction dates covered.</summary>
public sealed record ConsentScope(IReadOnlyList<string> Categories, DateOnly From, DateOnly To)
{
    public bool Covers(string category) => Categories.Contains(category, StringComparer.Ordinal);
}

/// <summary>The one purpose of the data: <see cref="ConsentPurposes.CreditUnderwriting"/> for one application.</summary>
public sealed record ConsentPurpose(string Use, string ApplicationId)
{
    /// <summary>The purpose in words, as a disclosure says it.</summary>
    public string Describe() => $"credit underwriting for application {ApplicationId}";
}

/// <summary>The end of an authorisation: when, at whose request, and why.</summary>
public sealed record ConsentRevocation(DateTimeOffset RevokedAt, string RevokedBy, string? Reason);

/// <summary>Wire names of the data categories a consent can cover (after the covered data of 12 CFR 1033.211).</summary>
public static class ConsentCategories
{
    /// <summary>Transaction information: without it there is nothing to derive.</summary>
    public const string Transactions = "transactions";

    /// <summary>Account balances: without it balances in the set are dropped and the lowest balance is unknown.</summary>
    public const string Balances = "balances";

    /// <summary>Account type and identifiers.</summary>
    public const string AccountDetails = "account_details";

    public static readonly IReadOnlyList<string> All = [Transactions, Balances, AccountDetails];
}

/// <summary>Wire names of purposes and of who may revoke.</summary>
public static class ConsentPurposes
{
    public const string CreditUnderwriting = "credit_underwriting";

    /// <summary>Who may ask for a revocation: the applicant (directly or through the lender), the lender, the data provider.</summary>
    public static readonly IReadOnlyList<string> Revokers = ["applicant", "lender", "data_provider"];
}
