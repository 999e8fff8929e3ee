using System.Globalization;
using static CreditAlt.Core.Attributes.Actionability;
using static CreditAlt.Core.Attributes.RiskDirection;

namespace CreditAlt.Core.Attributes;

/// <summary>
/// The attribute catalogue: every attribute CreditAlt computes, in the fixed order of the value
/// vector that <see cref="AttributeCalculator"/> fills. Ids and reason codes are stable: models,
/// stored decisions and the reason-code document refer to them. docs/attributes.md is generated from here.
/// </summary>
public static class AttributeCatalogue
{
    /// <summary>Special value of the months-since-last-late attributes: no late payment on record.</summary>
    public const double NeverLate = -1;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly SpecialValue[] NoSpecials = [];
    private static readonly SpecialValue[] NeverLateSpecial = [new(NeverLate, "no payment 30 or more days late on record")];

    /// <summary>All attributes, index = position in the value vector (see <see cref="AttributeIndex"/>).</summary>
    public static IReadOnlyList<AttributeDefinition> All { get; } = Build();

    public static int Count => All.Count;

    private static readonly Dictionary<string, int> ById = All.Select((a, i) => (a.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);

    /// <summary>The position of an attribute in the value vector, or -1 when the id is unknown.</summary>
    public static int IndexOf(string id) => ById.TryGetValue(id, out var i) ? i : -1;

    public static AttributeDefinition Get(string id) =>
        IndexOf(id) is var i and >= 0 ? All[i] : throw new KeyNotFoundException($"No attribute '{id}' in the catalogue.");

    private static AttributeDefinition[] Build()
    {
        var list = new List<AttributeDefinition>();
        foreach (var (type, code) in new[] { ("rent", "RNT"), ("utility", "UTL"), ("telecom", "TEL"), ("childcare", "CHC") })
        {
            list.Add(OnTimeShare(type, code, 12));
            if (type != "childcare") list.Add(OnTimeShare(type, code, 24));
            list.Add(LateCount(type, code, 30, 12));
            if (type == "rent")
            {
                list.Add(LateCount(type, code, 60, 24));
                list.Add(MonthsSinceLate(type, code));
                list.Add(LongestStreak(type, code));
            }
            list.Add(MonthsOfHistory(type, code));
        }

        list.Add(LateCount("all", "ALL", 30, 12));
        list.Add(LateCount("all", "ALL", 60, 24));
        list.Add(LateCount("all", "ALL", 90, 24));
        list.Add(MonthsSinceLate("all", "ALL"));
        list.Add(LongestStreak("all", "ALL"));
        list.Add(new("all_partial_share_12m", "ALL-PRT",
            "Share of payments due in the last 12 months that were paid only in part.",
            "12 months", HigherIsRiskier, Actionable, NoSpecials,
            "{share} of obligation payments in the last 12 months were only partly paid",
            "No obligation payments were due in the last 12 months",
            ShareSentence("", " of obligation payments in the last 12 months were only partly paid"),
            (from, to) => $"pay every bill in full so that no more than {TargetPercent(to)} of payments over 12 months are partial (now {Percent(from)})") { Kind = AttributeValueKind.Share });
        list.Add(new("all_missed_count_24m", "ALL-MIS",
            "Payments due in the last 24 months that were never paid (30 or more days overdue on the as-of date).",
            "24 months", HigherIsRiskier, OnlyTime, NoSpecials,
            "{count} obligation payments were missed entirely in the last 24 months",
            "No obligation payments were due in the last 24 months",
            CountSentence("", "obligation payment was", "obligation payments were", " missed entirely in the last 24 months"),
            (from, to) => $"no further missed payments until the 24-month count falls from {N(from)} to {N(to)}") { Kind = AttributeValueKind.Count });
        list.Add(new("all_months_history", "ALL-HST",
            "Months from the earliest payment record of any obligation to the as-of month, inclusive.",
            "all history", LowerIsRiskier, OnlyTime, NoSpecials,
            "Only {months} months of obligation payment history",
            "No obligation payment history was provided",
            CountSentence("Only ", "month", "months", " of obligation payment history"),
            (from, to) => $"{N(to - from)} more months of payment history") { Kind = AttributeValueKind.Months });
        list.Add(new("obligation_type_count", "ALL-TYP",
            "Number of different obligation types (rent, utility, telecom, childcare, insurance, other) with payment history.",
            "all history", LowerIsRiskier, Actionable, NoSpecials,
            "Payment history for only {count} type(s) of obligation",
            "No obligation payment history was provided",
            Unless(0, "No obligation payment history was provided", CountSentence("Payment history was shared for only ", "type", "types", " of obligation")),
            (from, to) => $"share the payment history of {Plural(to - from, "more type", "more types")} of obligation (for example utility or telecom bills)") { Kind = AttributeValueKind.Count });

        list.Add(new("cashflow_obligation_burden", "CF-BRD",
            "Monthly amount due on active obligations (a record due in the last 3 months) divided by average monthly inflow over the last 6 months; capped at 10.",
            "3 and 6 months", HigherIsRiskier, Actionable, NoSpecials,
            "Monthly obligations are {ratio} of average monthly deposits",
            "No bank cash-flow data was provided",
            ShareSentence("Monthly obligations are ", " of average monthly deposits"),
            (from, to) => $"lower monthly obligations relative to deposits from {Percent(from)} to {TargetPercent(to)} or less") { Kind = AttributeValueKind.Share });
        list.Add(new("cashflow_inflow_cv_12m", "CF-VAR",
            "Variability of monthly inflow over the last 12 months: standard deviation divided by mean (population form); needs at least 3 months.",
            "12 months", HigherIsRiskier, Actionable, NoSpecials,
            "Monthly deposits varied by {cv} over the last 12 months",
            "Fewer than 3 months of bank cash-flow data were provided",
            ShareSentence("Monthly deposits varied by ", " from their average over the last 12 months"),
            (from, to) => $"steadier monthly deposits (variation down from {Percent(from)} to {TargetPercent(to)})") { Kind = AttributeValueKind.Share });
        list.Add(new("cashflow_nsf_count_12m", "CF-NSF",
            "Returned or overdraft (NSF) items in the last 12 months of bank data.",
            "12 months", HigherIsRiskier, OnlyTime, NoSpecials,
            "{count} returned or overdraft items in the last 12 months",
            "No bank cash-flow data was provided",
            CountSentence("", "returned or overdraft item", "returned or overdraft items", " in the last 12 months"),
            (from, to) => $"no new returned or overdraft items until the 12-month count falls from {N(from)} to {N(to)}") { Kind = AttributeValueKind.Count });
        list.Add(new("cashflow_lowest_balance_6m", "CF-LOW",
            "Lowest account balance in the last 6 months of bank data, in currency units.",
            "6 months", LowerIsRiskier, Actionable, NoSpecials,
            "Account balance fell to {amount} in the last 6 months",
            "No bank cash-flow data was provided",
            v => "Account balance fell to " + Money(v) + " in the last 6 months",
            (from, to) => $"keep the account balance at or above {TargetMoney(to)} (lowest was {Money(from)})") { Kind = AttributeValueKind.Money });
        list.Add(new("cashflow_negative_months_12m", "CF-NEG",
            "Months in the last 12 with outflow greater than inflow.",
            "12 months", HigherIsRiskier, Actionable, NoSpecials,
            "Spending exceeded deposits in {count} of the last 12 months",
            "No bank cash-flow data was provided",
            CountSentence("Spending exceeded deposits in ", "month", "months", " of the last 12"),
            (from, to) => $"spend less than is deposited so that no more than {Plural(to, "month", "months")} in 12 end negative (now {N(from)})") { Kind = AttributeValueKind.Count });
        list.Add(new("cashflow_net_flow_ratio_12m", "CF-NET",
            "Total inflow minus total outflow over the last 12 months, divided by total inflow; floored at -1.",
            "12 months", LowerIsRiskier, Actionable, NoSpecials,
            "Over the last 12 months {ratio} of deposits was left after spending",
            "No bank cash-flow data was provided",
            v => v < 0 ? "Over the last 12 months spending exceeded deposits by " + Percent(-v) + " of deposits" : "Over the last 12 months only " + Percent(v) + " of deposits was left after spending",
            (from, to) => $"keep at least {TargetPercent(to)} of deposits after spending over 12 months (now {Percent(from)})") { Kind = AttributeValueKind.Share });
        list.Add(new("cashflow_months", "CF-HST",
            "Months of bank cash-flow data provided in the last 12 months.",
            "12 months", LowerIsRiskier, OnlyTime, NoSpecials,
            "Only {months} months of bank cash-flow data",
            "No bank cash-flow data was provided",
            CountSentence("Only ", "month", "months", " of bank cash-flow data in the last 12 months"),
            (from, to) => $"{N(to - from)} more months of bank cash-flow data") { Kind = AttributeValueKind.Months });
        // Ability to pay (issue 16). Both work on the cash-flow months every application format carries, so every
        // portfolio has them; the income estimate is the median month's deposits, robust to a one-off large deposit.
        list.Add(new("cashflow_income_stability_6m", "CF-INS",
            "Deposits of the lowest month of the last 6 months of bank data divided by those of the median month (0 to 1; 1 when no month fell below the median); needs at least 3 months.",
            "6 months", LowerIsRiskier, Actionable, NoSpecials,
            "In the lowest of the last 6 months deposits were only {share} of a typical month",
            "Fewer than 3 months of bank cash-flow data in the last 6 months were provided",
            ShareSentence("In the lowest of the last 6 months deposits were only ", " of a typical month"),
            (from, to) => $"steadier deposits, no month below {TargetPercent(to)} of a typical month over 6 months (now {Percent(from)})") { Kind = AttributeValueKind.Share });
        list.Add(new("cashflow_residual_income_ratio", "CF-RES",
            $"Residual income as a share of income: the median monthly inflow of the last 6 months less the monthly amount due on active obligations (a record due in the last 3 months) and the monthly instalment of the requested amount under the documented product terms ({ProductTermsText}), divided by that inflow; floored at -1.",
            "3 and 6 months", LowerIsRiskier, Actionable, NoSpecials,
            "Only {ratio} of monthly deposits would be left after obligations and the requested loan's instalment",
            "No bank cash-flow data was provided",
            v => v < 0
                ? "Obligations and the requested loan's instalment would exceed monthly deposits by " + Percent(-v) + " of deposits"
                : "Only " + Percent(v) + " of monthly deposits would be left after obligations and the requested loan's instalment",
            (from, to) => $"borrow less or lower monthly obligations so that at least {TargetPercent(to)} of monthly deposits is left after obligations and the instalment (now {Percent(from)})") { Kind = AttributeValueKind.Share });
        return [.. list];
    }

    private static string ProductTermsText =>
        $"{(AbilityToPay.ProductTerms.Default.AnnualRate * 100).ToString("0.##", Inv)} % a year over {AbilityToPay.ProductTerms.Default.TermMonths} months";

    private static string Noun(string type) => type == "all" ? "obligation" : type;

    private static AttributeDefinition OnTimeShare(string type, string code, int months) => new(
        $"{type}_ontime_share_{months}m", $"{code}-OT{months}",
        $"Share of {Noun(type)} payments due in the last {months} months that were paid in full within {PaymentTiming.GraceDays} days of the due date (pending payments excluded).",
        $"{months} months", LowerIsRiskier, Actionable, NoSpecials,
        $"Only {{share}} of {Noun(type)} payments in the last {months} months were paid on time",
        $"No {Noun(type)} payments were due in the last {months} months",
        ShareSentence("Only ", $" of {Noun(type)} payments in the last {months} months were paid on time"),
        (from, to) => $"at least {Plural(Math.Ceiling(Math.Round((to - from) * months, 6)), "more month", "more months")} of on-time {Noun(type)} payments (on-time share over {months} months from {Percent(from)} to {TargetPercent(to)})") { Kind = AttributeValueKind.Share };

    private static AttributeDefinition LateCount(string type, string code, int days, int months) => new(
        $"{type}_late{days}_count_{months}m", $"{code}-L{days}-{months}",
        $"{Capital(Noun(type))} payments due in the last {months} months that were {days} or more days past due (paid that late, or still unpaid).",
        $"{months} months", HigherIsRiskier, OnlyTime, NoSpecials,
        $"{{count}} {Noun(type)} payments were {days} or more days late in the last {months} months",
        $"No {Noun(type)} payments were due in the last {months} months",
        CountSentence("", $"{Noun(type)} payment was", $"{Noun(type)} payments were", $" {days} or more days late in the last {months} months"),
        (from, to) => $"no further {Noun(type)} payments {days} or more days late until the {months}-month count falls from {N(from)} to {N(to)}") { Kind = AttributeValueKind.Count };

    private static AttributeDefinition MonthsSinceLate(string type, string code) => new(
        $"{type}_months_since_late30", $"{code}-RCN",
        $"Whole months from the due month of the most recent {Noun(type)} payment 30 or more days late to the as-of month; {NeverLate} when there is none.",
        "all history", LowerIsRiskier, OnlyTime, NeverLateSpecial,
        $"{Article(Noun(type))} payment was 30 or more days late {{months}} months ago",
        $"No {Noun(type)} payment history was provided",
        Unless(NeverLate, $"No {Noun(type)} payment 30 or more days late on record",
            Unless(0, $"{Article(Noun(type))} payment due this month is 30 or more days late",
                CountSentence($"{Article(Noun(type))} payment was 30 or more days late ", "month", "months", " ago"))),
        (from, to) => $"{N(to - from)} more months without a {Noun(type)} payment 30 or more days late") { Kind = AttributeValueKind.Months };

    private static AttributeDefinition LongestStreak(string type, string code) => new(
        $"{type}_longest_ontime_streak", $"{code}-STK",
        $"Longest run of consecutive on-time monthly payments on any one {Noun(type)} account.",
        "all history", LowerIsRiskier, Actionable, NoSpecials,
        $"The longest run of on-time {Noun(type)} payments is {{months}} months",
        $"No {Noun(type)} payment history was provided",
        CountSentence($"The longest run of consecutive on-time {Noun(type)} payments is only ", "month", "months", ""),
        (from, to) => $"{Plural(to, "consecutive month", "consecutive months")} of on-time {Noun(type)} payments (longest run now {N(from)})") { Kind = AttributeValueKind.Months };

    private static AttributeDefinition MonthsOfHistory(string type, string code) => new(
        $"{type}_months_history", $"{code}-HST",
        $"Months from the earliest {Noun(type)} payment record to the as-of month, inclusive; missing when there is no {Noun(type)} account.",
        "all history", LowerIsRiskier, OnlyTime, NoSpecials,
        $"Only {{months}} months of {Noun(type)} payment history",
        $"No {Noun(type)} payment history was provided",
        CountSentence("Only ", "month", "months", $" of {Noun(type)} payment history"),
        (from, to) => $"{N(to - from)} more months of {Noun(type)} payment history") { Kind = AttributeValueKind.Months };

    // Reason sentences are written for every refer and decline, so their fixed words are joined once, here, and each
    // call only formats the number and concatenates (the same text as interpolating every time).

    /// <summary>"{before}1 {singular}{after}" for 1, else "{before}{N(v)} {plural}{after}".</summary>
    private static Func<double, string> CountSentence(string before, string singular, string plural, string after)
    {
        var one = $"{before}1 {singular}{after}";
        var tail = $" {plural}{after}";
        return v => v == 1 ? one : string.Concat(before, N(v), tail);
    }

    /// <summary>"{before}{Percent(v)}{after}".</summary>
    private static Func<double, string> ShareSentence(string before, string after) => v => string.Concat(before, Percent(v), after);

    /// <summary><paramref name="sentence"/> for <paramref name="special"/>, otherwise <paramref name="otherwise"/>.</summary>
    private static Func<double, string> Unless(double special, string sentence, Func<double, string> otherwise) =>
        v => v == special ? sentence : otherwise(v);

    private static string Article(string noun) => ("aeiou".Contains(noun[0], StringComparison.Ordinal) ? "An " : "A ") + noun;

    private static string Capital(string s) => char.ToUpperInvariant(s[0]) + s[1..];

    // Whole numbers 0..1000 as text and as percentages, so the common sentences format without a custom numeric format.
    private const int CachedWholes = 1000;
    private static readonly string[] Wholes = [.. Enumerable.Range(0, CachedWholes + 1).Select(i => i.ToString(Inv))];
    private static readonly string[] WholePercents = [.. Wholes.Select(w => w + "%")];

    /// <summary>A number with up to two decimals ("3", "2.5").</summary>
    internal static string N(double v) =>
        v >= 0 && v <= CachedWholes && v == Math.Floor(v) && !double.IsNegative(v) ? Wholes[(int)v] : v.ToString("0.##", Inv);

    /// <summary>A share as a whole percentage ("58%"), rounded half away from zero.</summary>
    internal static string Percent(double share)
    {
        var percent = share * 100;
        // Away from a half, rounding the double itself gives what the "0" format gives (it rounds 15 significant digits).
        if (percent >= 0 && percent <= CachedWholes && !double.IsNegative(percent) && Math.Abs(percent - Math.Floor(percent) - 0.5) > 1e-6)
            return WholePercents[(int)Math.Round(percent)];
        return percent.ToString("0", Inv) + "%";
    }

    /// <summary>An amount with cents and thousands separators ("-$1,370.04").</summary>
    internal static string Money(double amount)
    {
        var magnitude = Math.Abs(amount);
        var cents = Math.Round(magnitude * 100);
        // Amounts come from decimals with at most two places: whole cents, formatted by hand. Anything else as before.
        if (magnitude < 1e12 && Math.Abs(magnitude * 100 - cents) < 1e-4 && !(amount == 0 && double.IsNegative(amount)))
            return FormatCents((long)cents, negative: amount < 0);
        return amount < 0 ? "-$" + (-amount).ToString("#,0.00", Inv) : "$" + amount.ToString("#,0.00", Inv);
    }

    private static string FormatCents(long cents, bool negative)
    {
        var digits = 1;
        for (var units = cents / 100; units >= 10; units /= 10) digits++;
        var length = (negative ? 2 : 1) + digits + (digits - 1) / 3 + 3;
        return string.Create(length, (cents, negative, digits), static (span, state) =>
        {
            var (c, minus, count) = state;
            var i = span.Length - 1;
            span[i--] = (char)('0' + c % 10);
            span[i--] = (char)('0' + c / 10 % 10);
            span[i--] = '.';
            var units = c / 100;
            for (var d = 0; d < count; d++)
            {
                if (d > 0 && d % 3 == 0) span[i--] = ',';
                span[i--] = (char)('0' + units % 10);
                units /= 10;
            }

            span[i--] = '$';
            if (minus) span[i] = '-';
        });
    }

    /// <summary>A recourse target as a percentage, with the decimals its rounding kept (93%, 0.2%).</summary>
    internal static string TargetPercent(double share) => (share * 100).ToString("0.##", Inv) + "%";

    /// <summary>A recourse target amount: whole amounts without cents ($8,200), others with them.</summary>
    internal static string TargetMoney(double amount)
    {
        var format = amount == Math.Round(amount) ? "#,0" : "#,0.00";
        return amount < 0 ? "-$" + (-amount).ToString(format, Inv) : "$" + amount.ToString(format, Inv);
    }

    internal static string Plural(double v, string singular, string plural) => v == 1 ? $"1 {singular}" : $"{N(v)} {plural}";
}
