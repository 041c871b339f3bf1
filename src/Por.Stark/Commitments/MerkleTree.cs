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
/// <para>
/// Only the internal nodes are stored (heap order, node 1 is the root, leafCount·32 bytes); the leaf-digest level,
/// which would double that, is not. <see cref="Build(int, int, byte[], LeafBlockWriter)"/> hashes each block of
/// leaves into a small scratch buffer and folds it straight into the first node level, and
/// <see cref="OpenBatch"/> rehashes the few sibling leaves it needs from the salts and the leaf writer, which the
/// tree keeps (so the leaf data must stay alive and unchanged until the last opening). A one-leaf tree stores its
/// single leaf digest, which is its root.
/// </para>
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

    // Largest number of leaves per parallel work item (a power of two).
    private const int MaxChunk = 4096;

    private const int NodeMessageSize = 1 + (2 * DigestSize);

    // Heap order, nodes[1] is the root. For leafCount ≥ 2 only the internal nodes [1, leafCount) are stored (index 0
    // is unused); the leaf digests, which would sit at [leafCount, 2·leafCount), are recomputed when opened. For
    // leafCount = 1 nodes[1] is the single leaf digest.
    private byte[] _nodes;
    private byte[] _salts;
    private bool _returned;
    private readonly int _leafSize;
    private readonly LeafBlockWriter _writeLeaves;

    private MerkleTree(int leafCount, int leafSize, byte[] nodes, byte[] salts, LeafBlockWriter writeLeaves)
    {
        LeafCount = leafCount;
        _leafSize = leafSize;
        _nodes = nodes;
        _salts = salts;
        _writeLeaves = writeLeaves;
    }

    /// <summary>The number of leaves (a power of two).</summary>
    public int LeafCount { get; }

    /// <summary>The tree depth, log2(LeafCount).</summary>
    public int Depth => BitOperations.Log2((uint)LeafCount);

    /// <summary>The root digest.</summary>
    public ReadOnlySpan<byte> Root
    {
        get
        {
            ObjectDisposedException.ThrowIf(_returned, this);
            return _nodes.AsSpan(DigestSize, DigestSize);
        }
    }

    /// <summary>The salt of one leaf.</summary>
    /// <param name="index">Leaf index.</param>
    /// <returns>The 16 salt bytes.</returns>
    public ReadOnlySpan<byte> GetSalt(int index)
    {
        ObjectDisposedException.ThrowIf(_returned, this);
        return _salts.AsSpan(index * SaltSize, SaltSize);
    }

    /// <summary>
    /// Gives the node and salt storage back to the prover's array pool; the tree cannot be used afterwards (the prover
    /// calls this once a proof's openings are written).
    /// </summary>
    internal void ReturnStorage()
    {
        if (_returned)
        {
            return;
        }

        _returned = true;
        LargeArrays.Return(_nodes);
        LargeArrays.Return(_salts);
        (_nodes, _salts) = ([], []);
    }

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
    /// <param name="writeLeaf">
    /// Writes leaf i; must be thread-safe. Kept by the tree: <see cref="OpenBatch"/> calls it again to rehash sibling
    /// leaves, so it must keep writing the same bytes until the last opening.
    /// </param>
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
    /// <param name="writeLeaves">
    /// Writes a block of consecutive leaves; must be thread-safe. Kept by the tree: <see cref="OpenBatch"/> calls it
    /// again (one leaf at a time) to rehash sibling leaves, so it must keep writing the same bytes until the last opening.
    /// </param>
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

        if (leafSize < 0)
        {
            ThrowHelper.ThrowArgument("The leaf size must not be negative.", nameof(leafSize));
        }

        if (salts.Length != leafCount * SaltSize)
        {
            ThrowHelper.ThrowArgument("Exactly 16 salt bytes per leaf are required.", nameof(salts));
        }

        int messageSize = 1 + SaltSize + leafSize;
        if (leafCount == 1)
        {
            // The single leaf digest is the root, stored at node 1.
            var single = new byte[2 * DigestSize];
            byte[] message = new byte[messageSize];
            HashLeafBlock(salts, writeLeaves, messageSize, 0, 1, message, [0], single.AsSpan(DigestSize, DigestSize));
            return new MerkleTree(1, leafSize, single, salts, writeLeaves);
        }

        byte[] nodes = LargeArrays.Rent<byte>(leafCount * DigestSize);

        // Chunks are powers of two (≥ 2, ≤ leafCount), so every chunk starts at an even leaf and holds whole sibling
        // pairs: each chunk computes its own leaves' parents, the first stored level.
        int target = Math.Clamp(leafCount / (4 * Environment.ProcessorCount), 2, MaxChunk);
        int chunk = 1 << BitOperations.Log2((uint)target);
        int chunks = leafCount / chunk;
        Parallel.For(0, chunks, ProverParallelism.Options, c => HashLeavesAndParents(nodes, leafCount, salts, writeLeaves, messageSize, c * chunk, chunk));

        for (int levelStart = leafCount / 4; levelStart >= 1; levelStart /= 2)
        {
            int start = levelStart;
            int count = start;
            int nodeChunk = Math.Max(1, Math.Min(MaxChunk, count / (4 * Environment.ProcessorCount)));
            int nodeChunks = (count + nodeChunk - 1) / nodeChunk;
            if (count < 1024)
            {
                HashNodes(nodes, start, start + count);
            }
            else
            {
                Parallel.For(0, nodeChunks, ProverParallelism.Options, c => HashNodes(nodes, start + (c * nodeChunk), Math.Min(start + count, start + ((c + 1) * nodeChunk))));
            }
        }

        return new MerkleTree(leafCount, leafSize, nodes, salts, writeLeaves);
    }

    // Hashes leaves [from, from + count) (count a power of two ≥ 2, from a multiple of it) through a scratch buffer and
    // writes their parents, nodes (leafCount + from)/2 onwards. Leaves and parents both go HashBlock per SHA-256 call.
    private static void HashLeavesAndParents(byte[] nodes, int leafCount, byte[] salts, LeafBlockWriter writeLeaves, int messageSize, int from, int count)
    {
        int group = Math.Min(2 * HashBlock, count);
        int block = Math.Min(HashBlock, group);
        byte[] leafMessages = ArrayPool<byte>.Shared.Rent(block * messageSize);
        byte[] leafDigests = ArrayPool<byte>.Shared.Rent(group * DigestSize);
        byte[] nodeMessages = ArrayPool<byte>.Shared.Rent(HashBlock * NodeMessageSize);
        int[] ends = ArrayPool<int>.Shared.Rent(HashBlock);
        try
        {
            for (int first = from; first < from + count; first += group)
            {
                for (int k = 0; k < group; k += block)
                {
                    HashLeafBlock(salts, writeLeaves, messageSize, first + k, block, leafMessages, ends, leafDigests.AsSpan(k * DigestSize, block * DigestSize));
                }

                int parent = (leafCount + first) / 2;
                HashPairs(leafDigests.AsSpan(0, group * DigestSize), nodes.AsSpan(parent * DigestSize, group / 2 * DigestSize), nodeMessages, ends);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(leafMessages);
            ArrayPool<byte>.Shared.Return(leafDigests);
            ArrayPool<byte>.Shared.Return(nodeMessages);
            ArrayPool<int>.Shared.Return(ends);
        }
    }

    // Hashes leaves [first, first + count) (count ≤ HashBlock) in one multi-buffer call into 32·count bytes of digests.
    private static void HashLeafBlock(byte[] salts, LeafBlockWriter writeLeaves, int messageSize, int first, int count, byte[] buffer, int[] ends, Span<byte> digests)
    {
        Span<byte> messages = buffer.AsSpan(0, count * messageSize);
        for (int k = 0; k < count; k++)
        {
            Span<byte> message = messages.Slice(k * messageSize, messageSize);
            message[0] = LeafTag;
            salts.AsSpan((first + k) * SaltSize, SaltSize).CopyTo(message[1..]);
            ends[k] = (k + 1) * messageSize;
        }

        writeLeaves(first, count, messages[(1 + SaltSize)..], messageSize);
        Sha256Batch.Hash(messages, ends.AsSpan(0, count), digests);
    }

    // parents[j] = SHA-256(0x01 ‖ children[2j] ‖ children[2j + 1]), HashBlock per call. buffer holds HashBlock node
    // messages and ends HashBlock ints. children and parents must not overlap.
    private static void HashPairs(ReadOnlySpan<byte> children, Span<byte> parents, byte[] buffer, int[] ends)
    {
        int total = parents.Length / DigestSize;
        for (int first = 0; first < total; first += HashBlock)
        {
            int count = Math.Min(HashBlock, total - first);
            for (int k = 0; k < count; k++)
            {
                Span<byte> message = buffer.AsSpan(k * NodeMessageSize, NodeMessageSize);
                message[0] = NodeTag;
                children.Slice(2 * (first + k) * DigestSize, 2 * DigestSize).CopyTo(message[1..]);
                ends[k] = (k + 1) * NodeMessageSize;
            }

            Sha256Batch.Hash(buffer.AsSpan(0, count * NodeMessageSize), ends.AsSpan(0, count), parents.Slice(first * DigestSize, count * DigestSize));
        }
    }

    // Hashes stored nodes [from, to) of one level from their stored children [2·from, 2·to).
    private static void HashNodes(byte[] nodes, int from, int to)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(HashBlock * NodeMessageSize);
        int[] ends = ArrayPool<int>.Shared.Rent(HashBlock);
        try
        {
            int count = to - from;
            HashPairs(nodes.AsSpan(2 * from * DigestSize, 2 * count * DigestSize), nodes.AsSpan(from * DigestSize, count * DigestSize), buffer, ends);
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
        ObjectDisposedException.ThrowIf(_returned, this);
        if (!MerkleVerifier.AreStrictlyIncreasingInRange(sortedIndices, LeafCount))
        {
            ThrowHelper.ThrowArgument("Indices must be strictly increasing and in range.", nameof(sortedIndices));
        }

        var output = new List<byte>();
        byte[]? leaf = null;
        Span<byte> digest = stackalloc byte[DigestSize];
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
                else if (width == LeafCount)
                {
                    // Leaf digests are not stored: rehash the sibling leaf from its salt and bytes.
                    int sibling = idx ^ 1;
                    leaf ??= new byte[_leafSize];
                    _writeLeaves(sibling, 1, leaf, _leafSize);
                    MerkleVerifier.HashLeaf(GetSalt(sibling), leaf, digest);
                    output.AddRange(digest);
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
