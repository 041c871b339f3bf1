// SPDX-License-Identifier: Apache-2.0

using Por.Common;

namespace Por.Cli.Commands;

/// <summary>Writes secret key files readable by their owner only (0600 from the first byte), atomically: a kill
/// leaves either no key file or a complete one, never a truncated key.</summary>
internal static class KeyFiles
{
    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> atomically, replacing any existing file:
    /// the caller has applied the overwrite rule (<c>--force</c>).</summary>
    public static void WriteSecret(string path, byte[] content) => AtomicFile.Write(path, content, privateFile: true, overwrite: true);
}
