using System.Globalization;
using CreditAlt.Core.Applications;
using CreditAlt.Transactions.Categorising;
using CreditAlt.Transactions.Parsing;
using static CreditAlt.Transactions.Categorising.TransactionCategory;

namespace CreditAlt.Transactions.Synthetic;

/// <summary>
/// Raw transactions synthesised from a generated application, with the truth of each one: its category and the
/// obligation account it pays. <see cref="Truth"/> is what these transactions really contain — the generated obligations
/// restricted to the bank window (payments due from its first month on), and the cash flow of the synthetic account.
/// </summary>
public sealed record SyntheticTransactions(
    TransactionSet Set,
    IReadOnlyList<TransactionCategory> TruthCategory,
    IReadOnlyList<string?> TruthAccount,
    Application Truth,
    IReadOnlyList<(int Index, string Reason)> Pending);

/// <summary>
/// Turns a generated application with bank data into the raw transactions of a checking account (and a savings account
/// for some applicants) over its cash-flow months, with the noise of real accounts (docs/transactions.md, "Synthetic
/// transactions"): card spending at many merchants, P2P in and out, own transfers, refunds, one-off large purchases,
/// payroll with varying amounts, benefits, NSF fees, rent split in two payments, a payee that changes its name, varied
/// descriptors (case, store numbers, ACH/PPD/WEB, references, truncation, city/state) and a payee field only sometimes.
/// Late and missed months come from the generated payment history. Deterministic for (application, seed).
/// </summary>
public static class TransactionSynthesis
{
    private static readonly string[] Employers = ["ACME WIDGETS", "NORTHSTAR LOGISTICS", "BLUE RIVER HOSPITAL", "CITY OF SPRINGFIELD", "MEGAMART STORES", "SUNRISE HEALTH", "PIONEER FOODS", "LAKESIDE SCHOOL DIST", "TRIDENT MANUFACTURING", "COASTAL STAFFING"];
    private static readonly (string Name, int Mcc)[] Merchants =
    [
        ("FRESHMART", 5411), ("SHELL OIL", 5541), ("CORNER CAFE", 5814), ("TARGETLY", 5310), ("QUICKMART", 5499), ("BURGER BARN", 5814),
        ("PHARMAPLUS", 5912), ("HOMEWORKS", 5200), ("CINEMAX", 7832), ("RIDESHARE", 4121), ("BOOKNOOK", 5942), ("PETPALS", 5995),
        ("GREENLEAF GROCERS", 5411), ("SPEEDY LUBE", 7538), ("DOLLAR DEN", 5331), ("PIZZA PLANET", 5812),
    ];
    private static readonly (string Name, int Mcc)[] BigTicket = [("ELECTROWORLD", 5732), ("FURNITURE PALACE", 5712), ("AUTO REPAIR PRO", 7538), ("TRAVELWISE AIR", 4511)];
    private static readonly string[] Cities = ["SPRINGFIELD IL", "RIVERTON OH", "LAKEWOOD TX", "FAIRVIEW GA", "GREENVILLE WA", "CLEARWATER FL"];
    private static readonly string[] People = ["J SMITH", "M GARCIA", "A NGUYEN", "K JOHNSON", "R PATEL", "L BROWN", "T WILLIAMS"];

    // A payee that changes its name continues under another name of the same kind.
    private static readonly Dictionary<ObligationType, string[]> Renamed = new()
    {
        [ObligationType.Rent] = ["Crestline Property Mgmt", "Summit Residential Group", "Parkside Apartments"],
        [ObligationType.Utility] = ["Regional Electric Service", "Tri-County Water Utility"],
        [ObligationType.Telecom] = ["Nova Wireless", "Horizon Broadband"],
        [ObligationType.Childcare] = ["Happy Days Daycare"],
        [ObligationType.Insurance] = ["Shield Insurance Co"],
        [ObligationType.Other] = ["FitLife Gym"],
    };

    /// <param name="generated">The generated application.</param>
    /// <param name="seed">The seed of the synthesis.</param>
    /// <param name="heldOutPayees">
    /// Print every payee — landlords, utilities and the other obligations, the employer, card merchants, P2P counterparties —
    /// under a name the categoriser never saw in training (<see cref="HeldOutNaming"/>); the dates, amounts and truth are those
    /// of the same seed without it.
    /// </param>
    public static SyntheticTransactions? From(Application generated, int seed, bool heldOutPayees = false)
    {
        if (generated.CashFlow.Count == 0) return null;
        var rng = new Random(seed);
        // Its own random numbers, so that the transactions themselves are those of the same seed with the usual names.
        var names = heldOutPayees ? new HeldOutNaming(new Random(unchecked(seed * 31 + 16))) : null;
        var start = generated.CashFlow[0].Month;
        var end = generated.CashFlow[^1].Month.AddMonths(1); // exclusive: the as-of month has obligations but no cash-flow row
        var asOf = generated.AsOfDate;
        var b = new Builder(rng);
        const string checking = "CHK-1";
        var hasSavings = rng.NextDouble() < 0.5;

        // Obligations: each payment made inside the bank window is a debit on its paid date.
        var truthAccounts = new List<ObligationAccount>();
        foreach (var account in generated.Obligations)
        {
            var style = Style.Draw(rng, account.Type);
            var split = account.Type == ObligationType.Rent && rng.NextDouble() < 0.2;
            var renameFrom = rng.NextDouble() < 0.12 ? rng.Next(2, 8) : int.MaxValue;
            var name = names?.Payee(account.Furnisher, account.Type) ?? account.Furnisher;
            var kept = new List<PaymentRecord>();
            var k = 0;
            foreach (var p in account.Payments)
            {
                if (p.DueDate < start) continue;
                // Months never paid before the account's first payment in the window are not in the truth: no bank data
                // can show a bill that was not paid before the first payment to its payee (docs/transactions.md).
                if (kept.Count == 0 && (p.PaidDate is null || p.PaidDate > asOf)) continue;
                kept.Add(p);
                if (k++ == renameFrom)
                {
                    name = Renamed[account.Type][rng.Next(Renamed[account.Type].Length)];
                    name = names?.Payee(name, account.Type) ?? name;
                }
                // A payment due in the window but made shortly before it is in the bank data too (a rent paid early).
                if (p.PaidDate is not { } paid || paid < start.AddDays(-20) || paid > asOf) continue;
                var category = account.Type switch
                {
                    ObligationType.Rent => Rent, ObligationType.Utility => Utility, ObligationType.Telecom => Telecom,
                    ObligationType.Childcare => Childcare, ObligationType.Insurance => Insurance, _ => OtherSpending,
                };
                if (split && p.AmountPaid >= 200)
                {
                    var first = Math.Round(p.AmountPaid * 0.5m, 2);
                    b.Add(checking, paid.AddDays(-3), -first, style.Describe(rng, name, paid.AddDays(-3)), style.Payee(name), style.Type, style.Mcc, category, account.AccountId);
                    b.Add(checking, paid, -(p.AmountPaid - first), style.Describe(rng, name, paid), style.Payee(name), style.Type, style.Mcc, category, account.AccountId);
                }
                else
                {
                    b.Add(checking, paid, -p.AmountPaid, style.Describe(rng, name, paid), style.Payee(name), style.Type, style.Mcc, category, account.AccountId);
                }
            }

            if (kept.Count > 0) truthAccounts.Add(account with { Payments = kept.ToArray() });
        }

        // Income, spending and noise, month by month.
        var employer = Employers[rng.Next(Employers.Length)];
        if (names is not null) employer = names.Employer(employer);
        var payrollStyle = rng.Next(3);
        var benefits = rng.NextDouble() < 0.12;
        var savingsLast4 = rng.Next(1000, 9999).ToString(CultureInfo.InvariantCulture);
        var checkingLast4 = rng.Next(1000, 9999).ToString(CultureInfo.InvariantCulture);
        foreach (var month in generated.CashFlow)
        {
            var m = month.Month;
            var days = DateTime.DaysInMonth(m.Year, m.Month);
            DateOnly Day(int d) => m.AddDays(Math.Clamp(d, 1, days) - 1);
            var inflow = month.Inflow;
            var p2pIn = rng.NextDouble() < 0.2 ? Cents(20 + rng.NextDouble() * 130) : 0m;
            if (p2pIn > inflow * 0.2m) p2pIn = 0;
            var benefit = benefits ? Math.Round(inflow * 0.3m, 2) : 0m;
            var pay = inflow - p2pIn - benefit;
            var first = Math.Round(pay * (decimal)(0.47 + rng.NextDouble() * 0.06), 2);
            if (pay > 0)
            {
                b.Add(checking, Day(1 + rng.Next(3)), first, Payroll(rng, employer, payrollStyle), employer, "DIRECTDEPOSIT", null, IncomeWages, null);
                b.Add(checking, Day(15 + rng.Next(3)), pay - first, Payroll(rng, employer, payrollStyle), employer, "DIRECTDEPOSIT", null, IncomeWages, null);
            }

            if (benefit > 0) b.Add(checking, Day(3), benefit, "SSA TREAS 310 XXSOC SEC", null, "DIRECTDEPOSIT", null, IncomeBenefits, null);
            if (p2pIn > 0) b.Add(checking, Day(rng.Next(4, 27)), p2pIn, $"ZELLE FROM {Person(rng, names)} CONF {rng.Next(100000, 999999)}", null, "TRANSFER", null, TransferOther, null);

            var obligationsOut = b.OutflowIn(m);
            var outflow = Math.Max(month.Outflow, obligationsOut + 150);
            var rest = outflow - obligationsOut;
            for (var f = 0; f < month.NsfCount; f++)
            {
                b.Add(checking, Day(rng.Next(2, 28)), -35m, rng.Next(3) switch { 0 => "NSF RETURNED ITEM FEE", 1 => "OVERDRAFT FEE", _ => "INSUFFICIENT FUNDS FEE" }, null, "FEE", null, Fees, null);
                rest -= 35m;
            }

            if (rng.NextDouble() < 0.3 && rest > 100)
            {
                var amount = Cents(Math.Min((double)rest * 0.2, 25 + rng.NextDouble() * 150));
                b.Add(checking, Day(rng.Next(5, 28)), -amount, rng.Next(2) == 0 ? $"ZELLE TO {Person(rng, names)} CONF {rng.Next(100000, 999999)}" : $"VENMO PAYMENT {rng.Next(1000000, 9999999)}", null, "TRANSFER", null, TransferOther, null);
                rest -= amount;
            }

            if (rng.NextDouble() < 0.1 && rest > 600)
            {
                var (bigName, bigMcc) = BigTicket[rng.Next(BigTicket.Length)];
                bigName = names?.Merchant(bigName) ?? bigName;
                var amount = Cents(Math.Min((double)rest * 0.5, 300 + rng.NextDouble() * 1200));
                b.Add(checking, Day(rng.Next(3, 27)), -amount, $"{bigName} #{rng.Next(100, 999)} {Cities[rng.Next(Cities.Length)]}", null, "POSDEBIT", bigMcc, OtherSpending, null);
                rest -= amount;
            }

            // Card spending fills the rest of the month's outflow.
            var swipes = Math.Max(1, (int)Math.Min(25, (double)rest / 60));
            var weights = new double[swipes];
            for (var s = 0; s < swipes; s++) weights[s] = 0.3 + rng.NextDouble();
            var total = weights.Sum();
            var left = rest;
            for (var s = 0; s < swipes && left > 0; s++)
            {
                var amount = s == swipes - 1 ? left : Math.Min(left, Cents((double)rest * weights[s] / total));
                if (amount <= 0) continue;
                var (merchant, mcc) = Merchants[rng.Next(Merchants.Length)];
                merchant = names?.Merchant(merchant) ?? merchant;
                b.Add(checking, Day(rng.Next(1, days + 1)), -amount, Card(rng, merchant), rng.NextDouble() < 0.5 ? merchant : null, "POSDEBIT", mcc, OtherSpending, null);
                left -= amount;
            }

            // A purchase and its refund: outflow and inflow unchanged.
            if (rng.NextDouble() < 0.12)
            {
                var (merchant, mcc) = Merchants[rng.Next(Merchants.Length)];
                merchant = names?.Merchant(merchant) ?? merchant;
                var amount = Cents(15 + rng.NextDouble() * 120);
                var d = rng.Next(1, 18);
                var store = rng.Next(100, 999);
                b.Add(checking, Day(d), -amount, $"{merchant} #{store} {Cities[0]}", merchant, "POSDEBIT", mcc, OtherSpending, null, neutral: true);
                b.Add(checking, Day(d + rng.Next(2, 9)), amount, $"REFUND {merchant} #{store} {Cities[0]}", merchant, "POSCREDIT", mcc, OtherSpending, null, neutral: true);
            }

            // Own transfers to (and sometimes back from) savings.
            if (hasSavings)
            {
                var amount = Cents(50 + rng.NextDouble() * 250);
                var d = Day(rng.Next(20, 28));
                b.Add(checking, d, -amount, $"ONLINE TRANSFER TO SAV XXXX{savingsLast4}", null, "TRANSFER", null, TransferOwn, null, neutral: true);
                b.Add("SAV-1", d.AddDays(rng.Next(0, 2)), amount, $"ONLINE TRANSFER FROM CHK XXXX{checkingLast4}", null, "TRANSFER", null, TransferOwn, null, neutral: true);
            }
        }

        // Transactions of the as-of month: the obligation payments already added; nothing else is needed.
        var opening = Math.Round(Math.Max(100m, generated.CashFlow[0].LowestBalance + generated.CashFlow[0].Outflow * 0.3m), 2);
        return b.Finish(generated, truthAccounts, start, end, opening, hasSavings);
    }

    private static string Person(Random rng, HeldOutNaming? names)
    {
        var person = People[rng.Next(People.Length)];
        return names?.Person(person) ?? person;
    }

    private static decimal Cents(double v) => Math.Round((decimal)v, 2, MidpointRounding.AwayFromZero);

    private static string Payroll(Random rng, string employer, int style) => style switch
    {
        0 => $"{employer} PAYROLL PPD ID:{rng.Next(1000000, 9999999)}",
        1 => $"DIR DEP {employer} {rng.Next(100000, 999999)}",
        _ => $"{employer} SALARY ACH CREDIT",
    };

    private static string Card(Random rng, string merchant) => rng.Next(3) switch
    {
        0 => $"POS DEBIT {merchant} #{rng.Next(1000, 9999)} {Cities[rng.Next(Cities.Length)]}",
        1 => $"{merchant} {rng.Next(10000, 99999)} {Cities[rng.Next(Cities.Length)]}",
        _ => $"CHECKCARD {rng.Next(1, 12):00}{rng.Next(1, 28):00} {merchant} {Cities[rng.Next(Cities.Length)]}",
    };

    /// <summary>
    /// Payee names the categoriser never saw in training (<c>evaluate-transactions --held-out-payees</c>): a held-out name
    /// word of <see cref="DescriptorCorpus"/> and a word of the payee's trade (CYPRESS APARTMENTS, BEACON WIRELESS, LAUREL
    /// GYM; an employer's industry for payroll, a shop word for card merchants). Each usual name maps to one held-out name,
    /// and no two usual names of an application to the same one.
    /// </summary>
    private sealed class HeldOutNaming(Random rng)
    {
        // Industries of employers (the first words of the wages trade words) and the trade words of subscription-like spending.
        private static readonly string[] Industries = ["HOSPITAL", "LOGISTICS", "STORES", "MANUFACTURING", "SCHOOL DIST", "STAFFING", "HEALTH"];
        private static readonly string[] Subscriptions = ["GYM", "FITNESS CLUB", "HOME SECURITY", "ALARM SYSTEMS", "STREAMING", "MEDIA"];
        private static readonly string[] Shops = DescriptorCorpus.TradeWords(OtherSpending).Except(Subscriptions).ToArray();

        private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
        private readonly HashSet<string> _used = new(StringComparer.Ordinal);

        public string Payee(string usual, ObligationType type) => Map(usual, type switch
        {
            ObligationType.Rent => DescriptorCorpus.TradeWords(Rent),
            ObligationType.Utility => DescriptorCorpus.TradeWords(Utility),
            ObligationType.Telecom => DescriptorCorpus.TradeWords(Telecom),
            ObligationType.Childcare => DescriptorCorpus.TradeWords(Childcare),
            ObligationType.Insurance => DescriptorCorpus.TradeWords(Insurance),
            _ => Subscriptions,
        });

        public string Employer(string usual) => Map(usual, Industries);

        public string Merchant(string usual) => Map(usual, Shops);

        public string Person(string usual)
        {
            if (_names.TryGetValue(usual, out var known)) return known;
            var people = DescriptorCorpus.HeldOutPeople;
            return _names[usual] = people[rng.Next(people.Count)];
        }

        private string Map(string usual, IReadOnlyList<string> words)
        {
            if (_names.TryGetValue(usual, out var known)) return known;
            var names = DescriptorCorpus.HeldOutNames;
            string name;
            do name = names[rng.Next(names.Count)] + " " + words[rng.Next(words.Count)];
            while (!_used.Add(name));
            return _names[usual] = name;
        }
    }

    /// <summary>How one payee's payments read at this bank: fixed for the stream, as a bank's format is.</summary>
    private sealed record Style(int Template, int? Truncate, bool WithPayee, string? Type, int? Mcc, string City)
    {
        public static Style Draw(Random rng, ObligationType type)
        {
            int? mcc = type switch
            {
                ObligationType.Utility => 4900, ObligationType.Telecom => 4814, ObligationType.Childcare => 8351,
                ObligationType.Insurance => 6300, _ => null,
            };
            return new Style(rng.Next(5), rng.NextDouble() < 0.25 ? rng.Next(22, 30) : null, rng.NextDouble() < 0.7,
                rng.NextDouble() < 0.5 ? "BILLPAYMENT" : null, rng.NextDouble() < 0.5 ? mcc : null, Cities[rng.Next(Cities.Length)]);
        }

        public string? Payee(string name) => WithPayee ? name : null;

        public string Describe(Random rng, string name, DateOnly date)
        {
            var upper = Upper(name);
            var text = Template switch
            {
                0 => $"{upper} WEB PMT {date:yyyyMMdd}",
                1 => $"ACH DEBIT {upper} PPD ID:{rng.Next(1000000, 9999999)}",
                2 => $"{name} autopay {rng.Next(100000, 99999999)}",
                3 => $"{upper} BILL PAYMENT CONF#{rng.Next(10000, 99999)}",
                _ => $"POS {upper} #{rng.Next(10, 99)} {City}",
            };
            return Truncate is { } n && text.Length > n ? text[..n] : text;
        }

        private static string Upper(string name)
        {
            var chars = name.ToUpperInvariant().Where(c => c != '"' && c != ',').ToArray();
            return new string(chars);
        }
    }

    private sealed class Builder(Random rng)
    {
        private readonly List<(BankTransaction Tx, TransactionCategory Category, string? Account, bool Neutral)> _items = [];

        public void Add(string account, DateOnly date, decimal amount, string description, string? payee, string? type, int? mcc,
            TransactionCategory category, string? truthAccount, bool neutral = false) =>
            _items.Add((new BankTransaction(account, "", date, amount, description, payee, type, null, false, mcc, null, ""), category, truthAccount, neutral));

        public decimal OutflowIn(DateOnly month)
        {
            decimal sum = 0;
            foreach (var (tx, _, _, neutral) in _items)
                if (!neutral && tx.IsDebit && tx.Date.Year == month.Year && tx.Date.Month == month.Month) sum -= tx.Amount;
            return sum;
        }

        public SyntheticTransactions Finish(Application generated, List<ObligationAccount> truthAccounts, DateOnly start, DateOnly end, decimal opening, bool hasSavings)
        {
            var ordered = _items.Select((x, i) => (x, i)).OrderBy(p => p.x.Tx.Date).ThenBy(p => p.i).Select(p => p.x).ToList();
            var txs = new BankTransaction[ordered.Count];
            var categories = new TransactionCategory[ordered.Count];
            var accounts = new string?[ordered.Count];
            var months = (end.Year - start.Year) * 12 + end.Month - start.Month;
            var inflow = new decimal[months];
            var outflow = new decimal[months];
            var nsf = new int[months];
            var lowest = new decimal[months];
            Array.Fill(lowest, decimal.MaxValue);
            var balance = opening;
            var current = -1;
            decimal savings = 0;
            for (var i = 0; i < ordered.Count; i++)
            {
                var (tx, category, account, neutral) = ordered[i];
                txs[i] = tx with { TransactionId = "T" + (i + 1).ToString("D5", CultureInfo.InvariantCulture) };
                categories[i] = category;
                accounts[i] = account;
                var m = (tx.Date.Year - start.Year) * 12 + tx.Date.Month - start.Month;
                while (current < Math.Min(m, months - 1)) { current++; if (current >= 0) lowest[current] = balance + savings; }
                if (tx.AccountId == "SAV-1") savings += tx.Amount; else balance += tx.Amount;
                if (m < 0 || m >= months) continue;
                if (!neutral)
                {
                    if (tx.IsDebit) outflow[m] -= tx.Amount; else inflow[m] += tx.Amount;
                }

                if (category == Fees) nsf[m]++;
                if (i == ordered.Count - 1 || ordered[i + 1].Tx.Date != tx.Date) lowest[m] = Math.Min(lowest[m], balance + savings);
            }

            while (current < months - 1) { current++; lowest[current] = balance + savings; }
            var cashFlow = new CashFlowMonth[months];
            for (var m = 0; m < months; m++) cashFlow[m] = new CashFlowMonth(start.AddMonths(m), inflow[m], outflow[m], lowest[m], nsf[m]);
            var truth = generated with { Obligations = truthAccounts.ToArray(), CashFlow = cashFlow };

            var bankAccounts = new List<BankAccount> { new("CHK-1", "CHECKING", balance) };
            if (hasSavings) bankAccounts.Add(new BankAccount("SAV-1", "SAVINGS", savings));
            // Noise the readers must drop: a pending card swipe and a repeated transaction id.
            var pending = new List<(int, string)>();
            if (txs.Length > 3)
            {
                pending.Add((rng.Next(txs.Length), "pending"));
                pending.Add((rng.Next(txs.Length), "duplicate"));
            }

            return new SyntheticTransactions(new TransactionSet(TransactionFormat.Fdx, bankAccounts, txs, []), categories, accounts, truth, pending);
        }
    }
}
