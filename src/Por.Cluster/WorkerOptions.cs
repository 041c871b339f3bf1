// SPDX-License-Identifier: Apache-2.0

namespace Por.Cluster;

/// <summary>How a <c>por worker</c> joins the cluster.</summary>
/// <param name="ConnectionString">The cluster database (Npgsql connection string).</param>
/// <param name="Key">The worker's key pair (its public key must be on the coordinator's authorised list).</param>
/// <param name="MemoryLimitBytes">The most memory a batch may need here: the worker listens only on the queues of batches whose estimated peak fits.</param>
public sealed record WorkerOptions(string ConnectionString, WorkerKey Key, long MemoryLimitBytes)
{
    /// <summary>How long a killed worker's batch stays invisible before another worker fetches it (Hangfire's sliding
    /// invisibility timeout: a live worker keeps extending it).</summary>
    public TimeSpan LeaseTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the worker tells the coordinator it is alive and what it is doing.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How many threads the prover may use (<see cref="ProverThreads"/>); default: every core of the machine.
    /// N workers sharing one machine each take cores / N.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>The longest the worker sleeps between two looks at the database when nothing wakes it: how often an idle
    /// worker looks at Hangfire's queue (a busy one fetches its next job at once; long polling is off, see
    /// <see cref="ClusterDatabase.Storage"/>), and, should a notification be lost, how often it re-reads its lease while
    /// waiting for the unit key (the coordinator's NOTIFY normally wakes it at once).</summary>
    public TimeSpan FallbackPoll { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the worker waits for the coordinator to hand over a unit key.</summary>
    public TimeSpan KeyWaitTimeout { get; init; } = TimeSpan.FromMinutes(10);
}
