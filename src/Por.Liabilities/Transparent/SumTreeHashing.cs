// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Por.Liabilities.Snapshot;

namespace Por.Liabilities.Transparent;

/// <summary>
/// Every hashing rule of the transparent multi-asset Merkle sum tree, in one place (specified in docs/formats.md §3).
/// All hashes are SHA-256; integers are big-endian; each kind of input starts with its own tag byte, so a leaf, a
/// padding leaf, a node and the root can never be read as one another.
/// <list type="bullet">
/// <item>commitment = SHA-256("por/account-commitment/v1" ‖ u16 len ‖ round id ‖ u16 len ‖ account id ‖ salt[32])</item>
/// <item>sums(v) = u16 k ‖ k × (u16 asset, u64 amount) over the non-zero entries, asset ids strictly increasing</item>
/// <item>leaf = SHA-256(0x00 ‖ commitment ‖ sums(balances))</item>
/// <item>padding leaf = SHA-256(0x02 ‖ "por/padding/v1"), with all sums zero</item>
/// <item>node = SHA-256(0x01 ‖ left digest ‖ sums(left) ‖ right digest ‖ sums(right)): both children's sums, so a
/// sibling's sum cannot be shown differently to different customers (Maxwell's flaw)</item>
/// <item>root = SHA-256(0x03 ‖ "por/transparent-sum-tree/v1" ‖ descriptor ‖ depth ‖ top digest ‖ sums(totals))</item>
/// </list>
/// </summary>
public static class SumTreeHashing
{
    /// <summary>Digest size in bytes.</summary>
    public const int DigestSize = 32;

    /// <summary>Salt size in bytes.</summary>
    public const int SaltSize = 32;

    /// <summary>The deepest tree supported (2^40 accounts).</summary>
    public const int MaxDepth = 40;

    /// <summary>Tag byte of an account leaf.</summary>
    public const byte LeafTag = 0x00;

    /// <summary>Tag byte of an internal node.</summary>
    public const byte NodeTag = 0x01;

    /// <summary>Tag byte of a padding leaf.</summary>
    public const byte PaddingTag = 0x02;

    /// <summary>Tag byte of the round root.</summary>
    public const byte RootTag = 0x03;

    private static readonly byte[] s_commitmentDomain = "por/account-commitment/v1"u8.ToArray();
    private static readonly byte[] s_rootDomain = "por/transparent-sum-tree/v1"u8.ToArray();
    private static readonly byte[][] s_padding = BuildPadding();

    /// <summary>The tree depth for <paramref name="accountCount"/> accounts: the least d with 2^d ≥ count (0 for one account).</summary>
    /// <param name="accountCount">The number of accounts, at least 1.</param>
    /// <returns>The depth.</returns>
    public static int DepthFor(long accountCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(accountCount, 1);
        var depth = accountCount == 1 ? 0 : 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)(accountCount - 1));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(depth, MaxDepth, nameof(accountCount));
        return depth;
    }

    /// <summary>The digest of an all-padding subtree whose root is at <paramref name="level"/> (0 = a padding leaf).</summary>
    /// <param name="level">The level, 0..<see cref="MaxDepth"/>.</param>
    /// <returns>The digest (do not modify).</returns>
    public static ReadOnlySpan<byte> PaddingDigest(int level) => s_padding[level];

    /// <summary>Computes an account commitment.</summary>
    /// <param name="roundId">The round id, UTF-8.</param>
    /// <param name="accountId">The raw account id, UTF-8.</param>
    /// <param name="salt">The account's 32-byte salt.</param>
    /// <param name="destination">Receives the 32-byte commitment.</param>
    public static void Commitment(ReadOnlySpan<byte> roundId, ReadOnlySpan<byte> accountId, ReadOnlySpan<byte> salt, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(salt.Length, SaltSize, nameof(salt));
        var input = new byte[CommitmentMessageSize(roundId.Length, accountId.Length)];
        SHA256.HashData(input.AsSpan(0, WriteCommitmentMessage(roundId, accountId, salt, input)), destination);
    }

    /// <summary>The length of the commitment's hash input.</summary>
    /// <param name="roundIdLength">Round id length in bytes.</param>
    /// <param name="accountIdLength">Account id length in bytes.</param>
    /// <returns>The byte count.</returns>
    public static int CommitmentMessageSize(int roundIdLength, int accountIdLength) => s_commitmentDomain.Length + 2 + roundIdLength + 2 + accountIdLength + SaltSize;

    /// <summary>Writes the commitment's hash input (for batch hashing).</summary>
    /// <param name="roundId">The round id, UTF-8.</param>
    /// <param name="accountId">The raw account id, UTF-8.</param>
    /// <param name="salt">The 32-byte salt.</param>
    /// <param name="destination">At least <see cref="CommitmentMessageSize"/> bytes.</param>
    /// <returns>Bytes written.</returns>
    public static int WriteCommitmentMessage(ReadOnlySpan<byte> roundId, ReadOnlySpan<byte> accountId, ReadOnlySpan<byte> salt, Span<byte> destination)
    {
        s_commitmentDomain.CopyTo(destination);
        var w = s_commitmentDomain.Length;
        w += WriteLengthPrefixed(destination[w..], roundId);
        w += WriteLengthPrefixed(destination[w..], accountId);
        salt[..SaltSize].CopyTo(destination[w..]);
        return w + SaltSize;
    }

    /// <summary>The size of the sparse sums encoding for the given number of non-zero entries.</summary>
    /// <param name="nonZero">The number of non-zero entries.</param>
    /// <returns>2 + 10·nonZero.</returns>
    public static int SumsSize(int nonZero) => 2 + (10 * nonZero);

    /// <summary>Writes the sparse encoding of holdings (already sorted, non-zero).</summary>
    /// <param name="holdings">Holdings in strictly increasing asset order.</param>
    /// <param name="destination">At least <see cref="SumsSize"/> bytes.</param>
    /// <returns>Bytes written.</returns>
    public static int WriteSums(ReadOnlySpan<Holding> holdings, Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)holdings.Length);
        var w = 2;
        foreach (var h in holdings)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[w..], h.Asset);
            BinaryPrimitives.WriteUInt64BigEndian(destination[(w + 2)..], h.Amount);
            w += 10;
        }

        return w;
    }

    /// <summary>Writes the sparse encoding of a dense per-asset vector, skipping zeros.</summary>
    /// <param name="sums">One amount per asset id.</param>
    /// <param name="destination">At least 2 + 10·(non-zero count) bytes.</param>
    /// <returns>Bytes written.</returns>
    public static int WriteSums(ReadOnlySpan<ulong> sums, Span<byte> destination)
    {
        var w = 2;
        ushort k = 0;
        for (var a = 0; a < sums.Length; a++)
        {
            if (sums[a] != 0)
            {
                BinaryPrimitives.WriteUInt16BigEndian(destination[w..], (ushort)a);
                BinaryPrimitives.WriteUInt64BigEndian(destination[(w + 2)..], sums[a]);
                w += 10;
                k++;
            }
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, k);
        return w;
    }

    /// <summary>Computes an account leaf digest.</summary>
    /// <param name="commitment">The 32-byte account commitment.</param>
    /// <param name="holdings">The account's non-zero holdings, increasing asset order.</param>
    /// <param name="scratch">At least 1 + 32 + <see cref="SumsSize"/>(holdings) bytes.</param>
    /// <param name="destination">Receives the digest.</param>
    public static void LeafDigest(ReadOnlySpan<byte> commitment, ReadOnlySpan<Holding> holdings, Span<byte> scratch, Span<byte> destination) =>
        SHA256.HashData(scratch[..WriteLeafMessage(commitment, holdings, scratch)], destination);

    /// <summary>Writes a leaf's hash input: 0x00 ‖ commitment ‖ sums(holdings).</summary>
    /// <param name="commitment">The 32-byte account commitment.</param>
    /// <param name="holdings">The account's non-zero holdings, increasing asset order.</param>
    /// <param name="destination">At least 1 + 32 + <see cref="SumsSize"/>(holdings) bytes.</param>
    /// <returns>Bytes written.</returns>
    public static int WriteLeafMessage(ReadOnlySpan<byte> commitment, ReadOnlySpan<Holding> holdings, Span<byte> destination)
    {
        destination[0] = LeafTag;
        commitment[..DigestSize].CopyTo(destination[1..]);
        return 1 + DigestSize + WriteSums(holdings, destination[(1 + DigestSize)..]);
    }

    /// <summary>Computes an internal node digest from both children's digests and sums.</summary>
    /// <param name="left">The left child's digest.</param>
    /// <param name="leftSums">The left child's dense per-asset sums.</param>
    /// <param name="right">The right child's digest.</param>
    /// <param name="rightSums">The right child's dense per-asset sums.</param>
    /// <param name="scratch">At least <see cref="NodeScratchSize"/> bytes.</param>
    /// <param name="destination">Receives the digest.</param>
    public static void NodeDigest(ReadOnlySpan<byte> left, ReadOnlySpan<ulong> leftSums, ReadOnlySpan<byte> right, ReadOnlySpan<ulong> rightSums, Span<byte> scratch, Span<byte> destination) =>
        SHA256.HashData(scratch[..WriteNodeMessage(left, leftSums, right, rightSums, scratch)], destination);

    /// <summary>Writes a node's hash input: 0x01 ‖ left ‖ sums(left) ‖ right ‖ sums(right).</summary>
    /// <param name="left">The left child's digest.</param>
    /// <param name="leftSums">The left child's dense per-asset sums.</param>
    /// <param name="right">The right child's digest.</param>
    /// <param name="rightSums">The right child's dense per-asset sums.</param>
    /// <param name="destination">At least <see cref="NodeScratchSize"/> bytes.</param>
    /// <returns>Bytes written.</returns>
    public static int WriteNodeMessage(ReadOnlySpan<byte> left, ReadOnlySpan<ulong> leftSums, ReadOnlySpan<byte> right, ReadOnlySpan<ulong> rightSums, Span<byte> destination)
    {
        destination[0] = NodeTag;
        var w = 1;
        left[..DigestSize].CopyTo(destination[w..]);
        w += DigestSize;
        w += WriteSums(leftSums, destination[w..]);
        right[..DigestSize].CopyTo(destination[w..]);
        w += DigestSize;
        return w + WriteSums(rightSums, destination[w..]);
    }

    /// <summary>The scratch size <see cref="NodeDigest"/> needs for <paramref name="assetCount"/> assets.</summary>
    /// <param name="assetCount">The number of assets.</param>
    /// <returns>The byte count.</returns>
    public static int NodeScratchSize(int assetCount) => 1 + (2 * (DigestSize + SumsSize(assetCount)));

    /// <summary>Computes the round root that binds the descriptor, the tree's top digest and the totals.</summary>
    /// <param name="descriptor">Round id, snapshot time, assets and account count.</param>
    /// <param name="topDigest">The digest at the top of the tree.</param>
    /// <param name="totals">Dense per-asset totals.</param>
    /// <returns>The 32-byte root.</returns>
    public static byte[] Root(RoundDescriptor descriptor, ReadOnlySpan<byte> topDigest, ReadOnlySpan<ulong> totals)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var assets = descriptor.Assets;
        ArgumentOutOfRangeException.ThrowIfNotEqual(totals.Length, assets.Count, nameof(totals));
        using var ms = new MemoryStream();
        ms.WriteByte(RootTag);
        Span<byte> tmp = stackalloc byte[8];
        WritePrefixed(ms, s_rootDomain);
        WritePrefixed(ms, Encoding.UTF8.GetBytes(descriptor.RoundId));
        BinaryPrimitives.WriteInt64BigEndian(tmp, descriptor.SnapshotTime.ToUnixTimeSeconds());
        ms.Write(tmp);
        BinaryPrimitives.WriteUInt16BigEndian(tmp, (ushort)assets.Count);
        ms.Write(tmp[..2]);
        foreach (var a in assets.Assets)
        {
            var symbol = Encoding.ASCII.GetBytes(a.Symbol);
            ms.WriteByte((byte)symbol.Length);
            ms.Write(symbol);
            ms.WriteByte(a.Decimals);
        }

        BinaryPrimitives.WriteUInt64BigEndian(tmp, (ulong)descriptor.AccountCount);
        ms.Write(tmp);
        ms.WriteByte((byte)descriptor.Depth);
        ms.Write(topDigest[..DigestSize]);
        var sums = new byte[SumsSize(assets.Count)];
        ms.Write(sums, 0, WriteSums(totals, sums));
        return SHA256.HashData(ms.ToArray());
    }

    private static int WriteLengthPrefixed(Span<byte> destination, ReadOnlySpan<byte> value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)value.Length);
        value.CopyTo(destination[2..]);
        return 2 + value.Length;
    }

    private static void WritePrefixed(Stream s, ReadOnlySpan<byte> value)
    {
        Span<byte> len = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(len, (ushort)value.Length);
        s.Write(len);
        s.Write(value);
    }

    private static byte[][] BuildPadding()
    {
        var result = new byte[MaxDepth + 1][];
        result[0] = SHA256.HashData([PaddingTag, .. "por/padding/v1"u8]);
        var scratch = new byte[NodeScratchSize(0)];
        for (var l = 1; l <= MaxDepth; l++)
        {
            result[l] = new byte[DigestSize];
            NodeDigest(result[l - 1], [], result[l - 1], [], scratch, result[l]);
        }

        return result;
    }
}
