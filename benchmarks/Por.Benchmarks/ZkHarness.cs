// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Globalization;
using Por.Liabilities.Zk;
using Por.Stark.Field;
using Por.Stark.Proving;

namespace Por.Benchmarks;

/// <summary>
/// One zk liabilities batch end to end:
/// <c>dotnet run -c Release --project benchmarks/Por.Benchmarks -- zk-prove [set=pol-v1-n8] [accounts=N] [assets=22] [holdingsPerAccount=4]</c>.
/// Prints witness-build, native Poseidon2 tree, prove and verify times, their ratio, proof size and peak memory.
/// </summary>
internal static class ZkHarness
{
    public static void Run(string[] args)
    {
        ZkParameterSet set = ZkParameterSet.Find(args.Length > 1 ? args[1] : "pol-v1-n8") ?? throw new ArgumentException("unknown parameter set", nameof(args));
        int accountsCount = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : set.AccountsPerBatch;
        int assets = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 22;
        int perAccount = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 4;
        List<ZkAccount> accounts = SyntheticZkAccounts.Generate(accountsCount, assets, perAccount);
        var sw = Stopwatch.StartNew();
        int n = set.AccountsPerBatch;
        var leaves = new Goldilocks[2 * n][];
        for (int i = 0; i < n; i++)
        {
            leaves[n + i] = i < accounts.Count ? ZkAccountEncoding.Leaf(accounts[i].IdCommitment, accounts[i].Holdings) : ZkAccountEncoding.Leaf(new Goldilocks[4], []);
        }

        for (int i = n - 1; i >= 1; i--)
        {
            leaves[i] = ZkAccountEncoding.Node(leaves[2 * i], leaves[(2 * i) + 1]);
        }

        double native = sw.Elapsed.TotalSeconds;
        Console.WriteLine($"native Poseidon2 tree ({n} leaves, one thread): {native:F2} s");
        sw.Restart();
        (ZkBatchStatement statement, LiabilitiesAir air, ZkBatchWitness witness) = ZkBatchProver.Prepare(set, new byte[32], 0, 1, assets, accounts);
        double prepare = sw.Elapsed.TotalSeconds;
        Console.WriteLine($"witness: {air.TraceLength} rows x {air.MainWidth} + {air.AuxWidth} ext columns, built in {prepare:F2} s");
        // Per-phase wall and CPU time (the machine is shared: CPU time depends less on the load).
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
        StarkProver.PhaseObserver = (phase, elapsed) =>
        {
            TimeSpan now = Process.GetCurrentProcess().TotalProcessorTime;
            Console.WriteLine($"  {phase}: {elapsed.TotalSeconds:F2} s (CPU {(now - cpu).TotalSeconds:F2} s)");
            cpu = now;
        };
        sw.Restart();
        byte[] proof = ZkBatchProver.Prove(set, air, witness);
        StarkProver.PhaseObserver = null;
        double prove = sw.Elapsed.TotalSeconds;
        Console.WriteLine($"prove: {prove:F1} s; proof {proof.Length / 1024.0:F1} KiB");
        var verifyTimes = new List<double>();
        VerificationResult result = ZkBatchVerifier.Verify(statement, proof);
        for (int r = 0; r < 5; r++)
        {
            sw.Restart();
            result = ZkBatchVerifier.Verify(statement, proof);
            verifyTimes.Add(sw.Elapsed.TotalMilliseconds);
        }

        verifyTimes.Sort();
        Console.WriteLine($"verify: {result.IsValid} ({result.Message}) median {verifyTimes[2]:F1} ms; proven bits {result.Security?.ProvenBits}");
        Console.WriteLine($"ratio (witness + prove) / native tree: {(prepare + prove) / native:F1}");
        Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20)} MiB");
    }
}
