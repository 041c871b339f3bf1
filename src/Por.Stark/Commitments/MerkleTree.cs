// SPDX-License-Identifier: Apache-2.0

using System.Buffers;
using System.Numerics;
using Por.Stark.Hashing;
using Por.Stark.Memory;

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

    // Leaves and nodes per multi-buffer SHA-256 call (a multiple of its 16 lanes).
    private const int HashBlock = 64;

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

    /// <summary>Writes the bytes of <paramref name="count"/> consecutive leaves (column-major sources gather faster this way).</summary>
    /// <param name="first">Index of the first leaf.</param>
    /// <param name="count">Number of leaves.</param>
    /// <param name="destination">Leaf k's bytes go to <c>destination[(k·stride)..(k·stride + leafSize)]</c>.</param>
    /// <param name="stride">Distance in bytes between consecutive leaves in <paramref name="destination"/>.</param>
    public delegate void LeafBlockWriter(int first, int count, Span<byte> destination, int stride);

    /// <summary>Builds a tree; leaf data is produced on demand by <paramref name="writeLeaf"/> (called in parallel).</summary>
    /// <param name="leafCount">A power of two ≥ 1.</param>
    /// <param name="leafSize">Bytes per leaf.</param>
    /// <param name="salts">leafCount·16 salt bytes (from the proof's CSPRNG); kept by the tree.</param>
    /// <param name="writeLeaf">Writes leaf i; must be thread-safe.</param>
    /// <returns>The tree.</returns>
    /// <exception cref="ArgumentException">Bad counts or salt length.</exception>
    public static MerkleTree Build(int leafCount, int leafSize, byte[] salts, LeafWriter writeLeaf)
    {
        ArgumentNullException.ThrowIfNull(writeLeaf);
        return Build(leafCount, leafSize, salts, (first, count, destination, stride) =>
        {
            for (int k = 0; k < count; k++)
            {
                writeLeaf(first + k, destination.Slice(k * stride, leafSize));
            }
        });
    }

    /// <summary>Builds a tree; leaf data is produced block by block by <paramref name="writeLeaves"/> (called in parallel).</summary>
    /// <param name="leafCount">A power of two ≥ 1.</param>
    /// <param name="leafSize">Bytes per leaf.</param>
    /// <param name="salts">leafCount·16 salt bytes (from the proof's CSPRNG); kept by the tree.</param>
    /// <param name="writeLeaves">Writes a block of consecutive leaves; must be thread-safe.</param>
    /// <returns>The tree.</returns>
    /// <exception cref="ArgumentException">Bad counts or salt length.</exception>
    public static MerkleTree Build(int leafCount, int leafSize, byte[] salts, LeafBlockWriter writeLeaves)
    {
        ArgumentNullException.ThrowIfNull(salts);
        ArgumentNullException.ThrowIfNull(writeLeaves);
        if (leafCount < 1 || !BitOperations.IsPow2(leafCount))
        {
            ThrowHelper.ThrowArgument("The leaf count must be a power of two.", nameof(leafCount));
        }

        if (salts.Length != leafCount * SaltSize)
        {
            ThrowHelper.ThrowArgument("Exactly 16 salt bytes per leaf are required.", nameof(salts));
        }

        var nodes = LargeArrays.Allocate<byte>(2 * leafCount * DigestSize);
        int messageSize = 1 + SaltSize + leafSize;
        int chunk = Math.Max(1, Math.Min(4096, leafCount / (4 * Environment.ProcessorCount)));
        int chunks = (leafCount + chunk - 1) / chunk;
        Parallel.For(0, chunks, c =>
        {
            // Leaves are hashed HashBlock at a time so the multi-buffer SHA-256 gets full lanes.
            int block = Math.Min(HashBlock, chunk);
            byte[] buffer = ArrayPool<byte>.Shared.Rent(block * messageSize);
            int[] ends = ArrayPool<int>.Shared.Rent(block);
            try
            {
                int end = Math.Min(leafCount, (c + 1) * chunk);
                for (int first = c * chunk; first < end; first += block)
                {
                    int count = Math.Min(block, end - first);
                    Span<byte> messages = buffer.AsSpan(0, count * messageSize);
                    for (int k = 0; k < count; k++)
                    {
                        Span<byte> message = messages.Slice(k * messageSize, messageSize);
                        message[0] = LeafTag;
                        salts.AsSpan((first + k) * SaltSize, SaltSize).CopyTo(message[1..]);
                        ends[k] = (k + 1) * messageSize;
                    }

                    writeLeaves(first, count, messages[(1 + SaltSize)..], messageSize);
                    Sha256Batch.Hash(messages, ends.AsSpan(0, count), nodes.AsSpan((leafCount + first) * DigestSize, count * DigestSize));
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
                ArrayPool<int>.Shared.Return(ends);
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
        const int MessageSize = 1 + (2 * DigestSize);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(HashBlock * MessageSize);
        int[] ends = ArrayPool<int>.Shared.Rent(HashBlock);
        try
        {
            for (int first = from; first < to; first += HashBlock)
            {
                int count = Math.Min(HashBlock, to - first);
                for (int k = 0; k < count; k++)
                {
                    Span<byte> message = buffer.AsSpan(k * MessageSize, MessageSize);
                    message[0] = NodeTag;
                    nodes.AsSpan(2 * (first + k) * DigestSize, 2 * DigestSize).CopyTo(message[1..]);
                    ends[k] = (k + 1) * MessageSize;
                }

                Sha256Batch.Hash(buffer.AsSpan(0, count * MessageSize), ends.AsSpan(0, count), nodes.AsSpan(first * DigestSize, count * DigestSize));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            ArrayPool<int>.Shared.Return(ends);
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
