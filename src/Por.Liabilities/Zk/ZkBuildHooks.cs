// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Zk;

/// <summary>Test seams of <see cref="ZkRoundBuilder"/> (tests only; production passes none).</summary>
internal sealed class ZkBuildHooks
{
    /// <summary>Replaces the 64-bit id hash (e.g. a constant, to force every id hash to collide).</summary>
    public Func<ReadOnlySpan<byte>, ulong>? IdHash { get; init; }

    /// <summary>Runs between the first pass over the snapshot and the second (e.g. to modify the snapshot).</summary>
    public Action? AfterFirstPass { get; init; }

    /// <summary>Runs before the prover takes batch b (e.g. to interrupt the build between batches).</summary>
    public Action<int>? BeforeBatch { get; init; }

    /// <summary>Sees the collector after the first pass (e.g. to check what it holds).</summary>
    public Action<ZkAccountCollector>? AfterIndex { get; init; }
}
