namespace CreditAlt.Transactions.Tests;

internal static class RepoRoot
{
    /// <summary>The directory holding CreditAlt.sln, found upward from the test binary.</summary>
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CreditAlt.sln"))) return dir.FullName;
        throw new InvalidOperationException("CreditAlt.sln not found above " + AppContext.BaseDirectory);
    }

    public static string Sample(string name) => Path.Combine(Find(), "data-samples", "transactions", name);
}
