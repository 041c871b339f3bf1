// SPDX-License-Identifier: Apache-2.0

using Por.Liabilities.Snapshot;
using Por.Liabilities.Zk;
using Por.Stark.Field;

namespace Por.Benchmarks;

/// <summary>
/// Deterministic synthetic accounts for the zk harnesses: account i has 1 … 2m − 1 distinct assets (mean m) with
/// balances of 24 to 64 bits, all drawn from a SplitMix64 stream seeded by i, so any account (and so any batch) can be
/// made on its own without holding the whole round in memory.
/// </summary>
internal static class SyntheticZkAccounts
{
    public static List<ZkAccount> Generate(int count, int assets, int averageHoldings) =>
        [.. Enumerable.Range(0, count).Select(i => Account(i, assets, averageHoldings))];

    /// <summary>The number of holdings of account <paramref name="index"/> (what <see cref="Account"/> gives it).</summary>
    public static int HoldingCount(int index, int assets, int averageHoldings)
    {
        ulong state = Seed(index);
        return Count(ref state, assets, averageHoldings);
    }

    /// <summary>Account <paramref name="index"/>.</summary>
    public static ZkAccount Account(int index, int assets, int averageHoldings)
    {
        ulong state = Seed(index);
        int k = Count(ref state, assets, averageHoldings);
        var chosen = new SortedSet<ushort>();
        while (chosen.Count < k)
        {
            chosen.Add((ushort)(Next(ref state) % (ulong)assets));
        }

        Holding[] holdings = [.. chosen.Select(a => new Holding(a, Next(ref state) >> (int)(Next(ref state) % 40)))];
        var id = new Goldilocks[4];
        for (int j = 0; j < 4; j++)
        {
            id[j] = new Goldilocks(Next(ref state) >> 2);
        }

        return new ZkAccount(id, holdings);
    }

    /// <summary>Accounts [start, start + count) made when the list is read, not stored.</summary>
    public static IReadOnlyList<ZkAccount> Lazy(int start, int count, int assets, int averageHoldings) =>
        new LazyAccounts(start, count, assets, averageHoldings);

    private static ulong Seed(int index) => unchecked(0x9E3779B97F4A7C15UL * (ulong)(index + 1));

    private static int Count(ref ulong state, int assets, int averageHoldings) =>
        Math.Min(assets, (int)(Next(ref state) % (ulong)((2 * averageHoldings) - 1)) + 1);

    private static ulong Next(ref ulong state)
    {
        state = unchecked(state + 0x9E3779B97F4A7C15UL);
        ulong z = state;
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    private sealed class LazyAccounts(int start, int count, int assets, int averageHoldings) : IReadOnlyList<ZkAccount>
    {
        public int Count => count;

        public ZkAccount this[int index] => (uint)index < (uint)count
            ? Account(start + index, assets, averageHoldings)
            : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<ZkAccount> GetEnumerator()
        {
            for (int i = 0; i < count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
