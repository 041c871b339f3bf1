// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text;
using Por.Common;
using Por.Liabilities.Rounds;
using Por.Liabilities.Snapshot;
using Por.Liabilities.Transparent;
using Por.Liabilities.Zk;

namespace Por.Testing;

/// <summary>Builds small rounds from in-memory accounts for tests.</summary>
public static class TestRounds
{
    public static readonly AssetTable Assets = new([new Asset("BTC", 8), new Asset("ETH", 8), new Asset("USDT", 6)]);

    public static readonly DateTimeOffset Time = DateTimeOffset.FromUnixTimeSeconds(1_793_491_200);

    /// <summary>Accounts "acct-i" with deterministic balances (base units per asset, 0 = none).</summary>
    public static List<(string Id, ulong[] Balances)> Accounts(int count, int seed = 1)
    {
        var list = new List<(string, ulong[])>();
        var x = (ulong)seed * 0x9E3779B97F4A7C15UL;
        for (var i = 0; i < count; i++)
        {
            var b = new ulong[Assets.Count];
            for (var a = 0; a < b.Length; a++)
            {
                x = unchecked((x ^ (x >> 29)) * 0xBF58476D1CE4E5B9UL + (ulong)i);
                b[a] = x % 3 == 0 ? 0 : x % 1_000_000_000;
            }

            list.Add(($"acct-{i}", b));
        }

        return list;
    }

    public static string WriteCsv(TempDirectory dir, IEnumerable<(string Id, ulong[] Balances)> accounts, string name = "snapshot.csv")
    {
        var sb = new StringBuilder("account_id,asset,amount\n");
        foreach (var (id, balances) in accounts)
        {
            for (var a = 0; a < balances.Length; a++)
            {
                if (balances[a] != 0)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"{id},{Assets[a].Symbol},{Amount.Format(balances[a], Assets[a].Decimals)}\n");
                }
            }

            if (balances.All(v => v == 0))
            {
                sb.Append(CultureInfo.InvariantCulture, $"{id},BTC,0\n");
            }
        }

        return dir.Write(name, sb.ToString());
    }

    public static string Build(TempDirectory dir, IEnumerable<(string Id, ulong[] Balances)> accounts, string roundId = "2026-11", string bundle = "round")
    {
        var csv = WriteCsv(dir, accounts, $"{bundle}.csv");
        var output = dir.File(bundle);
        RoundBuilder.Build(new RoundBuildOptions(csv, SnapshotFormat.Auto, Assets, roundId, Time, output));
        return output;
    }

    /// <summary>Builds a zk bundle of the same accounts (test parameter set: 16 accounts per batch).</summary>
    public static string BuildZk(TempDirectory dir, IEnumerable<(string Id, ulong[] Balances)> accounts, string roundId = "2026-11", string bundle = "zk-round")
    {
        var csv = WriteCsv(dir, accounts, $"{bundle}.csv");
        var output = dir.File(bundle);
        ZkRoundBuilder.Build(new RoundBuildOptions(csv, SnapshotFormat.Auto, Assets, roundId, Time, output), ZkParameterSet.Test, allowTestParameters: true);
        return output;
    }
}
