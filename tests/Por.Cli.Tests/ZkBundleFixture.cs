// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text;

namespace Por.Cli.Tests;

/// <summary>
/// One zk round built once for the zk CLI tests (test parameter set, 21 accounts → 2 batches of 16) and one
/// customer's inclusion file exported from it. Tests copy the bundle before changing anything.
/// </summary>
public sealed class ZkBundleFixture : IDisposable
{
    public ZkBundleFixture()
    {
        Root = Directory.CreateTempSubdirectory("por-zk-fixture-").FullName;
        Assets = Write("assets.csv", "symbol,decimals\nBTC,8\nUSDT,6\nETH,18\n");
        var snapshot = new StringBuilder("account_id,asset,amount\n");
        for (var i = 1; i <= 20; i++)
        {
            snapshot.Append(CultureInfo.InvariantCulture, $"user{i:D2},BTC,{i}.5\nuser{i:D2},USDT,{i}\n");
        }

        snapshot.Append("whale,ETH,10\n");
        Snapshot = Write("s.csv", snapshot.ToString());
        Bundle = Path.Combine(Root, "round");
        var build = CliRunner.Run(BuildArgs(Bundle));
        Assert.True(build.Exit == 0, build.Out + build.Err);
        BuildJson = build.Out;
        InclusionFile = Path.Combine(Root, "user07.json");
        var export = CliRunner.Run("inclusion", "export", "--round", Bundle, "--account", "user07", "--out", InclusionFile, "--allow-test-parameters", "--json");
        Assert.True(export.Exit == 0, export.Out + export.Err);
        ExportJson = export.Out;
    }

    public string Root { get; }

    public string Assets { get; }

    public string Snapshot { get; }

    public string Bundle { get; }

    public string BuildJson { get; }

    public string InclusionFile { get; }

    public string ExportJson { get; }

    public string[] BuildArgs(string output, string roundId = "2026-11", string? snapshot = null) =>
        ["round", "build", "--mode", "zk", "--parameter-set", "pol-test-n4", "--allow-test-parameters", "--snapshot", snapshot ?? Snapshot,
         "--assets", Assets, "--out", output, "--round-id", roundId, "--snapshot-time", "2026-11-01T00:00:00Z", "--json"];

    /// <summary>Copies the whole bundle (private openings included) to <paramref name="destination"/>.</summary>
    public string CopyBundle(string destination)
    {
        foreach (var file in Directory.EnumerateFiles(Bundle, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(Bundle, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return destination;
    }

    public void Dispose() => Directory.Delete(Root, true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, content);
        return path;
    }
}
