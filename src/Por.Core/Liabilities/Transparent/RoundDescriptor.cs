// SPDX-License-Identifier: Apache-2.0

using Por.Core.Snapshot;

namespace Por.Core.Liabilities.Transparent;

/// <summary>What a round's root binds besides the tree: round id, snapshot time, assets and the account count.</summary>
/// <param name="RoundId">The round id (1–128 bytes of UTF-8, no control characters).</param>
/// <param name="SnapshotTime">The snapshot time, whole seconds, UTC.</param>
/// <param name="Assets">The asset table.</param>
/// <param name="AccountCount">The number of real accounts (leaves that are not padding).</param>
public sealed record RoundDescriptor(string RoundId, DateTimeOffset SnapshotTime, AssetTable Assets, long AccountCount)
{
    /// <summary>The tree depth: the least d with 2^d ≥ the account count.</summary>
    public int Depth => SumTreeHashing.DepthFor(AccountCount);

    /// <summary>Checks a round id; returns why it is rejected, or null.</summary>
    /// <param name="roundId">The candidate.</param>
    /// <returns>The reason, or null.</returns>
    public static string? ValidateRoundId(string roundId)
    {
        ArgumentNullException.ThrowIfNull(roundId);
        var bytes = System.Text.Encoding.UTF8.GetByteCount(roundId);
        if (bytes is 0 or > 128)
        {
            return "round id must be 1–128 bytes";
        }

        return roundId.Any(char.IsControl) ? "round id contains a control character" : null;
    }
}
