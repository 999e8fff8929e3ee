namespace CreditAlt.Api.Audits;

/// <summary>
/// <c>/v1/audits</c> for compliance keys arrives with the fairness-audit issue (POST /v1/audits, GET /v1/audits/{id});
/// the policy (<see cref="Security.Policies.Compliance"/>) and the audit-runs table are in place for it.
/// </summary>
internal static class AuditsApi
{
    public static IEndpointRouteBuilder MapAudits(this IEndpointRouteBuilder routes) => routes;
}
