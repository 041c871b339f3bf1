// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;

namespace Por.Common;

/// <summary>SHA-256 of files, streamed.</summary>
internal static class FileHashing
{
    public static string Sha256Hex(string path)
    {
        using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(f));
    }
}
