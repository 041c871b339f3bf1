// SPDX-License-Identifier: Apache-2.0

using Por.Common;

namespace Por.Cli.Infrastructure;

/// <summary>
/// The one overwrite rule of por: a command refuses an existing output (exit 3, naming <c>--force</c>); with
/// <c>--force</c> the new output is written completely beside the old one and then swapped in, so a failed run
/// leaves the old output untouched.
/// </summary>
internal static class Outputs
{
    /// <summary>Refuses an existing <paramref name="path"/> unless <paramref name="force"/>.</summary>
    /// <exception cref="OutputExistsException">It exists and <paramref name="force"/> is false.</exception>
    public static void Refuse(string path, bool force, string option)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!force && (File.Exists(path) || System.IO.Directory.Exists(path)))
        {
            throw new OutputExistsException(path, option);
        }
    }

    /// <summary>Produces the directory <paramref name="destination"/> with <paramref name="build"/>: directly when it
    /// does not exist and <paramref name="builderIsAtomic"/>, otherwise into a hidden sibling that is swapped in only
    /// when <paramref name="build"/> returns.</summary>
    /// <param name="destination">The output directory.</param>
    /// <param name="force">Replace an existing output.</param>
    /// <param name="option">The option naming the output (for the error).</param>
    /// <param name="builderIsAtomic">The builder itself refuses an existing destination and creates it atomically.</param>
    /// <param name="build">Writes the directory at the path it is given (which does not exist yet).</param>
    /// <returns>What <paramref name="build"/> returned.</returns>
    public static T Directory<T>(string destination, bool force, string option, bool builderIsAtomic, Func<string, T> build)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(build);
        Refuse(destination, force, option);
        var full = Path.GetFullPath(destination.TrimEnd('/', '\\') is { Length: > 0 } trimmed ? trimmed : destination);
        var exists = File.Exists(full) || System.IO.Directory.Exists(full);
        if (!exists && builderIsAtomic)
        {
            return build(full);
        }

        var parent = Path.GetDirectoryName(full) ?? ".";
        System.IO.Directory.CreateDirectory(parent);

        // One lock on the output for the whole build and swap: a second --force build into the same --out is refused
        // like any other second build. The staging name is fixed, not random, so that a builder's work directory beside
        // it (named after it) is found again by the next --force run, which resumes from it instead of orphaning it.
        using var outputLock = OutputLock.Acquire(full);
        var staging = StagingPath(full);
        if (System.IO.Directory.Exists(staging))
        {
            // Left by a run that was killed before its swap; every writer of it holds the lock we now hold.
            System.IO.Directory.Delete(staging, recursive: true);
        }

        try
        {
            var result = build(staging);
            DirectorySwap.Replace(staging, full);
            return result;
        }
        finally
        {
            if (System.IO.Directory.Exists(staging))
            {
                System.IO.Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>Where <see cref="Directory{T}"/> builds a replacement for <paramref name="destination"/>:
    /// <c>.NAME.new</c> beside it.</summary>
    /// <param name="destination">The absolute output path.</param>
    /// <returns>The staging path.</returns>
    public static string StagingPath(string destination) =>
        Path.Combine(Path.GetDirectoryName(destination) ?? ".", $".{Path.GetFileName(destination)}.new");
}
