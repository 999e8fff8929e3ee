using CreditAlt.Transactions.Parsing;

namespace CreditAlt.Transactions.Consent;

/// <summary>What the data is about to be used for, and when it arrived (the instant consent is judged at).</summary>
/// <param name="ApplicationId">The application the data is sent with.</param>
/// <param name="ApplicantId">The applicant of that application.</param>
/// <param name="ReceivedAt">When the data was received: the API's clock at the request, the CLI's <c>--received-at</c>. Passed in, so the check never reads a clock.</param>
public sealed record ConsentUse(string ApplicationId, string ApplicantId, DateTimeOffset ReceivedAt);

/// <summary>One reason the data may not be used, at the place it concerns (a JSON path, a CSV line, or the consent's field).</summary>
public sealed record ConsentRefusal(string Path, string Reason)
{
    public override string ToString() => $"{Path}: {Reason}";
}

/// <summary>
/// The consent rules (docs/transactions.md, "Consent"): a transaction set is used only under a consent for this
/// application's credit underwriting, given by its applicant, in force when the data was received, and only for the
/// accounts and dates it covers. Pure functions of their arguments.
/// </summary>
public static class ConsentCheck
{
    /// <value>At most 20 refused transactions are named one by one; the rest are counted.</value>
    public const int MaxNamed = 20;

    /// <summary>Whether <paramref name="consent"/> allows <paramref name="use"/>; <paramref name="path"/> is where the consent sits (<c>$.consent</c>, or the consent file).</summary>
    public static IReadOnlyList<ConsentRefusal> ForUse(ConsentRecord consent, ConsentUse use, string path)
    {
        var refusals = new List<ConsentRefusal>();
        if (!string.Equals(consent.Purpose.ApplicationId, use.ApplicationId, StringComparison.Ordinal))
            refusals.Add(new($"{path}.purpose.applicationId",
                $"the consent is for {consent.Purpose.Describe()}, not for application {use.ApplicationId}: data is used only for the purpose the applicant authorised"));
        if (!string.Equals(consent.ApplicantId, use.ApplicantId, StringComparison.Ordinal))
            refusals.Add(new($"{path}.applicantId", $"the consent was given by applicant {consent.ApplicantId}, not by {use.ApplicantId}"));
        var at = ConsentJson.Format(use.ReceivedAt);
        if (use.ReceivedAt < consent.GrantedAt)
            refusals.Add(new($"{path}.grantedAt", $"the consent was granted at {ConsentJson.Format(consent.GrantedAt)}, after the data was received ({at})"));
        if (use.ReceivedAt >= consent.ExpiresAt)
            refusals.Add(new($"{path}.expiresAt", $"the consent expired at {ConsentJson.Format(consent.ExpiresAt)}, before the data was received ({at}); the applicant must authorise again"));
        if (consent.Revocation is { } r && r.RevokedAt <= use.ReceivedAt)
            refusals.Add(new($"{path}.revocation", $"the consent was revoked at {ConsentJson.Format(r.RevokedAt)} (by the {r.RevokedBy.Replace('_', ' ')}); data is no longer used after revocation"));
        return refusals;
    }

    /// <summary>
    /// Every account and transaction of <paramref name="set"/> outside the consent's accounts or date range.
    /// <paramref name="locate"/> turns a reader's location (<c>$.transactions[3]</c>, <c>line 7</c>) into the caller's path.
    /// </summary>
    public static IReadOnlyList<ConsentRefusal> ForTransactions(ConsentRecord consent, TransactionSet set, Func<string, string> locate)
    {
        var refusals = new List<ConsentRefusal>();
        var shared = new HashSet<string>(consent.Accounts, StringComparer.Ordinal);
        var accounts = string.Join(", ", consent.Accounts);
        var outside = 0;
        for (var i = 0; i < set.Accounts.Count; i++)
            if (!shared.Contains(set.Accounts[i].AccountId))
                Add(refusals, ref outside, new(locate($"$.accounts[{i}]"), $"account '{set.Accounts[i].AccountId}' is not one the applicant shared ({accounts})"));
        foreach (var t in set.Transactions)
        {
            if (!shared.Contains(t.AccountId))
                Add(refusals, ref outside, new(locate(t.Location), $"transaction '{t.TransactionId}' is in account '{t.AccountId}', not one the applicant shared ({accounts})"));
            else if (t.Date < consent.Scope.From || t.Date > consent.Scope.To)
                Add(refusals, ref outside, new(locate(t.Location),
                    $"transaction '{t.TransactionId}' is dated {t.Date:yyyy-MM-dd}, outside the consented dates {consent.Scope.From:yyyy-MM-dd} to {consent.Scope.To:yyyy-MM-dd}"));
        }
        if (outside > MaxNamed)
            refusals.Add(new(locate("$"), $"{outside - MaxNamed} more accounts or transactions outside the consent"));
        return refusals;
    }

    /// <summary>
    /// The set with only what the consent's categories cover: without <see cref="ConsentCategories.Balances"/>, the
    /// balances are dropped before anything reads them (the lowest balance is then unknown, docs/transactions.md).
    /// </summary>
    public static TransactionSet Minimise(ConsentRecord consent, TransactionSet set)
    {
        if (consent.Scope.Covers(ConsentCategories.Balances))
            return set;
        return set with
        {
            Accounts = [.. set.Accounts.Select(a => a with { CurrentBalance = null })],
            Transactions = [.. set.Transactions.Select(t => t.Balance is null ? t : t with { Balance = null })],
        };
    }

    private static void Add(List<ConsentRefusal> refusals, ref int outside, ConsentRefusal refusal)
    {
        if (++outside <= MaxNamed) refusals.Add(refusal);
    }
}
