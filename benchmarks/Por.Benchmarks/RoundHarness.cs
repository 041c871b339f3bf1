// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Globalization;
using Por.Cli.Demo;
using Por.Common;
using Por.Liabilities.Rounds;
using Por.Liabilities.Snapshot;
using Por.Liabilities.Transparent;

namespace Por.Benchmarks;

/// <summary>
/// Snapshot file → verified round bundle, measured as a whole: build time, auditor verification time, peak working
/// set, and the customer's inclusion check. Each run is a fresh process step on the same generated snapshot; the
/// report gives every run and the median.
/// </summary>
internal static class RoundHarness
{
    public static int Run(string[] args)
    {
        var accounts = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : 10_000_000;
        var assetCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 22;
        var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        var work = Path.Combine(Path.GetTempPath(), $"por-bench-{accounts}-{assetCount}");
        Directory.CreateDirectory(work);
        var assets = SyntheticExchange.Assets(assetCount);
        var assetsFile = Path.Combine(work, "assets.csv");
        var snapshot = Path.Combine(work, "snapshot.csv");
        if (!File.Exists(snapshot))
        {
            Console.WriteLine($"generating {accounts:N0} accounts × {assetCount} assets → {snapshot}");
            SyntheticExchange.WriteAssetList(assets, assetsFile);
            SyntheticExchange.WriteSnapshot(assets, accounts, 42, snapshot + ".tmp");
            File.Move(snapshot + ".tmp", snapshot);
        }

        Console.WriteLine($"snapshot: {new FileInfo(snapshot).Length / 1e6:F0} MB; {Environment.ProcessorCount} cores; .NET {Environment.Version}");
        var builds = new List<double>();
        var audits = new List<double>();
        for (var r = 0; r < runs; r++)
        {
            var bundle = Path.Combine(work, $"round-{r}");
            if (Directory.Exists(bundle))
            {
                Directory.Delete(bundle, true);
            }

            var sw = Stopwatch.StartNew();
            var stage = "";
            var stageWatch = Stopwatch.StartNew();
            var stages = new StageProgress(p =>
            {
                if (!string.Equals(p.Stage, stage, StringComparison.Ordinal))
                {
                    Console.WriteLine($"  {stageWatch.Elapsed.TotalSeconds,7:F1} s  cpu {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds,7:F1} s  {p.Stage}");
                    stage = p.Stage;
                }
            });
            var manifest = RoundBuilder.Build(new RoundBuildOptions(snapshot, SnapshotFormat.Auto, assets, "bench", DateTimeOffset.FromUnixTimeSeconds(1_790_000_000), bundle), stages);
            Console.WriteLine($"  {stageWatch.Elapsed.TotalSeconds,7:F1} s  cpu {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds,7:F1} s  done");
            builds.Add(sw.Elapsed.TotalSeconds);
            sw.Restart();
            var audit = RoundVerifier.Verify(bundle);
            audits.Add(sw.Elapsed.TotalSeconds);
            if (!audit.IsValid)
            {
                Console.WriteLine($"FAIL: {audit.Failure}");
                return 1;
            }

            Console.WriteLine($"run {r + 1}: build {builds[^1]:F1} s, audit {audits[^1]:F1} s, accounts {manifest.Header.AccountCount:N0}, peak working set so far {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20):N0} MiB");
            if (r < runs - 1)
            {
                Directory.Delete(bundle, true);
            }
        }

        var last = Path.Combine(work, $"round-{runs - 1}");
        var customer = "user-0000000000-0";
        var proof = InclusionExporter.Export(last, customer)!;
        var bytes = InclusionProofJson.Serialize(proof);
        var header = RoundManifestJson.Read(Path.Combine(last, BundleLayout.Manifest)).Header;
        var times = new List<double>();
        for (var i = 0; i < 2000; i++)
        {
            var sw = Stopwatch.StartNew();
            var parsed = InclusionProofJson.Parse(bytes, "inclusion.json");
            var ok = InclusionVerifier.Verify(parsed, header).IsValid;
            times.Add(sw.Elapsed.TotalMilliseconds);
            if (!ok)
            {
                return 1;
            }
        }

        var exportWatch = Stopwatch.StartNew();
        for (var i = 0; i < 100; i++)
        {
            InclusionExporter.Export(last, customer);
        }

        Console.WriteLine($"median build {Median(builds):F1} s, median audit {Median(audits):F1} s, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20):N0} MiB");
        Console.WriteLine($"inclusion file {bytes.Length:N0} bytes; parse+verify median {Median(times):F3} ms (2,000 runs after warm-up); export {exportWatch.Elapsed.TotalMilliseconds / 100:F2} ms each");
        Directory.Delete(last, true);
        return 0;
    }

    private sealed class StageProgress(Action<WorkProgress> report) : IProgress<WorkProgress>
    {
        public void Report(WorkProgress value) => report(value);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
