using CreditAlt.Api.Decisions;
using CreditAlt.Core.Applications;
using CreditAlt.Core.Attributes;

namespace CreditAlt.Api.FinalActions;

/// <summary>
/// The reasons an underwriter may give: every code of the attribute catalogue (docs/reason-codes.md), worded with this
/// applicant's own value, and the manual codes below for what the model does not see. The manual sentences are the
/// sample reasons of Regulation B's Appendix C forms (C-1), which name a real factor of the underwriter's review;
/// the final action's note carries the specifics.
/// </summary>
internal static class ReasonCatalogue
{
    public static readonly IReadOnlyDictionary<string, string> Manual = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["MAN-INC-UNVERIFIED"] = "Unable to verify income",
        ["MAN-INC-INSUFFICIENT"] = "Income insufficient for amount of credit requested",
        ["MAN-OBLIGATIONS"] = "Excessive obligations in relation to income",
        ["MAN-COLLATERAL"] = "Value or type of collateral not sufficient",
        ["MAN-EMP-UNVERIFIED"] = "Unable to verify employment",
        ["MAN-RES-UNVERIFIED"] = "Unable to verify residence",
        ["MAN-INCOMPLETE"] = "Credit application incomplete",
        ["MAN-TERMS"] = "We do not grant credit to any applicant on the terms and conditions you request",
    };

    public static bool IsKnown(string code) => Manual.ContainsKey(code) || AttributeCatalogue.All.Any(a => a.ReasonCode == code);

    public static string Describe() => "a code of docs/reason-codes.md or a manual code (" + string.Join(", ", Manual.Keys) + ")";

    /// <summary>The reasons for <paramref name="codes"/>, each a sentence about this application (a catalogue code) or the manual text.</summary>
    public static ReasonView[] Resolve(IEnumerable<string> codes, Application? application)
    {
        double[]? values = null;
        var result = new List<ReasonView>();
        foreach (var code in codes)
        {
            if (Manual.TryGetValue(code, out var text))
            {
                result.Add(new ReasonView(code, text));
                continue;
            }
            var index = -1;
            for (var i = 0; i < AttributeCatalogue.Count; i++)
                if (AttributeCatalogue.All[i].ReasonCode == code) { index = i; break; }
            if (index < 0)
                continue;
            if (values is null && application is not null)
            {
                values = new double[AttributeCatalogue.Count];
                AttributeCalculator.Compute(application, values);
            }
            result.Add(new ReasonView(code, AttributeCatalogue.All[index].Reason(values?[index] ?? double.NaN)));
        }
        return result.ToArray();
    }
}
