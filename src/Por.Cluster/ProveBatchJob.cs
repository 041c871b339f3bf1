// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Globalization;
using Hangfire;
using Hangfire.Server;
using Npgsql;
using Por.Liabilities.Zk;
using Por.Stark.Memory;
using Por.Stark.Proving;

namespace Por.Cluster;

/// <summary>
/// The Hangfire job a worker runs for one batch attempt (docs/distributed.md, "Dynamic cluster"): ask the coordinator
/// for the unit key under a new lease (the request carries the worker's public key), wait for it to be wrapped for this
/// worker, decrypt and prove the unit, and store the proof for the coordinator to verify. Hangfire retries nothing
/// itself: a failed attempt is the coordinator's to re-enqueue, within its attempt cap.
/// </summary>
public sealed class ProveBatchJob
{
    private readonly WorkerOptions _options;
    private readonly IUnitProver _prover;
    private readonly string _serverName;
    private readonly TextWriter _log;

    /// <summary>Creates the job runner of one worker.</summary>
    /// <param name="options">The worker's options.</param>
    /// <param name="prover">Proves a decrypted unit.</param>
    /// <param name="serverName">The worker's name (Hangfire server name).</param>
    /// <param name="log">Where to tell what happens.</param>
    public ProveBatchJob(WorkerOptions options, IUnitProver prover, string serverName, TextWriter log)
    {
        _options = options;
        _prover = prover;
        _serverName = serverName;
        _log = log;
    }

    /// <summary>Proves batch <paramref name="batchIndex"/> of run <paramref name="runId"/> (attempt <paramref name="attempt"/>).</summary>
    /// <param name="runId">The run.</param>
    /// <param name="batchIndex">b.</param>
    /// <param name="attempt">The coordinator's attempt number; a job for an older attempt does nothing.</param>
    /// <param name="context">Supplied by Hangfire.</param>
    /// <param name="cancellationToken">Supplied by Hangfire: cancelled when the worker shuts down, which hands the job back to the queue.</param>
    [AutomaticRetry(Attempts = 0)]
    public void Prove(Guid runId, int batchIndex, int attempt, PerformContext? context, CancellationToken cancellationToken)
    {
        string connectionString = _options.ConnectionString;
        string jobId = context?.BackgroundJob.Id ?? string.Empty;
        long leaseId;
        byte[]? unitKey = null;
        Heartbeat? heartbeat = null;
        try
        {
            var keyClock = Stopwatch.StartNew();
            byte[] wrapped;
            using (NpgsqlConnection connection = ClusterDatabase.Open(connectionString))
            {
                // Listen before the lease exists, so that the coordinator's notification cannot come before we listen.
                ClusterDatabase.Execute(connection, null, "listen " + ClusterDatabase.KeyChannel(runId));
                using (NpgsqlCommand check = ClusterDatabase.Command(connection,
                    $"select r.state, b.attempt, b.state from {ClusterDatabase.Schema}.run r join {ClusterDatabase.Schema}.batch b using (run_id) where run_id = @run and batch_index = @b",
                    ("run", runId), ("b", batchIndex)))
                using (NpgsqlDataReader reader = check.ExecuteReader())
                {
                    if (!reader.Read() || !string.Equals(reader.GetString(0), "proving", StringComparison.Ordinal) || reader.GetInt32(1) != attempt
                        || string.Equals(reader.GetString(2), "done", StringComparison.Ordinal))
                    {
                        Log($"batch {batchIndex}: attempt {attempt} is no longer wanted");
                        return;
                    }
                }

                // The lease row and the coordinator's wake-up in one statement (the notification is delivered on commit).
                using (NpgsqlCommand insert = ClusterDatabase.Command(connection,
                    $"with l as (insert into {ClusterDatabase.Schema}.lease (run_id, batch_index, attempt, job_id, server_name, worker_key) values (@run, @b, @a, @job, @server, @key) returning lease_id) "
                    + "select lease_id, pg_notify(@channel, 'lease ' || lease_id) from l",
                    ("run", runId), ("b", batchIndex), ("a", attempt), ("job", jobId), ("server", _serverName), ("key", _options.Key.PublicKey), ("channel", ClusterDatabase.RunChannel(runId))))
                {
                    leaseId = (long)insert.ExecuteScalar()!;
                }

                Log($"batch {batchIndex}: leased (attempt {attempt}, lease {leaseId}); waiting for the unit key");
                heartbeat = new Heartbeat(connectionString, leaseId, _options.HeartbeatInterval);
                wrapped = WaitForKey(connection, leaseId, cancellationToken);
            }

            if (!UnitKeyWrap.TryUnwrap(wrapped, _options.Key, runId, batchIndex, leaseId, out unitKey))
            {
                throw new InvalidOperationException($"batch {batchIndex}: the wrapped unit key does not open with this worker's key");
            }

            Log(string.Create(CultureInfo.InvariantCulture, $"batch {batchIndex}: unit key received after {keyClock.Elapsed.TotalMilliseconds:F0} ms"));
            (byte[] plan, byte[] unit) = ReadUnit(connectionString, runId, batchIndex);
            heartbeat.Phase("decrypting and building the witness");
            var clock = Stopwatch.StartNew();
            byte[] key = unitKey;
            Heartbeat beat = heartbeat;
            byte[] proof = ProverThreads.Run(_options.Threads, () => ProveInFrame(plan, batchIndex, unit, key, new PhaseReporter(beat, cancellationToken)));
            UnitKeyWrap.Clear(unitKey);
            unitKey = null;
            heartbeat.Phase("returning the proof");
            using (NpgsqlConnection connection = ClusterDatabase.Open(connectionString))
            {
                ClusterDatabase.Execute(connection, null,
                    $"insert into {ClusterDatabase.Schema}.result (lease_id, run_id, batch_index, proof) values (@lease, @run, @b, @proof); select pg_notify(@channel, 'result ' || @lease)",
                    ("lease", leaseId), ("run", runId), ("b", batchIndex), ("proof", proof), ("channel", ClusterDatabase.RunChannel(runId)));
            }

            heartbeat.Phase("proof returned");
            Log(string.Create(CultureInfo.InvariantCulture, $"batch {batchIndex}: proof returned ({proof.Length:N0} bytes, {clock.Elapsed.TotalSeconds:F1} s)"));
        }
        catch (OperationCanceledException)
        {
            heartbeat?.Phase("abandoned: the worker is stopping");
            Log($"batch {batchIndex}: abandoned (the worker is stopping); Hangfire hands it back to the queue");
            throw;
        }
        finally
        {
            heartbeat?.Dispose();
            UnitKeyWrap.Clear(unitKey);
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
        }
    }

    // The witness and prover state live only in this frame.
    private byte[] ProveInFrame(byte[] plan, int batchIndex, byte[] unit, byte[] unitKey, IProgress<ProverPhase> phases)
    {
        using IDisposable retention = ProverMemory.Retain();
        return _prover.Prove(plan, batchIndex, unit, unitKey, phases);
    }

    // Reads the lease row, and between reads sleeps on the connection until the coordinator's notification (or the
    // fallback interval, should a notification be lost).
    private byte[] WaitForKey(NpgsqlConnection connection, long leaseId, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using (NpgsqlCommand read = ClusterDatabase.Command(connection, $"select wrapped_key, refused from {ClusterDatabase.Schema}.lease where lease_id = @lease", ("lease", leaseId)))
            using (NpgsqlDataReader reader = read.ExecuteReader())
            {
                if (reader.Read())
                {
                    if (!reader.IsDBNull(1))
                    {
                        throw new InvalidOperationException("the coordinator refused the unit key: " + reader.GetString(1));
                    }

                    if (!reader.IsDBNull(0))
                    {
                        return (byte[])reader.GetValue(0);
                    }
                }
            }

            TimeSpan left = _options.KeyWaitTimeout - waited.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException("no unit key from the coordinator within " + _options.KeyWaitTimeout);
            }

            ClusterDatabase.WaitForNotification(connection, left < _options.FallbackPoll ? left : _options.FallbackPoll);
        }
    }

    private static (byte[] Plan, byte[] Unit) ReadUnit(string connectionString, Guid runId, int batchIndex)
    {
        using NpgsqlConnection connection = ClusterDatabase.Open(connectionString);
        using NpgsqlCommand read = ClusterDatabase.Command(connection,
            $"select r.plan, b.unit from {ClusterDatabase.Schema}.run r join {ClusterDatabase.Schema}.batch b using (run_id) where run_id = @run and batch_index = @b", ("run", runId), ("b", batchIndex));
        using NpgsqlDataReader reader = read.ExecuteReader();
        return reader.Read() ? ((byte[])reader.GetValue(0), (byte[])reader.GetValue(1)) : throw new InvalidOperationException($"batch {batchIndex} of run {runId} is not in the database");
    }

    private void Log(string message)
    {
        lock (_log)
        {
            _log.WriteLine($"{_serverName}: {message}");
            _log.Flush();
        }
    }

    /// <summary>Tells the coordinator, through the lease row, that the worker is alive and which phase it is in.</summary>
    private sealed class Heartbeat : IDisposable
    {
        private readonly string _connectionString;
        private readonly long _leaseId;
        private readonly Timer _timer;
        private readonly Lock _gate = new();
        private string _phase = "waiting for the unit key";
        private bool _disposed;

        public Heartbeat(string connectionString, long leaseId, TimeSpan interval)
        {
            _connectionString = connectionString;
            _leaseId = leaseId;
            _timer = new Timer(_ => Beat(), null, interval, interval);
        }

        public void Phase(string phase)
        {
            lock (_gate)
            {
                _phase = phase;
            }

            Beat();
        }

        private void Beat()
        {
            string phase;
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                phase = _phase;
            }

            try
            {
                using NpgsqlConnection connection = ClusterDatabase.Open(_connectionString);
                ClusterDatabase.Execute(connection, null, $"update {ClusterDatabase.Schema}.lease set phase = @phase, heartbeat_at = now() where lease_id = @lease", ("phase", phase), ("lease", _leaseId));
            }
            catch (NpgsqlException)
            {
                // A missed heartbeat only makes the coordinator's view staler; Hangfire's own keep-alive decides re-delivery.
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _disposed = true;
            }

            _timer.Dispose();
        }
    }

    /// <summary>Relays prover phases to the heartbeat and stops between phases when the worker shuts down.</summary>
    private sealed class PhaseReporter(Heartbeat heartbeat, CancellationToken cancellationToken) : IProgress<ProverPhase>
    {
        public void Report(ProverPhase value)
        {
            cancellationToken.ThrowIfCancellationRequested();
            heartbeat.Phase(ZkRoundProver.Describe(value));
        }
    }
}
