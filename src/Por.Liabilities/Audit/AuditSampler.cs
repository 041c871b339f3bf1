// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using System.Text;

namespace Por.Liabilities.Audit;

/// <summary>
/// The draw of <c>por audit sample</c>, algorithm <c>sha256-rank/1</c> (docs/formats.md §11.2): every id of the list
/// gets the key SHA-256(<c>"por-audit-sample/1"</c> ‖ 0x00 ‖ block hash ‖ round root ‖ list digest ‖ id), and the
/// sample is the <c>n</c> ids with the smallest keys (compared as 32-byte big-endian numbers; equal keys by the ids'
/// bytes), in that order. A ranking, not a modulo: every subset of size <c>n</c> is equally likely when SHA-256 behaves as
/// a random function, and nobody can steer it without knowing the block hash in advance.
/// </summary>
public static class AuditSampler
{
    /// <summary>The algorithm's name, recorded in the sample and result files.</summary>
    public const string Algorithm = "sha256-rank/1";

    private static readonly byte[] s_domain = Encoding.ASCII.GetBytes("por-audit-sample/1\0");

    /// <summary>The fixed part of every key: domain, block hash, round root and list digest.</summary>
    /// <param name="blockHash">The seed block's hash (32 bytes).</param>
    /// <param name="root">The round's root (32 bytes).</param>
    /// <param name="listSha256">The list's digest (32 bytes).</param>
    /// <returns>The prefix.</returns>
    public static byte[] Prefix(ReadOnlySpan<byte> blockHash, ReadOnlySpan<byte> root, ReadOnlySpan<byte> listSha256)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(blockHash.Length, 32, nameof(blockHash));
        ArgumentOutOfRangeException.ThrowIfNotEqual(root.Length, 32, nameof(root));
        ArgumentOutOfRangeException.ThrowIfNotEqual(listSha256.Length, 32, nameof(listSha256));

        return [.. s_domain, .. blockHash, .. root, .. listSha256];
    }

    /// <summary>The key of one id.</summary>
    /// <param name="prefix">The <see cref="Prefix"/>.</param>
    /// <param name="id">The id as UTF-8.</param>
    /// <returns>The 32-byte key.</returns>
    public static byte[] Key(byte[] prefix, byte[] id)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(id);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(prefix);
        hash.AppendData(id);
        return hash.GetHashAndReset();
    }

    /// <summary>Draws <paramref name="size"/> ids (all of them when the list is not larger).</summary>
    /// <param name="seed">The seed.</param>
    /// <param name="root">The round root.</param>
    /// <param name="list">The auditor's list.</param>
    /// <param name="size">The sample size (at least 1).</param>
    /// <returns>The chosen ids, smallest key first.</returns>
    public static IReadOnlyList<string> Draw(AuditSeed seed, ReadOnlySpan<byte> root, AuditList list, int size)
    {
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentNullException.ThrowIfNull(list);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var prefix = Prefix(seed.BlockHash, root, list.Sha256);
        var take = Math.Min(size, list.Count);

        // Keep the `take` smallest (key, id) pairs: a max-heap whose top is the largest kept pair. Keys are hashed into
        // one reused buffer; only a key that enters the heap is copied.
        var heap = new PriorityQueue<(byte[] Key, byte[] Id), (byte[] Key, byte[] Id)>(take + 1, Comparer<(byte[] Key, byte[] Id)>.Create(static (a, b) => Compare(b, a)));
        var buffer = new byte[prefix.Length + Snapshot.AccountIds.MaxBytes];
        prefix.CopyTo(buffer, 0);
        Span<byte> key = stackalloc byte[32];
        foreach (var id in list.Ids)
        {
            id.CopyTo(buffer, prefix.Length);
            SHA256.HashData(buffer.AsSpan(0, prefix.Length + id.Length), key);
            if (heap.Count == take)
            {
                var top = heap.Peek();
                var byKey = key.SequenceCompareTo(top.Key);
                if (byKey > 0 || (byKey == 0 && id.AsSpan().SequenceCompareTo(top.Id) >= 0))
                {
                    continue;
                }
            }

            var entry = (key.ToArray(), id);
            if (heap.Count < take)
            {
                heap.Enqueue(entry, entry);
            }
            else
            {
                heap.EnqueueDequeue(entry, entry);
            }
        }

        var chosen = new (byte[] Key, byte[] Id)[heap.Count];
        for (var i = chosen.Length - 1; i >= 0; i--)
        {
            chosen[i] = heap.Dequeue();
        }

        return [.. chosen.Select(c => Encoding.UTF8.GetString(c.Id))];
    }

    private static int Compare((byte[] Key, byte[] Id) a, (byte[] Key, byte[] Id) b)
    {
        var byKey = a.Key.AsSpan().SequenceCompareTo(b.Key);
        return byKey != 0 ? byKey : a.Id.AsSpan().SequenceCompareTo(b.Id);
    }
}
