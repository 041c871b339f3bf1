// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Por.Stark.Field;

namespace Por.Liabilities.Zk;

/// <summary>
/// The published root of a zk round (docs/formats.md §8.4): SHA-256 over a domain tag, the round context digest
/// (round id, snapshot time, asset table), the parameter set id, the batch count B, the per-asset totals and the top
/// tree's root. A customer's inclusion file is thereby bound to every published field of its round on its own.
/// </summary>
public static class ZkRoundRoot
{
    /// <summary>Bytes of the root.</summary>
    public const int SizeInBytes = 32;

    /// <summary>The domain tag, first in the hashed message (with its length).</summary>
    public const string DomainTag = "por/zk-round-root/v1";

    /// <summary>Computes the published root.</summary>
    /// <param name="contextDigest">The 32-byte round context digest (<see cref="ZkRoundContext.Digest"/>).</param>
    /// <param name="parameterSetId">The parameter set id (1–255 ASCII bytes).</param>
    /// <param name="batchCount">B ≥ 1.</param>
    /// <param name="totals">The per-asset totals in base units, by asset id (1–65535 of them).</param>
    /// <param name="treeRoot">The top tree's root (4 canonical Goldilocks elements).</param>
    /// <returns>The 32-byte root.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An argument has the wrong size.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchCount"/> is below 1.</exception>
    public static byte[] Compute(ReadOnlySpan<byte> contextDigest, string parameterSetId, int batchCount, IReadOnlyList<ulong> totals, IReadOnlyList<Goldilocks> treeRoot)
    {
        ArgumentNullException.ThrowIfNull(parameterSetId);
        ArgumentNullException.ThrowIfNull(totals);
        ArgumentNullException.ThrowIfNull(treeRoot);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchCount, 1);
        if (contextDigest.Length != ZkRoundContext.DigestSizeInBytes)
        {
            throw new ArgumentException("The context digest must be 32 bytes.", nameof(contextDigest));
        }

        byte[] id = Encoding.ASCII.GetBytes(parameterSetId);
        if (id.Length is 0 or > byte.MaxValue)
        {
            throw new ArgumentException("The parameter set id must be 1–255 ASCII bytes.", nameof(parameterSetId));
        }

        if (totals.Count is 0 or > ushort.MaxValue)
        {
            throw new ArgumentException("There must be 1–65535 totals.", nameof(totals));
        }

        if (treeRoot.Count != ZkAccountEncoding.DigestSize)
        {
            throw new ArgumentException("The tree root must be 4 elements.", nameof(treeRoot));
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> number = stackalloc byte[8];
        byte[] tag = Encoding.ASCII.GetBytes(DomainTag);
        BinaryPrimitives.WriteUInt16BigEndian(number, (ushort)tag.Length);
        hash.AppendData(number[..2]);
        hash.AppendData(tag);
        hash.AppendData(contextDigest);
        number[0] = (byte)id.Length;
        hash.AppendData(number[..1]);
        hash.AppendData(id);
        BinaryPrimitives.WriteUInt32BigEndian(number, (uint)batchCount);
        hash.AppendData(number[..4]);
        BinaryPrimitives.WriteUInt16BigEndian(number, (ushort)totals.Count);
        hash.AppendData(number[..2]);
        foreach (ulong total in totals)
        {
            BinaryPrimitives.WriteUInt64BigEndian(number, total);
            hash.AppendData(number);
        }

        foreach (Goldilocks e in treeRoot)
        {
            BinaryPrimitives.WriteUInt64BigEndian(number, e.Value);
            hash.AppendData(number);
        }

        return hash.GetHashAndReset();
    }
}
