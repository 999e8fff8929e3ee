using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CreditAlt.Api.Tests.Infrastructure;
using CreditAlt.Core.Applications;
using UglyToad.PdfPig;
using static CreditAlt.Api.Tests.Infrastructure.Applications;

namespace CreditAlt.Api.Tests.Lifecycle;

public sealed class SqliteLetterTests(ApiHost<SqliteEngine> host) : LetterTests<SqliteEngine>(host);

public sealed class PostgresLetterTests(ApiHost<PostgresEngine> host) : LetterTests<PostgresEngine>(host);

/// <summary>The notice as a mailed letter: a PDF read back with PdfPig.</summary>
public abstract class LetterTests<TEngine>(ApiHost<TEngine> host) : IClassFixture<ApiHost<TEngine>>
    where TEngine : IEngine, new()
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Notice_AcceptPdf_USLetterWithAddressReasonsRangeAndEcoaParagraph()
    {
        var application = Decline("APP-LETTER-1") with { Applicant = new MailingAddress("Jordan Avery", ["12 Birch Lane, Apt 4", "Springfield, IL 62704"]) };
        var (id, token, decision) = await FinalActionTests<TEngine>.DecideAsync(host, application);
        using var client = host.Client(token);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/decisions/{id}/notice");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/pdf"));
        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        if (Environment.GetEnvironmentVariable("CREDITALT_LETTER_OUT") is { Length: > 0 } dir)
            await File.WriteAllBytesAsync(Path.Combine(dir, typeof(TEngine).Name + "-letter.pdf"), bytes, Ct);

        using var pdf = PdfDocument.Open(bytes);
        var first = pdf.GetPage(1);
        Assert.Equal((612d, 792d), (first.Width, first.Height));
        var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("Jordan Avery 12 Birch Lane, Apt 4 Springfield, IL 62704", text, StringComparison.Ordinal);
        foreach (var reason in decision.GetProperty("reasons").EnumerateArray())
            Assert.Contains(reason.GetProperty("sentence").GetString()!, text, StringComparison.Ordinal);
        var range = decision.GetProperty("scoreRange");
        Assert.Contains($"Your score: {decision.GetProperty("score").GetInt32()}, on a scale from {range.GetProperty("minimum").GetInt32()} (highest risk) to {range.GetProperty("maximum").GetInt32()} (lowest risk).", text, StringComparison.Ordinal);
        Assert.Contains("The Federal Equal Credit Opportunity Act prohibits creditors from discriminating against credit applicants", text, StringComparison.Ordinal);
        Assert.Contains("Consumer Financial Protection Bureau, 1700 G Street NW, Washington, DC 20552.", text, StringComparison.Ordinal);
        Assert.Contains("CreditAlt Demonstration Lender", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notice_AcceptPdf_NoPageEndsWithAHeading()
    {
        // This decline fills page 1 down to where "Consumer reports" would sit alone with one line below it.
        var application = Decline("APP-LETTER-3") with { Applicant = new MailingAddress("Jordan Avery", ["12 Birch Lane, Apt 4", "Springfield, IL 62704"]) };
        var (id, token, _) = await FinalActionTests<TEngine>.DecideAsync(host, application);
        using var client = host.Client(token);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/decisions/{id}/notice");
        request.Headers.Accept.ParseAdd("application/pdf");
        using var response = await client.SendAsync(request, Ct);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync(Ct));

        Assert.True(pdf.NumberOfPages > 1);
        foreach (var page in pdf.GetPages().SkipLast(1))
        {
            // The lowest line of text on the page (PDF y grows upwards): body text, never a bold heading.
            var words = page.GetWords().ToList();
            var bottom = words.Min(w => w.BoundingBox.Bottom);
            var last = words.Where(w => Math.Abs(w.BoundingBox.Bottom - bottom) < 2).ToList();
            Assert.False(last.All(w => w.Letters.All(l => l.FontName?.Contains("Bold", StringComparison.Ordinal) == true)),
                $"page {page.Number} ends with the heading '{string.Join(" ", last.Select(w => w.Text))}'");
        }
        var second = string.Join(" ", pdf.GetPage(2).GetWords().Select(w => w.Text));
        Assert.StartsWith("Consumer reports", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notice_AcceptPdf_CounterofferLetterWithoutAddressStillHasEverySection()
    {
        var (id, token, _) = await FinalActionTests<TEngine>.DecideAsync(host, Refer("APP-LETTER-2"));
        using (var lender = host.Client(host.LenderA))
        using (var fa = await lender.PostAsync($"/v1/decisions/{id}/final-action",
                   Body("""{"action":"counteroffer","reasonCodes":["MAN-INC-INSUFFICIENT"],"underwriterId":"uw-1","counteroffer":{"amount":900,"terms":"12 monthly payments"}}"""), Ct))
            Assert.Equal(HttpStatusCode.Created, fa.StatusCode);
        using var client = host.Client(token);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/decisions/{id}/notice");
        request.Headers.Accept.ParseAdd("application/pdf");
        using var response = await client.SendAsync(request, Ct);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync(Ct));
        var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("We can, however, offer you credit on the following terms: $900.00; 12 monthly payments.", text, StringComparison.Ordinal);
        Assert.Contains("Income insufficient for amount of credit requested", text, StringComparison.Ordinal);
        Assert.Contains("Your rights under the Equal Credit Opportunity Act", text, StringComparison.Ordinal);
    }
}
