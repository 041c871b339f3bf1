// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Zk;

/// <summary>The outcome of a zk round build.</summary>
/// <param name="Manifest">The manifest written.</param>
/// <param name="BatchesProven">Batches proven in this run.</param>
/// <param name="BatchesResumed">Batches taken over from an interrupted earlier run (their proofs verified).</param>
public sealed record ZkRoundBuildResult(ZkRoundManifest Manifest, int BatchesProven, int BatchesResumed);
