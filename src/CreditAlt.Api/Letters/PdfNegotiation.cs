namespace CreditAlt.Api.Letters;

/// <summary>Whether a notice request asks for the mailed letter (<c>Accept: application/pdf</c>); the letter itself is <see cref="NoticeLetter"/>.</summary>
internal static class PdfNegotiation
{
    public static bool WantsPdf(HttpRequest request) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepts)
        && accepts.Any(a => a.MediaType.Equals("application/pdf", StringComparison.OrdinalIgnoreCase) && (a.Quality ?? 1) > 0);
}
