// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using Por.Stark.Commitments;

namespace Por.Stark.Tests.Commitments;

public sealed class MerkleTreeTests
{
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
