// SPDX-License-Identifier: Apache-2.0

using System.Buffers;
using System.Numerics;
using System.Security.Cryptography;

namespace Por.Stark.Commitments;

/// <summary>
/// A SHA-256 vector commitment over 2^d leaves. Leaves are salted and domain-separated,
/// leaf = SHA-256(0x00 ‖ salt16 ‖ data), and nodes are node = SHA-256(0x01 ‖ left ‖ right), so a leaf can never be
/// confused with a node and unopened siblings reveal nothing about low-entropy data.
/// </summary>
public sealed class MerkleTree
{
    /// <summary>Digest size in bytes.</summary>
    public const int DigestSize = 32;

    /// <summary>Per-leaf salt size in bytes.</summary>
    public const int SaltSize = 16;

    internal const byte LeafTag = 0x00;
    internal const byte NodeTag = 0x01;

    // nodes[1] is the root; the leaves' digests are at [leafCount, 2·leafCount).
    private readonly byte[] _nodes;
    private readonly byte[] _salts;

    private MerkleTree(int leafCount, byte[] nodes, byte[] salts)
    {
        LeafCount = leafCount;
        _nodes = nodes;
        _salts = salts;
    }

    /// <summary>The number of leaves (a power of two).</summary>
    public int LeafCount { get; }

    /// <summary>The tree depth, log2(LeafCount).</summary>
    public int Depth => BitOperations.Log2((uint)LeafCount);

    /// <summary>The root digest.</summary>
    public ReadOnlySpan<byte> Root => _nodes.AsSpan(DigestSize, DigestSize);

    /// <summary>The salt of one leaf.</summary>
    /// <param name="index">Leaf index.</param>
    /// <returns>The 16 salt bytes.</returns>
    public ReadOnlySpan<byte> GetSalt(int index) => _salts.AsSpan(index * SaltSize, SaltSize);

    /// <summary>Writes the bytes of one leaf.</summary>
    /// <param name="index">Leaf index.</param>
    /// <param name="destination">Exactly the leaf size.</param>
    public delegate void LeafWriter(int index, Span<byte> destination);

    /// <summary>Builds a tree; leaf data is produced on demand by <paramref name="writeLeaf"/> (called in parallel).</summary>
    /// <param name="leafCount">A power of two ≥ 1.</param>
    /// <param name="leafSize">Bytes per leaf.</param>
    /// <param name="salts">leafCount·16 salt bytes (from the proof's CSPRNG); kept by the tree.</param>
    /// <param name="writeLeaf">Writes leaf i; must be thread-safe.</param>
    /// <returns>The tree.</returns>
    /// <exception cref="ArgumentException">Bad counts or salt length.</exception>
    public static MerkleTree Build(int leafCount, int leafSize, byte[] salts, LeafWriter writeLeaf)
    {
        ArgumentNullException.ThrowIfNull(salts);
        ArgumentNullException.ThrowIfNull(writeLeaf);
        if (leafCount < 1 || !BitOperations.IsPow2(leafCount))
        {
            ThrowHelper.ThrowArgument("The leaf count must be a power of two.", nameof(leafCount));
        }

        if (salts.Length != leafCount * SaltSize)
        {
            ThrowHelper.ThrowArgument("Exactly 16 salt bytes per leaf are required.", nameof(salts));
        }

        var nodes = GC.AllocateUninitializedArray<byte>(2 * leafCount * DigestSize);
        int chunk = Math.Max(1, Math.Min(4096, leafCount / (4 * Environment.ProcessorCount)));
        int chunks = (leafCount + chunk - 1) / chunk;
        Parallel.For(0, chunks, c =>
        {
            byte[] buffer = ArrayPool<byte>.Shared.Rent(1 + SaltSize + leafSize);
            try
            {
                Span<byte> leaf = buffer.AsSpan(0, 1 + SaltSize + leafSize);
                leaf[0] = LeafTag;
                int end = Math.Min(leafCount, (c + 1) * chunk);
                for (int i = c * chunk; i < end; i++)
                {
                    salts.AsSpan(i * SaltSize, SaltSize).CopyTo(leaf[1..]);
                    writeLeaf(i, leaf[(1 + SaltSize)..]);
                    SHA256.HashData(leaf, nodes.AsSpan((leafCount + i) * DigestSize, DigestSize));
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        });

        for (int levelStart = leafCount / 2; levelStart >= 1; levelStart /= 2)
        {
            int start = levelStart;
            int count = start;
            int nodeChunk = Math.Max(1, Math.Min(4096, count / (4 * Environment.ProcessorCount)));
            int nodeChunks = (count + nodeChunk - 1) / nodeChunk;
            if (count < 1024)
            {
                HashNodes(nodes, start, start + count);
            }
            else
            {
                Parallel.For(0, nodeChunks, c => HashNodes(nodes, start + (c * nodeChunk), Math.Min(start + count, start + ((c + 1) * nodeChunk))));
            }
        }

        return new MerkleTree(leafCount, nodes, salts);
    }

    private static void HashNodes(byte[] nodes, int from, int to)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * DigestSize)];
        buffer[0] = NodeTag;
        for (int i = from; i < to; i++)
        {
            nodes.AsSpan(2 * i * DigestSize, 2 * DigestSize).CopyTo(buffer[1..]);
            SHA256.HashData(buffer, nodes.AsSpan(i * DigestSize, DigestSize));
        }
    }

    /// <summary>
    /// The sibling digests needed to recompute the root from the given leaves, in the canonical order that
    /// <see cref="MerkleVerifier.TryComputeRoot"/> consumes them (level by level, left to right, skipping siblings
    /// that are themselves recomputed).
    /// </summary>
    /// <param name="sortedIndices">Strictly increasing leaf indices.</param>
    /// <returns>The concatenated 32-byte digests.</returns>
    /// <exception cref="ArgumentException">Indices are not strictly increasing or are out of range.</exception>
    public byte[] OpenBatch(ReadOnlySpan<int> sortedIndices)
    {
        if (!MerkleVerifier.AreStrictlyIncreasingInRange(sortedIndices, LeafCount))
        {
            ThrowHelper.ThrowArgument("Indices must be strictly increasing and in range.", nameof(sortedIndices));
        }

        var output = new List<byte>();
        var level = new List<int>(sortedIndices.Length);
        foreach (int i in sortedIndices)
        {
            level.Add(i);
        }

        int width = LeafCount;
        while (width > 1)
        {
            var next = new List<int>(level.Count);
            for (int k = 0; k < level.Count; k++)
            {
                int idx = level[k];
                if ((idx & 1) == 0 && k + 1 < level.Count && level[k + 1] == idx + 1)
                {
                    k++;
                }
                else
                {
                    int sibling = (width + (idx ^ 1)) * DigestSize;
                    output.AddRange(_nodes.AsSpan(sibling, DigestSize));
                }

                next.Add(idx >> 1);
            }

            level = next;
            width >>= 1;
        }

        return [.. output];
    }
}
