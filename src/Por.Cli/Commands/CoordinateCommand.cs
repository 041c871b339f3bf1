// SPDX-License-Identifier: Apache-2.0

using System.CommandLine;
#if POR_CLUSTER
using System.Globalization;
#endif
using Por.Cli.Infrastructure;
#if POR_CLUSTER
using Por.Cluster;
using Por.Common;
using Por.Liabilities.Zk;
#endif

namespace Por.Cli.Commands;

/// <summary>
/// <c>por round coordinate</c> (docs/distributed.md, "Dynamic cluster"): runs a planned round's batches on the workers
/// of a cluster database, verifies every returned proof against the operator's plan, and assembles the bundle.
/// </summary>
internal static class CoordinateCommand
{
    /// <summary>The <c>failure_code</c> when a batch used up its attempts.</summary>
    public const string AttemptsExhaustedCode = "cluster_attempts_exhausted";

    public static Command Create(Option<bool> json)
    {
        var plan = Inputs.Path("--plan", "The plan directory (shared: plan.json and the encrypted units)", required: true, Inputs.Kind.FileOrDirectory);
        var privateDir = Inputs.Path("--private", "The operator's private directory of the plan (round key, header, chain openings); never leaves this machine", required: true, Inputs.Kind.FileOrDirectory);
        var output = new Option<string>("--out") { Description = "Bundle directory to create (refused if it exists)", Required = true };
        var db = new Option<string>("--db") { Description = "The cluster database: an Npgsql connection string (or set POR_CLUSTER_DB)" };
        var workers = Inputs.Path("--workers", "The authorised worker public keys: one 64-hex-digit key per line, optionally followed by a name ('por worker keygen' prints a worker's key)", required: true);
        var maxAttempts = new Option<int>("--max-attempts") { Description = "How many times one batch may be handed out (rejected proofs, failed jobs) before the run fails", DefaultValueFactory = _ => 3 };
        var allowTest = RoundCommands.AllowTestParametersOption();
        var cmd = new Command("coordinate", "Prove a planned zk round on a cluster of 'por worker's (Hangfire on PostgreSQL), verify every returned proof, assemble the bundle")
        {
            plan, privateDir, output, db, workers, maxAttempts, allowTest,
        };
        cmd.SetAction(parse => CommandRunner.Run(parse, json, ctx =>
        {
#if POR_CLUSTER
            string connection = WorkerCommand.Connection(parse.GetValue(db));
            int attempts = parse.GetValue(maxAttempts);
            if (attempts is < 1 or > 100)
            {
                throw new InputException("--max-attempts", 0, "", "expected 1 to 100");
            }

            string outputDirectory = Path.GetFullPath(parse.GetValue(output)!);
            Outputs.Refuse(outputDirectory, force: false, "--out");
            var authorised = AuthorisedWorkers.Read(parse.GetValue(workers)!);
            bool allow = parse.GetValue(allowTest);
            using var round = new PlannedRound(parse.GetValue(plan)!, parse.GetValue(privateDir)!, allow);
            var options = new CoordinatorOptions(connection, authorised) { MaxAttempts = attempts };
            ClusterRunResult result;
            try
            {
                result = ClusterCoordinator.Run(round, options, new ProgressPrinter(ctx.Error), ShutdownSignals.Token);
            }
            catch (ClusterRunException e)
            {
                return ctx.Fail(ExitCodes.VerificationFailed, "the cluster run failed: " + e.Message, AttemptsExhaustedCode);
            }
            catch (Npgsql.NpgsqlException e)
            {
                return WorkerCommand.DatabaseUnreachable(ctx, e);
            }

            ZkRoundBuildResult built = ZkRoundAssembler.Assemble(parse.GetValue(privateDir)!, b => [result.Proofs[b]], outputDirectory, allow, ctx.Progress());
            WebVerifierPage.WriteInto(outputDirectory);
            if (ctx.Json)
            {
                ctx.WriteJson(w =>
                {
                    w.WriteString("status", "assembled");
                    w.WriteString("round", outputDirectory);
                    w.WriteString("run_id", result.RunId.ToString());
                    w.WriteNumber("batches", result.Proofs.Length);
                    w.WriteNumber("rejected_proofs", result.Rejected);
                    w.WriteNumber("attempts", result.Attempts.Sum());
                    w.WriteString("root", Convert.ToHexStringLower([.. built.Manifest.Header.Root]));
                });
            }
            else
            {
                ctx.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round assembled in {outputDirectory}: {result.Proofs.Length} batches, {result.Attempts.Sum()} attempts, {result.Rejected} rejected proof(s); root {Convert.ToHexStringLower([.. built.Manifest.Header.Root])}"));
            }

            return ExitCodes.Ok;
#else
            return WorkerCommand.Unavailable(ctx);
#endif
        }));
        return cmd;
    }

#if POR_CLUSTER
    /// <summary>Prints every event, and every ten seconds one line per worker and a count of batches per state.</summary>
    private sealed class ProgressPrinter(TextWriter error) : IProgress<ClusterProgress>
    {
        private DateTime _last = DateTime.MinValue;

        public void Report(ClusterProgress value)
        {
            if (value.Event is { } what)
            {
                error.WriteLine(what);
            }

            if (value.Batches.Count == 0 || DateTime.UtcNow - _last < TimeSpan.FromSeconds(10))
            {
                return;
            }

            _last = DateTime.UtcNow;
            string counts = string.Join(", ", value.Batches.GroupBy(b => b.State, StringComparer.Ordinal).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {g.Key}")));
            error.WriteLine($"batches: {counts}");
            foreach (BatchProgress b in value.Batches.Where(b => b.Worker is not null))
            {
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  batch {b.BatchIndex} (attempt {b.Attempt}): {b.State} on {b.Worker}: {b.Phase}"));
            }

            foreach (WorkerProgress w in value.Workers)
            {
                string holding = w.Batch is { } held ? string.Create(CultureInfo.InvariantCulture, $"batch {held}, {w.Phase}") : "idle";
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  worker {w.Name} ({w.KeyName}): {holding}; {w.Done} accepted, {w.Rejected} rejected"));
            }
        }
    }
#endif
}
