// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Por.Common;
using Por.Liabilities.Snapshot;
using Por.Stark.Hashing;

namespace Por.Liabilities.Transparent;

/// <summary>
/// Takes accounts from a snapshot reader and keeps only what the round needs, compactly (about 110 bytes per account
/// plus 10 per holding): a keyed lookup key, a fresh CSPRNG salt, the commitment, the holdings and the source line.
/// The raw id is dropped as soon as it has been hashed. Per-asset totals use checked 64-bit arithmetic.
/// </summary>
/// <remarks>
/// A resumed build passes the interrupted build's index (<see cref="AccountIndex.Contents"/>): its secret is the
/// lookup secret and every account takes the stored salt of its lookup key instead of a fresh one, so the leaves, and
/// the root, are exactly those the interrupted build would have produced. <see cref="Complete"/> then requires the
/// accounts' keys to be exactly the stored ones.
/// </remarks>
internal sealed class AccountCollector : ISnapshotSink
{
    private const int BatchSize = 8192;

    private readonly byte[] _roundId;
    private readonly byte[] _lookupSecret;
    private readonly AssetTable _assets;
    private readonly ulong[] _totals;
    private readonly long[] _totalLines;
    private readonly GrowableArray<UInt128> _keys = new(1 << 16);
    private readonly GrowableArray<byte> _salts = new(1 << 20);
    private readonly GrowableArray<byte> _commitments = new(1 << 20);
    private readonly GrowableArray<long> _lines = new(1 << 16);
    private readonly GrowableArray<int> _holdingStart = new(1 << 16);
    private readonly GrowableArray<Holding> _holdings = new(1 << 17);
    private readonly List<(long FirstAccount, string File)> _files = [];
    private byte[] _batchIds = new byte[BatchSize * AccountIds.MaxBytes];
    private int[] _batchIdEnds = new int[BatchSize];
    private byte[] _spareIds = new byte[BatchSize * AccountIds.MaxBytes];
    private int[] _spareIdEnds = new int[BatchSize];
    private Task _hashing = Task.CompletedTask;
    private readonly HashScratch[] _scratch;
    private readonly AccountIndex.Contents? _reuse;
    private volatile bool _unmatched;
    private int _batchCount;
    private int _batchBytes;

    public AccountCollector(string roundId, AssetTable assets, ReadOnlySpan<byte> lookupSecret)
        : this(roundId, assets, lookupSecret, null)
    {
    }

    /// <summary>A collector that reuses an interrupted build's secret and salts.</summary>
    public AccountCollector(string roundId, AssetTable assets, AccountIndex.Contents reuse)
        : this(roundId, assets, reuse?.Secret ?? throw new ArgumentNullException(nameof(reuse)), reuse)
    {
    }

    private AccountCollector(string roundId, AssetTable assets, ReadOnlySpan<byte> lookupSecret, AccountIndex.Contents? reuse)
    {
        _reuse = reuse;
        _roundId = Encoding.UTF8.GetBytes(roundId);
        _assets = assets;
        _lookupSecret = lookupSecret.ToArray();
        _totals = new ulong[assets.Count];
        _totalLines = new long[assets.Count];
        _holdingStart.Add(0);
        var parts = Math.Max(1, Environment.ProcessorCount);
        _scratch = [.. Enumerable.Range(0, parts).Select(_ => new HashScratch((BatchSize / parts) + 1, _roundId.Length))];
    }

    public long Count => _keys.Count;

    public ReadOnlySpan<ulong> Totals => _totals;

    public void Add(ReadOnlySpan<byte> accountId, ReadOnlySpan<Holding> holdings, string file, long line)
    {
        if (_files.Count == 0 || !ReferenceEquals(_files[^1].File, file))
        {
            _files.Add((_lines.Count, file));
        }

        foreach (var h in holdings)
        {
            var total = unchecked(_totals[h.Asset] + h.Amount);
            if (total < h.Amount)
            {
                throw new InputException(file, line, _assets[h.Asset].Symbol,
                    $"the total of {_assets[h.Asset].Symbol} overflows 64-bit base units (reached at this account; choose fewer decimals)");
            }

            _totals[h.Asset] = total;
            _totalLines[h.Asset] = line;
        }

        accountId.CopyTo(_batchIds.AsSpan(_batchBytes));
        _batchBytes += accountId.Length;
        _batchIdEnds[_batchCount++] = _batchBytes;
        _holdings.AddRange(holdings);
        _holdingStart.Add((int)_holdings.Count);
        _lines.Add(line);
        if (_batchCount == BatchSize)
        {
            FlushBatch();
        }
    }

    /// <summary>Hashes the last partial batch, sorts by lookup key and rejects duplicate account ids.</summary>
    /// <exception cref="InvalidDataException">Reusing salts: the accounts are not exactly those of the stored index.</exception>
    public CollectedAccounts Complete()
    {
        FlushBatch();
        _hashing.GetAwaiter().GetResult();
        if (Count == 0)
        {
            throw new InputException("snapshot", 0, "", "no accounts");
        }

        var order = new int[Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var keys = _keys.Span.ToArray();
        Array.Sort(keys, order);
        for (var i = 1; i < keys.Length; i++)
        {
            if (keys[i] == keys[i - 1])
            {
                var (first, second) = order[i - 1] < order[i] ? (order[i - 1], order[i]) : (order[i], order[i - 1]);
                throw new InputException(FileOf(second), _lines[second], "account_id",
                    $"duplicate account id: already given at {FileOf(first)}:{_lines[first]}");
            }
        }

        if (_reuse is not null && (_unmatched || !keys.AsSpan().SequenceEqual(_reuse.Keys)))
        {
            throw new InvalidDataException("the snapshot's accounts are not those of the stored account index");
        }

        return new CollectedAccounts(_lookupSecret, keys, order, _salts, _commitments, _holdingStart, _holdings, _totals);
    }

    private string FileOf(long account)
    {
        var file = _files[0].File;
        foreach (var (first, f) in _files)
        {
            if (first > account)
            {
                break;
            }

            file = f;
        }

        return file;
    }

    /// <summary>
    /// Hands the current batch to a background task and swaps id buffers, so parsing continues while the batch is
    /// hashed. The shared arrays are extended here, before the task starts, and never while one runs.
    /// </summary>
    private void FlushBatch()
    {
        if (_batchCount == 0)
        {
            return;
        }

        _hashing.GetAwaiter().GetResult();
        var n = _batchCount;
        var keysStart = _keys.Count;
        _keys.Extend(n);
        var saltsStart = _salts.Count;
        var newSalts = _salts.Extend(n * SumTreeHashing.SaltSize);
        if (_reuse is null)
        {
            RandomNumberGenerator.Fill(newSalts);
        }

        var commitmentsStart = _commitments.Count;
        _commitments.Extend(n * SumTreeHashing.DigestSize);
        var ids = _batchIds;
        var idEnds = _batchIdEnds;
        var idBytes = _batchBytes;
        (_batchIds, _spareIds) = (_spareIds, _batchIds);
        (_batchIdEnds, _spareIdEnds) = (_spareIdEnds, _batchIdEnds);
        _batchCount = 0;
        _batchBytes = 0;
        _hashing = Task.Run(() =>
        {
            Parallel.For(0, _scratch.Length, part => HashPart(part, ids, idEnds, n, keysStart, saltsStart, commitmentsStart));
            CryptographicOperations.ZeroMemory(ids.AsSpan(0, idBytes));
        });
    }

    private void HashPart(int part, byte[] ids, int[] idEnds, int n, long keysStart, long saltsStart, long commitmentsStart)
    {
        var parts = _scratch.Length;
        var from = n * part / parts;
        var to = n * (part + 1) / parts;
        var count = to - from;
        var scratch = _scratch[part];
        var keyLength = 0;
        for (var i = from; i < to; i++)
        {
            var id = Id(ids, idEnds, i);
            _lookupSecret.CopyTo(scratch.KeyMessages.AsSpan(keyLength));
            id.CopyTo(scratch.KeyMessages.AsSpan(keyLength + _lookupSecret.Length));
            keyLength += _lookupSecret.Length + id.Length;
            scratch.KeyEnds[i - from] = keyLength;
        }

        Sha256Batch.Hash(scratch.KeyMessages.AsSpan(0, keyLength), scratch.KeyEnds.AsSpan(0, count), scratch.Digests);
        for (var i = 0; i < count; i++)
        {
            var key = BinaryPrimitives.ReadUInt128BigEndian(scratch.Digests.AsSpan(i * 32));
            _keys[keysStart + from + i] = key;
            if (_reuse is not null)
            {
                var at = Array.BinarySearch(_reuse.Keys, key);
                if (at < 0)
                {
                    _unmatched = true;
                    continue;
                }

                _reuse.Salts.AsSpan(at * SumTreeHashing.SaltSize, SumTreeHashing.SaltSize)
                    .CopyTo(_salts.Span.Slice((int)(saltsStart + ((from + i) * SumTreeHashing.SaltSize)), SumTreeHashing.SaltSize));
            }
        }

        var commitLength = 0;
        for (var i = from; i < to; i++)
        {
            var salt = _salts.Span.Slice((int)(saltsStart + (i * SumTreeHashing.SaltSize)), SumTreeHashing.SaltSize);
            commitLength += SumTreeHashing.WriteCommitmentMessage(_roundId, Id(ids, idEnds, i), salt, scratch.CommitMessages.AsSpan(commitLength));
            scratch.CommitEnds[i - from] = commitLength;
        }

        Sha256Batch.Hash(scratch.CommitMessages.AsSpan(0, commitLength), scratch.CommitEnds.AsSpan(0, count), _commitments.Span.Slice((int)(commitmentsStart + (from * SumTreeHashing.DigestSize)), count * SumTreeHashing.DigestSize));
    }

    private static ReadOnlySpan<byte> Id(byte[] ids, int[] idEnds, int i)
    {
        var start = i == 0 ? 0 : idEnds[i - 1];
        return ids.AsSpan(start, idEnds[i] - start);
    }

    /// <summary>One worker's buffers for hashing its share of a batch.</summary>
    private sealed class HashScratch(int capacity, int roundIdLength)
    {
        public byte[] KeyMessages { get; } = new byte[capacity * (32 + AccountIds.MaxBytes)];

        public byte[] CommitMessages { get; } = new byte[capacity * SumTreeHashing.CommitmentMessageSize(roundIdLength, AccountIds.MaxBytes)];

        public int[] KeyEnds { get; } = new int[capacity];

        public int[] CommitEnds { get; } = new int[capacity];

        public byte[] Digests { get; } = new byte[capacity * 32];
    }
}
