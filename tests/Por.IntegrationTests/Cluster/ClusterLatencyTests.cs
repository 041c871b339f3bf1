// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using Npgsql;
using Por.Cluster;
using Por.Stark;
using Por.Stark.Proving;

namespace Por.IntegrationTests.Cluster;

/// <summary>
/// The cluster's per-batch latency and core sharing (issue 18, point 6): the coordinator and the workers wake on
/// LISTEN/NOTIFY, not on their poll intervals, and a worker's prover runs within its <c>--threads</c>.
/// </summary>
public sealed class ClusterLatencyTests
{
    private static readonly TimeSpan s_limit = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Notifications_WakeCoordinatorAndWorker_LongBeforeTheirFallbackPolls()
    {
        // Both fallback polls are 60 s: were any step of the hand-over (the lease request, the key wrap, the returned
        // proof) waiting for a poll instead of a notification, three batches would take minutes. (Hangfire's fetch is
        // woken here by Hangfire.PostgreSql's in-process enqueue signal; across processes an idle worker polls.)
        using var db = new ClusterDatabaseFixture();
        using var key = WorkerKey.Generate();
        using var workers = new AuthorisedWorkersFile(key);
        var prover = new MacRound.Prover(corrupt: false, TimeSpan.Zero);
        var options = new WorkerOptions(db.ConnectionString, key, 4L << 30) { FallbackPoll = TimeSpan.FromSeconds(60), HeartbeatInterval = TimeSpan.FromSeconds(1) };
        await using var worker = new InProcessWorker(options, prover);

        // Let the worker join and settle into its first (60 s) wait on the empty queue.
        var joined = Stopwatch.StartNew();
        while (!worker.Text.Contains("joined", StringComparison.Ordinal) && joined.Elapsed < s_limit)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        await Task.Delay(3000, TestContext.Current.CancellationToken);
        var round = new MacRound(3);
        var coordinator = new CoordinatorOptions(db.ConnectionString, workers.Read()) { PollInterval = TimeSpan.FromSeconds(60) };
        var clock = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(s_limit);
        ClusterRunResult result = await Task.Run(() => ClusterCoordinator.Run(round, coordinator, null, timeout.Token), TestContext.Current.CancellationToken);
        clock.Stop();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"3 batches took {clock.Elapsed}: a step waited for a 60 s poll");
        Assert.Equal(3, prover.Proven);
        Assert.True(result.NotifiedWakeUps >= 3, $"the coordinator woke {result.NotifiedWakeUps} times on a notification");
        Assert.Contains("unit key received after", worker.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotificationWait_ShorterThanAMillisecond_TimesOutInsteadOfWaitingForever()
    {
        // Npgsql's Wait reads 0 ms as "no time-out". A fallback interval's last sub-millisecond remainder, truncated to 0,
        // once left a coordinator asleep for good after its only worker had gone quiet (a refused key, a failed job).
        Assert.Equal(1, ClusterDatabase.WaitMilliseconds(TimeSpan.FromTicks(1)));
        Assert.Equal(1, ClusterDatabase.WaitMilliseconds(TimeSpan.Zero));
        Assert.Equal(1, ClusterDatabase.WaitMilliseconds(TimeSpan.FromTicks(-5)));
        Assert.Equal(2, ClusterDatabase.WaitMilliseconds(TimeSpan.FromMilliseconds(1.2)));
        Assert.Equal(100, ClusterDatabase.WaitMilliseconds(TimeSpan.FromMilliseconds(100)));
        Assert.Equal(int.MaxValue, ClusterDatabase.WaitMilliseconds(TimeSpan.FromDays(30)));

        using var db = new ClusterDatabaseFixture();
        using NpgsqlConnection listener = ClusterDatabase.Open(db.ConnectionString);
        ClusterDatabase.Execute(listener, null, "listen por_nobody_notifies");
        var waits = Task.Factory.StartNew(
            () => Enumerable.Range(0, 50).Count(i => ClusterDatabase.WaitForNotification(listener, TimeSpan.FromTicks(i % 10))),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Task first = await Task.WhenAny(waits, Task.Delay(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.True(first == waits, "a wait of under a millisecond on a quiet channel did not return within 30 s");
        Assert.Equal(0, await waits);
    }

    [Fact]
    public async Task WorkerThreads_CapTheProversParallelLoops()
    {
        if (Environment.ProcessorCount < 2)
        {
            Assert.Skip("needs at least 2 cores to observe a cap of 1");
        }

        using var db = new ClusterDatabaseFixture();
        using var key = WorkerKey.Generate();
        using var workers = new AuthorisedWorkersFile(key);
        var prover = new ConcurrencyProbe();
        var options = new WorkerOptions(db.ConnectionString, key, 4L << 30) { Threads = 1, HeartbeatInterval = TimeSpan.FromSeconds(1) };
        await using var worker = new InProcessWorker(options, prover);
        var round = new MacRound(2);
        using var timeout = new CancellationTokenSource(s_limit);
        ClusterRunResult result = await Task.Run(() => ClusterCoordinator.Run(round, new CoordinatorOptions(db.ConnectionString, workers.Read()), null, timeout.Token), TestContext.Current.CancellationToken);
        Assert.Equal(2, result.Proofs.Length);
        Assert.Equal(1, prover.SchedulerLimit);
        Assert.Equal(1, prover.MaxConcurrent);
        Assert.Contains("1 prover thread(s)", worker.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ProverThreads_NestedParallelLoops_NeverExceedTheCap()
    {
        if (Environment.ProcessorCount < 2)
        {
            Assert.Skip("needs at least 2 cores to observe a cap");
        }

        // A cap of 1, and the largest cap below the core count (the same on 2 cores): each is observable here.
        foreach (int threads in new[] { 1, Environment.ProcessorCount - 1 }.Distinct())
        {
            int running = 0, max = 0;
            int sum = ProverThreads.Run(threads, () =>
            {
                int total = 0;
                Parallel.For(0, 8, ProverParallelism.Options, _ => Parallel.For(0, 8, ProverParallelism.Options, _ =>
                {
                    int now = Interlocked.Increment(ref running);
                    InterlockedMax(ref max, now);
                    Thread.SpinWait(200_000);
                    Interlocked.Decrement(ref running);
                    Interlocked.Increment(ref total);
                }));
                return total;
            });
            Assert.Equal(64, sum);
            Assert.InRange(max, 1, threads);
        }
    }

    [Fact]
    public void ProverThreads_Uncapped_UsesMoreThanOneThread_AndRejectsABadCount()
    {
        if (Environment.ProcessorCount < 2)
        {
            Assert.Skip("needs at least 2 cores");
        }

        // The probe itself can see parallelism: without a cap the same loops run on more than one thread.
        int running = 0, max = 0;
        ProverThreads.Run(Environment.ProcessorCount, () =>
        {
            Parallel.For(0, 64, ProverParallelism.Options, _ =>
            {
                InterlockedMax(ref max, Interlocked.Increment(ref running));
                Thread.Sleep(20);
                Interlocked.Decrement(ref running);
            });
            return 0;
        });
        Assert.True(max >= 2, $"max concurrency {max}");
        Assert.Equal(-1, ProverParallelism.MaxThreads);
        Assert.Throws<ArgumentOutOfRangeException>(() => ProverThreads.Run(0, () => 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProverThreads.Run(ProverThreads.Max + 1, () => 0));
        Assert.Equal("boom", Assert.Throws<InvalidOperationException>(() => ProverThreads.Run(1, int () => throw new InvalidOperationException("boom"))).Message);
    }

    [Fact]
    public void EveryParallelLoopOnTheProversPath_TakesTheProverCap()
    {
        // A loop without ProverParallelism.Options would ignore --threads and oversubscribe a shared machine.
        string root = RepositoryPaths.Root;
        var missing = new List<string>();
        foreach (string dir in new[] { "src/Por.Stark", "src/Por.Liabilities/Zk" })
        {
            foreach (string file in Directory.EnumerateFiles(Path.Combine(root, dir), "*.cs", SearchOption.AllDirectories))
            {
                string source = File.ReadAllText(file);
                int at = 0;
                while ((at = source.IndexOf("Parallel.For", at, StringComparison.Ordinal)) >= 0)
                {
                    int end = source.IndexOf("=>", at, StringComparison.Ordinal);
                    if (end < 0 || !source[at..end].Contains("ProverParallelism.Options", StringComparison.Ordinal))
                    {
                        missing.Add(Path.GetRelativePath(root, file) + " at " + at);
                    }

                    at += 12;
                }
            }
        }

        Assert.Empty(missing);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    /// <summary>A prover that records the scheduler it runs on and how many of its parallel iterations overlap.</summary>
    private sealed class ConcurrencyProbe : IUnitProver
    {
        private int _running;
        private int _max;

        public int SchedulerLimit { get; private set; }

        public int MaxConcurrent => Volatile.Read(ref _max);

        public byte[] Prove(byte[] publicPlan, int batchIndex, byte[] encryptedUnit, byte[] unitKey, IProgress<ProverPhase> phases)
        {
            SchedulerLimit = ProverParallelism.MaxThreads;
            Parallel.For(0, 32, ProverParallelism.Options, _ =>
            {
                InterlockedMax(ref _max, Interlocked.Increment(ref _running));
                Thread.Sleep(10);
                Interlocked.Decrement(ref _running);
            });
            return System.Security.Cryptography.HMACSHA256.HashData(unitKey, encryptedUnit);
        }
    }
}
