// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Por.Core.Common;
using Por.Core.Snapshot;

namespace Por.Core.Liabilities.Transparent;

/// <summary>
/// Takes accounts from a snapshot reader and keeps only what the round needs, compactly (about 110 bytes per account
/// plus 10 per holding): a keyed lookup key, a fresh CSPRNG salt, the commitment, the holdings and the source line.
/// The raw id is dropped as soon as it has been hashed. Per-asset totals use checked 64-bit arithmetic.
/// </summary>
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
    private readonly byte[] _batchIds = new byte[BatchSize * AccountIds.MaxBytes];
    private readonly int[] _batchIdEnds = new int[BatchSize];
    private int _batchCount;
    private int _batchBytes;

    public AccountCollector(string roundId, AssetTable assets, ReadOnlySpan<byte> lookupSecret)
    {
        _roundId = Encoding.UTF8.GetBytes(roundId);
        _assets = assets;
        _lookupSecret = lookupSecret.ToArray();
        _totals = new ulong[assets.Count];
        _totalLines = new long[assets.Count];
        _holdingStart.Add(0);
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
    public CollectedAccounts Complete()
    {
        FlushBatch();
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

    private void FlushBatch()
    {
        if (_batchCount == 0)
        {
            return;
        }

        var n = _batchCount;
        _keys.Extend(n);
        RandomNumberGenerator.Fill(_salts.Extend(n * SumTreeHashing.SaltSize));
        var commitmentsStart = _commitments.Count;
        _commitments.Extend(n * SumTreeHashing.DigestSize);
        var keysStart = _keys.Count - n;
        var saltsStart = _salts.Count - (n * SumTreeHashing.SaltSize);
        Parallel.For(0, Environment.ProcessorCount, part =>
        {
            Span<byte> keyInput = stackalloc byte[32 + AccountIds.MaxBytes];
            Span<byte> digest = stackalloc byte[32];
            for (var i = part; i < n; i += Environment.ProcessorCount)
            {
                var start = i == 0 ? 0 : _batchIdEnds[i - 1];
                var id = _batchIds.AsSpan(start, _batchIdEnds[i] - start);
                _lookupSecret.CopyTo(keyInput);
                id.CopyTo(keyInput[32..]);
                SHA256.HashData(keyInput[..(32 + id.Length)], digest);
                _keys[keysStart + i] = BinaryPrimitives.ReadUInt128BigEndian(digest);
                var salt = _salts.Span.Slice((int)(saltsStart + (i * SumTreeHashing.SaltSize)), SumTreeHashing.SaltSize);
                SumTreeHashing.Commitment(_roundId, id, salt, _commitments.Span.Slice((int)(commitmentsStart + (i * SumTreeHashing.DigestSize)), SumTreeHashing.DigestSize));
            }
        });
        CryptographicOperations.ZeroMemory(_batchIds.AsSpan(0, _batchBytes));
        _batchCount = 0;
        _batchBytes = 0;
    }
}
