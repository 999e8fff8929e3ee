using CreditAlt.Core.Applications;
using CreditAlt.Transactions.Categorising;
using CreditAlt.Transactions.Parsing;
using static CreditAlt.Transactions.Categorising.TransactionCategory;

namespace CreditAlt.Transactions.Deriving;

/// <summary>
/// From a transaction set to an <see cref="Application"/>: categorise, pair own transfers, net reversals, find the
/// recurring obligation streams and their monthly payment histories, and sum the monthly cash flow
/// (docs/transactions.md). Pure: no clock, no I/O; the same set and request give the same derivation.
/// Not thread-safe (the categoriser memoises): one instance per thread.
/// </summary>
public sealed class TransactionDeriver(ITransactionClassifier? classifier = null)
{
    /// <value>3 days: the most a transfer between two of the applicant's accounts takes to arrive.</value>
    public const int OwnTransferDays = 3;

    /// <value>90 days: how far back a refund or reversal looks for what it reverses.</value>
    public const int ReversalLookbackDays = 90;

    private readonly RuleCategoriser _rules = new();

    // How it runs, not what it decides: a payee name's cleaned form and payee key, worked out once per distinct name (a
    // payee recurs every month; descriptors, with their reference numbers, mostly do not), and the model's decided-by text.
    private readonly Dictionary<string, (string Clean, string Key)> _payees = new(StringComparer.Ordinal);
    private readonly string? _modelDecidedBy = classifier is null ? null : "model:" + classifier.Version;

    public Derivation Derive(TransactionSet set, DerivationRequest request)
    {
        var txs = set.Transactions;
        var n = txs.Count;
        var category = new TransactionCategory[n];
        var decidedBy = new string[n];
        var keys = new string[n];
        var notes = new string?[n];
        var reversal = new bool[n];
        var asOf = request.AsOfDate;

        for (var i = 0; i < n; i++)
        {
            var t = txs[i];
            var clean = Descriptor.Clean(t.Description);
            var (payee, payeeKey) = t.Payee is null ? (clean, null) : CleanPayee(t.Payee);
            var text = payee.Length == 0 || clean.Contains(payee, StringComparison.Ordinal) ? clean : clean + " " + payee;
            keys[i] = payee.Length > 0 && payeeKey is not null ? payeeKey : Descriptor.PayeeKey(payee.Length > 0 ? payee : clean);
            var c = _rules.Categorise(t, text);
            if (classifier is not null && c.DecidedBy.StartsWith("default:", StringComparison.Ordinal)
                && classifier.TryClassify(text, t.IsDebit, out var predicted))
                c = new Categorisation(predicted, _modelDecidedBy!);
            (category[i], decidedBy[i]) = (c.Category, c.DecidedBy);
            reversal[i] = c.DecidedBy.StartsWith("reversal:", StringComparison.Ordinal);
            if (reversal[i]) keys[i] = Descriptor.PayeeKey(RemoveReversalWords(payee.Length > 0 ? payee : clean));
            if (t.Date > asOf) notes[i] = "after the as-of date: not counted";
        }

        PairOwnTransfers(txs, category, decidedBy, notes);
        var netted = NetReversals(txs, keys, reversal, notes);
        var (accounts, streams, streamOf) = FindStreams(txs, category, keys, notes, netted, asOf);
        var (cashFlow, basis) = CashFlow(set, category, reversal, notes, netted, asOf);

        var categorised = new CategorisedTransaction[n];
        for (var i = 0; i < n; i++)
            categorised[i] = new CategorisedTransaction(txs[i], category[i], decidedBy[i], keys[i], streamOf[i], notes[i]);
        var application = new Application(request.ApplicationId, request.ApplicantId, asOf, request.RequestedAmount, accounts, cashFlow);
        return new Derivation(application, categorised, streams, basis);
    }

    private (string Clean, string? Key) CleanPayee(string name)
    {
        if (!_payees.TryGetValue(name, out var known))
        {
            var clean = Descriptor.Clean(name);
            _payees[name] = known = (clean, Descriptor.PayeeKey(clean));
        }

        return known;
    }

    private static string RemoveReversalWords(string text)
    {
        foreach (var w in (string[])["REFUND", "REVERSAL", "REVERSED", "RETURN", "CHARGEBACK", "CREDIT ADJ"])
            text = text.Replace(w, "", StringComparison.Ordinal);
        return Descriptor.Clean(text);
    }

    // A debit and a credit of the same amount in two different shared accounts within 3 days, one of them read as a
    // transfer, are one movement of the applicant's own money: neither spending nor income.
    private static void PairOwnTransfers(IReadOnlyList<BankTransaction> txs, TransactionCategory[] category, string[] decidedBy, string?[] notes)
    {
        Dictionary<decimal, List<int>>? credits = null;
        for (var i = 0; i < txs.Count; i++)
            if (!txs[i].IsDebit && txs[i].Amount > 0)
                ((credits ??= []).TryGetValue(txs[i].Amount, out var list) ? list : credits[txs[i].Amount] = []).Add(i);
        if (credits is null) return;
        for (var i = 0; i < txs.Count; i++)
        {
            var d = txs[i];
            if (!d.IsDebit || !credits.TryGetValue(-d.Amount, out var candidates)) continue;
            foreach (var j in candidates)
            {
                var c = txs[j];
                if (category[j] == TransferOwn || c.AccountId == d.AccountId || Math.Abs(c.Date.DayNumber - d.Date.DayNumber) > OwnTransferDays) continue;
                if (category[i] != TransferOther && category[j] != TransferOther) continue;
                category[i] = category[j] = TransferOwn;
                decidedBy[i] = "pair:" + c.TransactionId;
                decidedBy[j] = "pair:" + d.TransactionId;
                notes[i] ??= "own transfer: neither spending nor income";
                notes[j] ??= "own transfer: neither spending nor income";
                break;
            }
        }
    }

    // A refund nets against the latest earlier debit of the same account and payee (within 90 days) that it does not
    // exceed; a fully reversed debit leaves its stream. Returns, per debit, the amount reversed.
    private static decimal[] NetReversals(IReadOnlyList<BankTransaction> txs, string[] keys, bool[] reversal, string?[] notes)
    {
        var netted = new decimal[txs.Count];
        for (var i = 0; i < txs.Count; i++)
        {
            if (!reversal[i]) continue;
            var r = txs[i];
            var match = -1;
            for (var j = 0; j < txs.Count; j++)
            {
                var d = txs[j];
                if (!d.IsDebit || d.AccountId != r.AccountId || keys[j] != keys[i] || d.Date > r.Date
                    || r.Date.DayNumber - d.Date.DayNumber > ReversalLookbackDays || -d.Amount - netted[j] < r.Amount) continue;
                if (match < 0 || d.Date >= txs[match].Date) match = j;
            }

            if (match < 0)
            {
                notes[i] ??= "refund or reversal (nothing matching found): nets against the month's spending, not income";
                continue;
            }

            netted[match] += r.Amount;
            notes[i] ??= "reversal of " + txs[match].TransactionId + ": not income";
            if (netted[match] == -txs[match].Amount) notes[match] ??= "reversed by " + r.TransactionId + ": not counted";
        }

        return netted;
    }

    private static readonly string[] Prefix = ["R", "U", "T", "C", "I", "O"];

    private static ObligationType? ObligationOf(TransactionCategory c) => c switch
    {
        Rent => ObligationType.Rent,
        Utility => ObligationType.Utility,
        Telecom => ObligationType.Telecom,
        Childcare => ObligationType.Childcare,
        Insurance => ObligationType.Insurance,
        OtherSpending => ObligationType.Other,
        _ => null,
    };

    private sealed class Group(ObligationType type, string key)
    {
        public ObligationType Type { get; set; } = type;
        public List<string> Keys { get; } = [key];
        public List<int> Members { get; } = [];
        public decimal Monthly { get; set; }
        public decimal TypicalPayment { get; set; }
        public int Months { get; set; }
        public string Cadence { get; set; } = "";
        public int DueDay { get; set; }

        /// <summary>Paid in one calendar month only (twice, a month apart): kept only when a later name continues it.</summary>
        public bool OldNameOnly { get; set; }

        /// <summary>The payments of <see cref="Members"/> with their cadence, due day and monthly amount; null once merged.</summary>
        public (DateOnly Date, decimal Amount)[]? Pays { get; set; }
    }

    private static (ObligationAccount[] Accounts, PaymentStream[] Streams, string?[] StreamOf) FindStreams(
        IReadOnlyList<BankTransaction> txs, TransactionCategory[] category, string[] keys, string?[] notes, decimal[] netted, DateOnly asOf)
    {
        var byKey = new Dictionary<(ObligationType, string), Group>();
        for (var i = 0; i < txs.Count; i++)
        {
            if (!txs[i].IsDebit || notes[i] is not null || ObligationOf(category[i]) is not { } type) continue;
            if (!byKey.TryGetValue((type, keys[i]), out var g)) byKey[(type, keys[i])] = g = new Group(type, keys[i]);
            g.Members.Add(i);
        }

        var candidates = new List<Group>();
        foreach (var g in byKey.Values)
        {
            g.Members.Sort((a, b) => txs[a].Date.CompareTo(txs[b].Date) is var c && c != 0 ? c : a.CompareTo(b));
            var pays = Payments(txs, g.Members, netted);
            g.Months = DistinctMonths(pays);
            // Only candidates need their amounts (for merging): most other-spending payees (card spending) are not.
            // Too few payments to be a stream alone, but enough to be the old name of a payee that changed it: a candidate to
            // be continued, not a stream of its own (below). A bill's payments in one calendar month only, a month apart (the
            // 1st and the 25th); a subscription's in two months, at one price to the cent (three are needed alone).
            g.OldNameOnly = TwoPayments(pays) && (g.Type != ObligationType.Other ? g.Months == 1
                : g.Months == 2 && pays.Length == 2 && pays[0].Amount == pays[1].Amount);
            if (!(g.OldNameOnly || (g.Type != ObligationType.Other ? g.Months >= 2 : IsSubscription(pays, g.Months)))) continue;
            // A bill at a fixed price of a rent's size is not a subscription: no gym, streaming or alarm plan costs
            // 400 a month, while a landlord's name cut by the bank's field width (`OAK PINE H`) leaves a rent unnamed.
            // Loans and mortgages have their own words (loan_payment, mortgage) and never reach this point.
            if (g.Type == ObligationType.Other && MedianPayment(pays) >= RentSizedPayment) g.Type = ObligationType.Rent;
            // Monthly amount by payment window, not calendar month: a rent split in two around the month end is one month.
            g.Cadence = StreamBuilder.Cadence(pays);
            g.DueDay = g.Cadence == "monthly" ? StreamBuilder.DueDay(pays) : 0;
            g.Monthly = StreamBuilder.MonthlyAmount(pays, g.Cadence, g.DueDay);
            g.TypicalPayment = MedianPayment(pays);
            g.Pays = pays;
            candidates.Add(g);
        }

        // A payee that changes its name: a stream of the same type that starts soon after another ended (or overlaps
        // its end by a late payment or two), with a monthly amount (or a typical payment) within 20 %, continues it.
        candidates.Sort((a, b) => txs[a.Members[0]].Date.CompareTo(txs[b.Members[0]].Date) is var c && c != 0 ? c : string.CompareOrdinal(a.Keys[0], b.Keys[0]));
        var merged = new List<Group>();
        foreach (var g in candidates)
        {
            var into = merged.LastOrDefault(m => Continues(txs, m, g));
            if (into is null) { merged.Add(g); continue; }
            into.Members.AddRange(g.Members);
            into.Members.Sort((a, b) => txs[a].Date.CompareTo(txs[b].Date) is var c && c != 0 ? c : a.CompareTo(b));
            into.Keys.AddRange(g.Keys);
            into.Months += g.Months;
            into.Pays = null; // its payments, cadence and due day are worked out again below
            into.OldNameOnly = false;
        }

        merged.RemoveAll(g => g.OldNameOnly);

        // At most 20 accounts (ApplicationLimits): the longest streams, then in order of their first payment.
        var kept = merged.Select((g, order) => (g, order)).OrderByDescending(x => x.g.Months).ThenBy(x => x.order)
            .Take(ApplicationLimits.MaxAccounts).OrderBy(x => x.order).Select(x => x.g).ToList();

        var streamOf = new string?[txs.Count];
        var accounts = new List<ObligationAccount>(kept.Count);
        var streams = new List<PaymentStream>(kept.Count);
        Span<int> counters = stackalloc int[6];
        foreach (var g in kept)
        {
            // A group that was not merged has them from above (the same members give the same payments).
            var pays = g.Pays ?? Payments(txs, g.Members, netted);
            var cadence = g.Pays is null ? StreamBuilder.Cadence(pays) : g.Cadence;
            var dueDay = g.Pays is null ? cadence == "monthly" ? StreamBuilder.DueDay(pays) : 0 : g.DueDay;
            var monthly = g.Pays is null ? StreamBuilder.MonthlyAmount(pays, cadence, dueDay) : g.Monthly;
            var records = StreamBuilder.Records(pays, monthly, cadence, dueDay, asOf);
            if (records.Length == 0) continue;
            if (records.Length > ApplicationLimits.MaxPaymentsPerAccount) records = records[^ApplicationLimits.MaxPaymentsPerAccount..];
            var id = Prefix[(int)g.Type] + (++counters[(int)g.Type]).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var last = txs[g.Members[^1]];
            var furnisher = Furnisher(last);
            accounts.Add(new ObligationAccount(id, g.Type, furnisher, monthly, records));
            streams.Add(new PaymentStream(id, g.Type, furnisher, g.Keys, cadence, dueDay, monthly, g.Members.Count));
            foreach (var i in g.Members) streamOf[i] = id;
        }

        return (accounts.ToArray(), streams.ToArray(), streamOf);
    }

    /// <value>400: a fixed monthly payment at least this large to a payee the rules do not know is rent, not a subscription.</value>
    public const decimal RentSizedPayment = 400m;

    // Two payments more than a few days apart (not the two parts of one payment, StreamBuilder.PartsWithinDays).
    private static bool TwoPayments(ReadOnlySpan<(DateOnly Date, decimal Amount)> pays) =>
        pays.Length >= 2 && pays[^1].Date.DayNumber - pays[0].Date.DayNumber > StreamBuilder.PartsWithinDays;

    /// <value>92 days: the longest gap between a payee's last payment and its successor's first that still continues it.</value>
    public const int RenameGapDays = 92;

    /// <value>2: how many payments to the old name may follow the first to the new one (late months paid after the change).</value>
    public const int RenameOverlapPayments = 2;

    // The later stream continues the earlier (a payee that changed its name): same type, the later starts at most 92 days
    // after the earlier's last payment — a late or missed month around the change leaves a gap of more than two months —
    // or before it (by at most 62 days), as long as at most 2 payments to the old name follow (late months paid after the change; two accounts
    // of one type held side by side overlap all along), and the monthly amounts or the typical payments are within 20 %.
    private static bool Continues(IReadOnlyList<BankTransaction> txs, Group earlier, Group later)
    {
        if (earlier.Type != later.Type) return false;
        var start = txs[later.Members[0]].Date.DayNumber;
        var end = txs[earlier.Members[^1]].Date.DayNumber;
        var overlap = 0;
        foreach (var i in earlier.Members)
            if (txs[i].Date.DayNumber >= start) overlap++;
        return overlap <= RenameOverlapPayments && start - end <= RenameGapDays && end - start <= 62
            && (Within20Pct(earlier.Monthly, later.Monthly) || Within20Pct(earlier.TypicalPayment, later.TypicalPayment));
    }

    // Either the monthly amounts or the typical payments agree: a short stream's monthly amount is thrown by one late
    // month paid together with the next.
    private static bool Within20Pct(decimal a, decimal b) => Math.Abs(a - b) <= 0.2m * Math.Max(a, b);

    private static decimal MedianPayment(ReadOnlySpan<(DateOnly Date, decimal Amount)> pays)
    {
        var amounts = new decimal[pays.Length];
        for (var i = 0; i < pays.Length; i++) amounts[i] = pays[i].Amount;
        Array.Sort(amounts);
        return amounts[amounts.Length / 2];
    }

    private static string Furnisher(BankTransaction t)
    {
        var name = t.Payee ?? Descriptor.Clean(t.Description);
        if (name.Length == 0) name = t.Description.Trim();
        return name.Length > ApplicationLimits.MaxFurnisherLength ? name[..ApplicationLimits.MaxFurnisherLength] : name;
    }

    private static (DateOnly Date, decimal Amount)[] Payments(IReadOnlyList<BankTransaction> txs, List<int> members, decimal[] netted)
    {
        var pays = new (DateOnly, decimal)[members.Count];
        for (var k = 0; k < members.Count; k++) pays[k] = (txs[members[k]].Date, -txs[members[k]].Amount - netted[members[k]]);
        Array.Sort(pays, (a, b) => a.Item1.CompareTo(b.Item1));
        return pays;
    }

    private static int DistinctMonths(ReadOnlySpan<(DateOnly Date, decimal Amount)> pays)
    {
        var months = 0;
        var last = -1;
        foreach (var p in pays)
        {
            var m = p.Date.Year * 12 + p.Date.Month;
            if (m != last) { months++; last = m; }
        }

        return months;
    }

    // Other spending recurs as an obligation (a subscription, a gym) when it is paid in at least 3 calendar months, at a
    // monthly cadence (payments a month apart, StreamBuilder.Cadence), in a number of payments between 60 % and 125 % (plus
    // one) of the months from its first to its last payment, counted by the time between them (a late stretch or a missed
    // month is allowed, so is a catch-up of two months at once, a weekly habit is not; counted by time, so that a bill paid on
    // the 30th and the next on the 1st are two months, not one month paid twice), and with at least two thirds of its
    // payments at its price to the cent: the median payment, or the amount of the payment before or after (a price that
    // changed). A subscription is charged at its price, while purchases at one shop seldom repeat an amount to the cent: the
    // 2 % tolerance this replaced let a shop visited every other month at about 230 through as a bill; a third of the payments
    // may be partial or catch-up amounts of a member who fell behind.
    private static bool IsSubscription(ReadOnlySpan<(DateOnly Date, decimal Amount)> pays, int months)
    {
        if (months < 3 || StreamBuilder.Cadence(pays) != "monthly") return false;
        var monthsApart = (int)Math.Round((pays[^1].Date.DayNumber - pays[0].Date.DayNumber) / 30.4375) + 1;
        if (pays.Length > 1.25 * monthsApart + 1 || pays.Length < 0.6 * monthsApart) return false;
        var typical = MedianPayment(pays);
        var repeated = 0;
        for (var i = 0; i < pays.Length; i++)
            if (pays[i].Amount == typical || (i > 0 && pays[i].Amount == pays[i - 1].Amount) || (i + 1 < pays.Length && pays[i].Amount == pays[i + 1].Amount))
                repeated++;
        return 3 * repeated >= 2 * pays.Length;
    }

    private static (CashFlowMonth[] Months, BalanceBasis Basis) CashFlow(
        TransactionSet set, TransactionCategory[] category, bool[] reversal, string?[] notes, decimal[] netted, DateOnly asOf)
    {
        var txs = set.Transactions;
        var order = Enumerable.Range(0, txs.Count).Where(i => txs[i].Date <= asOf).ToArray();
        if (order.Length == 0) return ([], BalanceBasis.Unknown);
        Array.Sort(order, (a, b) => txs[a].Date.CompareTo(txs[b].Date) is var c && c != 0 ? c : a.CompareTo(b));

        // Months: from the month of the first transaction (the next one when it starts after the 10th: a partial
        // month would understate inflow) to the month before the as-of month.
        var firstDate = txs[order[0]].Date;
        var start = new DateOnly(firstDate.Year, firstDate.Month, 1);
        if (firstDate.Day > 10) start = start.AddMonths(1);
        var end = new DateOnly(asOf.Year, asOf.Month, 1);
        var count = (end.Year - start.Year) * 12 + end.Month - start.Month;
        if (count <= 0) return ([], BalanceBasis.Unknown);

        var (opening, basis) = OpeningBalance(set, order);
        var inflow = new decimal[count];
        var outflow = new decimal[count];
        var nsf = new int[count];
        var lowest = new decimal[count];
        var balance = opening;
        var current = -1;
        for (var k = 0; k < order.Length; k++)
        {
            var i = order[k];
            var t = txs[i];
            var m = (t.Date.Year - start.Year) * 12 + t.Date.Month - start.Month;
            if (m >= count) break;
            // Every day's closing balance counts; so does the balance carried into a month with no transaction yet.
            while (current < m)
            {
                current++;
                if (current >= 0) lowest[current] = balance;
            }

            // The balance moves with every transaction, own transfers included; inflow and outflow do not.
            var isLastOfDay = k == order.Length - 1 || txs[order[k + 1]].Date != t.Date;
            balance += t.Amount;
            if (m >= 0)
            {
                if (isLastOfDay && balance < lowest[m]) lowest[m] = balance;
                if (category[i] == TransferOwn || (notes[i] is not null && notes[i]!.StartsWith("reversed by", StringComparison.Ordinal))) { }
                else if (reversal[i]) { }
                else if (t.IsDebit) outflow[m] += -t.Amount - netted[i];
                else inflow[m] += t.Amount;
                if (category[i] == Fees) nsf[m]++;
            }
        }

        while (current < count - 1) { current++; lowest[current] = balance; }

        // Unmatched refunds still lower the month's spending.
        foreach (var i in order)
        {
            var t = txs[i];
            var m = (t.Date.Year - start.Year) * 12 + t.Date.Month - start.Month;
            if (m < 0 || m >= count || !reversal[i] || notes[i] is null || !notes[i]!.StartsWith("refund or reversal", StringComparison.Ordinal)) continue;
            outflow[m] = Math.Max(0, outflow[m] - t.Amount);
        }

        var first = Math.Max(0, count - ApplicationLimits.MaxCashFlowMonths);
        var months = new CashFlowMonth[count - first];
        for (var m = first; m < count; m++)
            months[m - first] = new CashFlowMonth(start.AddMonths(m), inflow[m], outflow[m], lowest[m], nsf[m]);
        return (months, basis);
    }

    // The combined opening balance of the shared accounts, before their first transaction: from a row's balance when
    // the rows carry balances, else from the account's current balance less every posted transaction up to the as-of date.
    private static (decimal Opening, BalanceBasis Basis) OpeningBalance(TransactionSet set, int[] order)
    {
        var txs = set.Transactions;
        decimal opening = 0;
        var basis = BalanceBasis.Given;
        foreach (var account in set.Accounts)
        {
            var firstWithBalance = -1;
            var allHaveBalance = true;
            decimal sum = 0;
            foreach (var i in order)
            {
                if (txs[i].AccountId != account.AccountId) continue;
                if (txs[i].Balance is null) allHaveBalance = false;
                else if (firstWithBalance < 0) firstWithBalance = i;
            }

            if (allHaveBalance && firstWithBalance >= 0)
                opening += txs[firstWithBalance].Balance!.Value - txs[firstWithBalance].Amount;
            else if (account.CurrentBalance is { } current)
            {
                // The current balance includes every posted transaction, also any after the as-of date.
                foreach (var t in txs)
                    if (t.AccountId == account.AccountId) sum += t.Amount;
                opening += current - sum;
                if (basis == BalanceBasis.Given) basis = BalanceBasis.Reconstructed;
            }
            else
            {
                basis = BalanceBasis.Unknown;
            }
        }

        return (opening, basis);
    }
}

/// <summary>A text classifier consulted when no rule decided (step 2 of docs/transactions.md): the shipped ML.NET model, or none.</summary>
public interface ITransactionClassifier
{
    string Version { get; }

    bool TryClassify(string cleanText, bool debit, out TransactionCategory category);
}
