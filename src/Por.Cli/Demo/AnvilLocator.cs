// SPDX-License-Identifier: Apache-2.0

namespace Por.Cli.Demo;

/// <summary>
/// Finds the anvil executable that <c>por demo token</c> runs: first on PATH, then at
/// <c>tools/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil</c> relative to the current directory or any of its
/// parents (so it is found from anywhere inside a checkout of the repository), then relative to the directory of the
/// por executable and its parents.
/// </summary>
public static class AnvilLocator
{
    /// <summary>The path of anvil inside a repository checkout (after <c>npm ci</c> in tools/).</summary>
    public static readonly string RepositoryRelativePath = Path.Combine("tools", "node_modules", "@foundry-rs", "anvil-linux-amd64", "bin", "anvil");

    /// <summary>Finds anvil.</summary>
    /// <param name="pathVariable">The PATH environment variable (may be null).</param>
    /// <param name="currentDirectory">The current directory.</param>
    /// <param name="executableDirectory">The directory of the running por (may be null).</param>
    /// <returns>The full path of an existing anvil file, or null when there is none.</returns>
    public static string? Find(string? pathVariable, string currentDirectory, string? executableDirectory)
    {
        ArgumentNullException.ThrowIfNull(currentDirectory);
        var name = OperatingSystem.IsWindows() ? "anvil.exe" : "anvil";
        foreach (var directory in (pathVariable ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (IsExecutableFile(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        foreach (var start in new[] { currentDirectory, executableDirectory })
        {
            for (var directory = start is null ? null : new DirectoryInfo(Path.GetFullPath(start)); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, RepositoryRelativePath);
                if (IsExecutableFile(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static bool IsExecutableFile(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        return OperatingSystem.IsWindows()
            || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != UnixFileMode.None;
    }
}
