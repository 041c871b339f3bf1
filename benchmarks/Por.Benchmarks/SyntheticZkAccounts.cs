// SPDX-License-Identifier: Apache-2.0

using Por.Core.Liabilities.Zk;
using Por.Core.Snapshot;
using Por.Stark.Field;

namespace Por.Benchmarks;

/// <summary>
/// Deterministic synthetic accounts for the zk benchmarks: k holdings per account drawn uniformly from
/// 1..2·average − 1 (so the mean is <c>average</c>), distinct assets, balances spread over 24–64 bits.
/// </summary>
internal static class SyntheticZkAccounts
{
    public static List<ZkAccount> Generate(int count, int assets, int averageHoldings)
    {
        ulong state = 0x9E3779B97F4A7C15UL;
        ulong Next()
        {
            state = unchecked(state + 0x9E3779B97F4A7C15UL);
            ulong z = state;
            z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
            z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
            return z ^ (z >> 31);
        }

        var accounts = new List<ZkAccount>(count);
        var chosen = new SortedSet<ushort>();
        for (int i = 0; i < count; i++)
        {
            int k = Math.Min(assets, (int)(Next() % (ulong)((2 * averageHoldings) - 1)) + 1);
            chosen.Clear();
            while (chosen.Count < k)
            {
                chosen.Add((ushort)(Next() % (ulong)assets));
            }

            Holding[] holdings = [.. chosen.Select(a => new Holding(a, Next() >> (int)(Next() % 40)))];
            var id = new Goldilocks[4];
            for (int j = 0; j < 4; j++)
            {
                id[j] = new Goldilocks(Next() >> 2);
            }

            accounts.Add(new ZkAccount(id, holdings));
        }

        return accounts;
    }
}
