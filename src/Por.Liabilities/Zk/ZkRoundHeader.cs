// SPDX-License-Identifier: Apache-2.0

using Por.Common;
using Por.Liabilities.Rounds;
using Por.Stark.Field;

namespace Por.Liabilities.Zk;

/// <summary>
/// What a zk round publishes, shared by its manifest and every customer's inclusion file: the round context (id, time,
/// assets), the proven totals, the parameter set, the batch count, the top tree's root and the published root, which
/// commits to all the others (<see cref="ZkRoundRoot"/>). Nothing else (no account count).
/// </summary>
/// <param name="RoundId">The round id.</param>
/// <param name="SnapshotTime">The snapshot time (UTC, whole seconds).</param>
/// <param name="Assets">The asset table.</param>
/// <param name="Totals">Per-asset proven totals in base units, by asset id.</param>
/// <param name="ParameterSetId">The pinned parameter set the batches were proven with.</param>
/// <param name="BatchCount">B, the number of batch proofs.</param>
/// <param name="TreeRoot">The top tree's root over the batch roots (4 Goldilocks elements).</param>
/// <param name="Root">The published round root (32 bytes, <see cref="ZkRoundRoot"/>).</param>
public sealed record ZkRoundHeader(
    string RoundId, DateTimeOffset SnapshotTime, AssetTable Assets, IReadOnlyList<ulong> Totals, string ParameterSetId, int BatchCount,
    IReadOnlyList<Goldilocks> TreeRoot, IReadOnlyList<byte> Root)
{
    /// <summary>The round context digest recomputed from the header's round id, time and assets.</summary>
    public byte[] ContextDigest => ZkRoundContext.Digest(RoundId, SnapshotTime, Assets);

    /// <summary>The published root recomputed from every other field of the header.</summary>
    /// <returns>The 32-byte root the header's <see cref="Root"/> must equal.</returns>
    public byte[] ComputeRoot() => ZkRoundRoot.Compute(ContextDigest, ParameterSetId, BatchCount, Totals, TreeRoot);

    /// <summary>Whether <see cref="Root"/> commits to the header's other fields.</summary>
    public bool IsRootBound => ComputeRoot().AsSpan().SequenceEqual([.. Root]);

    /// <summary>The fields that differ from <paramref name="other"/>'s (empty when equal).</summary>
    /// <param name="other">The other header.</param>
    /// <returns>The JSON names of the differing fields.</returns>
    public IReadOnlyList<string> Differences(ZkRoundHeader other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var d = new List<string>();
        RoundFieldsJson.AddDifferences(d, RoundId, SnapshotTime, Assets, Totals, other.RoundId, other.SnapshotTime, other.Assets, other.Totals);

        if (!string.Equals(ParameterSetId, other.ParameterSetId, StringComparison.Ordinal))
        {
            d.Add("parameter_set");
        }

        if (BatchCount != other.BatchCount)
        {
            d.Add("batch_count");
        }

        if (!TreeRoot.SequenceEqual(other.TreeRoot))
        {
            d.Add("tree_root");
        }

        if (!Root.SequenceEqual(other.Root))
        {
            d.Add("root");
        }

        return d;
    }
}
