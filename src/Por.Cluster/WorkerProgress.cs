// SPDX-License-Identifier: Apache-2.0

namespace Por.Cluster;

/// <summary>One worker.</summary>
/// <param name="Name">Its Hangfire server name.</param>
/// <param name="KeyName">The authorised key's name.</param>
/// <param name="Batch">The batch it holds, if any.</param>
/// <param name="Phase">Its last reported phase.</param>
/// <param name="Done">Batches it returned that were accepted.</param>
/// <param name="Rejected">Batches it returned that were rejected.</param>
public sealed record WorkerProgress(string Name, string KeyName, int? Batch, string Phase, int Done, int Rejected);
