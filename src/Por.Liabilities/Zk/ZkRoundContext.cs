// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Por.Common;

namespace Por.Liabilities.Zk;

/// <summary>
/// The 32-byte round context digest every zk batch statement binds (docs/formats.md §8.1): SHA-256 over a domain tag,
/// the round id, the snapshot time and the asset table (symbols and decimals in id order). A verifier recomputes it
/// from the manifest; a stored digest is never trusted.
/// </summary>
public static class ZkRoundContext
{
    /// <summary>Bytes of the digest.</summary>
    public const int DigestSizeInBytes = 32;

    /// <summary>The domain tag, first in the hashed message (with its length).</summary>
    public const string DomainTag = "por/zk-round-context/v1";

    /// <summary>Computes the digest.</summary>
    /// <param name="roundId">The round id (1–128 bytes of UTF-8).</param>
    /// <param name="snapshotTime">The snapshot time; only its whole Unix seconds are bound.</param>
    /// <param name="assets">The asset table, in id order.</param>
    /// <returns>The 32-byte digest.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The round id is not 1–128 bytes of UTF-8.</exception>
    public static byte[] Digest(string roundId, DateTimeOffset snapshotTime, AssetTable assets)
    {
        ArgumentNullException.ThrowIfNull(roundId);
        ArgumentNullException.ThrowIfNull(assets);
        byte[] id = Encoding.UTF8.GetBytes(roundId);
        if (id.Length is 0 or > 128)
        {
            throw new ArgumentException("The round id must be 1–128 bytes of UTF-8.", nameof(roundId));
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> number = stackalloc byte[8];
        byte[] tag = Encoding.ASCII.GetBytes(DomainTag);
        BinaryPrimitives.WriteUInt16BigEndian(number, (ushort)tag.Length);
        hash.AppendData(number[..2]);
        hash.AppendData(tag);
        BinaryPrimitives.WriteUInt16BigEndian(number, (ushort)id.Length);
        hash.AppendData(number[..2]);
        hash.AppendData(id);
        BinaryPrimitives.WriteInt64BigEndian(number, snapshotTime.ToUnixTimeSeconds());
        hash.AppendData(number);
        BinaryPrimitives.WriteUInt16BigEndian(number, (ushort)assets.Count);
        hash.AppendData(number[..2]);
        foreach (Asset asset in assets.Assets)
        {
            byte[] symbol = Encoding.ASCII.GetBytes(asset.Symbol);
            number[0] = (byte)symbol.Length;
            hash.AppendData(number[..1]);
            hash.AppendData(symbol);
            number[0] = asset.Decimals;
            hash.AppendData(number[..1]);
        }

        return hash.GetHashAndReset();
    }
}
