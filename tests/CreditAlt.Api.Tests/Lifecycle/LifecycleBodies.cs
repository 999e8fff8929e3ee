using static CreditAlt.Api.Tests.Infrastructure.Applications;

namespace CreditAlt.Api.Tests;

/// <summary>A valid body for each lifecycle endpoint of the security matrix (null: not a lifecycle endpoint).</summary>
internal static class LifecycleBodies
{
    public static StringContent? For(string path) =>
        path.EndsWith("/final-action", StringComparison.Ordinal) ? Body("""{"action":"approve","underwriterId":"uw-matrix"}""")
        : null;
}
