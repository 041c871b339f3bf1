// SPDX-License-Identifier: Apache-2.0

namespace Por.Common;

/// <summary>
/// Replaces an output directory with a complete new one, so that at every moment the destination holds either the old
/// output or the new one, never a mix (the <c>--force</c> rule of docs/cli.md).
/// </summary>
public static class DirectorySwap
{
    /// <summary>Moves the complete directory <paramref name="staging"/> to <paramref name="destination"/>, replacing
    /// what is there: the old output is moved aside first and deleted only after the new one is in place, and put back
    /// if the new one cannot be moved in.</summary>
    /// <param name="staging">The complete new directory.</param>
    /// <param name="destination">The output it replaces (a file or directory, or nothing).</param>
    public static void Replace(string staging, string destination)
    {
        if (!File.Exists(destination) && !Directory.Exists(destination))
        {
            Directory.Move(staging, destination);
            return;
        }

        var old = Path.Combine(Path.GetDirectoryName(destination) ?? ".", $".{Path.GetFileName(destination)}.old-{Guid.NewGuid():N}");
        if (File.Exists(destination))
        {
            File.Move(destination, old);
        }
        else
        {
            Directory.Move(destination, old);
        }

        try
        {
            Directory.Move(staging, destination);
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
                Directory.Move(old, destination);
            }

            throw;
        }

        if (File.Exists(old))
        {
            File.Delete(old);
        }
        else
        {
            Directory.Delete(old, recursive: true);
        }
    }
}
