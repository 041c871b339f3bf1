// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;

namespace Por.Stark.Commitments;

/// <summary>Recomputes Merkle roots from batched openings (the verifier side of <see cref="MerkleTree"/>).</summary>
public static class MerkleVerifier
{
    /// <summary>Hashes one salted leaf: SHA-256(0x00 ‖ salt16 ‖ data).</summary>
    /// <param name="salt">16 bytes.</param>
    /// <param name="data">Leaf data.</param>
    /// <param name="destination">32 bytes.</param>
    /// <exception cref="ArgumentException">Bad salt or destination length.</exception>
    public static void HashLeaf(ReadOnlySpan<byte> salt, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (salt.Length != MerkleTree.SaltSize || destination.Length < MerkleTree.DigestSize)
        {
            ThrowHelper.ThrowArgument("The salt must be 16 bytes and the destination 32.", nameof(salt));
        }

        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        ReadOnlySpan<byte> tag = [MerkleTree.LeafTag];
        sha.AppendData(tag);
        sha.AppendData(salt);
        sha.AppendData(data);
        sha.GetHashAndReset(destination);
    }

    /// <summary>Whether the indices are strictly increasing and inside [0, leafCount).</summary>
    /// <param name="indices">Leaf indices.</param>
    /// <param name="leafCount">The number of leaves.</param>
    /// <returns>True when valid (no duplicates, nothing out of range).</returns>
    public static bool AreStrictlyIncreasingInRange(ReadOnlySpan<int> indices, int leafCount)
    {
        for (int i = 0; i < indices.Length; i++)
        {
            if (indices[i] < 0 || indices[i] >= leafCount || (i > 0 && indices[i] <= indices[i - 1]))
            {
                return false;
            }
        }

        return indices.Length > 0;
    }

    /// <summary>
    /// Recomputes the root from leaf digests and the batched sibling digests. Fails on duplicate, unsorted or
    /// out-of-range indices and unless every supplied sibling is consumed exactly.
    /// </summary>
    /// <param name="depth">Tree depth (the verifier's own, never the proof's).</param>
    /// <param name="sortedIndices">Strictly increasing leaf indices.</param>
    /// <param name="leafDigests">32 bytes per index, in index order.</param>
    /// <param name="siblings">The concatenated sibling digests.</param>
    /// <param name="root">32 bytes receiving the root.</param>
    /// <returns>False when the opening is malformed.</returns>
    public static bool TryComputeRoot(int depth, ReadOnlySpan<int> sortedIndices, ReadOnlySpan<byte> leafDigests, ReadOnlySpan<byte> siblings, Span<byte> root)
    {
        const int D = MerkleTree.DigestSize;
        if (depth < 0 || depth > 30 || leafDigests.Length != sortedIndices.Length * D || siblings.Length % D != 0
            || !AreStrictlyIncreasingInRange(sortedIndices, 1 << depth) || root.Length < D)
        {
            return false;
        }

        int count = sortedIndices.Length;
        int[] indices = sortedIndices.ToArray();
        byte[] digests = leafDigests.ToArray();
        int used = 0;
        Span<byte> buffer = stackalloc byte[1 + (2 * D)];
        buffer[0] = MerkleTree.NodeTag;
        for (int level = 0; level < depth; level++)
        {
            int nextCount = 0;
            for (int k = 0; k < count; k++)
            {
                int idx = indices[k];
                if ((idx & 1) == 0 && k + 1 < count && indices[k + 1] == idx + 1)
                {
                    digests.AsSpan(k * D, D).CopyTo(buffer[1..]);
                    digests.AsSpan((k + 1) * D, D).CopyTo(buffer[(1 + D)..]);
                    k++;
                }
                else
                {
                    if (used + D > siblings.Length)
                    {
                        return false;
                    }

                    ReadOnlySpan<byte> sibling = siblings.Slice(used, D);
                    used += D;
                    if ((idx & 1) == 0)
                    {
                        digests.AsSpan(k * D, D).CopyTo(buffer[1..]);
                        sibling.CopyTo(buffer[(1 + D)..]);
                    }
                    else
                    {
                        sibling.CopyTo(buffer[1..]);
                        digests.AsSpan(k * D, D).CopyTo(buffer[(1 + D)..]);
                    }
                }

                SHA256.HashData(buffer, digests.AsSpan(nextCount * D, D));
                indices[nextCount] = idx >> 1;
                nextCount++;
            }

            count = nextCount;
        }

        if (used != siblings.Length || count != 1)
        {
            return false;
        }

        digests.AsSpan(0, D).CopyTo(root);
        return true;
    }
}
