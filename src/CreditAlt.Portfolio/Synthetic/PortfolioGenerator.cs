using System.Globalization;
using CreditAlt.Core.Applications;
using CreditAlt.Demographics;
using CreditAlt.Portfolio.Audit;

namespace CreditAlt.Portfolio.Synthetic;

/// <summary>
/// Draws synthetic applicants following the generative story of docs/synthetic-data.md. Applicant
/// <c>i</c> depends only on (seed, i, as-of date), so any slice can be generated on any thread and
/// the output is the same bytes for the same seed. Never reads the clock.
/// </summary>
public sealed class PortfolioGenerator
{
    /// <summary>The as-of date used unless one is given.</summary>
    public static readonly DateOnly DefaultAsOf = new(2026, 6, 30);

    private readonly ulong _seed;
    private readonly string _idFormat;

    public PortfolioGenerator(long seed, long applications, DateOnly? asOf = null)
    {
        _seed = unchecked((ulong)seed);
        AsOf = asOf ?? DefaultAsOf;
        Applications = applications;
        var width = Math.Max(7, applications.ToString(CultureInfo.InvariantCulture).Length);
        _idFormat = "D" + width.ToString(CultureInfo.InvariantCulture);
    }

    public DateOnly AsOf { get; }

    public long Applications { get; }

    /// <summary>Zero-padded so that ordinal order equals numeric order: APP-0000001, APP-0000002, ...</summary>
    public string ApplicationId(long index) => "APP-" + (index + 1).ToString(_idFormat, CultureInfo.InvariantCulture);

    // Population shares (roughly US adult shares; "other" pools the smaller groups).
    private static readonly double[] RaceShares = [0.60, 0.13, 0.18, 0.06, 0.03];
    private static readonly double[] SexShares = [0.51, 0.49];
    private static readonly double[] AgeShares = [0.12, 0.20, 0.19, 0.17, 0.17, 0.15];

    // Structural differences between groups: median monthly income, share renting, rent as a share of income.
    private static readonly double[] RaceMedianIncome = [4300, 3200, 3500, 4700, 3700];
    private static readonly double[] RaceRenterShare = [0.33, 0.58, 0.52, 0.42, 0.48];
    private static readonly double[] RaceRentShift = [0.00, 0.04, 0.03, 0.02, 0.02];
    private static readonly double[] AgeIncomeFactor = [0.62, 0.88, 1.05, 1.12, 1.06, 0.80];
    private static readonly double[] AgeRenterShift = [0.30, 0.12, 0.00, -0.06, -0.10, -0.12];
    private static readonly double[] AgeChildcare = [0.06, 0.30, 0.28, 0.08, 0.01, 0.00];
    private static readonly double[] AgeInvisibleShift = [0.22, 0.02, -0.02, -0.03, -0.02, 0.04];
    private static readonly double[] RaceInvisibleShift = [-0.02, 0.07, 0.07, 0.00, 0.03];

    private static readonly string[][] Furnishers =
    [
        ["Maple Court Apartments", "Riverside Property Management", "Oak & Pine Homes, LLC", "Harborview Residential", "Greenfield Lettings"],
        ["Metro Power & Light", "City Water Utility", "Valley Gas Company", "Northern Electric Cooperative"],
        ["Bluewave Mobile", "Skyline Wireless", "FiberNet Broadband", "Summit Telecom"],
        ["Little Steps Daycare", "Sunshine Early Learning", "Bright Horizons Kids Club"],
        ["Harbor Mutual Insurance", "Keystone Auto Insurance", "Evergreen Renters Insurance"],
        ["FitLife Gym", "StreamPlus Media", "\"Home Guard\" Security"],
    ];

    private static readonly string[] AccountPrefix = ["R", "U", "T", "C", "I", "O"];

    public GeneratedApplicant Generate(long index)
    {
        var rng = new Xoshiro256(_seed, unchecked((ulong)index));
        var id = ApplicationId(index);

        // Who the applicant is (kept for audits only) and how resilient they are (never written).
        var race = (RaceEthnicity)rng.Pick(RaceShares);
        var sex = (Sex)rng.Pick(SexShares);
        var age = (AgeBand)rng.Pick(AgeShares);
        var z = rng.NextNormal();

        var income = RaceMedianIncome[(int)race] * AgeIncomeFactor[(int)age] * (sex == Sex.Female ? 0.9 : 1.0)
                     * Math.Exp(0.40 * rng.NextNormal() + 0.15 * z);
        income = Math.Clamp(income, 900, 40_000);
        var renter = rng.Chance(Math.Clamp(RaceRenterShare[(int)race] + AgeRenterShift[(int)age], 0.05, 0.95));

        // History length: mostly 12-36 months; a few thin files (< 6 months) and some in between.
        var historyRoll = rng.NextDouble();
        var history = historyRoll < 0.03 ? rng.Between(2, 5) : historyRoll < 0.10 ? rng.Between(6, 11) : rng.Between(12, 36);
        var hasCashFlow = rng.Chance(0.85);
        var cashFlowMonths = hasCashFlow ? Math.Min(history, rng.Between(6, 24)) : 0;

        // Which accounts: rent for renters, utility and telecom common, childcare for some, insurance/other sometimes.
        Span<bool> has = stackalloc bool[6];
        has[0] = renter;
        has[1] = rng.Chance(renter ? 0.70 : 0.93);
        has[2] = rng.Chance(0.88);
        has[3] = rng.Chance(AgeChildcare[(int)age]);
        has[4] = rng.Chance(0.30);
        has[5] = rng.Chance(0.15);
        if (!has[0] && !has[1] && !has[2]) has[2] = true;
        var count = 0;
        foreach (var h in has) if (h) count++;
        if (count > 5) has[5] = false;

        // The month-by-month distress path shared by every account and the bank account: a two-state
        // Markov chain whose entry rate falls with resilience. Index 0 is the as-of month, 1 the one before, ...
        var span = Math.Max(history, cashFlowMonths + 1);
        Span<bool> distress = stackalloc bool[64];
        var enter = Logistic(-4.3 - 1.2 * z);
        var exit = Math.Clamp(0.40 + 0.10 * z, 0.15, 0.70);
        var state = rng.Chance(enter / (enter + exit));
        for (var k = span - 1; k >= 0; k--)
        {
            distress[k] = state;
            state = state ? !rng.Chance(exit) : rng.Chance(enter);
        }

        var asOfMonth = new DateOnly(AsOf.Year, AsOf.Month, 1);
        var accounts = new List<ObligationAccount>(5);
        for (var t = 0; t < 6; t++)
        {
            if (!has[t]) continue;
            var type = (ObligationType)t;
            var furnisher = Furnishers[t][rng.Between(0, Furnishers[t].Length - 1)];
            var monthly = t switch
            {
                0 => RoundTo(income * Math.Clamp(0.27 + RaceRentShift[(int)race] + 0.06 * rng.NextNormal(), 0.12, 0.65), 5),
                1 => Cents(60 + 160 * rng.NextDouble()),
                2 => Cents(40 + 110 * rng.NextDouble()),
                3 => RoundTo(450 + 1000 * rng.NextDouble(), 5),
                4 => Cents(60 + 180 * rng.NextDouble()),
                _ => Cents(10 + 60 * rng.NextDouble()),
            };
            var dueDay = t == 0 ? 1 : rng.Between(1, 28);
            var months = t <= 2 ? history : Math.Max(1, history - rng.Between(0, history / 2));
            var payments = new List<PaymentRecord>(months);
            for (var k = months - 1; k >= 0; k--)
            {
                var month = asOfMonth.AddMonths(-k);
                var due = new DateOnly(month.Year, month.Month, dueDay);
                if (due > AsOf) continue;
                var amountDue = t == 1 ? Cents((double)monthly * (0.8 + 0.4 * rng.NextDouble())) : monthly;
                payments.Add(Pay(ref rng, type, due, amountDue, z, distress[k]));
            }
            if (payments.Count == 0) continue;
            accounts.Add(new ObligationAccount(AccountPrefix[t] + "1", type, furnisher, monthly, payments.ToArray()));
        }

        var cashFlow = CashFlow(ref rng, asOfMonth, cashFlowMonths, income, z, distress);
        var requested = RoundTo(Math.Clamp(income * (0.4 + 2.6 * rng.NextDouble()), 500, 25_000), 50);
        var applicantId = "CUS-" + (rng.NextUInt64() >> 32).ToString("X8", CultureInfo.InvariantCulture);
        var application = new Application(id, applicantId, AsOf, requested, accounts.ToArray(), cashFlow);

        var pd = RiskDrivers.From(application).TruePd;
        var defaulted = rng.Chance(pd);
        var invisible = rng.Chance(Math.Clamp(0.13 + AgeInvisibleShift[(int)age] + RaceInvisibleShift[(int)race], 0.02, 0.6));
        // Debt-based score: tied to resilience more loosely than the obligations and cash flow are.
        var scoreNoise = rng.NextNormal();
        int? bureau = invisible ? null : (int)Math.Round(Math.Clamp(690 + 75 * (0.40 * z + 0.9165 * scoreNoise), 300, 850));
        var demographics = new DemographicRecord(id,
            rng.Chance(0.10) ? null : race,
            rng.Chance(0.06) ? null : sex,
            rng.Chance(0.05) ? null : age);
        return new GeneratedApplicant(application, demographics, new OutcomeRecord(id, defaulted, Math.Round(pd, 6), bureau));
    }

    private PaymentRecord Pay(ref Xoshiro256 rng, ObligationType type, DateOnly due, decimal amountDue, double z, bool distressed)
    {
        // Rent is protected first when money is short; telecom and "other" slip first.
        var typeShift = type switch
        {
            ObligationType.Rent => -0.5,
            ObligationType.Childcare => -0.3,
            ObligationType.Insurance => -0.1,
            ObligationType.Utility => 0.1,
            _ => 0.3,
        };
        int daysLate;
        var fraction = 1.0;
        var never = false;
        if (distressed && rng.Chance(Logistic(1.2 + typeShift)))
        {
            never = rng.Chance(0.10);
            daysLate = rng.Pick([0.30, 0.38, 0.19, 0.13]) switch
            {
                0 => rng.Between(3, 29),
                1 => rng.Between(30, 59),
                2 => rng.Between(60, 89),
                _ => rng.Between(90, 150),
            };
            if (rng.Chance(0.30)) fraction = 0.3 + 0.6 * rng.NextDouble();
        }
        else
        {
            var roll = rng.NextDouble();
            var smallLate = Logistic(-2.8 - 0.7 * z + typeShift);
            var bigLate = Logistic(-6.2 - 0.9 * z + typeShift);
            daysLate = roll < bigLate ? rng.Between(30, 45)
                : roll < bigLate + smallLate ? rng.Between(1, 20)
                : -rng.Between(0, 6);
            if (rng.Chance(Logistic(-6.0 - 0.9 * z))) fraction = 0.5 + 0.45 * rng.NextDouble();
        }
        var paid = due.AddDays(daysLate);
        if (never || paid > AsOf) return new PaymentRecord(due, amountDue, null, 0m);
        var amountPaid = fraction >= 1.0 ? amountDue : Math.Max(0.01m, Cents((double)amountDue * fraction));
        return new PaymentRecord(due, amountDue, paid, amountPaid);
    }

    private static CashFlowMonth[] CashFlow(ref Xoshiro256 rng, DateOnly asOfMonth, int months, double income, double z, ReadOnlySpan<bool> distress)
    {
        if (months == 0) return [];
        var result = new CashFlowMonth[months];
        var volatility = 0.05 + 0.22 * Logistic(-1.2 * z);
        var spend = 0.95 - 0.03 * z;
        var target = income * 1.2 * Math.Exp(0.8 * z);
        var balance = target * Math.Exp(0.5 * rng.NextNormal()) - income * 0.2;
        // Whole calendar months before the as-of month, oldest first.
        for (var i = 0; i < months; i++)
        {
            var k = months - i; // months before the as-of month
            var bad = distress[k];
            var inflow = income * Math.Exp(volatility * rng.NextNormal());
            if (bad && rng.Chance(0.5)) inflow *= 0.45 + 0.3 * rng.NextDouble();
            var outflow = inflow * (spend + 0.05 * rng.NextNormal() + (bad ? 0.15 : 0)) + 0.25 * (balance - target);
            outflow = Math.Clamp(outflow, inflow * 0.3, inflow * 2.0 + 2000);
            var end = balance + inflow - outflow;
            var lowest = Math.Min(balance, end) - inflow * (0.02 + 0.25 * rng.NextDouble()) * (bad ? 1.6 : 1.0);
            var nsf = lowest < 0 ? Math.Min(15, rng.Poisson(0.2 + Math.Min(-lowest / 1000, 1.5))) : 0;
            result[i] = new CashFlowMonth(asOfMonth.AddMonths(-k), Cents(inflow), Cents(outflow), Cents(lowest), nsf);
            balance = end;
        }
        return result;
    }

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));

    private static decimal Cents(double value) => Math.Round((decimal)value, 2, MidpointRounding.AwayFromZero);

    private static decimal RoundTo(double value, int step) => (decimal)(Math.Round(value / step, MidpointRounding.AwayFromZero) * step);
}
