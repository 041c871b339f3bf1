// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using Por.Stark.Commitments;

namespace Por.Stark.Tests.Commitments;

public sealed class MerkleTreeTests
{
    private static readonly int[] s_randomSetSizes = [3, 8, 40];

    private static (MerkleTree Tree, byte[][] Leaves, byte[] Salts) Build(int count)
    {
        byte[][] leaves = [.. Enumerable.Range(0, count).Select(i => BitConverter.GetBytes((long)i * 31))];
        byte[] salts = RandomNumberGenerator.GetBytes(count * 16);
        return (MerkleTree.Build(count, 8, salts, (i, d) => leaves[i].CopyTo(d)), leaves, salts);
    }

    // Independent recursive reference: SHA-256(0 ‖ salt ‖ data) leaves, SHA-256(1 ‖ l ‖ r) nodes.
    private static byte[] NaiveRoot(byte[][] leaves, byte[] salts, int from, int count)
    {
        if (count == 1)
        {
            return SHA256.HashData([0, .. salts.AsSpan(from * 16, 16), .. leaves[from]]);
        }

        byte[] l = NaiveRoot(leaves, salts, from, count / 2);
        byte[] r = NaiveRoot(leaves, salts, from + (count / 2), count / 2);
        return SHA256.HashData([1, .. l, .. r]);
    }

    private static byte[] LeafDigests(byte[][] leaves, byte[] salts, int[] indices)
    {
        var digests = new byte[indices.Length * 32];
        for (int k = 0; k < indices.Length; k++)
        {
            MerkleVerifier.HashLeaf(salts.AsSpan(indices[k] * 16, 16), leaves[indices[k]], digests.AsSpan(k * 32, 32));
        }

        return digests;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(16)]
    [InlineData(1024)]
    public void Build_AnySize_MatchesNaiveRoot(int count)
    {
        (MerkleTree tree, byte[][] leaves, byte[] salts) = Build(count);
        Assert.Equal(NaiveRoot(leaves, salts, 0, count), tree.Root.ToArray());
    }

    // Wide leaves (a 120-column trace row is 960 bytes) go through the multi-buffer SHA-256's long-message path.
    [Theory]
    [Trait("Category", "Simd")]
    [InlineData(4, 960)]
    [InlineData(256, 960)]
    [InlineData(128, 4200)]
    [InlineData(512, 24)]
    public void Build_BlockWriterWideLeaves_MatchesNaiveRoot(int count, int leafSize)
    {
        byte[][] leaves = [.. Enumerable.Range(0, count).Select(_ => RandomNumberGenerator.GetBytes(leafSize))];
        byte[] salts = RandomNumberGenerator.GetBytes(count * 16);
        var tree = MerkleTree.Build(count, leafSize, salts, (first, n, destination, stride) =>
        {
            for (int k = 0; k < n; k++)
            {
                leaves[first + k].CopyTo(destination[(k * stride)..]);
            }
        });
        Assert.Equal(NaiveRoot(leaves, salts, 0, count), tree.Root.ToArray());
    }

    [Theory]
    [InlineData(new[] { 0 })]
    [InlineData(new[] { 5, 6, 7, 200 })]
    [InlineData(new[] { 0, 1, 2, 3, 254, 255 })]
    public void OpenBatch_Subsets_Verify(int[] indices)
    {
        (MerkleTree tree, byte[][] leaves, byte[] salts) = Build(256);
        byte[] siblings = tree.OpenBatch(indices);
        var root = new byte[32];
        Assert.True(MerkleVerifier.TryComputeRoot(8, indices, LeafDigests(leaves, salts, indices), siblings, root));
        Assert.Equal(tree.Root.ToArray(), root);
    }

    // Independent reference with every level stored: levels[0] are the leaf digests, levels[depth] the root.
    private static byte[][][] NaiveLevels(byte[][] leaves, byte[] salts)
    {
        var levels = new List<byte[][]>
        {
            leaves.Select((leaf, i) => SHA256.HashData([0, .. salts.AsSpan(i * 16, 16), .. leaf])).ToArray(),
        };
        while (levels[^1].Length > 1)
        {
            byte[][] below = levels[^1];
            levels.Add([.. Enumerable.Range(0, below.Length / 2).Select(j => SHA256.HashData([1, .. below[2 * j], .. below[(2 * j) + 1]]))]);
        }

        return [.. levels];
    }

    // Reference batch opening from the stored levels: per level, left to right, the sibling of each known node whose
    // sibling is not known too.
    private static byte[] NaiveOpening(byte[][][] levels, int[] indices)
    {
        var output = new List<byte>();
        var known = new SortedSet<int>(indices);
        for (int level = 0; level < levels.Length - 1; level++)
        {
            foreach (int idx in known)
            {
                if (!known.Contains(idx ^ 1))
                {
                    output.AddRange(levels[level][idx ^ 1]);
                }
            }

            known = [.. known.Select(idx => idx / 2)];
        }

        return [.. output];
    }

    private static List<int[]> IndexSets(int count, Random random)
    {
        List<int[]> sets = [[0], [count - 1], [0, count - 1]];
        if (count >= 2)
        {
            int pair = 2 * random.Next(count / 2);
            sets.Add([pair, pair + 1]);
            sets.Add([0, 1, count - 2, count - 1]);
        }

        if (count >= 4)
        {
            // Adjacent but not siblings, next to a sibling pair.
            int odd = (2 * random.Next((count / 2) - 1)) + 1;
            sets.Add([odd, odd + 1, odd + 2]);
        }

        foreach (int size in s_randomSetSizes)
        {
            sets.Add([.. Enumerable.Range(0, size).Select(_ => random.Next(count))]);
        }

        if (count <= 64)
        {
            sets.Add([.. Enumerable.Range(0, count)]);
        }

        return [.. sets.Select(s => s.Distinct().Order().ToArray()).DistinctBy(s => string.Join(',', s))];
    }

    // Root and batch openings against a reference that stores every level (the tree itself keeps no leaf digests and
    // rehashes sibling leaves when opening); the openings must also verify.
    [Theory]
    [InlineData(1, 40, false)]
    [InlineData(2, 40, true)]
    [InlineData(4, 8, false)]
    [InlineData(8, 40, true)]
    [InlineData(64, 33, true)]
    [InlineData(1024, 40, false)]
    [InlineData(1024, 200, true)]
    [InlineData(4096, 24, true)]
    public void Build_OpenBatch_MatchFullLevelReference(int count, int leafSize, bool blockWriter)
    {
        var random = new Random(count + leafSize);
        byte[][] leaves = [.. Enumerable.Range(0, count).Select(_ => RandomNumberGenerator.GetBytes(leafSize))];
        byte[] salts = RandomNumberGenerator.GetBytes(count * 16);
        MerkleTree tree = blockWriter
            ? MerkleTree.Build(count, leafSize, salts, (first, n, destination, stride) =>
            {
                for (int k = 0; k < n; k++)
                {
                    leaves[first + k].CopyTo(destination[(k * stride)..]);
                }
            })
            : MerkleTree.Build(count, leafSize, salts, (i, d) => leaves[i].CopyTo(d));
        byte[][][] levels = NaiveLevels(leaves, salts);
        Assert.Equal(levels.Length - 1, tree.Depth);
        Assert.Equal(levels[^1][0], tree.Root.ToArray());

        foreach (int[] indices in IndexSets(count, random))
        {
            byte[] siblings = tree.OpenBatch(indices);
            Assert.Equal(NaiveOpening(levels, indices), siblings);
            byte[] digests = [.. indices.SelectMany(i => levels[0][i])];
            Assert.Equal(LeafDigests(leaves, salts, indices), digests);
            var root = new byte[32];
            Assert.True(MerkleVerifier.TryComputeRoot(tree.Depth, indices, digests, siblings, root));
            Assert.Equal(tree.Root.ToArray(), root);
        }
    }

    [Fact]
    public void TryComputeRoot_DuplicateOrUnsortedOrOutOfRange_Rejected()
    {
        (MerkleTree tree, byte[][] leaves, byte[] salts) = Build(256);
        int[] good = [3, 9];
        byte[] siblings = tree.OpenBatch(good);
        var root = new byte[32];
        byte[] digests = LeafDigests(leaves, salts, good);
        Assert.False(MerkleVerifier.TryComputeRoot(8, [3, 3], digests, siblings, root));
        Assert.False(MerkleVerifier.TryComputeRoot(8, [9, 3], digests, siblings, root));
        Assert.False(MerkleVerifier.TryComputeRoot(8, [3, 256], digests, siblings, root));
        Assert.False(MerkleVerifier.TryComputeRoot(8, [-1, 3], digests, siblings, root));
        Assert.Throws<ArgumentException>(() => tree.OpenBatch([4, 4]));
    }

    [Fact]
    public void TryComputeRoot_ExtraMissingOrAlteredSibling_Rejected()
    {
        (MerkleTree tree, byte[][] leaves, byte[] salts) = Build(64);
        int[] idx = [10, 40];
        byte[] siblings = tree.OpenBatch(idx);
        byte[] digests = LeafDigests(leaves, salts, idx);
        var root = new byte[32];
        Assert.False(MerkleVerifier.TryComputeRoot(6, idx, digests, [.. siblings, .. new byte[32]], root));
        Assert.False(MerkleVerifier.TryComputeRoot(6, idx, digests, siblings.AsSpan(0, siblings.Length - 32), root));
        siblings[5] ^= 1;
        Assert.True(MerkleVerifier.TryComputeRoot(6, idx, digests, siblings, root));
        Assert.NotEqual(tree.Root.ToArray(), root);
    }

    [Fact]
    public void HashLeaf_SaltOrDomain_ChangesDigest()
    {
        byte[] data = new byte[64];
        var a = new byte[32];
        var b = new byte[32];
        MerkleVerifier.HashLeaf(new byte[16], data, a);
        byte[] salt = new byte[16];
        salt[0] = 1;
        MerkleVerifier.HashLeaf(salt, data, b);
        Assert.NotEqual(a, b);
        // A leaf over 64 bytes never collides with a node over the same 64 bytes (different tag and salt).
        Assert.NotEqual(SHA256.HashData([1, .. data]), a);
    }
}
