// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Por.Liabilities.Tests.Rounds;

/// <summary>
/// A deliberately simple, recursive re-implementation of docs/formats.md §3 written from the spec (not from
/// SumTreeHashing), used as an oracle for the builder: raw snapshot + private index → expected root.
/// </summary>
internal static class NaiveSumTree
{
    public static byte[] Root(string roundId, long unixTime, IReadOnlyList<(string Symbol, byte Decimals)> assets, IReadOnlyList<(string Id, byte[] Salt, ulong[] Balances)> leavesInOrder)
    {
        var n = leavesInOrder.Count;
        var depth = 0;
        while ((1L << depth) < n)
        {
            depth++;
        }

        var level = new List<(byte[] Digest, ulong[] Sums)>();
        foreach (var (id, salt, balances) in leavesInOrder)
        {
            var c = SHA256.HashData([.. "por/account-commitment/v1"u8, .. U16(Encoding.UTF8.GetByteCount(roundId)), .. Encoding.UTF8.GetBytes(roundId), .. U16(Encoding.UTF8.GetByteCount(id)), .. Encoding.UTF8.GetBytes(id), .. salt]);
            level.Add((SHA256.HashData([0, .. c, .. Sums(balances)]), balances));
        }

        var pad = (SHA256.HashData([2, .. "por/padding/v1"u8]), new ulong[assets.Count]);
        while (level.Count < (1 << depth))
        {
            level.Add(pad);
        }

        while (level.Count > 1)
        {
            var next = new List<(byte[], ulong[])>();
            for (var i = 0; i < level.Count; i += 2)
            {
                var (l, ls) = level[i];
                var (r, rs) = level[i + 1];
                next.Add((SHA256.HashData([1, .. l, .. Sums(ls), .. r, .. Sums(rs)]), ls.Zip(rs, (a, b) => checked(a + b)).ToArray()));
            }

            level = next;
        }

        var (top, totals) = level[0];
        var body = new List<byte> { 3 };
        body.AddRange([.. U16(27), .. "por/transparent-sum-tree/v1"u8]);
        body.AddRange([.. U16(Encoding.UTF8.GetByteCount(roundId)), .. Encoding.UTF8.GetBytes(roundId)]);
        var t = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(t, unixTime);
        body.AddRange(t);
        body.AddRange(U16(assets.Count));
        foreach (var (s, d) in assets)
        {
            body.Add((byte)s.Length);
            body.AddRange(Encoding.ASCII.GetBytes(s));
            body.Add(d);
        }

        var count = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(count, (ulong)n);
        body.AddRange(count);
        body.Add((byte)depth);
        body.AddRange(top);
        body.AddRange(Sums(totals));
        return SHA256.HashData(body.ToArray());
    }

    private static byte[] U16(int v) => [(byte)(v >> 8), (byte)v];

    private static byte[] Sums(ulong[] dense)
    {
        var bytes = new List<byte>();
        var k = 0;
        for (var i = 0; i < dense.Length; i++)
        {
            if (dense[i] != 0)
            {
                k++;
                bytes.AddRange(U16(i));
                var v = new byte[8];
                BinaryPrimitives.WriteUInt64BigEndian(v, dense[i]);
                bytes.AddRange(v);
            }
        }

        return [.. U16(k), .. bytes];
    }
}
