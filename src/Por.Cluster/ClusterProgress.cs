// SPDX-License-Identifier: Apache-2.0

namespace Por.Cluster;

/// <summary>A snapshot of a cluster run: every batch and every worker seen.</summary>
/// <param name="Batches">Per batch.</param>
/// <param name="Workers">Per worker (by Hangfire server name).</param>
/// <param name="Event">What just happened, or null for a periodic snapshot.</param>
public sealed record ClusterProgress(IReadOnlyList<BatchProgress> Batches, IReadOnlyList<WorkerProgress> Workers, string? Event);
