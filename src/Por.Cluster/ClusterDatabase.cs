// SPDX-License-Identifier: Apache-2.0

using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Npgsql;

namespace Por.Cluster;

/// <summary>
/// The one PostgreSQL database a cluster shares (docs/distributed.md, "Dynamic cluster"): Hangfire's storage in schema
/// <see cref="HangfireSchema"/> (queues, leases, server heartbeats, job states) and por's rows in schema
/// <see cref="Schema"/>: the run, each batch's encrypted unit, each lease's request and wrapped unit key, and each
/// returned proof. Nothing stored here is private in the clear: units are encrypted, unit keys are wrapped per lease.
/// </summary>
public static class ClusterDatabase
{
    /// <summary>Hangfire's schema.</summary>
    public const string HangfireSchema = "por_hangfire";

    /// <summary>por's schema.</summary>
    public const string Schema = "por_cluster";

    /// <summary>The Hangfire queue of a batch whose prover needs at most <paramref name="gib"/> GiB: workers listen on
    /// the queues their memory limit covers, so Hangfire places a batch only on a worker with the memory for it.</summary>
    /// <param name="gib">The estimated peak, rounded up to whole GiB (1..<see cref="MaxQueueGib"/>).</param>
    /// <returns>The queue name.</returns>
    public static string Queue(int gib) => "por_gib_" + gib.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The largest memory class with its own queue.</summary>
    public const int MaxQueueGib = 4096;

    /// <summary>The memory class (whole GiB, rounded up) of an estimated peak.</summary>
    /// <param name="bytes">The estimated peak in bytes.</param>
    /// <returns>1..<see cref="MaxQueueGib"/>.</returns>
    public static int GibClass(long bytes) => (int)Math.Clamp((bytes + (1L << 30) - 1) >> 30, 1, MaxQueueGib);

    /// <summary>The run's notification channel: a worker notifies it when it asks for a unit key (a lease row) and when it
    /// returns a proof, which wakes the coordinator at once.</summary>
    /// <param name="runId">The run.</param>
    /// <returns>The channel name (an SQL identifier).</returns>
    public static string RunChannel(Guid runId) => "por_run_" + runId.ToString("N");

    /// <summary>The run's unit-key channel: the coordinator notifies it (payload: the lease id) when it has wrapped or
    /// refused a lease's unit key, which wakes the worker waiting for it. The payload is only a wake-up: the worker
    /// reads its own lease row.</summary>
    /// <param name="runId">The run.</param>
    /// <returns>The channel name (an SQL identifier).</returns>
    public static string KeyChannel(Guid runId) => "por_key_" + runId.ToString("N");

    /// <summary>Opens a connection.</summary>
    /// <param name="connectionString">The Npgsql connection string.</param>
    /// <returns>The open connection.</returns>
    public static NpgsqlConnection Open(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Hangfire's storage on this database (its schema created if missing).</summary>
    /// <param name="connectionString">The Npgsql connection string.</param>
    /// <param name="invisibilityTimeout">How long a fetched job stays invisible to other workers without a keep-alive
    /// from the worker holding it; with the sliding timeout a live worker keeps extending it, so this is how long a
    /// killed worker's batch waits before another worker fetches it.</param>
    /// <param name="queuePollInterval">How often an idle worker looks at the queue. A busy worker fetches its next job as
    /// soon as it finishes one, so this only delays the first batch of a run (or a re-enqueued one) on an idle worker.
    /// Hangfire.PostgreSql's long polling is off: the cluster tests hung with it on (docs/distributed.md).</param>
    /// <returns>The storage.</returns>
    public static PostgreSqlStorage Storage(string connectionString, TimeSpan invisibilityTimeout, TimeSpan queuePollInterval) => new(
        new NpgsqlConnectionFactory(connectionString, new PostgreSqlStorageOptions { SchemaName = HangfireSchema }),
        new PostgreSqlStorageOptions
        {
            SchemaName = HangfireSchema,
            PrepareSchemaIfNecessary = true,
            InvisibilityTimeout = invisibilityTimeout,
            UseSlidingInvisibilityTimeout = true,
            QueuePollInterval = queuePollInterval,
            EnableLongPolling = false,
            DistributedLockTimeout = TimeSpan.FromMinutes(1),
        });

    /// <summary>
    /// Sleeps on <paramref name="connection"/> until a notification arrives (true) or <paramref name="timeout"/> passes
    /// (false). Npgsql's <c>Wait</c> takes whole milliseconds and reads 0 as "no time-out", so a remainder under a
    /// millisecond would block until the next notification, which may never come: it is rounded up to at least 1 ms.
    /// </summary>
    /// <param name="connection">An open connection that listens on some channel.</param>
    /// <param name="timeout">The longest wait; zero or negative waits 1 ms.</param>
    /// <returns>Whether a notification arrived.</returns>
    internal static bool WaitForNotification(NpgsqlConnection connection, TimeSpan timeout) =>
        connection.Wait(WaitMilliseconds(timeout));

    /// <summary>The whole milliseconds handed to Npgsql for <paramref name="timeout"/>: never 0, which would mean forever.</summary>
    /// <param name="timeout">The wait.</param>
    /// <returns>1 to <see cref="int.MaxValue"/>.</returns>
    internal static int WaitMilliseconds(TimeSpan timeout) =>
        timeout <= TimeSpan.Zero ? 1 : (int)Math.Clamp(Math.Ceiling(timeout.TotalMilliseconds), 1, int.MaxValue);

    /// <summary>Creates por's schema if missing (idempotent; safe from several processes at once).</summary>
    /// <param name="connectionString">The Npgsql connection string.</param>
    public static void Prepare(string connectionString)
    {
        using NpgsqlConnection connection = Open(connectionString);
        using NpgsqlTransaction transaction = connection.BeginTransaction();
        Execute(connection, transaction, "select pg_advisory_xact_lock(7250001)");
        Execute(connection, transaction, $"""
            create schema if not exists {Schema};
            create table if not exists {Schema}.run (
              run_id uuid primary key, created_at timestamptz not null default now(), parameter_set text not null, plan bytea not null,
              batch_count int not null, max_attempts int not null, state text not null, message text);
            create table if not exists {Schema}.batch (
              run_id uuid not null references {Schema}.run on delete cascade, batch_index int not null,
              unit bytea not null, attempt int not null default 1, job_id text, state text not null,
              failures text not null default '', primary key (run_id, batch_index));
            create table if not exists {Schema}.lease (
              lease_id bigint generated always as identity primary key, run_id uuid not null, batch_index int not null,
              attempt int not null, job_id text not null, server_name text not null, worker_key bytea not null,
              requested_at timestamptz not null default now(), wrapped_key bytea, refused text,
              phase text not null default 'waiting for the unit key', heartbeat_at timestamptz not null default now(),
              foreign key (run_id, batch_index) references {Schema}.batch on delete cascade);
            create index if not exists lease_run on {Schema}.lease (run_id, batch_index);
            create table if not exists {Schema}.result (
              lease_id bigint primary key references {Schema}.lease on delete cascade, run_id uuid not null,
              batch_index int not null, proof bytea not null,
              returned_at timestamptz not null default now(), verdict text);
            create index if not exists result_open on {Schema}.result (run_id) where verdict is null;
            """);
        transaction.Commit();
    }

    internal static void Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach ((string name, object? value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        command.ExecuteNonQuery();
    }

    internal static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach ((string name, object? value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
