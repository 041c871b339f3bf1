// SPDX-License-Identifier: Apache-2.0

namespace Por.Cluster;

/// <summary>A finished cluster run: every batch's accepted proof, in batch order.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Proofs">Proof bytes per batch.</param>
/// <param name="Attempts">Attempts used per batch.</param>
/// <param name="Rejected">Returned proofs that failed the check, over all batches.</param>
public sealed record ClusterRunResult(Guid RunId, byte[][] Proofs, int[] Attempts, int Rejected)
{
    /// <summary>How many times the coordinator woke on a worker's notification (LISTEN/NOTIFY) rather than on its
    /// fallback poll interval.</summary>
    public int NotifiedWakeUps { get; init; }
}
