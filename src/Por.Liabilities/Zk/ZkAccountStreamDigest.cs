// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Security.Cryptography;
using Por.Liabilities.Snapshot;

namespace Por.Liabilities.Zk;

/// <summary>
/// Digests of a stream of accounts. Each account's record digest is SHA-256(u16 id length ‖ id ‖ u16 holding count ‖
/// (u16 asset ‖ u64 amount)…), big-endian. The stream digest is SHA-256 over the record digests in order (two reads
/// of one snapshot give the same stream digest only if they give the same accounts in the same order); the set
/// digest is the sum, lane by lane modulo 2^64, of the record digests read as four big-endian u64 (the same for any
/// order of the same accounts).
/// </summary>
internal sealed class ZkAccountStreamDigest : IDisposable
{
    private readonly IncrementalHash _stream = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly ulong[] _set = new ulong[4];
    private readonly byte[] _record = new byte[4 + ushort.MaxValue + (10 * (ushort.MaxValue + 1))];

    /// <summary>Accounts added.</summary>
    public long Count { get; private set; }

    public void Add(ReadOnlySpan<byte> accountId, ReadOnlySpan<Holding> holdings)
    {
        var length = 0;
        var record = _record.AsSpan();
        BinaryPrimitives.WriteUInt16BigEndian(record, checked((ushort)accountId.Length));
        accountId.CopyTo(record[2..]);
        length = 2 + accountId.Length;
        BinaryPrimitives.WriteUInt16BigEndian(record[length..], checked((ushort)holdings.Length));
        length += 2;
        foreach (var h in holdings)
        {
            BinaryPrimitives.WriteUInt16BigEndian(record[length..], h.Asset);
            BinaryPrimitives.WriteUInt64BigEndian(record[(length + 2)..], h.Amount);
            length += 10;
        }

        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(record[..length], digest);
        _stream.AppendData(digest);
        for (var lane = 0; lane < 4; lane++)
        {
            _set[lane] = unchecked(_set[lane] + BinaryPrimitives.ReadUInt64BigEndian(digest[(8 * lane)..]));
        }

        Count++;
    }

    public byte[] StreamDigest() => _stream.GetHashAndReset();

    public byte[] SetDigest()
    {
        var bytes = new byte[32];
        for (var lane = 0; lane < 4; lane++)
        {
            BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(8 * lane), _set[lane]);
        }

        return bytes;
    }

    public void Dispose() => _stream.Dispose();
}
