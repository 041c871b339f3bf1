// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Globalization;
using Hangfire;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Hangfire.States;
using Hangfire.Storage;
using Npgsql;
using Por.Liabilities.Zk;

namespace Por.Cluster;

/// <summary>
/// <c>por round coordinate</c>'s engine-facing half (docs/distributed.md, "Dynamic cluster"): stores every batch's
/// encrypted unit, enqueues one Hangfire job per batch on the queue of its memory class, hands each lease's unit key
/// wrapped for the authorised worker that asked (at most one open lease per worker key), checks every returned proof
/// with the plan's check before accepting it, and re-enqueues a batch whose proof is rejected or whose job failed, up
/// to <see cref="CoordinatorOptions.MaxAttempts"/>; then the run fails loudly. A killed worker's batch is re-delivered
/// by Hangfire itself (its sliding invisibility timeout lapses), under the same attempt.
/// </summary>
public static class ClusterCoordinator
{
    private const string Schema = ClusterDatabase.Schema;

    /// <summary>Runs the round's batches on the cluster.</summary>
    /// <param name="round">The planned round.</param>
    /// <param name="options">Database, authorised workers, attempt cap.</param>
    /// <param name="progress">Told of every event and, about once a second, of the whole state; null for none.</param>
    /// <param name="cancellationToken">Cancels the run (its jobs are deleted).</param>
    /// <returns>The accepted proofs.</returns>
    /// <exception cref="ClusterRunException">A batch used up its attempts.</exception>
    public static ClusterRunResult Run(IClusterRound round, CoordinatorOptions options, IProgress<ClusterProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(options);
        ClusterDatabase.Prepare(options.ConnectionString);
        PostgreSqlStorage storage = ClusterDatabase.Storage(options.ConnectionString, options.LeaseTimeout, options.PollInterval);
        var client = new BackgroundJobClient(storage);
        var run = new RunState(round, options, storage, client, progress);
        try
        {
            run.Start();
            return run.Loop(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            run.Stop("cancelled", "the coordinator was stopped");
            throw;
        }
        catch (ClusterRunException e)
        {
            run.Stop("failed", e.Message);
            throw;
        }
    }

    private sealed class RunState(IClusterRound round, CoordinatorOptions options, PostgreSqlStorage storage, BackgroundJobClient client, IProgress<ClusterProgress>? progress)
    {
        private readonly Guid _runId = Guid.CreateVersion7();
        private readonly int _count = round.BatchCount;
        private readonly string _queue = ClusterDatabase.Queue(ClusterDatabase.GibClass(ZkBatchPlanner.EstimatedPeakBytes(round.Parameters)));
        private readonly int[] _attempt = new int[round.BatchCount];
        private readonly string?[] _jobId = new string?[round.BatchCount];
        private readonly BatchState[] _state = new BatchState[round.BatchCount];
        private readonly byte[]?[] _proofs = new byte[]?[round.BatchCount];
        private readonly Dictionary<string, (int Done, int Rejected)> _tally = new(StringComparer.Ordinal);
        private int _rejected;

        public void Start()
        {
            using NpgsqlConnection connection = ClusterDatabase.Open(options.ConnectionString);
            using (NpgsqlTransaction transaction = connection.BeginTransaction())
            {
                ClusterDatabase.Execute(connection, transaction,
                    $"insert into {Schema}.run (run_id, parameter_set, plan, batch_count, max_attempts, state) values (@run, @set, @plan, @count, @max, 'proving')",
                    ("run", _runId), ("set", round.Parameters.Id), ("plan", round.PublicPlan), ("count", _count), ("max", options.MaxAttempts));
                for (int b = 0; b < _count; b++)
                {
                    ClusterDatabase.Execute(connection, transaction,
                        $"insert into {Schema}.batch (run_id, batch_index, unit, state) values (@run, @b, @unit, 'queued')",
                        ("run", _runId), ("b", b), ("unit", round.EncryptedUnit(b)));
                }

                transaction.Commit();
            }

            for (int b = 0; b < _count; b++)
            {
                _attempt[b] = 1;
                Enqueue(connection, b);
            }

            Tell(string.Create(CultureInfo.InvariantCulture, $"run {_runId}: {_count} batches of {round.Parameters.Id} enqueued on {_queue}"));
        }

        /// <summary>How many times the loop woke on a notification rather than on its fallback interval (tests).</summary>
        public int NotifiedWakeUps { get; private set; }

        public ClusterRunResult Loop(CancellationToken cancellationToken)
        {
            var snapshot = Stopwatch.StartNew();
            var jobs = Stopwatch.StartNew();
            // One connection listens on the run's channel for the whole run: a lease request or a returned proof wakes
            // the loop at once; the poll interval is only the fallback (and the pace of the Hangfire job-state check).
            using NpgsqlConnection listener = ClusterDatabase.Open(options.ConnectionString);
            ClusterDatabase.Execute(listener, null, "listen " + ClusterDatabase.RunChannel(_runId));
            bool timedOut = true;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using (NpgsqlConnection connection = ClusterDatabase.Open(options.ConnectionString))
                {
                    GrantKeys(connection);
                    CheckResults(connection);
                    if (timedOut || jobs.Elapsed >= options.PollInterval)
                    {
                        CheckJobs(connection);
                        jobs.Restart();
                    }

                    if (_state.All(s => s == BatchState.Done))
                    {
                        ClusterDatabase.Execute(connection, null, $"update {Schema}.run set state = 'done' where run_id = @run", ("run", _runId));
                        Tell("every batch's proof is accepted");
                        return new ClusterRunResult(_runId, [.. _proofs.Select(p => p!)], [.. _attempt], _rejected) { NotifiedWakeUps = NotifiedWakeUps };
                    }

                    if (snapshot.Elapsed >= TimeSpan.FromSeconds(1))
                    {
                        Tell(null, connection);
                        snapshot.Restart();
                    }
                }

                timedOut = !WaitForNotification(listener, options.PollInterval, cancellationToken);
                if (!timedOut)
                {
                    NotifiedWakeUps++;
                }
            }
        }

        // Sleeps until a notification arrives on the listening connection (true) or the interval passes (false), waking
        // at least every 100 ms to honour cancellation; then takes any further notifications already queued.
        private static bool WaitForNotification(NpgsqlConnection listener, TimeSpan interval, CancellationToken cancellationToken)
        {
            var clock = Stopwatch.StartNew();
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                TimeSpan left = interval - clock.Elapsed;
                if (left <= TimeSpan.Zero)
                {
                    return false;
                }

                if (ClusterDatabase.WaitForNotification(listener, left < TimeSpan.FromMilliseconds(100) ? left : TimeSpan.FromMilliseconds(100)))
                {
                    while (ClusterDatabase.WaitForNotification(listener, TimeSpan.FromMilliseconds(1)))
                    {
                        // several workers may have notified at once: one pass of the loop serves them all
                    }

                    return true;
                }
            }
        }

        public void Stop(string state, string message)
        {
            try
            {
                using NpgsqlConnection connection = ClusterDatabase.Open(options.ConnectionString);
                ClusterDatabase.Execute(connection, null, $"update {Schema}.run set state = @state, message = @message where run_id = @run", ("state", state), ("message", message), ("run", _runId));
                foreach (string? job in _jobId.Where((j, b) => j is not null && _state[b] != BatchState.Done))
                {
                    client.Delete(job!);
                }
            }
            catch (NpgsqlException)
            {
                // The run's state is advisory once the coordinator stops: a worker that asks for a key gets none.
            }
        }

        private void Enqueue(NpgsqlConnection connection, int b)
        {
            Guid runId = _runId;
            int attempt = _attempt[b];
            string jobId = client.Create(Job.FromExpression<ProveBatchJob>(j => j.Prove(runId, b, attempt, null, CancellationToken.None)), new EnqueuedState(_queue));
            _jobId[b] = jobId;
            _state[b] = BatchState.Queued;
            ClusterDatabase.Execute(connection, null, $"update {Schema}.batch set attempt = @a, job_id = @job, state = 'queued' where run_id = @run and batch_index = @b",
                ("a", attempt), ("job", jobId), ("run", _runId), ("b", b));
        }

        // Hands out unit keys: only to authorised keys, only for the batch's current attempt, at most one open lease per key.
        private void GrantKeys(NpgsqlConnection connection)
        {
            var pending = new List<(long Lease, int Batch, int Attempt, byte[] Key, string Server)>();
            using (NpgsqlCommand read = ClusterDatabase.Command(connection,
                $"select lease_id, batch_index, attempt, worker_key, server_name from {Schema}.lease where run_id = @run and wrapped_key is null and refused is null order by lease_id",
                ("run", _runId)))
            using (NpgsqlDataReader reader = read.ExecuteReader())
            {
                while (reader.Read())
                {
                    pending.Add((reader.GetInt64(0), reader.GetInt32(1), reader.GetInt32(2), (byte[])reader.GetValue(3), reader.GetString(4)));
                }
            }

            foreach ((long lease, int b, int attempt, byte[] key, string server) in pending)
            {
                string? refusal = !options.Workers.TryGet(key, out string keyName) ? "the worker's public key is not on the authorised list"
                    : b < 0 || b >= _count ? "no such batch"
                    : _state[b] == BatchState.Done ? "the batch is already proven"
                    : attempt != _attempt[b] ? "a stale attempt"
                    : null;
                if (refusal is not null)
                {
                    ClusterDatabase.Execute(connection, null, $"update {Schema}.lease set refused = @why where lease_id = @lease; select pg_notify(@channel, @lease::text)",
                        ("why", refusal), ("lease", lease), ("channel", ClusterDatabase.KeyChannel(_runId)));
                    Tell(string.Create(CultureInfo.InvariantCulture, $"batch {b}: unit key refused to {server}: {refusal}"));
                    continue;
                }

                if (HasOpenLease(connection, key, lease))
                {
                    continue; // left pending until the worker's other lease closes
                }

                byte[] unitKey = round.UnitKey(b);
                try
                {
                    byte[] wrapped = UnitKeyWrap.Wrap(unitKey, key, _runId, b, lease);
                    ClusterDatabase.Execute(connection, null, $"update {Schema}.lease set wrapped_key = @w where lease_id = @lease; select pg_notify(@channel, @lease::text)",
                        ("w", wrapped), ("lease", lease), ("channel", ClusterDatabase.KeyChannel(_runId)));
                }
                finally
                {
                    UnitKeyWrap.Clear(unitKey);
                }

                _state[b] = BatchState.Proving;
                ClusterDatabase.Execute(connection, null, $"update {Schema}.batch set state = 'proving' where run_id = @run and batch_index = @b", ("run", _runId), ("b", b));
                Tell(string.Create(CultureInfo.InvariantCulture, $"batch {b}: unit key wrapped for {server} ({keyName}), attempt {attempt}"));
            }
        }

        // Another lease of the same key that still counts: wrapped, no result, its batch not done, the latest lease of
        // its batch, not abandoned, and its worker heard from within the stale window.
        private bool HasOpenLease(NpgsqlConnection connection, byte[] key, long lease)
        {
            using NpgsqlCommand read = ClusterDatabase.Command(connection, $"""
                select l.batch_index from {Schema}.lease l
                where l.run_id = @run and l.worker_key = @key and l.lease_id <> @lease and l.wrapped_key is not null
                  and not exists (select 1 from {Schema}.result r where r.lease_id = l.lease_id)
                  and not exists (select 1 from {Schema}.lease n where n.run_id = l.run_id and n.batch_index = l.batch_index and n.lease_id > l.lease_id)
                  and l.phase not like 'abandoned%' and l.heartbeat_at > now() - @stale
                """, ("run", _runId), ("key", key), ("lease", lease), ("stale", options.StaleLease));
            using NpgsqlDataReader reader = read.ExecuteReader();
            while (reader.Read())
            {
                if (_state[reader.GetInt32(0)] != BatchState.Done)
                {
                    return true;
                }
            }

            return false;
        }

        private void CheckResults(NpgsqlConnection connection)
        {
            var returned = new List<(long Lease, int Batch, byte[] Proof, string Server)>();
            using (NpgsqlCommand read = ClusterDatabase.Command(connection,
                $"select r.lease_id, r.batch_index, r.proof, l.server_name from {Schema}.result r join {Schema}.lease l using (lease_id) where r.run_id = @run and r.verdict is null order by r.lease_id",
                ("run", _runId)))
            using (NpgsqlDataReader reader = read.ExecuteReader())
            {
                while (reader.Read())
                {
                    returned.Add((reader.GetInt64(0), reader.GetInt32(1), (byte[])reader.GetValue(2), reader.GetString(3)));
                }
            }

            foreach ((long lease, int b, byte[] proof, string server) in returned)
            {
                if (_state[b] == BatchState.Done)
                {
                    Verdict(connection, lease, "not needed: the batch was already accepted");
                    continue;
                }

                _state[b] = BatchState.Verifying;
                string? failure = round.Check(b, proof);
                (int done, int rejected) = _tally.GetValueOrDefault(server);
                if (failure is null)
                {
                    _proofs[b] = proof;
                    _state[b] = BatchState.Done;
                    _tally[server] = (done + 1, rejected);
                    Verdict(connection, lease, "accepted");
                    ClusterDatabase.Execute(connection, null, $"update {Schema}.batch set state = 'done' where run_id = @run and batch_index = @b", ("run", _runId), ("b", b));
                    Tell(string.Create(CultureInfo.InvariantCulture, $"batch {b}: proof from {server} verifies; accepted"));
                }
                else
                {
                    _rejected++;
                    _tally[server] = (done, rejected + 1);
                    Verdict(connection, lease, "rejected: " + failure);
                    Tell(string.Create(CultureInfo.InvariantCulture, $"batch {b}: proof from {server} REJECTED: {failure}"));
                    Retry(connection, b, $"proof from {server} rejected: {failure}");
                }
            }
        }

        // The engine's view of each open batch: a job that failed or ended without a proof is re-enqueued.
        private void CheckJobs(NpgsqlConnection connection)
        {
            using IStorageConnection hangfire = storage.GetConnection();
            for (int b = 0; b < _count; b++)
            {
                if (_state[b] is not (BatchState.Queued or BatchState.Proving) || _jobId[b] is not { } job)
                {
                    continue;
                }

                StateData? state = hangfire.GetStateData(job);
                string? name = state?.Name;
                if (string.Equals(name, FailedState.StateName, StringComparison.Ordinal) || string.Equals(name, DeletedState.StateName, StringComparison.Ordinal))
                {
                    string reason = state!.Data.TryGetValue("ExceptionMessage", out string? message) && message is not null ? message : name!;
                    Retry(connection, b, $"attempt {_attempt[b]} failed on the worker: {reason}");
                }
                else if (string.Equals(name, SucceededState.StateName, StringComparison.Ordinal) && !HasResult(connection, b, _attempt[b]))
                {
                    Retry(connection, b, $"attempt {_attempt[b]} ended without a proof");
                }
            }
        }

        private bool HasResult(NpgsqlConnection connection, int b, int attempt)
        {
            using NpgsqlCommand read = ClusterDatabase.Command(connection,
                $"select count(*) from {Schema}.result r join {Schema}.lease l using (lease_id) where l.run_id = @run and l.batch_index = @b and l.attempt = @a",
                ("run", _runId), ("b", b), ("a", attempt));
            return (long)read.ExecuteScalar()! > 0;
        }

        private void Retry(NpgsqlConnection connection, int b, string reason)
        {
            ClusterDatabase.Execute(connection, null, $"update {Schema}.batch set failures = failures || @why || E'\n' where run_id = @run and batch_index = @b", ("why", reason), ("run", _runId), ("b", b));
            if (_attempt[b] >= options.MaxAttempts)
            {
                _state[b] = BatchState.Failed;
                throw new ClusterRunException(string.Create(CultureInfo.InvariantCulture,
                    $"batch {b} failed {_attempt[b]} attempt(s), the cap (--max-attempts {options.MaxAttempts}); last: {reason}"));
            }

            if (_jobId[b] is { } old)
            {
                client.Delete(old);
            }

            _attempt[b]++;
            Enqueue(connection, b);
            Tell(string.Create(CultureInfo.InvariantCulture, $"batch {b}: re-enqueued as attempt {_attempt[b]} ({reason})"));
        }

        private static string Name(BatchState state) => state switch
        {
            BatchState.Queued => "queued",
            BatchState.Proving => "proving",
            BatchState.Verifying => "verifying",
            BatchState.Done => "done",
            _ => "failed",
        };

        private static void Verdict(NpgsqlConnection connection, long lease, string verdict) =>
            ClusterDatabase.Execute(connection, null, $"update {Schema}.result set verdict = @v where lease_id = @lease", ("v", verdict), ("lease", lease));

        private void Tell(string? what, NpgsqlConnection? connection = null)
        {
            if (progress is null)
            {
                return;
            }

            if (connection is null)
            {
                progress.Report(new ClusterProgress([], [], what));
                return;
            }

            var latest = new Dictionary<int, (string Server, string Phase)>();
            var workers = new Dictionary<string, (string KeyName, int? Batch, string Phase)>(StringComparer.Ordinal);
            using (NpgsqlCommand read = ClusterDatabase.Command(connection,
                $"select batch_index, server_name, worker_key, phase, exists (select 1 from {Schema}.result r where r.lease_id = l.lease_id) from {Schema}.lease l where run_id = @run order by lease_id",
                ("run", _runId)))
            using (NpgsqlDataReader reader = read.ExecuteReader())
            {
                while (reader.Read())
                {
                    int b = reader.GetInt32(0);
                    string server = reader.GetString(1);
                    string phase = reader.GetString(3);
                    bool returned = reader.GetBoolean(4);
                    latest[b] = (server, phase);
                    string keyName = options.Workers.TryGet((byte[])reader.GetValue(2), out string n) ? n : "unauthorised";
                    workers[server] = (keyName, returned || _state[b] == BatchState.Done ? null : b, returned ? "idle" : phase);
                }
            }

            var batches = new List<BatchProgress>(_count);
            for (int b = 0; b < _count; b++)
            {
                bool held = latest.TryGetValue(b, out var l) && _state[b] != BatchState.Done;
                batches.Add(new BatchProgress(b, Name(_state[b]), _attempt[b], held ? l.Server : null, held ? l.Phase : null));
            }

            progress.Report(new ClusterProgress(batches,
                [.. workers.Select(w => new WorkerProgress(w.Key, w.Value.KeyName, w.Value.Batch, w.Value.Phase, _tally.GetValueOrDefault(w.Key).Done, _tally.GetValueOrDefault(w.Key).Rejected))],
                what));
        }
    }

    private enum BatchState
    {
        Queued,
        Proving,
        Verifying,
        Done,
        Failed,
    }
}
