// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Security.Cryptography;
using Por.Liabilities.Snapshot;
using Por.Stark.Field;
using Por.Stark.Hashing;

namespace Por.Liabilities.Zk;

/// <summary>
/// The customer-checkable encoding of the zk account tree (docs/formats.md, "zk account tree"): id commitment, leaf
/// (a Poseidon2 Merkle–Damgård chain over two holdings per block) and node (2-to-1 compression), all over Plonky3's
/// default Poseidon2-Goldilocks width-8 permutation.
/// </summary>
public static class ZkAccountEncoding
{
    /// <summary>Elements per digest.</summary>
    public const int DigestSize = 4;

    /// <summary>Bytes of the per-round, per-account salt.</summary>
    public const int SaltSize = 32;

    /// <summary>Largest encodable asset id (ids are the asset table position + 1, so 1..65535).</summary>
    public const int MaxAssetId = ushort.MaxValue;

    /// <summary>
    /// The first-block marker 2^49, added to lane 0 (slot 0's m0) of an account's first block and of no other block:
    /// without it a prefix could be folded into the id commitment, (c(C, B_0), B_1..) hashing like (C, B_0, B_1..).
    /// </summary>
    public const ulong FirstBlockMarker = 1UL << 49;

    private const ulong Mask62 = (1UL << 62) - 1;

    private static ReadOnlySpan<byte> IdDomain => "PoL-id-v1"u8;

    /// <summary>The pinned permutation (Plonky3 default Goldilocks width 8).</summary>
    public static Poseidon2 Permutation => Poseidon2.Goldilocks8;

    /// <summary>C = SHA-256("PoL-id-v1" ‖ uid ‖ salt) read as four 62-bit little-endian chunks (always canonical).</summary>
    /// <param name="accountId">The account id as UTF-8 bytes.</param>
    /// <param name="salt">32 salt bytes, fresh per account per round.</param>
    /// <returns>Four field elements.</returns>
    /// <exception cref="ArgumentException">The salt is not 32 bytes.</exception>
    public static Goldilocks[] IdCommitment(ReadOnlySpan<byte> accountId, ReadOnlySpan<byte> salt)
    {
        if (salt.Length != SaltSize)
        {
            throw new ArgumentException("The salt must be 32 bytes.", nameof(salt));
        }

        var buffer = new byte[IdDomain.Length + accountId.Length + SaltSize];
        IdDomain.CopyTo(buffer);
        accountId.CopyTo(buffer.AsSpan(IdDomain.Length));
        salt.CopyTo(buffer.AsSpan(IdDomain.Length + accountId.Length));
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(buffer, digest);
        var result = new Goldilocks[DigestSize];
        for (int i = 0; i < DigestSize; i++)
        {
            result[i] = new Goldilocks(BinaryPrimitives.ReadUInt64LittleEndian(digest[(8 * i)..]) & Mask62);
        }

        return result;
    }

    /// <summary>The two field elements of one holding slot: m0 = hi + 2^32·asset + 2^48·last, m1 = lo.</summary>
    /// <param name="assetId">Asset id, 1..65535.</param>
    /// <param name="balance">The balance in base units.</param>
    /// <param name="isLast">Whether this is the account's last holding.</param>
    /// <returns>(m0, m1).</returns>
    public static (Goldilocks M0, Goldilocks M1) EncodeSlot(int assetId, ulong balance, bool isLast)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(assetId, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(assetId, MaxAssetId);
        ulong hi = balance >> 32;
        ulong lo = balance & 0xFFFF_FFFFUL;
        ulong m0 = hi | ((ulong)assetId << 32) | ((isLast ? 1UL : 0UL) << 48);
        return (new Goldilocks(m0), new Goldilocks(lo));
    }

    /// <summary>Number of permutation blocks for a holdings count: ⌈k/2⌉, and 1 for an empty account.</summary>
    /// <param name="holdingCount">k.</param>
    /// <returns>The block count.</returns>
    public static int BlockCount(int holdingCount) => holdingCount == 0 ? 1 : (holdingCount + 1) / 2;

    /// <summary>Checks that holdings are in canonical order: strictly increasing asset index.</summary>
    /// <param name="holdings">Holdings; <see cref="Holding.Asset"/> is the 0-based asset table index.</param>
    /// <returns>True when canonical.</returns>
    public static bool IsCanonical(ReadOnlySpan<Holding> holdings)
    {
        for (int i = 1; i < holdings.Length; i++)
        {
            if (holdings[i].Asset <= holdings[i - 1].Asset)
            {
                return false;
            }
        }

        return holdings.Length == 0 || holdings[^1].Asset < MaxAssetId;
    }

    /// <summary>
    /// Leaf = s_k where s_0 = C and s_{j+1} = c(s_j, B_j); block B_j holds holdings 2j and 2j+1 (asset id = table index + 1),
    /// an empty slot is (0, 0), an account with no holdings hashes one empty block, and block 0's lane 0 carries
    /// <see cref="FirstBlockMarker"/> (docs/formats.md §8).
    /// </summary>
    /// <param name="idCommitment">C (4 elements).</param>
    /// <param name="holdings">Canonically ordered holdings (0-based asset indices).</param>
    /// <returns>The leaf digest (4 elements).</returns>
    /// <exception cref="ArgumentException">Holdings are not canonical.</exception>
    public static Goldilocks[] Leaf(ReadOnlySpan<Goldilocks> idCommitment, ReadOnlySpan<Holding> holdings)
    {
        if (idCommitment.Length != DigestSize)
        {
            throw new ArgumentException("The id commitment must be 4 elements.", nameof(idCommitment));
        }

        if (!IsCanonical(holdings))
        {
            throw new ArgumentException("Holdings must be in strictly increasing asset order.", nameof(holdings));
        }

        Span<Goldilocks> state = stackalloc Goldilocks[DigestSize];
        idCommitment.CopyTo(state);
        Span<Goldilocks> block = stackalloc Goldilocks[DigestSize];
        int blocks = BlockCount(holdings.Length);
        for (int b = 0; b < blocks; b++)
        {
            BlockInputs(holdings, b, block);
            Permutation.Compress(state, block, state);
        }

        return state.ToArray();
    }

    /// <summary>The 4 block elements of block <paramref name="blockIndex"/>, with the first-block marker on block 0.</summary>
    /// <param name="holdings">Canonical holdings.</param>
    /// <param name="blockIndex">Block index.</param>
    /// <param name="block">Destination, 4 elements.</param>
    public static void BlockInputs(ReadOnlySpan<Holding> holdings, int blockIndex, Span<Goldilocks> block)
    {
        block[..DigestSize].Clear();
        for (int s = 0; s < 2; s++)
        {
            int h = (2 * blockIndex) + s;
            if (h < holdings.Length)
            {
                (Goldilocks m0, Goldilocks m1) = EncodeSlot(holdings[h].Asset + 1, holdings[h].Amount, h == holdings.Length - 1);
                block[2 * s] = m0;
                block[(2 * s) + 1] = m1;
            }
        }

        if (blockIndex == 0)
        {
            block[0] += new Goldilocks(FirstBlockMarker);
        }
    }

    /// <summary>Node = c(left, right): the first 4 lanes of Perm(left ‖ right).</summary>
    /// <param name="left">Left child digest.</param>
    /// <param name="right">Right child digest.</param>
    /// <returns>The parent digest.</returns>
    public static Goldilocks[] Node(ReadOnlySpan<Goldilocks> left, ReadOnlySpan<Goldilocks> right)
    {
        var result = new Goldilocks[DigestSize];
        Permutation.Compress(left, right, result);
        return result;
    }
}
