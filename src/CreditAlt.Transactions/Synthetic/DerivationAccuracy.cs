using CreditAlt.Core.Applications;
using CreditAlt.Transactions.Categorising;
using CreditAlt.Transactions.Deriving;

namespace CreditAlt.Transactions.Synthetic;

/// <summary>
/// Accumulates how well derivations recover the truth of synthetic transactions (docs/transactions.md, "Accuracy"):
/// obligation streams found (precision and recall per type), the on-time/late/missing status of each month, monthly
/// inflow within 1 %, and categorisation (per-class precision/recall, macro-F1). Decision agreement is counted by the caller,
/// which holds the model.
/// </summary>
public sealed class DerivationAccuracy
{
    private readonly int[] _streamTp = new int[6], _streamFp = new int[6], _streamFn = new int[6];
    private readonly long[,] _confusion = new long[TransactionCategories.All.Count, TransactionCategories.All.Count];

    private readonly long[,] _status = new long[3, 4];

    /// <summary>Months by true status (on time, late, missing) and derived status (the same, or no derived record).</summary>
    public long StatusCount(int truth, int derived) => _status[truth, derived];

    public static readonly string[] StatusNames = ["on_time", "late", "missing", "no record"];

    public long Months { get; private set; }
    public long MonthsRight { get; private set; }
    public long InflowMonths { get; private set; }
    public long InflowWithin1Pct { get; private set; }
    public long Applications { get; private set; }
    public long DecisionsCompared { get; private set; }
    public long DecisionsAgree { get; private set; }

    /// <summary>Where each miss is written, one line each (missed and spurious streams with their transactions, wrong months), when set.</summary>
    public TextWriter? Misses { get; init; }

    public void CountDecision(bool agree)
    {
        DecisionsCompared++;
        if (agree) DecisionsAgree++;
    }

    /// <summary>on time (paid within the grace), late, or missing (not paid by the as-of date).</summary>
    public static string Status(PaymentRecord p) =>
        p.PaidDate is not { } paid ? "missing" : paid.DayNumber - p.DueDate.DayNumber <= Core.Attributes.PaymentTiming.GraceDays ? "on_time" : "late";

    public void Add(SyntheticTransactions s, Derivation d)
    {
        Applications++;
        var txs = d.Transactions;
        for (var i = 0; i < txs.Count; i++) _confusion[(int)s.TruthCategory[i], (int)txs[i].Category]++;

        // A derived stream is the truth account most of its transactions pay.
        var truthById = s.Truth.Obligations.ToDictionary(a => a.AccountId);
        var matched = new Dictionary<string, ObligationAccount>();
        foreach (var account in d.Application.Obligations)
        {
            var votes = new Dictionary<string, int>();
            for (var i = 0; i < txs.Count; i++)
                if (txs[i].StreamAccountId == account.AccountId && s.TruthAccount[i] is { } truthId)
                    votes[truthId] = votes.GetValueOrDefault(truthId) + 1;
            var best = votes.OrderByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal).Select(v => v.Key).FirstOrDefault();
            if (best is not null && truthById[best].Type == account.Type && !matched.ContainsKey(best))
            {
                matched[best] = account;
                _streamTp[(int)account.Type]++;
            }
            else
            {
                _streamFp[(int)account.Type]++;
                Misses?.WriteLine($"spurious {s.Truth.ApplicationId} {account.AccountId} {account.Type} '{account.Furnisher}' {account.MonthlyAmount} votes {string.Join(' ', votes.Select(v => v.Key + ":" + v.Value))}");
            }
        }

        foreach (var truth in s.Truth.Obligations)
        {
            // Only accounts the transactions can show: paid in at least two months of the bank window.
            var paidMonths = truth.Payments.Where(p => p.PaidDate is { } pd && pd <= s.Truth.AsOfDate).Select(p => (p.PaidDate!.Value.Year, p.PaidDate!.Value.Month)).Distinct().Count();
            if (paidMonths < 2) continue;
            if (!matched.TryGetValue(truth.AccountId, out var derived))
            {
                _streamFn[(int)truth.Type]++;
                if (Misses is { } w)
                {
                    w.WriteLine($"missed {s.Truth.ApplicationId} {truth.AccountId} {truth.Type} '{truth.Furnisher}' {truth.MonthlyAmount} paid in {paidMonths} months");
                    for (var i = 0; i < txs.Count; i++)
                        if (s.TruthAccount[i] == truth.AccountId)
                            w.WriteLine($"    {txs[i].Transaction.Date:yyyy-MM-dd} {txs[i].Transaction.Amount} '{txs[i].Transaction.Description}' payee='{txs[i].Transaction.Payee}' -> {txs[i].Category} by {txs[i].DecidedBy} stream {txs[i].StreamAccountId} key {txs[i].PayeeKey} note {txs[i].Note}");
                }

                continue;
            }
            foreach (var p in truth.Payments)
            {
                Months++;
                var nearest = derived.Payments.MinBy(q => Math.Abs(q.DueDate.DayNumber - p.DueDate.DayNumber));
                var got = nearest is not null && Math.Abs(nearest.DueDate.DayNumber - p.DueDate.DayNumber) <= 15 ? Status(nearest) : "no record";
                _status[Array.IndexOf(StatusNames, Status(p)), Array.IndexOf(StatusNames, got)]++;
                if (got == Status(p)) MonthsRight++;
                else Misses?.WriteLine($"month {s.Truth.ApplicationId} {truth.AccountId} {truth.Type} due {p.DueDate:yyyy-MM-dd} paid {p.PaidDate:yyyy-MM-dd} {p.AmountPaid}/{p.AmountDue}: {Status(p)} read {got} (derived due {nearest?.DueDate:yyyy-MM-dd} paid {nearest?.PaidDate:yyyy-MM-dd})");
            }
        }

        var derivedMonths = d.Application.CashFlow.ToDictionary(m => m.Month);
        foreach (var m in s.Truth.CashFlow)
        {
            InflowMonths++;
            if (derivedMonths.TryGetValue(m.Month, out var got) && Math.Abs(got.Inflow - m.Inflow) <= 0.01m * Math.Abs(m.Inflow) + 0.005m) InflowWithin1Pct++;
        }
    }

    public (int Tp, int Fp, int Fn) Streams(ObligationType type) => (_streamTp[(int)type], _streamFp[(int)type], _streamFn[(int)type]);

    public (double Precision, double Recall, long Support) Category(TransactionCategory c)
    {
        long tp = _confusion[(int)c, (int)c], predicted = 0, actual = 0;
        for (var k = 0; k < TransactionCategories.All.Count; k++) { predicted += _confusion[k, (int)c]; actual += _confusion[(int)c, k]; }
        return (predicted == 0 ? double.NaN : (double)tp / predicted, actual == 0 ? double.NaN : (double)tp / actual, actual);
    }

    /// <summary>Mean F1 over the categories present in the truth.</summary>
    public double MacroF1()
    {
        double sum = 0;
        var n = 0;
        foreach (var c in TransactionCategories.All)
        {
            var (p, r, support) = Category(c);
            if (support == 0) continue;
            n++;
            if (!double.IsNaN(p) && p + r > 0) sum += 2 * p * r / (p + r);
        }

        return n == 0 ? double.NaN : sum / n;
    }
}
