// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Por.Liabilities.Transparent;

/// <summary>
/// The operator's private index, <c>private/accounts.bin</c>: the round's secret lookup key, then one record per leaf
/// in tree order (16-byte lookup key ‖ 32-byte salt), then a bucket table on the keys' top bits, so that one
/// customer's leaf and salt are found with one or two small reads whatever the round size (docs/formats.md §5).
/// Never published: it holds every salt.
/// </summary>
internal static class AccountIndex
{
    public const int RecordSize = 16 + SumTreeHashing.SaltSize;
    public const int HeaderSize = 8 + 8 + 32 + 1;
    public static ReadOnlySpan<byte> Magic => "PORACCT\u0001"u8;

    public static int BucketBitsFor(long count) => Math.Clamp(64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)count) - 2, 0, 24);

    /// <summary>The lookup key of an account: the first 16 bytes of SHA-256(secret ‖ account id).</summary>
    public static UInt128 LookupKey(ReadOnlySpan<byte> secret, string accountId)
    {
        var id = Encoding.UTF8.GetBytes(accountId);
        var input = new byte[secret.Length + id.Length];
        secret.CopyTo(input);
        id.CopyTo(input, secret.Length);
        return BinaryPrimitives.ReadUInt128BigEndian(SHA256.HashData(input));
    }

    public static void Write(Stream output, CollectedAccounts accounts)
    {
        var count = accounts.Count;
        var bits = BucketBitsFor(count);
        var header = new byte[HeaderSize];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteInt64BigEndian(header.AsSpan(8), count);
        accounts.LookupSecret.CopyTo(header, 16);
        header[48] = (byte)bits;
        output.Write(header);
        var record = new byte[RecordSize];
        var buckets = new long[(1 << bits) + 1];
        var bucket = 0;
        for (long i = 0; i < count; i++)
        {
            var key = accounts.SortedKeys[i];
            var b = bits == 0 ? 0 : (int)(key >> (128 - bits));
            while (bucket <= b)
            {
                buckets[bucket++] = i;
            }

            BinaryPrimitives.WriteUInt128BigEndian(record, key);
            accounts.SaltAt(i).CopyTo(record.AsSpan(16));
            output.Write(record);
        }

        while (bucket < buckets.Length)
        {
            buckets[bucket++] = count;
        }

        var entry = new byte[8];
        foreach (var first in buckets)
        {
            BinaryPrimitives.WriteInt64BigEndian(entry, first);
            output.Write(entry);
        }

        output.Write(Magic);
    }

    /// <summary>
    /// Reads a whole index back (a resumed build reuses its secret and salts): checks the magic, the size, that the
    /// keys strictly increase, the bucket table and the trailer.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is damaged.</exception>
    public static Contents ReadAll(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        var header = new byte[HeaderSize];
        if (file.Length < HeaderSize + 8 || file.ReadAtLeast(header, HeaderSize, throwOnEndOfStream: false) != HeaderSize || !header.AsSpan(0, 8).SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{path}: not a por account index of a supported version");
        }

        var count = BinaryPrimitives.ReadInt64BigEndian(header.AsSpan(8));
        var bits = header[48];
        if (count < 1 || count > Array.MaxLength / SumTreeHashing.SaltSize || bits != BucketBitsFor(count)
            || file.Length != HeaderSize + (count * RecordSize) + (8L * ((1 << bits) + 1)) + 8)
        {
            throw new InvalidDataException($"{path}: size does not match its header");
        }

        var keys = new UInt128[count];
        var salts = new byte[count * SumTreeHashing.SaltSize];
        var record = new byte[RecordSize];
        for (var i = 0; i < count; i++)
        {
            file.ReadExactly(record);
            keys[i] = BinaryPrimitives.ReadUInt128BigEndian(record);
            if (i > 0 && keys[i] <= keys[i - 1])
            {
                throw new InvalidDataException($"{path}: keys are not in increasing order");
            }

            record.AsSpan(16).CopyTo(salts.AsSpan(i * SumTreeHashing.SaltSize));
        }

        CryptographicOperations.ZeroMemory(record);
        var entry = new byte[8];
        long next = 0;
        for (var bucket = 0; bucket < (1 << bits) + 1; bucket++)
        {
            // The first leaf whose key's top bits are at least this bucket (count past the last).
            while (next < count && bits > 0 && (int)(keys[next] >> (128 - bits)) < bucket)
            {
                next++;
            }

            file.ReadExactly(entry);
            var expected = bucket == 1 << bits ? count : next;
            if (BinaryPrimitives.ReadInt64BigEndian(entry) != expected)
            {
                throw new InvalidDataException($"{path}: bad bucket table");
            }
        }

        file.ReadExactly(entry);
        if (!entry.AsSpan().SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{path}: bad trailer");
        }

        return new Contents(header.AsSpan(16, 32).ToArray(), keys, salts);
    }

    /// <summary>Finds an account's leaf index and salt; false if the account is not in the round.</summary>
    /// <exception cref="InvalidDataException">The file is damaged.</exception>
    public static bool TryFind(string path, string accountId, out long leaf, out byte[] salt)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.RandomAccess);
        var header = new byte[HeaderSize];
        if (file.Length < HeaderSize + 8 || RandomAccess.Read(file.SafeFileHandle, header, 0) != HeaderSize || !header.AsSpan(0, 8).SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{path}: not a por account index of a supported version");
        }

        var count = BinaryPrimitives.ReadInt64BigEndian(header.AsSpan(8));
        var bits = header[48];
        if (count < 1 || bits > 24 || file.Length != HeaderSize + (count * RecordSize) + (8L * ((1 << bits) + 1)) + 8)
        {
            throw new InvalidDataException($"{path}: size does not match its header");
        }

        var key = LookupKey(header.AsSpan(16, 32), accountId);
        var b = bits == 0 ? 0 : (int)(key >> (128 - bits));
        var range = new byte[16];
        RandomAccess.Read(file.SafeFileHandle, range, HeaderSize + (count * RecordSize) + (8L * b));
        var first = BinaryPrimitives.ReadInt64BigEndian(range);
        var end = BinaryPrimitives.ReadInt64BigEndian(range.AsSpan(8));
        if (first < 0 || end > count || first > end)
        {
            throw new InvalidDataException($"{path}: bad bucket table");
        }

        var records = new byte[(end - first) * RecordSize];
        RandomAccess.Read(file.SafeFileHandle, records, HeaderSize + (first * RecordSize));
        for (var i = 0; i < end - first; i++)
        {
            if (BinaryPrimitives.ReadUInt128BigEndian(records.AsSpan(i * RecordSize)) == key)
            {
                leaf = first + i;
                salt = records.AsSpan((i * RecordSize) + 16, SumTreeHashing.SaltSize).ToArray();
                return true;
            }
        }

        leaf = -1;
        salt = [];
        return false;
    }

    /// <summary>An index read back whole: the lookup secret, the keys in tree order and their salts (32 bytes each, same order).</summary>
    internal sealed record Contents(byte[] Secret, UInt128[] Keys, byte[] Salts);
}
