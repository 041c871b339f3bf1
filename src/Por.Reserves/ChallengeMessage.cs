// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text;

namespace Por.Reserves;

/// <summary>
/// The per-round challenge each wallet signs. It names the custodian, the round id, the chain and the snapshot block
/// (height and hash), so a signature from another round, custodian or snapshot does not verify, and the signature
/// cannot predate the snapshot block.
/// </summary>
public static class ChallengeMessage
{
    /// <summary>First line of every challenge; bump the version when the layout changes.</summary>
    public const string Header = "por reserves ownership challenge v1";

    /// <summary>Builds the exact challenge text (LF line endings, no trailing newline).</summary>
    /// <param name="custodian">The custodian name.</param>
    /// <param name="round">The round id.</param>
    /// <param name="chain">The chain name.</param>
    /// <param name="height">Snapshot height.</param>
    /// <param name="blockHash">Snapshot block hash as written in the declaration.</param>
    /// <returns>The challenge text.</returns>
    public static string For(string custodian, string round, string chain, long height, string? blockHash)
    {
        var builder = new StringBuilder();
        builder.Append(Header).Append('\n');
        builder.Append("custodian: ").Append(custodian).Append('\n');
        builder.Append("round: ").Append(round).Append('\n');
        builder.Append("chain: ").Append(chain).Append('\n');
        builder.Append("snapshot height: ").Append(height.ToString(CultureInfo.InvariantCulture)).Append('\n');
        builder.Append("snapshot block hash: ").Append(blockHash is null ? "(none)" : IsHex(blockHash) ? blockHash.ToLowerInvariant() : blockHash);
        return builder.ToString();
    }

    // Hex hashes (with or without 0x) are written in lower case; base58 (Solana) is case-sensitive and kept as is.
    private static bool IsHex(string hash)
    {
        var body = hash.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hash[2..] : hash;
        return body.Length > 0 && body.All(Uri.IsHexDigit);
    }

    /// <summary>The challenge for a row of a declaration.</summary>
    /// <param name="declaration">The declaration (custodian, round).</param>
    /// <param name="row">The row (chain, snapshot).</param>
    /// <returns>The challenge text.</returns>
    public static string For(ReserveDeclaration declaration, ReserveRow row)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        ArgumentNullException.ThrowIfNull(row);
        return For(declaration.Custodian, declaration.Round, row.Chain, row.SnapshotHeight, row.SnapshotBlockHash);
    }
}
