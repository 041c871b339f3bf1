// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Security.Cryptography;
using Por.Common;
using Por.Liabilities.Snapshot;

namespace Por.Liabilities.Zk;

/// <summary>
/// The first pass of a streaming zk build: takes every account from a snapshot reader, rejects per-asset totals that
/// overflow 64-bit base units (the same rule as the transparent mode), and keeps only a compact per-account index —
/// a 64-bit hash of the id and the holding count, 10 bytes an account — plus the totals, the largest account and two
/// digests of the account stream. It never keeps an id or a holding: memory grows by the index only.
/// </summary>
/// <remarks>
/// Repeated ids are found from the index (<see cref="CollidingHashes"/>) and confirmed exactly by
/// <see cref="ZkDuplicateChecker"/> on a re-read limited to the colliding hashes. <see cref="StreamDigest"/> (SHA-256
/// over every account's record digest, in order) lets the second pass prove it read the same accounts;
/// <see cref="SetDigest"/> (the lane-wise sum of the record digests, order-free) lets a resumed build check that its
/// openings hold exactly these accounts.
/// </remarks>
internal sealed class ZkAccountCollector : ISnapshotSink, IDisposable
{
    private readonly AssetTable _assets;
    private readonly ulong[] _totals;
    private readonly Func<ReadOnlySpan<byte>, ulong> _idHash;
    private List<ulong> _idHashes = [];
    private List<ushort> _holdingCounts = [];
    private readonly ZkAccountStreamDigest _digest = new();

    /// <param name="assets">The round's assets.</param>
    /// <param name="idHash">The 64-bit id hash (tests force collisions through it); null for <see cref="DefaultIdHash"/>.</param>
    public ZkAccountCollector(AssetTable assets, Func<ReadOnlySpan<byte>, ulong>? idHash = null)
    {
        _assets = assets;
        _totals = new ulong[assets.Count];
        _idHash = idHash ?? DefaultIdHash;
    }

    /// <summary>Accounts read.</summary>
    public int Count { get; private set; }

    /// <summary>Per-asset totals.</summary>
    public IReadOnlyList<ulong> Totals => _totals;

    /// <summary>Each account's id hash, in snapshot order.</summary>
    public IReadOnlyList<ulong> IdHashes => _idHashes;

    /// <summary>Each account's number of holdings, in snapshot order.</summary>
    public IReadOnlyList<ushort> HoldingCounts => _holdingCounts;

    /// <summary>The largest holding count, and where the first account with it is.</summary>
    public (int Holdings, string File, long Line) Largest { get; private set; } = (-1, "", 0);

    /// <summary>Receives (accounts read so far) every 65,536 accounts; may be null.</summary>
    public Action<long>? OnProgress { get; init; }

    /// <summary>The id hash: the first 8 bytes of SHA-256(id), big-endian.</summary>
    public static ulong DefaultIdHash(ReadOnlySpan<byte> accountId)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(accountId, digest);
        return BinaryPrimitives.ReadUInt64BigEndian(digest);
    }

    public void Add(ReadOnlySpan<byte> accountId, ReadOnlySpan<Holding> holdings, string file, long line)
    {
        foreach (var h in holdings)
        {
            var total = unchecked(_totals[h.Asset] + h.Amount);
            if (total < h.Amount)
            {
                throw new InputException(file, line, _assets[h.Asset].Symbol,
                    $"the total of {_assets[h.Asset].Symbol} overflows 64-bit base units (reached at this account; choose fewer decimals)");
            }

            _totals[h.Asset] = total;
        }

        if (holdings.Length > Largest.Holdings)
        {
            Largest = (holdings.Length, file, line);
        }

        _idHashes.Add(_idHash(accountId));
        Count++;
        _holdingCounts.Add(checked((ushort)holdings.Length));
        _digest.Add(accountId, holdings);
        if ((Count & 0xFFFF) == 0)
        {
            OnProgress?.Invoke(Count);
        }
    }

    /// <summary>SHA-256 over the record digests in order (call once, after the pass).</summary>
    public byte[] StreamDigest() => _digest.StreamDigest();

    /// <summary>The order-free digest of the accounts.</summary>
    public byte[] SetDigest() => _digest.SetDigest();

    /// <summary>Id hashes that occur more than once (candidate duplicates, to confirm exactly).</summary>
    public HashSet<ulong> CollidingHashes()
    {
        var sorted = _idHashes.ToArray();
        Array.Sort(sorted);
        var colliding = new HashSet<ulong>();
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i] == sorted[i - 1])
            {
                colliding.Add(sorted[i]);
            }
        }

        return colliding;
    }

    /// <summary>Drops the per-account index once the openings are written (only the totals are needed after).</summary>
    public void ReleaseIndex()
    {
        _idHashes = [];
        _holdingCounts = [];
    }

    public void Dispose() => _digest.Dispose();
}
