// SPDX-License-Identifier: Apache-2.0

using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Por.Common;
using Por.Liabilities.Snapshot;

namespace Por.Liabilities.Zk;

/// <summary>
/// The second pass of a streaming zk build: re-reads the snapshot, checks each account against the first pass's index
/// (same id hash, same holding count, in the same order; at the end the same count and stream digest), gives it a
/// fresh CSPRNG salt and appends its opening to its batch's spill file. Batches are grouped into at most
/// <see cref="MaxSpillFiles"/> spill files of consecutive batches (file k holds batches [k·G, (k+1)·G), G = ⌈B / files⌉), so
/// the number of open files stays bounded whatever B is. Each record is u16 batch index ‖ an opening record of the
/// openings file (kind 1). Spill files are private (0600, in a 0700 directory) and deleted once the openings are written.
/// </summary>
internal sealed class ZkOpeningSpill : ISnapshotSink, IDisposable
{
    /// <summary>The most spill files open at once.</summary>
    public const int MaxSpillFiles = 256;

    private readonly string _snapshotPath;
    private readonly byte[] _streamDigest;
    private readonly ZkAccountCollector _index;
    private readonly ushort[] _batchOf;
    private readonly Func<ReadOnlySpan<byte>, ulong> _idHash;
    private readonly FileStream[] _files;
    private readonly BufferedStream[] _streams;
    private readonly ZkAccountStreamDigest _digest = new();
    private readonly byte[] _salts = new byte[ZkAccountEncoding.SaltSize * 1024];
    private int _saltUsed = 1024;
    private int _next;

    public ZkOpeningSpill(
        string directory, string snapshotPath, ZkAccountCollector index, byte[] streamDigest, int batchCount, ushort[] batchOf, Func<ReadOnlySpan<byte>, ulong> idHash)
    {
        _snapshotPath = snapshotPath;
        _streamDigest = streamDigest;
        _index = index;
        _batchOf = batchOf;
        _idHash = idHash;
        BatchesPerFile = (batchCount + MaxSpillFiles - 1) / MaxSpillFiles;
        var fileCount = (batchCount + BatchesPerFile - 1) / BatchesPerFile;
        PrivateFiles.CreateDirectory(directory);
        _files = new FileStream[fileCount];
        _streams = new BufferedStream[fileCount];
        try
        {
            for (var k = 0; k < fileCount; k++)
            {
                _files[k] = PrivateFiles.Create(FilePath(directory, k));
                _streams[k] = new BufferedStream(_files[k], 1 << 16);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>G: consecutive batches per spill file.</summary>
    public int BatchesPerFile { get; }

    /// <summary>Receives (accounts read so far) every 65,536 accounts; may be null.</summary>
    public Action<long>? OnProgress { get; init; }

    /// <summary>The path of spill file k.</summary>
    public static string FilePath(string directory, int k) => Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"spill-{k:D3}.bin"));

    public void Add(ReadOnlySpan<byte> accountId, ReadOnlySpan<Holding> holdings, string file, long line)
    {
        var i = _next++;
        if (i >= _index.Count || _index.IdHashes[i] != _idHash(accountId) || _index.HoldingCounts[i] != holdings.Length)
        {
            throw ZkRoundBuilder.SnapshotChanged(_snapshotPath);
        }

        _digest.Add(accountId, holdings);
        if (_saltUsed == 1024)
        {
            RandomNumberGenerator.Fill(_salts);
            _saltUsed = 0;
        }

        var salt = _salts.AsSpan(ZkAccountEncoding.SaltSize * _saltUsed++, ZkAccountEncoding.SaltSize);
        int b = _batchOf[i];
        var stream = _streams[b / BatchesPerFile];
        Span<byte> n = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(n, (ushort)b);
        stream.Write(n);
        ZkOpeningsFile.WriteOpening(stream, accountId, salt, holdings);
        salt.Clear();
        if ((_next & 0xFFFF) == 0)
        {
            OnProgress?.Invoke(_next);
        }
    }

    /// <summary>Checks the pass read exactly the first pass's accounts, then flushes every spill file to disk.</summary>
    /// <exception cref="InputException">The snapshot changed since the first pass.</exception>
    public void Complete()
    {
        if (_next != _index.Count || !_digest.StreamDigest().AsSpan().SequenceEqual(_streamDigest))
        {
            throw ZkRoundBuilder.SnapshotChanged(_snapshotPath);
        }

        for (var k = 0; k < _streams.Length; k++)
        {
            _streams[k].Flush();
            _files[k].Flush(flushToDisk: true);
        }
    }

    public void Dispose()
    {
        foreach (var s in _streams)
        {
            s?.Dispose();
        }

        foreach (var f in _files)
        {
            f?.Dispose();
        }

        _digest.Dispose();
        CryptographicOperations.ZeroMemory(_salts);
    }

    /// <summary>Reads spill file k: the openings of its batches, grouped by batch (index b − k·G).</summary>
    /// <exception cref="InvalidDataException">The file is malformed.</exception>
    public static List<ZkOpening>[] ReadFile(string path, int firstBatch, int batches, int assetCount)
    {
        var grouped = new List<ZkOpening>[batches];
        for (var j = 0; j < batches; j++)
        {
            grouped[j] = [];
        }

        using var stream = new BufferedStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan), 1 << 20);
        var reader = new ZkOpeningsFile.Reader(stream, path);
        while (stream.Position < stream.Length)
        {
            var j = reader.UInt16() - firstBatch;
            if (j < 0 || j >= batches)
            {
                throw reader.Bad("record of another spill file's batch");
            }

            var leaf = ZkOpeningsFile.ReadLeaf(reader, assetCount, commit: false);
            if (leaf.IsPadding)
            {
                throw reader.Bad("padding in a spill file");
            }

            grouped[j].Add(leaf);
        }

        return grouped;
    }
}
