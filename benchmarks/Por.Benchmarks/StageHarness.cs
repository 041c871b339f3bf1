// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Globalization;
using Por.Cli.Demo;
using Por.Liabilities.Snapshot;

namespace Por.Benchmarks;

/// <summary>Times the snapshot reader alone (a sink that keeps nothing), to separate parsing from hashing and the tree.</summary>
internal static class StageHarness
{
    public static int Run(string[] args)
    {
        var accounts = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var work = Path.Combine(Path.GetTempPath(), $"por-bench-{accounts}-22");
        var snapshot = Path.Combine(work, "snapshot.csv");
        var assets = SyntheticExchange.Assets(22);
        if (!File.Exists(snapshot))
        {
            Directory.CreateDirectory(work);
            SyntheticExchange.WriteSnapshot(assets, accounts, 42, snapshot);
        }

        var messages = new byte[1_000_000 * 100];
        var ends = Enumerable.Range(1, 1_000_000).Select(i => i * 100).ToArray();
        var digests = new byte[1_000_000 * 32];
        for (var i = 0; i < 3; i++)
        {
            var sw = Stopwatch.StartNew();
            Por.Stark.Hashing.Sha256Batch.Hash(messages, ends, digests);
            var batch = sw.Elapsed.TotalSeconds;
            sw.Restart();
            Por.Stark.Hashing.Sha256Batch.HashScalar(messages, ends, digests);
            Console.WriteLine($"1M × 100 B: batch {batch:F2} s, scalar {sw.Elapsed.TotalSeconds:F2} s");
        }

        for (var i = 0; i < 3; i++)
        {
            var sw = Stopwatch.StartNew();
            var sink = new CountingSink();
            SnapshotReader.Read(snapshot, SnapshotFormat.Auto, assets, sink);
            Console.WriteLine($"read only: {sw.Elapsed.TotalSeconds:F2} s for {sink.Count:N0} accounts");
        }

        return 0;
    }

    private sealed class CountingSink : ISnapshotSink
    {
        public long Count { get; private set; }

        public void Add(ReadOnlySpan<byte> accountId, ReadOnlySpan<Holding> holdings, string file, long line) => Count++;
    }
}
