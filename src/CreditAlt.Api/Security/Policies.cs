using Microsoft.AspNetCore.Authorization;

namespace CreditAlt.Api.Security;

/// <summary>Authorization policies by role. Endpoints name a policy; an endpoint with none falls back to "any valid key".</summary>
internal static class Policies
{
    public const string Lender = "lender";
    public const string LenderOrCompliance = "lender-or-compliance";
    public const string Compliance = "compliance";
    public const string AnyKey = "any-key";

    public static AuthorizationBuilder AddCreditAltPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(Lender, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser().RequireRole(Roles.Lender))
        .AddPolicy(LenderOrCompliance, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser().RequireRole(Roles.Lender, Roles.Compliance))
        .AddPolicy(Compliance, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser().RequireRole(Roles.Compliance))
        .AddPolicy(AnyKey, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser().RequireRole(Roles.Lender, Roles.Compliance, Roles.Admin));
}
