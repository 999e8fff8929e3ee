namespace CreditAlt.Testing;

/// <summary>The repository's root: the directory holding CreditAlt.sln, found upward from the test binary.</summary>
public static class RepoRoot
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string Find() => Root.Value;

    /// <summary>A path under the repository root, from parts such as <c>"data-samples", "portfolio"</c>.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root.Value, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "CreditAlt.sln"))) return dir.FullName;
        throw new InvalidOperationException("CreditAlt.sln not found above " + AppContext.BaseDirectory);
    }
}
