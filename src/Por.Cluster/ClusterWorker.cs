// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using Hangfire;
using Hangfire.PostgreSql;

namespace Por.Cluster;

/// <summary>
/// <c>por worker</c>: one Hangfire server with one worker thread (one batch at a time) on the cluster database. It joins
/// by starting (Hangfire announces it and heartbeats), takes only batches whose memory class its limit covers, and
/// leaves on cancellation: the batch in hand is abandoned between prover phases and Hangfire puts it back in the queue.
/// </summary>
public static class ClusterWorker
{
    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="options">The worker's options.</param>
    /// <param name="prover">Proves a decrypted unit.</param>
    /// <param name="log">Where to tell what happens.</param>
    /// <param name="cancellationToken">Stops the worker.</param>
    /// <returns>The worker's name.</returns>
    /// <exception cref="ArgumentException">The memory limit is below 1 GiB, or the thread count is not 1..<see cref="ProverThreads.Max"/>.</exception>
    public static string Run(WorkerOptions options, IUnitProver prover, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        int gib = (int)Math.Min(options.MemoryLimitBytes >> 30, ClusterDatabase.MaxQueueGib);
        if (gib < 1)
        {
            throw new ArgumentException("the memory limit must be at least 1GiB", nameof(options));
        }

        if (options.Threads is < 1 or > ProverThreads.Max)
        {
            throw new ArgumentException("the prover's thread count must be 1 to " + ProverThreads.Max, nameof(options));
        }

        ClusterDatabase.Prepare(options.ConnectionString);
        PostgreSqlStorage storage = ClusterDatabase.Storage(options.ConnectionString, options.LeaseTimeout, options.FallbackPoll);
        string name = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}-{Environment.ProcessId}-{WorkerKey.Fingerprint(options.Key.PublicKey)[..8]}");
        var job = new ProveBatchJob(options, prover, name, log);
        var serverOptions = new BackgroundJobServerOptions
        {
            ServerName = name,
            WorkerCount = 1,
            // Largest classes first, so that a big worker prefers the batches only it can take.
            Queues = [.. Enumerable.Range(1, gib).Reverse().Select(ClusterDatabase.Queue)],
            Activator = new SingleJobActivator(job),
            HeartbeatInterval = TimeSpan.FromSeconds(5),
            ServerCheckInterval = TimeSpan.FromSeconds(15),
            ServerTimeout = TimeSpan.FromSeconds(30),
            ShutdownTimeout = TimeSpan.FromSeconds(30),
            SchedulePollingInterval = TimeSpan.FromSeconds(1),
        };
        lock (log)
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: joined (public key {options.Key.PublicKeyHex}; batches up to {gib} GiB; {options.Threads} prover thread(s); lease timeout {options.LeaseTimeout.TotalSeconds:F0} s)"));
            log.Flush();
        }

        using (var server = new BackgroundJobServer(serverOptions, storage))
        {
            cancellationToken.WaitHandle.WaitOne();
            server.SendStop();
        }

        lock (log)
        {
            log.WriteLine($"{name}: left");
            log.Flush();
        }

        return name;
    }

    /// <summary>Hands Hangfire this worker's one job runner.</summary>
    private sealed class SingleJobActivator(ProveBatchJob job) : JobActivator
    {
        public override object ActivateJob(Type jobType) => jobType == typeof(ProveBatchJob) ? job : base.ActivateJob(jobType);
    }
}
