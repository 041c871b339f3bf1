// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Globalization;
using Por.Liabilities.Zk;
using Por.Stark.Field;
using Por.Stark.Proving;

namespace Por.Benchmarks;

/// <summary>
/// A whole zk round end to end (issue 4 benchmarks):
/// <c>zk-round [accounts=1000000] [assets=22] [holdingsPerAccount=4] [set=pol-v1-n18] [workDir]</c>.
/// Plans batches, proves every batch (resumable work directory), verifies the whole round, and builds the same
/// Poseidon2 trees natively for the ratio. Prints wall times, the process peak working set and the ratio.
/// </summary>
internal static class ZkRoundHarness
{
    public static int Run(string[] args)
    {
        int accountsCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        int assets = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 22;
        int perAccount = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 4;
        ZkParameterSet set = ZkParameterSet.Find(args.Length > 3 ? args[3] : "pol-v1-n18") ?? throw new ArgumentException("unknown parameter set", nameof(args));
        string work = args.Length > 4 ? args[4] : Path.Combine(Path.GetTempPath(), $"por-zk-round-{Environment.ProcessId}");
        var sw = Stopwatch.StartNew();
        // Only the holding counts of the whole round are held; each batch's accounts are made when it is proven.
        int[] counts = new int[accountsCount];
        Parallel.For(0, accountsCount, i => counts[i] = SyntheticZkAccounts.HoldingCount(i, assets, perAccount));
        double holdings = counts.Average();
        Console.WriteLine($"{accountsCount} accounts, {assets} assets, {holdings:F2} holdings per account, counted in {sw.Elapsed.TotalSeconds:F1} s");

        IReadOnlyList<Range> plan = ZkBatchPlanner.Plan(counts, set, assets);
        IReadOnlyList<ZkAccount>[] batches = [.. plan.Select(r =>
        {
            (int offset, int length) = r.GetOffsetAndLength(accountsCount);
            return SyntheticZkAccounts.Lazy(offset, length, assets, perAccount);
        })];
        Console.WriteLine($"{batches.Length} batches of up to {set.AccountsPerBatch} accounts ({set.Id}, n = {set.TraceLength})");

        // Native: the same Poseidon2 leaves and batch trees, one thread, no proof. A large round builds the first four
        // batches' trees only (every batch's tree has the same shape) and scales, to keep the harness's run short.
        sw.Restart();
        int nativeBatches = Math.Min(batches.Length, 4);
        for (int b = 0; b < nativeBatches; b++)
        {
            NativeTree(batches[b], set.AccountsPerBatch);
        }

        double native = sw.Elapsed.TotalSeconds * batches.Length / nativeBatches;
        Console.WriteLine($"native Poseidon2 trees (one thread): {native:F1} s for {batches.Length} batches ({nativeBatches} built, {native / batches.Length:F2} s per batch)");

        var context = new byte[32];

        // Per-phase wall and CPU totals over all batches, and one line per proven batch.
        var phases = new Dictionary<string, (double Wall, double Cpu)>();
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var batchClock = Stopwatch.StartNew();
        int batchNumber = 0;
        StarkProver.PhaseObserver = (phase, elapsed) =>
        {
            TimeSpan now = Process.GetCurrentProcess().TotalProcessorTime;
            (double wall, double used) = phases.GetValueOrDefault(phase);
            phases[phase] = (wall + elapsed.TotalSeconds, used + (now - cpu).TotalSeconds);
            cpu = now;
            if (batchNumber < 2)
            {
                using var self = Process.GetCurrentProcess();
                Console.WriteLine($"    batch {batchNumber} {phase}: {elapsed.TotalSeconds:F1} s, peak working set so far {self.PeakWorkingSet64 / (1024.0 * 1024 * 1024):F2} GiB, now {self.WorkingSet64 / (1024.0 * 1024 * 1024):F2} GiB, pooled {Por.Stark.Memory.ProverMemory.RetainedBytes / (1024.0 * 1024 * 1024):F2} GiB");
            }

            if (phase == "grinding-and-openings")
            {
                using var process = Process.GetCurrentProcess();
                GCMemoryInfo gc = GC.GetGCMemoryInfo();
                const double GiB = 1024.0 * 1024 * 1024;
                Console.WriteLine($"  batch proof {batchNumber++}: {batchClock.Elapsed.TotalSeconds:F1} s since the previous one (witness, proof, files); peak working set {process.PeakWorkingSet64 / GiB:F2} GiB; working set {process.WorkingSet64 / GiB:F2}, pooled {Por.Stark.Memory.ProverMemory.RetainedBytes / GiB:F2}, GC heap {gc.HeapSizeBytes / GiB:F2}, fragmented {gc.FragmentedBytes / GiB:F2}, committed {gc.TotalCommittedBytes / GiB:F2} GiB");
                batchClock.Restart();
            }
        };
        sw.Restart();
        (ZkBatchStatement[] statements, int proven) = ZkRoundProver.ProveRound(set, context, assets, batches, work, privateDirectory: work + "-private");
        double prove = sw.Elapsed.TotalSeconds;
        StarkProver.PhaseObserver = null;
        foreach ((string phase, (double wall, double used)) in phases)
        {
            Console.WriteLine($"  {phase}: {wall:F1} s in all (CPU {used:F1} s)");
        }

        Console.WriteLine($"proved {proven} of {statements.Length} batches in {prove:F1} s ({prove / Math.Max(1, proven):F1} s per batch)");

        byte[][] proofs = [.. Enumerable.Range(0, statements.Length).Select(b => File.ReadAllBytes(Path.Combine(work, ZkBundleLayout.ProofFileName(b))))];
        Goldilocks[] root = ZkRoundProver.Root(statements);
        UInt128[] totals = ZkRoundProver.Totals(statements);
        var verifyTimes = new List<double>();
        string? failure = null;
        for (int r = 0; r < 3; r++)
        {
            sw.Restart();
            failure = ZkRoundVerifier.Verify(set.Id, context, root, totals, statements, proofs)?.Message;
            verifyTimes.Add(sw.Elapsed.TotalSeconds);
        }

        verifyTimes.Sort();
        Console.WriteLine($"verify whole round: {(failure is null ? "valid" : failure)}, median {verifyTimes[1]:F2} s of 3");
        Console.WriteLine($"proof bytes: {proofs.Sum(p => (long)p.Length) / 1024.0:F0} KiB in total");
        Console.WriteLine($"ratio prove / native tree: {prove / native:F1}");
        Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024 * 1024):F2} GiB");
        return failure is null ? 0 : 1;
    }

    private static void NativeTree(IReadOnlyList<ZkAccount> batch, int n)
    {
        var level = new Goldilocks[n][];
        for (int i = 0; i < n; i++)
        {
            level[i] = i < batch.Count ? ZkAccountEncoding.Leaf(batch[i].IdCommitment, batch[i].Holdings) : ZkAccountEncoding.Leaf(new Goldilocks[4], []);
        }

        for (int width = n / 2; width >= 1; width /= 2)
        {
            for (int i = 0; i < width; i++)
            {
                level[i] = ZkAccountEncoding.Node(level[2 * i], level[(2 * i) + 1]);
            }
        }
    }
}
