using Spectre.Console;

namespace CreditAlt.Cli.Tests;

/// <summary>Finds files of the repository from the test's output directory.</summary>
internal static class RepositoryPaths
{
    public static string Root => RepoRoot.Find();

    public static string Of(params string[] parts) => RepoRoot.Path(parts);

    /// <summary>The files git tracks; outside a git checkout (a source archive), every file but build output.</summary>
    public static IEnumerable<string> TrackedFiles()
    {
        var start = new System.Diagnostics.ProcessStartInfo("git", ["-C", Root, "ls-files", "-z"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        try
        {
            using var git = System.Diagnostics.Process.Start(start)!;
            string listing = git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            if (git.ExitCode == 0 && listing.Length > 0)
            {
                return listing.Split('\0', StringSplitOptions.RemoveEmptyEntries).Where(f => File.Exists(Path.Combine(Root, f)));
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // git is not installed: fall through to the directory walk.
        }

        string[] skip = ["/bin/", "/obj/", "/.git/", "/TestResults/", "/BenchmarkDotNet.Artifacts/"];
        return Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Where(f => !skip.Any(s => ("/" + f).Contains(s, StringComparison.Ordinal)));
    }
}

/// <summary>A temporary directory removed when disposed.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "creditalt-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere; the temporary directory is left to the OS.
        }
    }
}

/// <summary>Runs the CLI in-process and captures its exit code and standard error.</summary>
internal static class CliRunner
{
    private static readonly Lock ConsoleLock = new();

    /// <summary>Runs <c>creditalt args…</c>; console redirection is process-wide, so runs are serialised.</summary>
    public static (int ExitCode, string Error) Run(params string[] args)
    {
        lock (ConsoleLock)
        {
            var error = new StringWriter();
            var oldError = Console.Error;
            Console.SetError(error);
            try
            {
                int code = Program.Main(args);
                return (code, error.ToString());
            }
            finally
            {
                Console.SetError(oldError);
            }
        }
    }

    /// <summary>Runs <c>creditalt args…</c> and captures standard output (Console.Out) and standard error.</summary>
    public static (int ExitCode, string Output, string Error) RunCapturingOut(params string[] args)
    {
        lock (ConsoleLock)
        {
            var output = new StringWriter();
            var oldOut = Console.Out;
            Console.SetOut(output);
            try
            {
                var (code, error) = Run(args);
                return (code, output.ToString(), error);
            }
            finally
            {
                Console.SetOut(oldOut);
            }
        }
    }

    /// <summary>
    /// Runs the built CLI (creditalt.dll beside the tests) as its own process with stdout and stderr piped, as a shell
    /// pipe or a redirect would: what a user sees who pipes the output.
    /// </summary>
    public static (int ExitCode, string Output, string Error) RunProcess(string workingDirectory, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(System.IO.Path.Combine(AppContext.BaseDirectory, "creditalt.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }

    /// <summary>Runs <c>creditalt args…</c> and captures what it writes through Spectre.Console, plain and 200 columns wide.</summary>
    public static (int ExitCode, string Output) RunWithOutput(params string[] args)
    {
        lock (ConsoleLock)
        {
            var writer = new StringWriter();
            var previous = AnsiConsole.Console;
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(writer),
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
            });
            console.Profile.Width = 200; // wide enough that no table cell wraps
            AnsiConsole.Console = console;
            try
            {
                var (code, _) = Run(args);
                return (code, writer.ToString());
            }
            finally
            {
                AnsiConsole.Console = previous;
            }
        }
    }
}
