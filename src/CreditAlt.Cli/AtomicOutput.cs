namespace CreditAlt.Cli;

/// <summary>
/// All-or-nothing output for every verb that writes files. The work writes to a temporary name in the target's own
/// directory (same file system, so the final step is a rename); only when it finishes is the temporary file renamed
/// over the target. When it fails, the previous file is untouched and no temporary file or directory of ours remains.
/// </summary>
internal static class AtomicOutput
{
    /// <summary>Runs <paramref name="write"/> on a temporary path beside <paramref name="path"/>, then renames it over <paramref name="path"/>.</summary>
    public static T WriteFile<T>(string path, string option, Func<string, T> write)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory))
        {
            throw new UserInputException($"{option}: no directory '{Path.GetDirectoryName(path)}' to write '{path}' in");
        }

        if (Directory.Exists(full))
        {
            throw new UserInputException($"{option}: '{path}' is a directory; expected a file name");
        }

        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var result = write(temporary);
            Ours(option, path, () => File.Move(temporary, full, overwrite: true));
            return result;
        }
        finally
        {
            DeleteQuietly(temporary);
        }
    }

    /// <summary>
    /// Runs <paramref name="write"/> on an empty staging directory inside <paramref name="directory"/> (created if
    /// missing), then moves each file it wrote into <paramref name="directory"/>, replacing files of the same name. On
    /// failure the staging directory goes, and so does every directory this call created.
    /// </summary>
    public static T WriteDirectory<T>(string directory, string option, Func<string, T> write)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        if (File.Exists(full))
        {
            throw new UserInputException($"{option}: '{directory}' is a file; expected a directory");
        }

        // The topmost directory that does not exist yet: removing it removes everything created here.
        string? created = null;
        for (var d = full; d is not null && !Directory.Exists(d); d = Path.GetDirectoryName(d))
        {
            created = d;
        }

        var staging = Path.Combine(full, $".creditalt-{Guid.NewGuid():N}.tmp");
        var done = false;
        try
        {
            Ours(option, directory, () => Directory.CreateDirectory(staging));
            var result = write(staging);
            Ours(option, directory, () =>
            {
                foreach (var file in Directory.EnumerateFiles(staging, "*", SearchOption.AllDirectories).ToList())
                {
                    var target = Path.Combine(full, Path.GetRelativePath(staging, file));
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Move(file, target, overwrite: true);
                }
            });
            done = true;
            return result;
        }
        finally
        {
            DeleteQuietly(!done && created is not null ? created : staging);
        }
    }

    /// <summary>A step of our own on the output (create, rename): its I/O failure is the user's (no space, no permission).</summary>
    private static void Ours(string option, string path, Action step)
    {
        try
        {
            step();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{option}: cannot write '{path}': {ex.Message}");
        }
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else
            {
                File.Delete(path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left to the user: the failure that brought us here is the one to report.
        }
    }
}
