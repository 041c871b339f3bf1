// SPDX-License-Identifier: Apache-2.0

using System.CommandLine;
using Por.Cli.Infrastructure;
#if POR_CLUSTER
using Por.Cluster;
using Por.Common;
using Por.Liabilities.Zk;
#endif

namespace Por.Cli.Commands;

/// <summary>
/// <c>por worker</c> and <c>por worker keygen</c> (docs/distributed.md, "Dynamic cluster"). In the release binaries
/// (built without Por.Cluster) both explain that distributed proving runs from the .NET tool build, exit 3.
/// </summary>
internal static class WorkerCommand
{
    /// <summary>The <c>failure_code</c> when the cluster commands are not in this build.</summary>
    public const string UnavailableCode = "cluster_unavailable";

    /// <summary>What a release binary says for a cluster command.</summary>
    public const string UnavailableMessage = "distributed proving (por worker, por round coordinate) is not in this release binary: "
        + "its engine (Hangfire) is not NativeAOT-compatible. Run it from the .NET tool build: dotnet tool install Por.Cli "
        + "(docs/distributed.md, \"Dynamic cluster\")";

    /// <summary>Whether this build carries the cluster (Por.Cluster).</summary>
#if POR_CLUSTER
    public static bool Available => true;
#else
    public static bool Available => false;
#endif

    public static Command Create(Option<bool> json)
    {
        var db = new Option<string>("--db") { Description = "The cluster database: an Npgsql connection string, e.g. 'Host=db;Database=por;Username=por' (or set POR_CLUSTER_DB, which keeps a password out of the process list)" };
        var key = Inputs.Path("--key", "This worker's key file (por-worker-key/1, from 'por worker keygen'); the coordinator hands unit keys only to authorised public keys", required: false);
        var memoryLimit = new Option<string?>("--memory-limit") { Description = "The most memory one batch may take here, e.g. 12GiB: the worker takes only batches whose estimated peak fits (default: three quarters of this machine's memory)" };
        var allowTest = RoundCommands.AllowTestParametersOption();
        var leaseTimeout = new Option<int>("--lease-timeout") { Description = "Seconds after which a batch held by a worker that stopped answering (killed, cut off) goes back to the queue (default 300)", DefaultValueFactory = _ => 300 };
        var threads = new Option<int?>("--threads") { Description = "Threads the prover may use (default: every core of this machine); N workers on one machine: cores / N each" };
        var cmd = new Command("worker", "Join a proving cluster: prove one batch at a time until stopped (SIGINT/SIGTERM hands the batch in hand back to the queue)") { db, key, memoryLimit, leaseTimeout, threads, allowTest };
        cmd.Subcommands.Add(Keygen(json));
        cmd.SetAction(parse => CommandRunner.Run(parse, json, ctx =>
        {
#if POR_CLUSTER
            string connection = Connection(parse.GetValue(db));
            string keyFile = parse.GetValue(key) ?? throw new InputException("--key", 0, "", "required: the worker's key file (por worker keygen --out FILE)");
            long limit = ZkBatchPlanner.DefaultMemoryLimit();
            if (parse.GetValue(memoryLimit) is { } text && !MemorySize.TryParse(text, out limit))
            {
                throw new InputException("--memory-limit", 0, "", $"'{text}': expected a size such as 12GiB or 8192MiB");
            }

            if (limit < 1L << 30)
            {
                throw new InputException("--memory-limit", 0, "", "must be at least 1GiB");
            }

            int timeout = parse.GetValue(leaseTimeout);
            if (timeout is < 5 or > 86_400)
            {
                throw new InputException("--lease-timeout", 0, "", "expected 5 to 86400 seconds");
            }

            int threadCount = parse.GetValue(threads) ?? Environment.ProcessorCount;
            if (threadCount is < 1 or > ProverThreads.Max)
            {
                throw new InputException("--threads", 0, "", $"'{threadCount}': expected 1 to {ProverThreads.Max}");
            }

            using WorkerKey workerKey = WorkerKey.Read(keyFile);
            var options = new WorkerOptions(connection, workerKey, limit) { LeaseTimeout = TimeSpan.FromSeconds(timeout), Threads = threadCount };
            string name;
            try
            {
                name = ClusterWorker.Run(options, new PlanUnitProver(parse.GetValue(allowTest)), ctx.Error, ShutdownSignals.Token);
            }
            catch (Npgsql.NpgsqlException e)
            {
                return DatabaseUnreachable(ctx, e);
            }

            if (ctx.Json)
            {
                ctx.WriteJson(w =>
                {
                    w.WriteString("status", "stopped");
                    w.WriteString("worker", name);
                });
            }

            return ExitCodes.Ok;
#else
            return WorkerCommand.Unavailable(ctx);
#endif
        }));
        return cmd;
    }

    private static Command Keygen(Option<bool> json)
    {
        var output = new Option<string>("--out") { Description = "Key file to create (por-worker-key/1; mode 600; refused if it exists, unless --force)", Required = true };
        var force = Inputs.Force();
        var cmd = new Command("keygen", "Generate a worker's X25519 key pair from the OS CSPRNG; prints the public key for the operator's authorised-workers file") { output, force };
        cmd.SetAction(parse => CommandRunner.Run(parse, json, ctx =>
        {
#if POR_CLUSTER
            string path = Path.GetFullPath(parse.GetValue(output)!);
            Outputs.Refuse(path, parse.GetValue(force), "--out");
            using WorkerKey key = WorkerKey.Generate();
            key.Write(path, overwrite: parse.GetValue(force));
            if (ctx.Json)
            {
                ctx.WriteJson(w =>
                {
                    w.WriteString("status", "generated");
                    w.WriteString("key_file", path);
                    w.WriteString("public_key", key.PublicKeyHex);
                });
            }
            else
            {
                ctx.Out.WriteLine(key.PublicKeyHex);
                ctx.Error.WriteLine($"worker key written to {path} (mode 600, keep it private); add the public key above to the coordinator's --workers file");
            }

            return ExitCodes.Ok;
#else
            return WorkerCommand.Unavailable(ctx);
#endif
        }));
        return cmd;
    }

    /// <summary>The release binaries' answer to a cluster command: exit 3 with <see cref="UnavailableMessage"/>.</summary>
    /// <param name="ctx">The command's context.</param>
    /// <returns>3.</returns>
    public static int Unavailable(CliContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        return ctx.Fail(ExitCodes.EnvironmentError, UnavailableMessage, UnavailableCode);
    }

#if POR_CLUSTER
    /// <summary>The cluster database cannot be reached or used: the environment, exit 3.</summary>
    /// <param name="ctx">The command's context.</param>
    /// <param name="e">The driver's error.</param>
    /// <returns>3.</returns>
    public static int DatabaseUnreachable(CliContext ctx, Npgsql.NpgsqlException e)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(e);
        return ctx.Fail(ExitCodes.EnvironmentError, "environment error: the cluster database: " + e.Message, "cluster_database_unavailable");
    }

    /// <summary>The cluster database: <c>--db</c>, else <c>POR_CLUSTER_DB</c>.</summary>
    /// <param name="option">The option's value.</param>
    /// <returns>The connection string.</returns>
    public static string Connection(string? option) =>
        !string.IsNullOrWhiteSpace(option) ? option
        : Environment.GetEnvironmentVariable("POR_CLUSTER_DB") is { Length: > 0 } env ? env
        : throw new InputException("--db", 0, "", "required: the cluster database's connection string (or set POR_CLUSTER_DB)");
#endif
}
