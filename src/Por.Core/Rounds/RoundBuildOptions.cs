// SPDX-License-Identifier: Apache-2.0

using Por.Core.Snapshot;

namespace Por.Core.Rounds;

/// <summary>What <see cref="RoundBuilder"/> needs.</summary>
/// <param name="SnapshotPath">The snapshot file (or OKX directory).</param>
/// <param name="Format">The snapshot layout.</param>
/// <param name="Assets">The asset table.</param>
/// <param name="RoundId">The round id.</param>
/// <param name="SnapshotTime">The snapshot time (truncated to whole seconds, UTC).</param>
/// <param name="OutputDirectory">The bundle directory to create; must not exist.</param>
public sealed record RoundBuildOptions(string SnapshotPath, SnapshotFormat Format, AssetTable Assets, string RoundId, DateTimeOffset SnapshotTime, string OutputDirectory);
