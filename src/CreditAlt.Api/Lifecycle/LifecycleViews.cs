using System.Text.Json.Serialization;
using CreditAlt.Api.Lifecycle;

namespace CreditAlt.Api.Decisions;

// The lifecycle's additions to the decision and notice records, kept in this file so the records' own files stay as they are.

public sealed partial record DecisionResponse
{
    /// <summary>The underwriter's current final action, when one was recorded.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FinalActionView? FinalAction { get; init; }
}

/// <summary>The counteroffer part of a notice (Regulation B Appendix C, form C-4).</summary>
/// <param name="Amount">The amount of credit offered.</param>
/// <param name="Terms">The terms offered.</param>
/// <param name="AcceptWithinDays">Days the applicant has to accept (90: §1002.9(a)(1)(iv)).</param>
/// <param name="Wording">The counteroffer paragraph as printed.</param>
public sealed record CounterofferNotice(decimal Amount, string Terms, int AcceptWithinDays, string Wording);

public sealed partial record NoticeResponse
{
    /// <summary>Which version of the notice this is: 1 is the model decision's; each final action, resolution or incompleteness notice adds one.</summary>
    public int Version { get; init; } = 1;

    /// <summary>How many versions exist; earlier ones stay readable with <c>?version=N</c>.</summary>
    public int Versions { get; init; } = 1;

    /// <summary>The final action this version reflects, if any.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FinalActionView? FinalAction { get; init; }

    /// <summary>The outcome of each dispute of this decision's data resolved so far (and the re-decision, when the data changed).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<CreditAlt.Api.Disputes.DisputeOutcomeNotice>? Disputes { get; init; }

    /// <summary>For an insufficient-data decision answered with a notice of incompleteness (§1002.9(c)): what is missing and by when.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CreditAlt.Api.Incompleteness.IncompletenessNoticeSection? Incompleteness { get; init; }

    /// <summary>
    /// For adverse action: the FCRA §615(a) block of each consumer reporting agency that supplied data used (name, address,
    /// phone and the statements the law asks for), or, when none did, the statement that only applicant-provided or
    /// permissioned data was used.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ConsumerReportDisclosure? ConsumerReports { get; init; }

    /// <summary>For a counteroffer: what is offered and how to accept.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CounterofferNotice? Counteroffer { get; init; }
}

/// <summary>One consumer reporting agency's §615(a) disclosure.</summary>
/// <param name="Name">The agency.</param>
/// <param name="Address">Its address.</param>
/// <param name="Phone">Its telephone number (toll-free for a nationwide agency).</param>
/// <param name="Statements">What §615(a)(3)-(4) require: it supplied information, it did not make the decision and cannot explain it, the free copy within 60 days, the right to dispute with it.</param>
public sealed record AgencyDisclosure(string Name, string Address, string Phone, IReadOnlyList<string> Statements);

/// <summary>The consumer-report part of an adverse action notice.</summary>
/// <param name="Agencies">One block per consumer reporting agency whose data was used; empty when none.</param>
/// <param name="Statement">When no agency's data was used: that the decision used only what the applicant provided or permissioned.</param>
public sealed record ConsumerReportDisclosure(IReadOnlyList<AgencyDisclosure> Agencies, string? Statement);
