// SPDX-License-Identifier: Apache-2.0

namespace Por.Cluster;

/// <summary>One batch.</summary>
/// <param name="BatchIndex">b.</param>
/// <param name="State">queued, proving, verifying, done or failed.</param>
/// <param name="Attempt">The current attempt (1-based).</param>
/// <param name="Worker">The worker proving it, if any.</param>
/// <param name="Phase">The worker's last reported phase, if any.</param>
public sealed record BatchProgress(int BatchIndex, string State, int Attempt, string? Worker, string? Phase);
