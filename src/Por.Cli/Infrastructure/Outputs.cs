// SPDX-License-Identifier: Apache-2.0

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
        var staging = Path.Combine(parent, $".{Path.GetFileName(full)}.new-{Guid.NewGuid():N}");
        try
        {
            var result = build(staging);
            Swap(staging, full);
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

    /// <summary>Moves the complete directory <paramref name="staging"/> to <paramref name="destination"/>, replacing
    /// what is there: the old output is moved aside first and deleted only after the new one is in place.</summary>
    public static void Swap(string staging, string destination)
    {
        if (!File.Exists(destination) && !System.IO.Directory.Exists(destination))
        {
            System.IO.Directory.Move(staging, destination);
            return;
        }

        var old = Path.Combine(Path.GetDirectoryName(destination) ?? ".", $".{Path.GetFileName(destination)}.old-{Guid.NewGuid():N}");
        if (File.Exists(destination))
        {
            File.Move(destination, old);
        }
        else
        {
            System.IO.Directory.Move(destination, old);
        }

        try
        {
            System.IO.Directory.Move(staging, destination);
        }
        catch
        {
            // Put the old output back: a failed swap must not lose it.
            if (File.Exists(old))
            {
                File.Move(old, destination);
            }
            else
            {
                System.IO.Directory.Move(old, destination);
            }

            throw;
        }

        if (File.Exists(old))
        {
            File.Delete(old);
        }
        else
        {
            System.IO.Directory.Delete(old, recursive: true);
        }
    }
}
