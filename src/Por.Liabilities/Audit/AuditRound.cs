// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using Por.Liabilities.Rounds;
using Por.Liabilities.Transparent;
using Por.Liabilities.Zk;

namespace Por.Liabilities.Audit;

/// <summary>The round a sample is drawn from, as its published manifest names it.</summary>
/// <param name="Id">The round id.</param>
/// <param name="Mode">The liabilities mode.</param>
/// <param name="Root">The published root (32 bytes).</param>
/// <param name="ManifestSha256">SHA-256 of the manifest.json file.</param>
public sealed record AuditRound(string Id, RoundMode Mode, byte[] Root, byte[] ManifestSha256)
{
    /// <summary>Reads a round's manifest (either mode), strictly.</summary>
    /// <param name="manifestPath">The manifest.json.</param>
    /// <returns>The round.</returns>
    /// <exception cref="Por.Common.InputException">A malformed manifest.</exception>
    public static AuditRound Read(string manifestPath)
    {
        var sha = SHA256.HashData(File.ReadAllBytes(manifestPath));
        if (RoundModes.ReadManifest(manifestPath) == RoundMode.Zk)
        {
            var zk = ZkRoundManifestJson.Read(manifestPath).Header;
            return new AuditRound(zk.RoundId, RoundMode.Zk, [.. zk.Root], sha);
        }

        var header = RoundManifestJson.Read(manifestPath).Header;
        return new AuditRound(header.RoundId, RoundMode.Transparent, [.. header.Root], sha);
    }

    /// <summary>Whether two rounds are the same manifest (id, mode, root and file digest).</summary>
    /// <param name="other">The other round.</param>
    /// <returns>True when they match.</returns>
    public bool SameAs(AuditRound other) =>
        other is not null && string.Equals(Id, other.Id, StringComparison.Ordinal) && Mode == other.Mode
        && Root.AsSpan().SequenceEqual(other.Root) && ManifestSha256.AsSpan().SequenceEqual(other.ManifestSha256);
}
