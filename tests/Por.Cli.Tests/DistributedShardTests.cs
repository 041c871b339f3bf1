// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Globalization;
using System.Text;
using Por.Cli.Commands;
using Por.Common;
using Por.Liabilities.Zk;

namespace Por.Cli.Tests;

/// <summary>
/// Static shards (docs/distributed.md): <c>por round plan</c>, three <c>por round prove --shard i/3</c> processes (one
/// killed with SIGKILL mid-batch and retried), <c>por round assemble</c>, and the existing verifier.
/// </summary>
public sealed class DistributedShardTests : IDisposable
{
    private readonly Por.Testing.TempDirectory _dir = new();
    private readonly string _snapshot;
    private readonly string _assets;

    public DistributedShardTests()
    {
        _assets = _dir.Write("assets.csv", "symbol,decimals\nBTC,8\nETH,8\n");
        var sb = new StringBuilder("account_id,BTC,ETH\n");
        for (var i = 0; i < 90; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"customer-{i:D4},{(i % 97) + 1},{i % 5}\n");
        }

        _snapshot = _dir.Write("snapshot.csv", sb.ToString());
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void ThreeShardProcesses_OneKilledAndRetried_AssembleAndVerify()
    {
        var (shared, secret, key) = Plan();
        var plan = ZkRoundPlanJson.Read(Path.Combine(shared, ZkPlanLayout.PlanFile));
        Assert.Equal(6, plan.BatchCount);
        var proofs = Path.Combine(shared, ZkPlanLayout.ProofDirectory);

        // Shard 1 (batches 1 and 4) is killed once its first proof is written, while it proves batch 4.
        using (var doomed = StartPor("round", "prove", "--plan", shared, "--shard", "1/3", "--key-file", key, "--allow-test-parameters"))
        {
            var deadline = Stopwatch.StartNew();
            while (Directory.GetFiles(proofs, ZkPlanLayout.ProofPattern(1)).Length == 0)
            {
                Assert.False(doomed.HasExited, "shard 1 exited before its first proof");
                Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(3), "timed out waiting for shard 1's first proof");
                Thread.Sleep(10);
            }

            doomed.Kill();
            doomed.WaitForExit();
        }

        Assert.Empty(Directory.GetFiles(proofs, ZkPlanLayout.ProofPattern(4)));

        // Shards 0 and 2 as separate processes, side by side.
        using (var shard0 = StartPor("round", "prove", "--plan", shared, "--shard", "0/3", "--key-file", key, "--allow-test-parameters"))
        using (var shard2 = StartPor("round", "prove", "--plan", shared, "--shards", "3", "--key-file", key, "--allow-test-parameters"))
        {
            Assert.True(shard0.WaitForExit(TimeSpan.FromMinutes(5)) && shard2.WaitForExit(TimeSpan.FromMinutes(5)), "shards 0 and 2 did not finish");
            Assert.Equal(0, shard0.ExitCode);
            Assert.Equal(0, shard2.ExitCode);
        }

        // Before the retry the assembler rejects exactly the missing batch.
        var early = CliRunner.Run("--json", "round", "assemble", "--plan", shared, "--private", secret, "--out", _dir.File("early"), "--allow-test-parameters");
        Assert.Equal(1, early.Exit);
        var rejected = CliRunner.Json(early.Out);
        Assert.Equal("missing_proof", rejected.GetProperty("failure_code").GetString());
        Assert.Equal([4], rejected.GetProperty("batches").EnumerateArray().Select(e => e.GetInt32()));
        Assert.False(Directory.Exists(_dir.File("early")));

        // The retried shard keeps batch 1 and proves batch 4.
        using (var retry = StartPor("--json", "round", "prove", "--plan", shared, "--shard", "1/3", "--key-file", key, "--allow-test-parameters"))
        {
            Assert.True(retry.WaitForExit(TimeSpan.FromMinutes(5)), "the retried shard did not finish");
            Assert.Equal(0, retry.ExitCode);
        }

        Assert.Single(Directory.GetFiles(proofs, ZkPlanLayout.ProofPattern(1)));
        var bundle = _dir.File("bundle");
        var assembled = CliRunner.Run("round", "assemble", "--plan", shared, "--private", secret, "--out", bundle, "--allow-test-parameters");
        Assert.True(assembled.Exit == 0, assembled.Out + assembled.Err);
        var verified = ZkRoundBundleVerifier.Verify(bundle, allowTestParameters: true);
        Assert.True(verified.IsValid, verified.Message);
        Assert.Equal(ZkRoundAssembler.ReadPrivate(secret).Header.Root, verified.Manifest.Header.Root);
        Assert.Equal(0, CliRunner.Run("round", "verify", "--round", bundle, "--allow-test-parameters").Exit);
    }

    [Fact]
    public void Prove_WrongKey_Exit1_NamingTheBatch_AndWritesNoProof()
    {
        var (shared, _, _) = Plan();
        var wrong = _dir.File("wrong.key");
        File.WriteAllBytes(wrong, ZkUnitCipher.NewRoundKey());
        var run = CliRunner.Run("--json", "round", "prove", "--plan", shared, "--shard", "0/3", "--key-file", wrong, "--allow-test-parameters");
        Assert.Equal(1, run.Exit);
        var json = CliRunner.Json(run.Out);
        Assert.Equal("authentication_failed", json.GetProperty("failure_code").GetString());
        Assert.Equal([0], json.GetProperty("batches").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Empty(Directory.GetFiles(Path.Combine(shared, ZkPlanLayout.ProofDirectory)));
    }

    [Fact]
    public void Assemble_CorruptedProof_Exit1_NamingTheBatch()
    {
        var (shared, secret, key) = Plan();
        Assert.Equal(0, CliRunner.Run("round", "prove", "--plan", shared, "--key-file", key, "--allow-test-parameters").Exit);
        var proofs = Path.Combine(shared, ZkPlanLayout.ProofDirectory);
        var victim = Directory.GetFiles(proofs, ZkPlanLayout.ProofPattern(3)).Single();
        var bytes = File.ReadAllBytes(victim);
        bytes[bytes.Length / 3] ^= 0x20;
        File.Delete(victim);
        File.WriteAllBytes(Path.Combine(proofs, ZkPlanLayout.ProofFileName(3, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)))), bytes);
        var run = CliRunner.Run("--json", "round", "assemble", "--plan", shared, "--private", secret, "--out", _dir.File("bundle"), "--allow-test-parameters");
        Assert.Equal(1, run.Exit);
        var json = CliRunner.Json(run.Out);
        Assert.Equal("invalid_proof", json.GetProperty("failure_code").GetString());
        Assert.Equal([3], json.GetProperty("batches").EnumerateArray().Select(e => e.GetInt32()));
        Assert.False(Directory.Exists(_dir.File("bundle")));

        // Re-proving the rejected batch (the shard run skips the others) repairs the round.
        Assert.Equal(0, CliRunner.Run("round", "prove", "--plan", shared, "--shard", "0/3", "--key-file", key, "--allow-test-parameters").Exit);
        Assert.Equal(0, CliRunner.Run("round", "assemble", "--plan", shared, "--private", secret, "--out", _dir.File("bundle"), "--allow-test-parameters").Exit);
    }

    [Fact]
    public void Shard_FromOptionOrEnvironment_AndBadValuesAreInputErrors()
    {
        static string? None(string _) => null;
        Assert.Equal((2, 3), ZkDistributedCommands.Shard("2/3", null, None));
        Assert.Equal((0, 1), ZkDistributedCommands.Shard(null, null, None));
        Assert.Equal((4, 5), ZkDistributedCommands.Shard(null, 5, n => n == "JOB_COMPLETION_INDEX" ? "4" : null));
        Assert.Equal((1, 5), ZkDistributedCommands.Shard(null, 5, n => n == "SLURM_ARRAY_TASK_ID" ? "1" : null));
        Assert.Equal("--shard", Assert.Throws<InputException>(() => ZkDistributedCommands.Shard("3/3", null, None)).File);
        Assert.Equal("--shard", Assert.Throws<InputException>(() => ZkDistributedCommands.Shard("-1/3", null, None)).File);
        Assert.Equal("--shard", Assert.Throws<InputException>(() => ZkDistributedCommands.Shard("1", null, None)).File);
        Assert.Equal("--shards", Assert.Throws<InputException>(() => ZkDistributedCommands.Shard(null, 3, None)).File);
        Assert.Equal("--shards", Assert.Throws<InputException>(() => ZkDistributedCommands.Shard("0/3", 3, None)).File);
        Assert.Equal("JOB_COMPLETION_INDEX", Assert.Throws<InputException>(() => ZkDistributedCommands.Shard(null, 3, n => n == "JOB_COMPLETION_INDEX" ? "3" : null)).File);

        var raw = ZkUnitCipher.NewRoundKey();
        var rawFile = _dir.File("raw.key");
        File.WriteAllBytes(rawFile, raw);
        var hexFile = _dir.Write("hex.key", Convert.ToHexStringLower(raw) + "\n");
        Assert.Equal(raw, ZkDistributedCommands.ReadKey(rawFile, null));
        Assert.Equal(raw, ZkDistributedCommands.ReadKey(hexFile, null));
        Assert.Equal(raw, ZkDistributedCommands.ReadKey(null, Convert.ToHexString(raw)));
        Assert.Throws<InputException>(() => ZkDistributedCommands.ReadKey(null, null));
        Assert.Throws<InputException>(() => ZkDistributedCommands.ReadKey(null, "abcd"));
        Assert.Throws<InputException>(() => ZkDistributedCommands.ReadKey(_dir.Write("short.key", "abc"), null));
        Assert.Equal(2, CliRunner.Run("round", "prove", "--plan", _dir.File("none"), "--shard", "5/2", "--key-file", rawFile).Exit);
    }

    private (string Shared, string Secret, string Key) Plan()
    {
        var shared = _dir.File("shared");
        var secret = _dir.File("secret");
        var run = CliRunner.Run(
            "round", "plan", "--snapshot", _snapshot, "--assets", _assets, "--round-id", "2026-12", "--snapshot-time", "2026-12-01T00:00:00Z",
            "--parameter-set", ZkParameterSet.Test.Id, "--allow-test-parameters", "--plan", shared, "--private", secret);
        Assert.True(run.Exit == 0, run.Out + run.Err);
        return (shared, secret, Path.Combine(secret, ZkRoundPlanner.UnitKeyPath));
    }

    private static Process StartPor(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "por.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["SLURM_ARRAY_TASK_ID"] = "2";
        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
