// SPDX-License-Identifier: Apache-2.0

using Por.Common;

namespace Por.Liabilities.Transparent;

/// <summary>What a round's root binds besides the tree: round id, snapshot time, assets and the account count.</summary>
/// <param name="RoundId">The round id (1–128 bytes of UTF-8, no control characters).</param>
/// <param name="SnapshotTime">The snapshot time, whole seconds, UTC.</param>
/// <param name="Assets">The asset table.</param>
/// <param name="AccountCount">The number of real accounts (leaves that are not padding).</param>
public sealed record RoundDescriptor(string RoundId, DateTimeOffset SnapshotTime, AssetTable Assets, long AccountCount)
{
    /// <summary>The tree depth: the least d with 2^d ≥ the account count.</summary>
    public int Depth => SumTreeHashing.DepthFor(AccountCount);
}
