using CreditAlt.Core.Applications;
using ValidationProblem = Microsoft.AspNetCore.Http.HttpResults.ValidationProblem;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CreditAlt.Api.Errors;

/// <summary>The problem details answers handlers return, in one place so their wording stays consistent.</summary>
internal static class Problems
{
    /// <summary>400 with every bad JSON path and what was expected there (errors keyed by path).</summary>
    public static ValidationProblem Validation(IReadOnlyList<CreditAlt.Core.Applications.ValidationProblem> problems)
    {
        var errors = problems
            .GroupBy(p => p.Path, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => "expected " + p.Expected).ToArray(), StringComparer.Ordinal);
        return TypedResults.ValidationProblem(errors,
            detail: $"The application has {problems.Count} problem(s); each is listed under its JSON path with what was expected.",
            title: "The application is not valid");
    }

    public static ValidationProblem Header(string header, string expected) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [header] = ["expected " + expected] },
            title: $"The {header} header is not valid");

    public static ProblemHttpResult Status(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);
}
