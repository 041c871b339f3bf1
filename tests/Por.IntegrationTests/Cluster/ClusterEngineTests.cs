// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using Por.Cluster;

namespace Por.IntegrationTests.Cluster;

/// <summary>
/// The coordinator on Hangfire + PostgreSQL with in-process workers and a stand-in workload (<see cref="MacRound"/>):
/// a cheating worker's proof is rejected and its batch re-proven, the attempt cap fails a run loudly, and a worker whose
/// key is not authorised never receives a unit key. Each test has its own database; all are bounded in time.
/// </summary>
public sealed class ClusterEngineTests
{
    private static readonly TimeSpan s_limit = TimeSpan.FromMinutes(2);

    private static InProcessWorker StartWorker(string connection, WorkerKey key, IUnitProver prover, TextWriter log) =>
        new(new WorkerOptions(connection, key, 4L << 30) { LeaseTimeout = TimeSpan.FromSeconds(10), HeartbeatInterval = TimeSpan.FromSeconds(1) }, prover, log);

    private static ClusterRunResult Coordinate(MacRound round, CoordinatorOptions options)
    {
        using var timeout = new CancellationTokenSource(s_limit);
        return ClusterCoordinator.Run(round, options, null, timeout.Token);
    }

    [Fact]
    public async Task CorruptProof_IsRejected_AndTheBatchIsReprovenElsewhere()
    {
        using var db = new ClusterDatabaseFixture();
        using var cheaterKey = WorkerKey.Generate();
        using var honestKey = WorkerKey.Generate();
        using var workers = new AuthorisedWorkersFile(cheaterKey, honestKey);
        var log = TextWriter.Synchronized(new StringWriter());
        var round = new MacRound(3);
        var cheater = new MacRound.Prover(corrupt: true, TimeSpan.Zero);
        var honest = new MacRound.Prover(corrupt: false, TimeSpan.FromMilliseconds(50));
        await using InProcessWorker cheaterWorker = StartWorker(db.ConnectionString, cheaterKey, cheater, log);
        var run = Task.Run(() => Coordinate(round, new CoordinatorOptions(db.ConnectionString, workers.Read()) { MaxAttempts = 3 }));
        // The cheater alone first: it returns one corrupted proof, then leaves; the honest worker does the rest.
        var clock = Stopwatch.StartNew();
        while (cheater.Proven == 0 && clock.Elapsed < s_limit && !run.IsCompleted)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        await cheaterWorker.StopAsync();
        await using InProcessWorker honestWorker = StartWorker(db.ConnectionString, honestKey, honest, log);
        ClusterRunResult result = await run.WaitAsync(s_limit, TestContext.Current.CancellationToken);

        Assert.True(cheater.Proven >= 1);
        Assert.True(result.Rejected >= 1);
        Assert.Contains(result.Attempts, a => a >= 2);
        for (int b = 0; b < round.BatchCount; b++)
        {
            Assert.Null(round.Check(b, result.Proofs[b]));
        }

        Assert.True(db.Scalar("select count(*) from por_cluster.result where verdict like 'rejected%'") >= 1);
    }

    [Fact]
    public async Task CheatingWorkerAlone_UsesUpTheAttemptCap_AndTheRunFailsLoudly()
    {
        using var db = new ClusterDatabaseFixture();
        using var cheaterKey = WorkerKey.Generate();
        using var workers = new AuthorisedWorkersFile(cheaterKey);
        await using InProcessWorker worker = StartWorker(db.ConnectionString, cheaterKey, new MacRound.Prover(corrupt: true, TimeSpan.Zero), TextWriter.Synchronized(new StringWriter()));
        var e = Assert.Throws<ClusterRunException>(() => Coordinate(new MacRound(1), new CoordinatorOptions(db.ConnectionString, workers.Read()) { MaxAttempts = 2 }));
        Assert.Contains("batch 0 failed 2 attempt(s)", e.Message, StringComparison.Ordinal);
        Assert.Contains("rejected", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, db.Scalar("select count(*) from por_cluster.run where state = 'failed'"));
    }

    [Fact]
    public async Task UnauthorisedWorker_NeverReceivesAUnitKey()
    {
        using var db = new ClusterDatabaseFixture();
        using var authorised = WorkerKey.Generate();
        using var stranger = WorkerKey.Generate();
        using var workers = new AuthorisedWorkersFile(authorised);
        var prover = new MacRound.Prover(corrupt: false, TimeSpan.Zero);
        await using InProcessWorker worker = StartWorker(db.ConnectionString, stranger, prover, TextWriter.Synchronized(new StringWriter()));
        var e = Assert.Throws<ClusterRunException>(() => Coordinate(new MacRound(1), new CoordinatorOptions(db.ConnectionString, workers.Read()) { MaxAttempts = 2 }));
        Assert.Contains("not on the authorised list", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, prover.Proven);
        Assert.Equal(0, db.Scalar("select count(*) from por_cluster.lease where wrapped_key is not null"));
        Assert.True(db.Scalar("select count(*) from por_cluster.lease where refused is not null") >= 1);
    }
}
