// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Por.Liabilities.Snapshot;
using Por.Liabilities.Zk;
using Por.Stark.Field;

namespace Por.Benchmarks;

/// <summary>
/// Issue 15's sizing benchmark: <c>zk-okx [runs=3] [customers=1023] [set=auto] [coinsFile=testdata/vectors/okx/batch0.json]</c>.
/// OKX's 156 real coins (the asset names of OKX's own test vector, before its 64 synthetic ones) and 1,023 customers
/// each holding every coin; the set is <see cref="ZkBatchPlanner.ChooseParameterSet(IReadOnlyList{int}, int)"/>'s
/// choice unless one is named. Each run proves the whole round through <see cref="ZkRoundProver"/> (the operator's
/// path: files, chain, resume checks) into a fresh directory; then the round is verified. Prints every run's prove
/// time, the median, the load average before and after (the machine is shared), verify time and the peak working set.
/// </summary>
internal static class ZkOkxHarness
{
    // The 156 coins end at ZRX; OKX's test data appends BTC1, ETH1, … (64 synthetic assets).
    private const string LastRealCoin = "ZRX";

    public static int Run(string[] args)
    {
        int runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        int customers = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1023;
        string setName = args.Length > 2 ? args[2] : "auto";
        string coinsFile = args.Length > 3 ? args[3] : Path.Combine("testdata", "vectors", "okx", "batch0.json");
        List<string> coins = Coins(coinsFile);
        int assets = coins.Count;
        Console.WriteLine($"{customers} customers × {assets} coins ({coins[0]} … {coins[^1]}, from {coinsFile})");

        int[] counts = [.. Enumerable.Repeat(assets, customers)];
        var sw = Stopwatch.StartNew();
        ZkParameterSet set = string.Equals(setName, "auto", StringComparison.Ordinal)
            ? ZkBatchPlanner.ChooseParameterSet(counts, assets)
            : ZkParameterSet.Find(setName) ?? throw new ArgumentException("unknown parameter set", nameof(args));
        IReadOnlyList<Range> plan = ZkBatchPlanner.Plan(counts, set, assets);
        Console.WriteLine($"set {set.Id} (N = {set.AccountsPerBatch}, n = {set.TraceLength}{(setName == "auto" ? ", chosen" : "")}): {plan.Count} batches, planned in {sw.Elapsed.TotalMilliseconds:F0} ms");
        IReadOnlyList<ZkAccount>[] batches = [.. plan.Select(r =>
        {
            (int offset, int length) = r.GetOffsetAndLength(customers);
            return (IReadOnlyList<ZkAccount>)[.. Enumerable.Range(offset, length).Select(i => Account(i, assets))];
        })];

        var context = new byte[32];
        var times = new List<double>();
        ZkBatchStatement[] statements = [];
        string root = Path.Combine(Path.GetTempPath(), $"por-zk-okx-{Environment.ProcessId}");
        try
        {
            for (int r = 0; r < runs; r++)
            {
                string dir = Path.Combine(root, $"run{r}");
                string load = Load();
                TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
                sw.Restart();
                (statements, _) = ZkRoundProver.ProveRound(set, context, assets, batches, Path.Combine(dir, "batches"), privateDirectory: Path.Combine(dir, "private"));
                double seconds = sw.Elapsed.TotalSeconds;
                times.Add(seconds);
                Console.WriteLine($"run {r + 1}: prove {seconds:F2} s (CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} s); load average before {load}, after {Load()}");
            }

            times.Sort();
            Console.WriteLine($"median prove: {times[times.Count / 2]:F2} s of {runs} runs (min {times[0]:F2}, max {times[^1]:F2})");
            string last = Path.Combine(root, $"run{runs - 1}", "batches");
            byte[][] proofs = [.. Enumerable.Range(0, statements.Length).Select(b => File.ReadAllBytes(Path.Combine(last, ZkBundleLayout.ProofFileName(b))))];
            Goldilocks[] treeRoot = ZkRoundProver.Root(statements);
            UInt128[] totals = ZkRoundProver.Totals(statements);
            sw.Restart();
            var failure = ZkRoundVerifier.Verify(set.Id, context, treeRoot, totals, statements, proofs);
            Console.WriteLine($"verify: {(failure is null ? "valid" : failure.Value.Message)} in {sw.Elapsed.TotalMilliseconds:F0} ms; proofs {proofs.Sum(p => p.Length) / 1024.0:F1} KiB");
            Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20)} MiB");
            return failure is null ? 0 : 1;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static List<string> Coins(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(file));
        var names = document.RootElement[0].GetProperty("assets").EnumerateObject().Select(p => p.Name).ToList();
        return names[..(names.IndexOf(LastRealCoin) + 1)];
    }

    // Customer i holds every coin, with a balance of 24 to 56 bits.
    private static ZkAccount Account(int index, int assets)
    {
        ulong state = unchecked((ulong)index * 0x9E37_79B9_7F4A_7C15UL);
        Holding[] holdings = [.. Enumerable.Range(0, assets).Select(a => new Holding((ushort)a, 1 + (Next(ref state) >> (8 + (int)(Next(ref state) % 32)))))];
        var id = new Goldilocks[4];
        for (int j = 0; j < id.Length; j++)
        {
            id[j] = new Goldilocks(Next(ref state) & ((1UL << 62) - 1));
        }

        return new ZkAccount(id, holdings);
    }

    private static ulong Next(ref ulong state)
    {
        unchecked
        {
            ulong z = state += 0x9E37_79B9_7F4A_7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBUL;
            return z ^ (z >> 31);
        }
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "n/a";
}
