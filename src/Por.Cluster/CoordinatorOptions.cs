// SPDX-License-Identifier: Apache-2.0

namespace Por.Cluster;

/// <summary>How <c>por round coordinate</c> runs a round on the cluster.</summary>
/// <param name="ConnectionString">The cluster database.</param>
/// <param name="Workers">The worker public keys allowed to receive unit keys.</param>
public sealed record CoordinatorOptions(string ConnectionString, AuthorisedWorkers Workers)
{
    /// <summary>How many times a batch may be handed out before the run fails (a rejected proof, a failed job and a
    /// worker that never returns each count).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>A lease whose worker has not reported for this long no longer counts as the worker's open lease.</summary>
    public TimeSpan StaleLease { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest the coordinator sleeps between two looks at the database: a worker's lease request or returned
    /// proof wakes it at once (NOTIFY on the run's channel); this bounds the delay should a notification be lost, and is
    /// how often it asks Hangfire about failed jobs.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Hangfire's invisibility timeout for the coordinator's storage handle (it fetches nothing itself).</summary>
    public TimeSpan LeaseTimeout { get; init; } = TimeSpan.FromMinutes(5);
}
