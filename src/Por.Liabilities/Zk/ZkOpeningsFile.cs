// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Text;
using Por.Liabilities.Snapshot;
using Por.Stark.Field;

namespace Por.Liabilities.Zk;

/// <summary>
/// The operator's private file of every batch leaf (docs/formats.md §9.3): customers' openings and padding leaves,
/// batch by batch. It is written before any proof, so a resumed build proves exactly the same leaves, and an
/// inclusion export recomputes the customer's batch tree from it. Never published; created 0600.
/// </summary>
/// <remarks>
/// <see cref="ZkOpeningsWriter"/> writes it batch by batch and <see cref="ZkOpeningsReader"/> reads it batch by batch,
/// so neither holds more than one batch.
/// </remarks>
public static class ZkOpeningsFile
{
    private static ReadOnlySpan<byte> Magic => "PORZKOP\u0001"u8;

    /// <summary>Writes the file atomically (0600).</summary>
    /// <param name="path">Destination.</param>
    /// <param name="header">What the openings are for.</param>
    /// <param name="batches">B batches of exactly N leaves each.</param>
    /// <exception cref="ArgumentException">The batches do not match the header.</exception>
    public static void Write(string path, ZkOpeningsHeader header, IReadOnlyList<IReadOnlyList<ZkOpening>> batches)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(batches);
        if (batches.Count != header.BatchCount || batches.Any(b => b.Count != header.AccountsPerBatch))
        {
            throw new ArgumentException("Every batch must hold exactly N leaves.", nameof(batches));
        }

        using var writer = new ZkOpeningsWriter(path, header);
        foreach (var batch in batches)
        {
            writer.AppendBatch(batch);
        }

        writer.Commit();
    }

    internal static void WriteHeader(Stream ms, ZkOpeningsHeader header)
    {
        Span<byte> n = stackalloc byte[8];
        ms.Write(Magic);
        var id = Encoding.UTF8.GetBytes(header.ParameterSetId);
        ms.WriteByte((byte)id.Length);
        ms.Write(id);
        ms.Write(header.ContextDigest);
        BinaryPrimitives.WriteUInt32BigEndian(n, (uint)header.BatchCount);
        ms.Write(n[..4]);
        BinaryPrimitives.WriteUInt32BigEndian(n, (uint)header.AccountsPerBatch);
        ms.Write(n[..4]);
        BinaryPrimitives.WriteUInt16BigEndian(n, (ushort)header.AssetCount);
        ms.Write(n[..2]);
    }

    internal static void WriteFooter(Stream ms) => ms.Write(Magic);

    /// <summary>Writes one leaf record: a padding leaf (kind 0, C) or a customer's opening (kind 1, id, salt, holdings).</summary>
    internal static void WriteLeaf(Stream ms, ZkOpening leaf)
    {
        Span<byte> n = stackalloc byte[8];
        if (leaf.IsPadding)
        {
            ms.WriteByte(0);
            foreach (var e in leaf.IdCommitment)
            {
                BinaryPrimitives.WriteUInt64BigEndian(n, e.Value);
                ms.Write(n);
            }

            return;
        }

        WriteOpening(ms, leaf.AccountId, leaf.Salt, leaf.Holdings);
    }

    /// <summary>Writes a customer's opening record (kind 1).</summary>
    internal static void WriteOpening(Stream ms, ReadOnlySpan<byte> accountId, ReadOnlySpan<byte> salt, ReadOnlySpan<Holding> holdings)
    {
        Span<byte> n = stackalloc byte[8];
        ms.WriteByte(1);
        BinaryPrimitives.WriteUInt16BigEndian(n, (ushort)accountId.Length);
        ms.Write(n[..2]);
        ms.Write(accountId);
        ms.Write(salt);
        BinaryPrimitives.WriteUInt16BigEndian(n, (ushort)holdings.Length);
        ms.Write(n[..2]);
        foreach (var h in holdings)
        {
            BinaryPrimitives.WriteUInt16BigEndian(n, h.Asset);
            ms.Write(n[..2]);
            BinaryPrimitives.WriteUInt64BigEndian(n, h.Amount);
            ms.Write(n);
        }
    }

    /// <summary>Reads the header, then hands each batch's leaves to <paramref name="batch"/> in order until it returns false.</summary>
    /// <param name="path">The file.</param>
    /// <param name="batch">Receives (b, leaves); returns whether to continue.</param>
    /// <returns>The header.</returns>
    /// <exception cref="InvalidDataException">The file is malformed.</exception>
    public static ZkOpeningsHeader Read(string path, Func<int, IReadOnlyList<ZkOpening>, bool> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var reader = new ZkOpeningsReader(path);
        for (var b = 0; b < reader.Header.BatchCount; b++)
        {
            if (!batch(b, reader.ReadBatch(commit: true)))
            {
                return reader.Header;
            }
        }

        reader.ReadFooter();
        return reader.Header;
    }

    internal static ZkOpeningsHeader ReadHeader(Reader reader)
    {
        if (!reader.Bytes(8).AsSpan().SequenceEqual(Magic))
        {
            throw reader.Bad("not a por zk openings file");
        }

        var id = Encoding.UTF8.GetString(reader.Bytes(reader.Byte()));
        var set = ZkParameterSet.Find(id) ?? throw reader.Bad($"unknown parameter set '{id}'");
        var context = reader.Bytes(32);
        var batchCount = (int)reader.UInt32();
        var perBatch = (int)reader.UInt32();
        var assetCount = reader.UInt16();
        if (perBatch != set.AccountsPerBatch || batchCount < 1 || assetCount < 1)
        {
            throw reader.Bad("header does not match its parameter set");
        }

        return new ZkOpeningsHeader(id, context, batchCount, perBatch, assetCount);
    }

    internal static void ReadFooter(Reader reader, Stream stream)
    {
        if (!reader.Bytes(8).AsSpan().SequenceEqual(Magic) || stream.ReadByte() != -1)
        {
            throw reader.Bad("bad footer or trailing bytes");
        }
    }

    /// <summary>Reads one leaf record; without <paramref name="commit"/> a customer's C is left empty (not computed).</summary>
    internal static ZkOpening ReadLeaf(Reader reader, int assetCount, bool commit)
    {
        var kind = reader.Byte();
        if (kind == 0)
        {
            var c = new Goldilocks[ZkAccountEncoding.DigestSize];
            for (var j = 0; j < c.Length; j++)
            {
                if (!Goldilocks.TryFromCanonical(reader.UInt64(), out c[j]))
                {
                    throw reader.Bad("non-canonical padding commitment");
                }
            }

            return new ZkOpening(null, null, c, []);
        }

        if (kind != 1)
        {
            throw reader.Bad("unknown leaf kind");
        }

        var accountId = reader.Bytes(reader.UInt16());
        var salt = reader.Bytes(ZkAccountEncoding.SaltSize);
        var holdings = new Holding[reader.UInt16()];
        for (var h = 0; h < holdings.Length; h++)
        {
            holdings[h] = new Holding(reader.UInt16(), reader.UInt64());
            if (holdings[h].Asset >= assetCount || holdings[h].Amount == 0)
            {
                throw reader.Bad("holding of an unknown asset or of zero");
            }
        }

        if (!ZkAccountEncoding.IsCanonical(holdings))
        {
            throw reader.Bad("holdings not in increasing asset order");
        }

        return new ZkOpening(accountId, salt, commit ? ZkAccountEncoding.IdCommitment(accountId, salt) : [], holdings);
    }

    internal sealed class Reader(Stream stream, string path)
    {
        private readonly byte[] _number = new byte[8];

        public InvalidDataException Bad(string why) => new($"{path}: {why} (at byte {stream.Position})");

        public byte[] Bytes(int count)
        {
            var bytes = new byte[count];
            Fill(bytes);
            return bytes;
        }

        public byte Byte()
        {
            Fill(_number.AsSpan(0, 1));
            return _number[0];
        }

        public ushort UInt16()
        {
            Fill(_number.AsSpan(0, 2));
            return BinaryPrimitives.ReadUInt16BigEndian(_number);
        }

        public uint UInt32()
        {
            Fill(_number.AsSpan(0, 4));
            return BinaryPrimitives.ReadUInt32BigEndian(_number);
        }

        public ulong UInt64()
        {
            Fill(_number);
            return BinaryPrimitives.ReadUInt64BigEndian(_number);
        }

        private void Fill(Span<byte> destination)
        {
            if (stream.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false) != destination.Length)
            {
                throw Bad("truncated");
            }
        }
    }
}
