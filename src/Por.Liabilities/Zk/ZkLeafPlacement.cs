// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Security.Cryptography;
using Por.Stark.Field;

namespace Por.Liabilities.Zk;

/// <summary>
/// Where every leaf of a zk round goes (docs/liabilities-zk.md §4.1): the batches, the padding leaves and a uniformly
/// random slot for every leaf, drawn from the OS CSPRNG.
/// </summary>
internal static class ZkLeafPlacement
{
    private const ulong Mask62 = (1UL << 62) - 1;

    /// <summary>
    /// Places the leaves so that a leaf's position (b, i) is uniformly distributed over the B·N slots whatever the
    /// number of accounts, their ids, holdings or input order (docs/liabilities-zk.md §4.1): shuffle the accounts
    /// (Fisher–Yates, OS CSPRNG); B is the number of batches a greedy fill needs (at most N leaves and the trace's
    /// rows each); deal the accounts round-robin over B batches (sizes differ by at most one, so no batch is a
    /// nearly empty "last" one), or, when the row budget makes that impossible, keep the greedy fill; pad every batch
    /// to N with padding leaves, shuffle each batch's N leaves, then shuffle the order of the batches.
    /// </summary>
    /// <param name="leaves">The real leaves (shuffled in place).</param>
    /// <param name="n">N.</param>
    /// <param name="rows">Trace rows available to a batch (n minus the random rows).</param>
    /// <param name="assetCount">A.</param>
    /// <returns>B batches of exactly N leaves.</returns>
    internal static List<IReadOnlyList<ZkOpening>> Place(ZkOpening[] leaves, int n, long rows, int assetCount)
    {
        Shuffle(leaves);

        // Rows of a batch of k real leaves with T leaf blocks: those of an all-padding batch (one row per padding leaf,
        // nodes, carries, chain and final rows), plus T − k (a real leaf replaces a one-row padding leaf).
        long empty = LiabilitiesTraceBuilder.RequiredRows([], n, assetCount);
        bool Fits(long blocks, int count) => empty + blocks - count <= rows;
        var batches = new List<List<ZkOpening>>();
        var current = new List<ZkOpening>(n);
        long used = 0;
        foreach (var leaf in leaves)
        {
            var leafBlocks = LiabilitiesTraceBuilder.RowsFor(leaf.Holdings.Length);
            if (current.Count == n || !Fits(used + leafBlocks, current.Count + 1))
            {
                batches.Add(current);
                current = new List<ZkOpening>(n);
                used = 0;
            }

            current.Add(leaf);
            used += leafBlocks;
        }

        batches.Add(current);
        var dealt = Enumerable.Range(0, batches.Count).Select(_ => new List<ZkOpening>(n)).ToArray();
        var dealtBlocks = new long[dealt.Length];
        for (var j = 0; j < leaves.Length; j++)
        {
            dealt[j % dealt.Length].Add(leaves[j]);
            dealtBlocks[j % dealt.Length] += LiabilitiesTraceBuilder.RowsFor(leaves[j].Holdings.Length);
        }

        if (Enumerable.Range(0, dealt.Length).All(b => dealt[b].Count <= n && Fits(dealtBlocks[b], dealt[b].Count)))
        {
            batches = [.. dealt];
        }

        foreach (var batch in batches)
        {
            Pad(batch, n);
        }

        var order = batches.ToArray();
        Shuffle(order);
        var placed = new List<IReadOnlyList<ZkOpening>>(order.Length);
        foreach (var batch in order)
        {
            var slots = batch.ToArray();
            Shuffle(slots);
            placed.Add(slots);
        }

        return placed;
    }

    /// <summary>Fisher–Yates with the OS CSPRNG (never a seeded generator: positions must be unpredictable).</summary>
    internal static void Shuffle<T>(T[] items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = RandomNumberGenerator.GetInt32(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>
    /// Fills a batch to N with padding leaves: a uniformly random C (four 62-bit values, distributed as real
    /// commitments are) and no holdings, hashed exactly like a real account without holdings.
    /// </summary>
    internal static void Pad(List<ZkOpening> leaves, int n)
    {
        var random = new byte[8 * ZkAccountEncoding.DigestSize];
        while (leaves.Count < n)
        {
            RandomNumberGenerator.Fill(random);
            var c = new Goldilocks[ZkAccountEncoding.DigestSize];
            for (var j = 0; j < c.Length; j++)
            {
                c[j] = new Goldilocks(BinaryPrimitives.ReadUInt64LittleEndian(random.AsSpan(8 * j)) & Mask62);
            }

            leaves.Add(new ZkOpening(null, null, c, []));
        }
    }
}
