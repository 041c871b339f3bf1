// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text;
using Por.Common;
using Por.Liabilities.Rounds;
using Por.Liabilities.Snapshot;
using Por.Liabilities.Zk;
using Por.Testing;

namespace Por.Liabilities.Tests.Rounds.Zk;

/// <summary>
/// Two zk rounds of the same capacity (test parameter set, B = 2, N = 16) with 17 and 32 real accounts and the same
/// totals (BTC 32, USDT 5), and customer u00's inclusion file from each.
/// </summary>
public sealed class ZkRoundPrivacyFixture : IDisposable
{
    private readonly TempDirectory _dir = new();

    public ZkRoundPrivacyFixture()
    {
        Few = Build("few", 17);
        Many = Build("many", 32);
        FewFile = ZkInclusionExporter.Export(Few, "u00", allowTestParameters: true)!;
        ManyFile = ZkInclusionExporter.Export(Many, "u00", allowTestParameters: true)!;
    }

    public static AssetTable Assets { get; } = new([new Asset("BTC", 8), new Asset("USDT", 6)]);

    public string Few { get; }

    public string Many { get; }

    public ZkInclusionFile FewFile { get; }

    public ZkInclusionFile ManyFile { get; }

    public string Copy(string bundle, string name)
    {
        var destination = _dir.File(name);
        foreach (var file in Directory.EnumerateFiles(bundle, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(bundle, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return destination;
    }

    public void Dispose() => _dir.Dispose();

    private string Build(string name, int count)
    {
        // BTC: one each, the last account holds the rest of 32; u00 also holds 5 USDT.
        var csv = new StringBuilder("account_id,asset,amount\nu00,USDT,5\n");
        for (var i = 0; i < count; i++)
        {
            var btc = i == count - 1 ? 32 - (count - 1) : 1;
            csv.Append(CultureInfo.InvariantCulture, $"u{i:D2},BTC,{btc}\n");
        }

        var snapshot = _dir.Write($"{name}.csv", csv.ToString());
        var output = _dir.File(name);
        var result = ZkRoundBuilder.Build(
            new RoundBuildOptions(snapshot, SnapshotFormat.Auto, Assets, "2026-11", DateTimeOffset.FromUnixTimeSeconds(1_793_491_200), output),
            ZkParameterSet.Test, allowTestParameters: true);
        Assert.Equal(2, result.Manifest.Header.BatchCount);
        return output;
    }
}
