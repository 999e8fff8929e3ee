namespace CreditAlt.Core.Applications;

/// <summary>
/// Who supplied a piece of the application's data (an obligation account, the cash flow): the provenance the FCRA
/// §615(a) disclosure needs when a consumer reporting agency supplied it (its name, address and toll-free phone).
/// Optional everywhere; never a model input.
/// </summary>
/// <param name="Name">The source's name (1 to 200 characters).</param>
/// <param name="Address">Its mailing address (required for a consumer reporting agency).</param>
/// <param name="Phone">Its telephone number, toll-free for a nationwide agency (required for a consumer reporting agency).</param>
/// <param name="IsConsumerReportingAgency">True when the source is a consumer reporting agency (a bureau, or an aggregator acting as one).</param>
public sealed record DataSource(string Name, string? Address, string? Phone, bool IsConsumerReportingAgency);

/// <summary>
/// The applicant's name and mailing address, for the letter's address block. Optional, and never a model input:
/// <c>ArchitectureTests</c> keeps the attribute calculator from reading them.
/// </summary>
/// <param name="Name">The applicant's name (1 to 200 characters).</param>
/// <param name="AddressLines">1 to 4 lines of the mailing address (each 1 to 100 characters).</param>
public sealed record MailingAddress(string Name, IReadOnlyList<string> AddressLines);
