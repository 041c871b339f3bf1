// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;
using Por.Cluster;
using Por.Liabilities.Rounds;
using Por.Liabilities.Snapshot;
using Por.Liabilities.Zk;
using Por.Stark.Proving;
using Por.Testing;

namespace Por.IntegrationTests.Cluster;

/// <summary>
/// The dynamic cluster end to end on this machine (issue 18, point 5): three <c>por worker</c> processes and a
/// <c>por round coordinate</c> process on one PostgreSQL database, a real plan (pol-v1-n8, 6 batches); one worker is
/// killed with SIGKILL while it proves a batch, and a test-only cheating worker (in this process, never in the product)
/// returns one corrupted proof. The round completes, the bundle verifies, the killed batch was proven by another worker,
/// the corrupted proof was rejected, and the bundle's public content equals a single-machine build of the same plan in
/// everything but the proof bytes (each proof draws fresh zero-knowledge randomness from the OS CSPRNG, so two honest
/// proofs of one statement differ; the statements, roots, totals and every other file must not). The single-machine
/// build is <c>por round prove</c> (every batch, one process) and <c>por round assemble</c> on the same plan.
/// </summary>
public sealed class ClusterProcessTests
{
    private static readonly TimeSpan s_limit = TimeSpan.FromMinutes(5);

    private static readonly string[] s_provingPhases = [.. Enum.GetValues<ProverPhase>().Select(ZkRoundProver.Describe)];

    [Fact]
    public async Task ThreeWorkers_OneKilledMidBatch_OneCheater_RoundCompletesAndEqualsTheSingleMachineBuild()
    {
        using var db = new ClusterDatabaseFixture();
        using var dir = new TempDirectory();
        var csv = TestRounds.WriteCsv(dir, TestRounds.Accounts(1400), "snapshot.csv");
        string shared = dir.File("plan");
        string secret = dir.File("private");
        var options = new RoundBuildOptions(csv, SnapshotFormat.Auto, TestRounds.Assets, "2026-12", TestRounds.Time, dir.File("unused"));
        ZkRoundPlan plan = ZkRoundPlanner.Plan(options, ZkParameterSet.Small, shared, secret);
        Assert.Equal(6, plan.BatchCount);

        var keys = Enumerable.Range(0, 4).Select(_ => WorkerKey.Generate()).ToArray();
        string authorised = dir.File("workers.txt");
        File.WriteAllLines(authorised, keys.Select((k, i) => k.PublicKeyHex + " node-" + i.ToString(CultureInfo.InvariantCulture)));
        for (int i = 0; i < 3; i++)
        {
            keys[i].Write(dir.File($"worker-{i}.key"), overwrite: false);
        }

        var processes = new List<Process>();
        var output = new StringBuilder();
        using var stopCheater = new CancellationTokenSource();
        Task? cheaterTask = null;
        try
        {
            // The cheater joins first so that it is sure to take a batch; it corrupts its first proof and leaves.
            var cheater = new CorruptingProver(new PlanUnitProver(allowTestParameters: false), stopCheater);
            var cheaterOptions = new WorkerOptions(db.ConnectionString, keys[3], 4L << 30) { LeaseTimeout = TimeSpan.FromSeconds(10), HeartbeatInterval = TimeSpan.FromSeconds(1) };
            cheaterTask = Task.Factory.StartNew(() => ClusterWorker.Run(cheaterOptions, cheater, TextWriter.Null, stopCheater.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            var coordinatorOut = new StringBuilder();
            Process coordinator = StartPor(db.ConnectionString, output, coordinatorOut, "--json", "round", "coordinate", "--plan", shared, "--private", secret, "--out", dir.File("round"),
                "--workers", authorised, "--max-attempts", "4");
            processes.Add(coordinator);
            for (int i = 0; i < 3; i++)
            {
                processes.Add(StartPor(db.ConnectionString, output, null, "worker", "--key", dir.File($"worker-{i}.key"), "--memory-limit", "4GiB", "--lease-timeout", "10"));
            }

            // Kill (SIGKILL, by PID) the first worker process seen inside a prover phase of a batch it has not returned.
            int victim = await KillOneMidBatch(db, processes.Skip(1).ToList(), coordinator);
            Assert.True(await WaitForExit(coordinator), "the coordinator did not finish in time:\n" + output);
            Assert.True(coordinator.ExitCode == 0, $"coordinate exited {coordinator.ExitCode}:\n{output}");

            using var doc = JsonDocument.Parse(coordinatorOut.ToString());
            Assert.Equal("assembled", doc.RootElement.GetProperty("status").GetString());
            Assert.True(doc.RootElement.GetProperty("rejected_proofs").GetInt32() >= 1, output.ToString());

            // The killed worker's batch: its lease returned nothing; another worker's proof of that batch was accepted.
            using (var c = new NpgsqlConnection(db.ConnectionString))
            {
                c.Open();
                string victimPrefix = $"-{victim.ToString(CultureInfo.InvariantCulture)}-";
                var killed = Rows(c, $"select l.batch_index, exists (select 1 from por_cluster.result r where r.lease_id = l.lease_id) from por_cluster.lease l where l.server_name like '%{victimPrefix}%' and l.wrapped_key is not null order by l.lease_id desc limit 1");
                Assert.Single(killed);
                Assert.False((bool)killed[0][1], "the killed worker's batch had already been returned");
                int killedBatch = (int)killed[0][0];
                var accepted = Rows(c, $"select l.server_name from por_cluster.result r join por_cluster.lease l using (lease_id) where r.batch_index = {killedBatch} and r.verdict = 'accepted'");
                Assert.Single(accepted);
                Assert.DoesNotContain(victimPrefix, (string)accepted[0][0], StringComparison.Ordinal);
                Assert.NotEmpty(Rows(c, "select 1 from por_cluster.result where verdict like 'rejected%'"));
            }

            // The bundle verifies, and equals a single-machine build of the same plan but for the proof bytes.
            var verified = ZkRoundBundleVerifier.Verify(dir.File("round"));
            Assert.True(verified.IsValid, verified.Message);
            // The single-machine build of the same plan: round prove (every batch, one process), round assemble.
            foreach (string[] step in new[]
            {
                new[] { "round", "prove", "--plan", shared, "--key-file", Path.Combine(secret, ZkRoundPlanner.UnitKeyPath) },
                new[] { "round", "assemble", "--plan", shared, "--private", secret, "--out", dir.File("single") },
            })
            {
                Process single = StartPor(db.ConnectionString, output, null, step);
                processes.Add(single);
                Assert.True(await WaitForExit(single), "the single-machine build did not finish in time:\n" + output);
                Assert.True(single.ExitCode == 0, $"{string.Join(' ', step[..2])} exited {single.ExitCode}:\n{output}");
            }

            AssertSamePublicContent(dir.File("single"), dir.File("round"));
        }
        finally
        {
            await stopCheater.CancelAsync();
            foreach (Process p in processes)
            {
                if (!p.HasExited)
                {
                    p.Kill(entireProcessTree: true);
                }

                await p.WaitForExitAsync(CancellationToken.None);
                p.Dispose();
            }

            if (cheaterTask is not null)
            {
                await cheaterTask.WaitAsync(s_limit, CancellationToken.None);
            }

            foreach (WorkerKey k in keys)
            {
                k.Dispose();
            }
        }
    }

    private static async Task<int> KillOneMidBatch(ClusterDatabaseFixture db, List<Process> workers, Process coordinator)
    {
        var clock = Stopwatch.StartNew();
        string phases = string.Join(", ", s_provingPhases.Select(p => $"'{p}'"));
        while (clock.Elapsed < s_limit && !coordinator.HasExited)
        {
            using var c = new NpgsqlConnection(db.ConnectionString);
            c.Open();
            try
            {
                foreach (object[] row in Rows(c, $"select server_name from por_cluster.lease l where phase in ({phases}) and not exists (select 1 from por_cluster.result r where r.lease_id = l.lease_id)"))
                {
                    Process? target = workers.FirstOrDefault(w => ((string)row[0]).Contains($"-{w.Id.ToString(CultureInfo.InvariantCulture)}-", StringComparison.Ordinal));
                    if (target is not null)
                    {
                        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-KILL", target.Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false })!;
                        kill.WaitForExit();
                        Assert.Equal(0, kill.ExitCode);
                        return target.Id;
                    }
                }
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
            {
                // The schema is not there yet.
            }

            await Task.Delay(20, TestContext.Current.CancellationToken).ConfigureAwait(false);
        }

        Assert.Fail("no worker process was seen proving a batch");
        return 0;
    }

    private static void AssertSamePublicContent(string expected, string actual)
    {
        static string[] Files(string root) => [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(root, p)).Order(StringComparer.Ordinal)];
        Assert.Equal(Files(expected), Files(actual));
        foreach (string file in Files(expected))
        {
            bool proof = file.EndsWith(".proof", StringComparison.Ordinal);
            if (string.Equals(file, BundleLayout.Manifest, StringComparison.Ordinal))
            {
                var a = ZkRoundManifestJson.Read(Path.Combine(expected, file));
                var b = ZkRoundManifestJson.Read(Path.Combine(actual, file));
                Assert.Equal(ZkRoundManifestJson.Serialize(a with { Files = [] }), ZkRoundManifestJson.Serialize(b with { Files = [] }));
                Assert.Equal(a.Files.Select(f => f.Path), b.Files.Select(f => f.Path));
                Assert.Equal(a.Files.Where(f => !f.Path.EndsWith(".proof", StringComparison.Ordinal)), b.Files.Where(f => !f.Path.EndsWith(".proof", StringComparison.Ordinal)));
            }
            else if (!proof)
            {
                Assert.True(File.ReadAllBytes(Path.Combine(expected, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, file))), file + " differs");
            }
        }
    }

    private static List<object[]> Rows(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var rows = new List<object[]>();
        while (reader.Read())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }

    private static Process StartPor(string connection, StringBuilder output, StringBuilder? stdout, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["POR_CLUSTER_DB"] = connection;
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "por.dll"));
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        var process = Process.Start(start)!;
        string tag = args.Length > 1 ? args[1] : args[0];
        process.OutputDataReceived += (_, e) => Append(stdout ?? output, stdout is null ? $"[{tag} {process.Id} out] " : "", e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, $"[{tag} {process.Id}] ", e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void Append(StringBuilder output, string prefix, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Append(prefix).AppendLine(line);
        }
    }

    private static async Task<bool> WaitForExit(Process process)
    {
        using var timeout = new CancellationTokenSource(s_limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Test-only cheating worker: flips one byte of its first proof, then stops its worker.</summary>
    private sealed class CorruptingProver(IUnitProver inner, CancellationTokenSource stop) : IUnitProver
    {
        private int _proofs;

        public byte[] Prove(byte[] publicPlan, int batchIndex, byte[] encryptedUnit, byte[] unitKey, IProgress<ProverPhase> phases)
        {
            byte[] proof = inner.Prove(publicPlan, batchIndex, encryptedUnit, unitKey, phases);
            if (Interlocked.Increment(ref _proofs) == 1)
            {
                proof[proof.Length / 2] ^= 0x01;
                stop.Cancel();
            }

            return proof;
        }
    }
}
