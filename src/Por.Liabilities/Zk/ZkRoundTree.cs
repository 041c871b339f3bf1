// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using Por.Stark.Field;

namespace Por.Liabilities.Zk;

/// <summary>
/// The top tree over batch roots: depth ⌈log2 B⌉ (0 for one batch), nodes c(left, right), missing batches padded with
/// the all-zero digest. Its root is the round's zk root.
/// </summary>
public static class ZkRoundTree
{
    /// <summary>Top-tree depth for B batches.</summary>
    /// <param name="batchCount">B ≥ 1.</param>
    /// <returns>⌈log2 B⌉.</returns>
    public static int Depth(int batchCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchCount, 1);
        return BitOperations.Log2(BitOperations.RoundUpToPowerOf2((uint)batchCount));
    }

    /// <summary>All levels, leaves (the batch roots, padded) first; the last level holds the root.</summary>
    /// <param name="batchRoots">R_0 … R_{B−1}.</param>
    /// <returns>The levels.</returns>
    public static IReadOnlyList<Goldilocks[][]> Levels(IReadOnlyList<Goldilocks[]> batchRoots)
    {
        ArgumentNullException.ThrowIfNull(batchRoots);
        int width = 1 << Depth(batchRoots.Count);
        var level = new Goldilocks[width][];
        for (int i = 0; i < width; i++)
        {
            level[i] = i < batchRoots.Count ? batchRoots[i] : new Goldilocks[ZkAccountEncoding.DigestSize];
        }

        var levels = new List<Goldilocks[][]> { level };
        while (level.Length > 1)
        {
            var next = new Goldilocks[level.Length / 2][];
            for (int i = 0; i < next.Length; i++)
            {
                next[i] = ZkAccountEncoding.Node(level[2 * i], level[(2 * i) + 1]);
            }

            levels.Add(next);
            level = next;
        }

        return levels;
    }

    /// <summary>The round root.</summary>
    /// <param name="batchRoots">R_0 … R_{B−1}.</param>
    /// <returns>The root.</returns>
    public static Goldilocks[] Root(IReadOnlyList<Goldilocks[]> batchRoots) => Levels(batchRoots)[^1][0];

    /// <summary>Siblings from a leaf at <paramref name="index"/> up to the top of the given levels.</summary>
    /// <param name="levels">Tree levels, leaves first.</param>
    /// <param name="index">Leaf index.</param>
    /// <returns>The siblings, bottom first.</returns>
    public static Goldilocks[][] Path(IReadOnlyList<Goldilocks[][]> levels, int index)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var path = new Goldilocks[levels.Count - 1][];
        for (int d = 0; d < path.Length; d++)
        {
            path[d] = levels[d][index ^ 1];
            index >>= 1;
        }

        return path;
    }

    /// <summary>Folds a digest up a path.</summary>
    /// <param name="digest">Start digest.</param>
    /// <param name="index">Its index at the bottom level.</param>
    /// <param name="path">Siblings, bottom first.</param>
    /// <returns>The top digest.</returns>
    public static Goldilocks[] Fold(Goldilocks[] digest, long index, IReadOnlyList<Goldilocks[]> path)
    {
        ArgumentNullException.ThrowIfNull(path);
        foreach (Goldilocks[] sibling in path)
        {
            digest = (index & 1) == 0 ? ZkAccountEncoding.Node(digest, sibling) : ZkAccountEncoding.Node(sibling, digest);
            index >>= 1;
        }

        return digest;
    }

    /// <summary>Levels of a batch tree from its heap-ordered nodes (node 1 root, leaf i at N + i).</summary>
    /// <param name="heap">The heap (length 2N).</param>
    /// <returns>Levels, leaves first.</returns>
    public static IReadOnlyList<Goldilocks[][]> BatchLevels(Goldilocks[][] heap)
    {
        ArgumentNullException.ThrowIfNull(heap);
        var levels = new List<Goldilocks[][]>();
        for (int width = heap.Length / 2; width >= 1; width /= 2)
        {
            levels.Add(heap[width..(2 * width)]);
        }

        return levels;
    }
}
