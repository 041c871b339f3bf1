// SPDX-License-Identifier: Apache-2.0

using Por.Common;

namespace Por.Liabilities.Rounds;

/// <summary>The file check both modes make: every listed file present (unless optional), with its size and SHA-256.</summary>
public static class BundleFiles
{
    /// <summary>Checks each listed file against the manifest.</summary>
    /// <param name="directory">The bundle directory.</param>
    /// <param name="files">The manifest's file list.</param>
    /// <param name="mayBeAbsent">Files the auditor need not have (the operator's private index); null for none.</param>
    /// <returns>The first failure, or null when every file matches.</returns>
    public static (BundleFailure Failure, string Message)? Check(string directory, IReadOnlyList<BundleFile> files, Func<string, bool>? mayBeAbsent = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(files);
        foreach (var f in files)
        {
            var path = Path.Combine(directory, f.Path);
            if (!File.Exists(path))
            {
                if (mayBeAbsent?.Invoke(f.Path) == true)
                {
                    continue;
                }

                return (BundleFailure.FileMissing, $"{f.Path}: missing");
            }

            if (new FileInfo(path).Length != f.Bytes)
            {
                return (BundleFailure.FileSizeMismatch, $"{f.Path}: size differs from the manifest");
            }

            if (!string.Equals(FileHashing.Sha256Hex(path), f.Sha256, StringComparison.Ordinal))
            {
                return (BundleFailure.FileDigestMismatch, $"{f.Path}: SHA-256 differs from the manifest");
            }
        }

        return null;
    }
}
