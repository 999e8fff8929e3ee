using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CreditAlt.Api.Infrastructure;

/// <summary>
/// Fills in what the generator cannot know: the title and description, and the API-key security scheme. Servers are
/// dropped so the committed document does not depend on the host that generated it.
/// </summary>
internal sealed class OpenApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "CreditAlt scoring API",
            Version = "v1",
            Description = "Scores credit applications from rent, utility, telecom and childcare payments and bank cash flow, records every decision " +
                          "in a tamper-evident ledger, and gives applicants their adverse action notice. Authenticate with an API key " +
                          "(`Authorization: Bearer ca_...` or `X-Api-Key: ca_...`) issued by `creditalt keys create`. Errors are RFC 9457 problem details.",
        };
        document.Servers = [];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["apiKey"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key (ca_...) with role lender, compliance or admin; X-Api-Key: ca_... works too. The notice endpoint also takes an applicant access token (at_...).",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("apiKey", document)] = [] }];
        return Task.CompletedTask;
    }
}
