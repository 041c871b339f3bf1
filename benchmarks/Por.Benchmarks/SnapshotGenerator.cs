// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using Por.Cli.Demo;

namespace Por.Benchmarks;

/// <summary>
/// <c>snapshot [accounts] [assets] [directory]</c>: writes the synthetic exchange's asset list (<c>assets.csv</c>) and a
/// long-layout CSV snapshot (<c>snapshot.csv</c>, seed 42) for CLI benchmarks such as the streaming zk build
/// (docs/benchmarks.md, "Issue 15: streaming zk build").
/// </summary>
internal static class SnapshotGenerator
{
    public static int Run(string[] args)
    {
        var accounts = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : 10_000_000;
        var assetCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 22;
        var directory = args.Length > 2 ? args[2] : Path.Combine(Path.GetTempPath(), $"por-snapshot-{accounts}-{assetCount}");
        Directory.CreateDirectory(directory);
        var assets = SyntheticExchange.Assets(assetCount);
        SyntheticExchange.WriteAssetList(assets, Path.Combine(directory, "assets.csv"));
        var snapshot = Path.Combine(directory, "snapshot.csv");
        SyntheticExchange.WriteSnapshot(assets, accounts, 42, snapshot + ".tmp");
        File.Move(snapshot + ".tmp", snapshot, overwrite: true);
        Console.WriteLine($"{snapshot}: {accounts:N0} accounts, {assetCount} assets, {new FileInfo(snapshot).Length:N0} bytes");
        return 0;
    }
}
