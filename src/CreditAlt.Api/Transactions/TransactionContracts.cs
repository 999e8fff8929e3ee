using CreditAlt.Api.Decisions;

namespace CreditAlt.Api.Transactions;

/// <summary>
/// A decision request that carries raw bank transactions instead of an application (docs/api.md): the service derives
/// the application (obligations, payment histories, cash flow) and scores it exactly like one sent ready-made.
/// </summary>
/// <param name="ApplicationId">The lender's id for this application (at most 64 characters).</param>
/// <param name="ApplicantId">The lender's id for the applicant; must be the consent's applicant.</param>
/// <param name="AsOfDate">Date the application is assessed as of (yyyy-MM-dd); transactions after it count nowhere.</param>
/// <param name="RequestedAmount">Amount of credit asked for (0 to 10,000,000, at most 2 decimals).</param>
/// <param name="Consent">The applicant's authorisation (docs/data-formats.md, "Consent record").</param>
/// <param name="Transactions">The provider's document with a <c>format</c> property added: <c>fdx</c> (accounts and transactions as FDX serves them) or <c>plaid</c> (aggregator JSON).</param>
public sealed record TransactionDecisionDocument(
    string ApplicationId,
    string ApplicantId,
    DateOnly AsOfDate,
    decimal RequestedAmount,
    System.Text.Json.JsonElement Consent,
    System.Text.Json.JsonElement Transactions);

/// <summary>What the service inferred from the transactions, so the lender and the applicant can see (and dispute) it.</summary>
/// <param name="ConsentId">The consent the data was used under.</param>
/// <param name="Format">The format the transactions came in.</param>
/// <param name="TransactionsUsed">Posted transactions read.</param>
/// <param name="TransactionsIgnored">Transactions left out (pending, memo, repeated id).</param>
/// <param name="BalanceBasis">How lowest balances were found: <c>given</c>, <c>reconstructed</c> or <c>unknown</c>.</param>
/// <param name="Obligations">The recurring payments found, each an obligation account with its monthly payment history, as scored.</param>
/// <param name="CashFlow">The monthly cash flow, as scored.</param>
public sealed record DerivedView(
    string ConsentId,
    string Format,
    int TransactionsUsed,
    int TransactionsIgnored,
    string BalanceBasis,
    IReadOnlyList<DerivedObligationView> Obligations,
    IReadOnlyList<CashFlowDocument> CashFlow);

/// <summary>One recurring payment stream found in the transactions.</summary>
/// <param name="AccountId">The obligation account id given to the stream (R1, U1, T1, …).</param>
/// <param name="Type">rent, utility, telecom, childcare, insurance or other.</param>
/// <param name="Payee">Who was paid (the furnisher of the derived account).</param>
/// <param name="Cadence">monthly, biweekly or weekly.</param>
/// <param name="DueDay">The usual day of the month taken as the due day.</param>
/// <param name="MonthlyAmount">The median monthly total.</param>
/// <param name="Payments">Each month: due date, amount due, when paid (null when no payment was found) and how much.</param>
public sealed record DerivedObligationView(
    string AccountId,
    string Type,
    string Payee,
    string Cadence,
    int DueDay,
    decimal MonthlyAmount,
    IReadOnlyList<PaymentDocument> Payments);

/// <summary>A revocation the lender records on the applicant's request.</summary>
/// <param name="RequestedBy"><c>applicant</c> (the usual case), <c>lender</c> or <c>data_provider</c>.</param>
/// <param name="Reason">Optional, at most 200 characters.</param>
public sealed record RevocationRequest(string RequestedBy, string? Reason);

/// <summary>A consent as stored, after a revocation.</summary>
/// <param name="ConsentId">The consent's id.</param>
/// <param name="ApplicationId">The application it authorised.</param>
/// <param name="GrantedAt">When the applicant granted it.</param>
/// <param name="ExpiresAt">When it expires.</param>
/// <param name="RevokedAt">When it was revoked (the first revocation counts).</param>
/// <param name="RevokedBy">At whose request.</param>
/// <param name="Reason">Why, if given.</param>
/// <param name="RawTransactionSetsDeleted">Raw transaction sets deleted by this request (0 when it was already revoked).</param>
public sealed record ConsentView(
    string ConsentId,
    string ApplicationId,
    DateTimeOffset GrantedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt,
    string? RevokedBy,
    string? Reason,
    int RawTransactionSetsDeleted);
