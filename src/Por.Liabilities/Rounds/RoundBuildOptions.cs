// SPDX-License-Identifier: Apache-2.0

using Por.Common;
using Por.Liabilities.Snapshot;

namespace Por.Liabilities.Rounds;

/// <summary>What <see cref="Transparent.RoundBuilder"/> needs.</summary>
/// <param name="SnapshotPath">The snapshot file (or OKX directory).</param>
/// <param name="Format">The snapshot layout.</param>
/// <param name="Assets">The asset table.</param>
/// <param name="RoundId">The round id.</param>
/// <param name="SnapshotTime">The snapshot time (truncated to whole seconds, UTC).</param>
/// <param name="OutputDirectory">The bundle directory to create; must not exist.</param>
public sealed record RoundBuildOptions(string SnapshotPath, SnapshotFormat Format, AssetTable Assets, string RoundId, DateTimeOffset SnapshotTime, string OutputDirectory)
{
    /// <summary>
    /// zk mode with an automatic parameter set: the most memory the prover may use, in bytes; the planner only considers
    /// sets whose estimated peak (<see cref="Zk.ZkBatchPlanner.EstimatedPeakBytes"/>) fits. Null: three quarters of the
    /// memory this process may use (<see cref="Zk.ZkBatchPlanner.DefaultMemoryLimit"/>).
    /// </summary>
    public long? ProverMemoryLimit { get; init; }
}
