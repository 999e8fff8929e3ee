using CreditAlt.Core.Scoring;
using CreditAlt.Data.Connections;
using CreditAlt.Transactions.Categorising;
using Microsoft.Extensions.Options;

namespace CreditAlt.Api.Infrastructure;

/// <summary>Start-up checks with messages an operator can act on: the database text parses and the model file loads.</summary>
internal sealed class ApiOptionsValidator(IHostEnvironment environment) : IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        var failures = new List<string>();
        try
        {
            StorageTarget.Parse(options.Database);
        }
        catch (FormatException ex)
        {
            failures.Add($"CreditAlt:Database: {ex.Message}");
        }

        var path = ResolvePath(environment, options.ModelPath);
        if (!File.Exists(path))
        {
            failures.Add($"CreditAlt:ModelPath: no scorecard at '{path}'; train one (creditalt train) or set CreditAlt:ModelPath / env CreditAlt__ModelPath to a scorecard.json");
        }
        else
        {
            try
            {
                ScorecardJson.Deserialize(File.ReadAllText(path));
            }
            catch (InvalidDataException ex)
            {
                failures.Add($"CreditAlt:ModelPath: '{path}': {ex.Message}");
            }
        }

        if (CategoriserDirectory(environment, options.CategoriserPath) is { } categoriser && !File.Exists(Path.Combine(categoriser, CategoriserModel.MetadataFile)))
        {
            failures.Add($"CreditAlt:CategoriserPath: no categoriser at '{categoriser}' (expected {CategoriserModel.MetadataFile} and {CategoriserModel.ModelFile} from creditalt train-categoriser); set CreditAlt:CategoriserPath to its directory, or to none for the rules alone");
        }

        if (options.MaxTransactionBodyBytes < options.MaxRequestBodyBytes)
            failures.Add($"CreditAlt:MaxTransactionBodyBytes ({options.MaxTransactionBodyBytes}) must be at least MaxRequestBodyBytes ({options.MaxRequestBodyBytes})");
        if (options.RawTransactionRetention < TimeSpan.Zero || options.RawTransactionRetention > TimeSpan.FromDays(365))
            failures.Add($"CreditAlt:RawTransactionRetention ({options.RawTransactionRetention}) must be between 0 and 365 days");
        if (options.RateLimit.Burst < options.RateLimit.PermitsPerSecond)
            failures.Add($"CreditAlt:RateLimit:Burst ({options.RateLimit.Burst}) must be at least PermitsPerSecond ({options.RateLimit.PermitsPerSecond})");
        if (options.RateLimit.AnonymousBurst < options.RateLimit.AnonymousPermitsPerSecond)
            failures.Add($"CreditAlt:RateLimit:AnonymousBurst ({options.RateLimit.AnonymousBurst}) must be at least AnonymousPermitsPerSecond ({options.RateLimit.AnonymousPermitsPerSecond})");
        if (options.AccessTokenLifetime <= TimeSpan.Zero)
            failures.Add("CreditAlt:AccessTokenLifetime must be positive, e.g. 180.00:00:00");
        if (options.AccessTokenReplayWindow < TimeSpan.Zero)
            failures.Add("CreditAlt:AccessTokenReplayWindow must not be negative");
        if (options.ApiKeyCacheDuration < TimeSpan.Zero)
            failures.Add("CreditAlt:ApiKeyCacheDuration must not be negative");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>
    /// A relative path is looked up from the working directory, then from the content root and each directory above
    /// it, so <c>models/champion/scorecard.json</c> is found whether the service runs from the repository root or,
    /// as <c>dotnet run --project src/CreditAlt.Api</c> does, from the project directory. Not found: the working-directory path.
    /// </summary>
    /// <summary>The categoriser directory <paramref name="path"/> names, found like a model file; null for <c>none</c>.</summary>
    public static string? CategoriserDirectory(IHostEnvironment environment, string path) =>
        string.Equals(path, "none", StringComparison.Ordinal)
            ? null
            : Path.GetDirectoryName(ResolvePath(environment, Path.Combine(path, CategoriserModel.MetadataFile)))!;

    public static string ResolvePath(IHostEnvironment environment, string path)
    {
        if (Path.IsPathRooted(path))
            return path;
        var fromWorkingDirectory = Path.GetFullPath(path);
        if (File.Exists(fromWorkingDirectory))
            return fromWorkingDirectory;
        for (var dir = new DirectoryInfo(environment.ContentRootPath); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, path);
            if (File.Exists(candidate))
                return Path.GetFullPath(candidate);
        }
        return fromWorkingDirectory;
    }
}
