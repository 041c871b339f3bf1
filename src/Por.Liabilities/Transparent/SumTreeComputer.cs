// SPDX-License-Identifier: Apache-2.0

using System.Buffers;
using System.Buffers.Binary;
using Por.Stark.Hashing;

namespace Por.Liabilities.Transparent;

/// <summary>
/// Computes the whole multi-asset sum tree from a leaf source with bounded memory, and writes <c>nodes.bin</c>.
/// The builder and the auditor's verifier both run this, so the auditor recomputes every node with the same rules.
/// Leaves are processed in blocks of 2^12, several blocks in parallel; all-padding subtrees reuse constant digests.
/// </summary>
internal sealed class SumTreeComputer
{
    private const int BuildBlockLevel = 12;
    private const int BlocksPerBatch = 8;

    private readonly int _assetCount;
    private readonly int _depth;
    private readonly long _leafCount;
    private readonly int _blockLevel;
    private readonly int _blockSize;

    public SumTreeComputer(long leafCount, int assetCount)
    {
        _leafCount = leafCount;
        _assetCount = assetCount;
        _depth = SumTreeHashing.DepthFor(leafCount);
        _blockLevel = Math.Min(BuildBlockLevel, _depth);
        _blockSize = 1 << _blockLevel;
    }

    /// <summary>Runs the computation; <paramref name="onBlock"/> sees every leaf block in order (to write or check leaves).</summary>
    /// <exception cref="InvalidDataException">A node's sum overflows 64 bits.</exception>
    public SumTreeResult Run(ILeafSource source, Stream nodesOut, string tempDirectory, Action<LeafBlock>? onBlock, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var levels = new LevelSpool[Math.Max(0, _depth - NodeStoreFormat.FirstStoredLevel + 1)];
        try
        {
            for (var i = 0; i < levels.Length; i++)
            {
                levels[i] = new LevelSpool(tempDirectory);
            }

            var blockCount = 1L << (_depth - _blockLevel);
            var realBlocks = (_leafCount + _blockSize - 1) / _blockSize;
            var batches = (realBlocks + BlocksPerBatch - 1) / BlocksPerBatch;
            var rootDigests = new byte[blockCount * SumTreeHashing.DigestSize];
            var rootSums = new ulong[blockCount * _assetCount];

            // Three stages overlap: filling batch k+1 from the source, computing batch k on every core, and writing
            // batch k−1 out (leaf records, upper levels). Three buffer sets rotate through the stages.
            var sets = new BatchBuffers[3];
            for (var i = 0; i < sets.Length; i++)
            {
                sets[i] = new BatchBuffers(BlocksPerBatch, _blockSize, _blockLevel);
            }

            void Fill(long batch)
            {
                var set = sets[batch % 3];
                var b0 = batch * BlocksPerBatch;
                set.Count = (int)Math.Min(BlocksPerBatch, realBlocks - b0);
                for (var i = 0; i < set.Count; i++)
                {
                    var first = (b0 + i) * _blockSize;
                    set.Blocks[i].Clear();
                    set.Blocks[i].FirstLeaf = first;
                    source.Fill(set.Blocks[i], first, (int)Math.Min(_blockSize, _leafCount - first));
                }
            }

            void Output(long batch)
            {
                var set = sets[batch % 3];
                for (var i = 0; i < set.Count; i++)
                {
                    onBlock?.Invoke(set.Blocks[i]);
                    set.Results[i].AppendTo(levels);
                }

                progress?.Report(Math.Min(_leafCount, ((batch * BlocksPerBatch) + set.Count) * _blockSize));
            }

            var filling = batches > 0 ? Task.Run(() => Fill(0), CancellationToken.None) : Task.CompletedTask;
            var writing = Task.CompletedTask;
            for (long k = 0; k < batches; k++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Wait(filling);
                var set = sets[k % 3];
                var b0 = k * BlocksPerBatch;
                if (k + 1 < batches)
                {
                    // Set (k+1) % 3 last held batch k−2, whose output finished before batch k−1's began.
                    var next = k + 1;
                    filling = Task.Run(() => Fill(next), CancellationToken.None);
                }

                try
                {
                    Parallel.For(0, set.Count, i => ComputeBlock(set.Blocks[i], set.Results[i], rootDigests.AsSpan((int)((b0 + i) * SumTreeHashing.DigestSize), SumTreeHashing.DigestSize), rootSums.AsSpan((int)((b0 + i) * _assetCount), _assetCount)));
                }
                catch (AggregateException e) when (e.InnerException is InvalidDataException inner)
                {
                    Wait(filling);
                    Wait(writing);
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(inner).Throw();
                }

                Wait(writing);
                var current = k;
                writing = Task.Run(() => Output(current), CancellationToken.None);
            }

            Wait(writing);

            for (var b = realBlocks; b < blockCount; b++)
            {
                SumTreeHashing.PaddingDigest(_blockLevel).CopyTo(rootDigests.AsSpan((int)(b * SumTreeHashing.DigestSize)));
                for (var l = NodeStoreFormat.FirstStoredLevel; l <= _blockLevel; l++)
                {
                    levels[l - NodeStoreFormat.FirstStoredLevel].AppendPadding(SumTreeHashing.PaddingDigest(l), 1L << (_blockLevel - l));
                }
            }

            var top = ComputeTop(rootDigests, rootSums, (int)blockCount, (int)realBlocks, levels);
            WriteNodes(nodesOut, levels);
            return top;
        }
        finally
        {
            foreach (var l in levels)
            {
                l?.Dispose();
            }
        }
    }

    private static void Wait(Task task)
    {
        try
        {
            task.GetAwaiter().GetResult();
        }
        catch (AggregateException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
        }
    }

    private void ComputeBlock(LeafBlock block, BlockOutput output, Span<byte> rootDigest, Span<ulong> rootSums)
    {
        var a = _assetCount;
        var digests = ArrayPool<byte>.Shared.Rent(_blockSize * SumTreeHashing.DigestSize);
        var sums = ArrayPool<ulong>.Shared.Rent(_blockSize * a);
        var messageSize = Math.Max(_blockSize * (1 + SumTreeHashing.DigestSize + SumTreeHashing.SumsSize(a)), Math.Max(1, _blockSize / 2) * SumTreeHashing.NodeScratchSize(a));
        var messages = ArrayPool<byte>.Shared.Rent(messageSize);
        var ends = ArrayPool<int>.Shared.Rent(_blockSize);
        try
        {
            output.Clear();
            Array.Clear(sums, 0, _blockSize * a);
            var real = block.Count;
            var written = 0;
            for (var i = 0; i < real; i++)
            {
                written += SumTreeHashing.WriteLeafMessage(block.Commitment(i), block.Holdings(i), messages.AsSpan(written));
                ends[i] = written;
                var row = sums.AsSpan(i * a, a);
                foreach (var h in block.Holdings(i))
                {
                    row[h.Asset] = h.Amount;
                }
            }

            Sha256Batch.Hash(messages.AsSpan(0, written), ends.AsSpan(0, real), digests);
            for (var level = 1; level <= _blockLevel; level++)
            {
                var size = _blockSize >> level;
                real = CombineLevel(digests, sums, size, real, level, messages, ends);
                if (level >= NodeStoreFormat.FirstStoredLevel)
                {
                    for (var i = 0; i < size; i++)
                    {
                        output.Add(level, digests.AsSpan(i * SumTreeHashing.DigestSize, SumTreeHashing.DigestSize), sums.AsSpan(i * a, a));
                    }
                }
            }

            digests.AsSpan(0, SumTreeHashing.DigestSize).CopyTo(rootDigest);
            sums.AsSpan(0, a).CopyTo(rootSums);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(digests);
            ArrayPool<ulong>.Shared.Return(sums);
            ArrayPool<byte>.Shared.Return(messages);
            ArrayPool<int>.Shared.Return(ends);
        }
    }

    private SumTreeResult ComputeTop(byte[] digests, ulong[] sums, int count, int real, LevelSpool[] levels)
    {
        var a = _assetCount;
        var messages = new byte[Math.Max(1, count / 2) * SumTreeHashing.NodeScratchSize(a)];
        var ends = new int[Math.Max(1, count / 2)];
        for (var level = _blockLevel + 1; level <= _depth; level++)
        {
            var size = count >> (level - _blockLevel);
            real = CombineLevel(digests, sums, size, real, level, messages, ends);
            for (var i = 0; i < size; i++)
            {
                levels[level - NodeStoreFormat.FirstStoredLevel].Add(digests.AsSpan(i * SumTreeHashing.DigestSize, SumTreeHashing.DigestSize), sums.AsSpan(i * a, a));
            }
        }

        return new SumTreeResult(digests.AsSpan(0, SumTreeHashing.DigestSize).ToArray(), sums.AsSpan(0, a).ToArray());
    }

    /// <summary>
    /// Combines one level in place: node i (for i below the new real count) from children 2i and 2i+1, the right one
    /// padding when beyond the real children; nodes above are all-padding. Hash inputs are written first (they copy
    /// the children), then digests and sums are overwritten in increasing order. Returns the new real count.
    /// </summary>
    private int CombineLevel(byte[] digests, ulong[] sums, int size, int realBelow, int level, byte[] messages, int[] ends)
    {
        var a = _assetCount;
        var real = (realBelow + 1) / 2;
        var written = 0;
        for (var i = 0; i < real; i++)
        {
            var rightIsPadding = (2 * i) + 1 >= realBelow;
            var right = rightIsPadding
                ? SumTreeHashing.PaddingDigest(level - 1)
                : digests.AsSpan(((2 * i) + 1) * SumTreeHashing.DigestSize, SumTreeHashing.DigestSize);
            var rightSums = sums.AsSpan(((2 * i) + 1) * a, a);
            if (rightIsPadding)
            {
                rightSums.Clear();
            }

            written += SumTreeHashing.WriteNodeMessage(digests.AsSpan(2 * i * SumTreeHashing.DigestSize, SumTreeHashing.DigestSize), sums.AsSpan(2 * i * a, a), right, rightSums, messages.AsSpan(written));
            ends[i] = written;
        }

        Sha256Batch.Hash(messages.AsSpan(0, written), ends.AsSpan(0, real), digests);
        for (var i = 0; i < size; i++)
        {
            var dstSums = sums.AsSpan(i * a, a);
            if (i >= real)
            {
                SumTreeHashing.PaddingDigest(level).CopyTo(digests.AsSpan(i * SumTreeHashing.DigestSize, SumTreeHashing.DigestSize));
                dstSums.Clear();
            }
            else
            {
                AddSums(sums.AsSpan(2 * i * a, a), sums.AsSpan(((2 * i) + 1) * a, a), dstSums, level);
            }
        }

        return real;
    }

    private static void AddSums(ReadOnlySpan<ulong> left, ReadOnlySpan<ulong> right, Span<ulong> destination, int level)
    {
        for (var j = 0; j < destination.Length; j++)
        {
            var s = unchecked(left[j] + right[j]);
            if (s < left[j])
            {
                throw new InvalidDataException($"the sum of asset {j} overflows 64-bit base units at tree level {level}");
            }

            destination[j] = s;
        }
    }

    private void WriteNodes(Stream output, LevelSpool[] levels)
    {
        Span<byte> header = stackalloc byte[NodeStoreFormat.HeaderSize];
        NodeStoreFormat.Magic.CopyTo(header);
        header[8] = (byte)_depth;
        header[9] = NodeStoreFormat.FirstStoredLevel;
        BinaryPrimitives.WriteUInt16BigEndian(header[10..], (ushort)_assetCount);
        output.Write(header);
        long position = NodeStoreFormat.HeaderSize;
        var offsets = new List<long>();
        foreach (var level in levels)
        {
            position = level.CopyTo(output, position, offsets);
        }

        var table = new byte[8 * 4096];
        for (var i = 0; i < offsets.Count; i += 4096)
        {
            var n = Math.Min(4096, offsets.Count - i);
            for (var j = 0; j < n; j++)
            {
                BinaryPrimitives.WriteInt64BigEndian(table.AsSpan(8 * j), offsets[i + j]);
            }

            output.Write(table, 0, 8 * n);
        }

        Span<byte> footer = stackalloc byte[NodeStoreFormat.FooterSize];
        BinaryPrimitives.WriteInt64BigEndian(footer, position);
        NodeStoreFormat.Magic.CopyTo(footer[8..]);
        output.Write(footer);
    }

    /// <summary>The leaves and results of one batch of blocks.</summary>
    private sealed class BatchBuffers
    {
        public BatchBuffers(int blocks, int blockSize, int blockLevel)
        {
            Blocks = [.. Enumerable.Range(0, blocks).Select(_ => new LeafBlock(blockSize))];
            Results = [.. Enumerable.Range(0, blocks).Select(_ => new BlockOutput(blockLevel))];
        }

        public LeafBlock[] Blocks { get; }

        public BlockOutput[] Results { get; }

        public int Count { get; set; }
    }

    /// <summary>Upper-level records a block produced, kept per level until they are appended in order.</summary>
    private sealed class BlockOutput(int blockLevel)
    {
        private readonly MemoryStream[] _levels = Enumerable.Range(0, Math.Max(0, blockLevel - NodeStoreFormat.FirstStoredLevel + 1)).Select(_ => new MemoryStream()).ToArray();
        private readonly List<int>[] _lengths = Enumerable.Range(0, Math.Max(0, blockLevel - NodeStoreFormat.FirstStoredLevel + 1)).Select(_ => new List<int>()).ToArray();
        private readonly byte[] _record = new byte[SumTreeHashing.DigestSize + SumTreeHashing.SumsSize(ushort.MaxValue)];

        public void Clear()
        {
            foreach (var m in _levels)
            {
                m.SetLength(0);
            }

            foreach (var l in _lengths)
            {
                l.Clear();
            }
        }

        public void Add(int level, ReadOnlySpan<byte> digest, ReadOnlySpan<ulong> sums)
        {
            digest.CopyTo(_record);
            var n = SumTreeHashing.DigestSize + SumTreeHashing.WriteSums(sums, _record.AsSpan(SumTreeHashing.DigestSize));
            _levels[level - NodeStoreFormat.FirstStoredLevel].Write(_record, 0, n);
            _lengths[level - NodeStoreFormat.FirstStoredLevel].Add(n);
        }

        public void AppendTo(LevelSpool[] spools)
        {
            for (var i = 0; i < _levels.Length; i++)
            {
                spools[i].Append(_levels[i].GetBuffer().AsSpan(0, (int)_levels[i].Length), _lengths[i]);
            }
        }
    }

    /// <summary>One level's records on a temporary file, with their lengths, so memory stays bounded.</summary>
    private sealed class LevelSpool : IDisposable
    {
        private readonly FileStream _file;
        private readonly List<int> _lengths = [];
        private readonly byte[] _record = new byte[SumTreeHashing.DigestSize + SumTreeHashing.SumsSize(ushort.MaxValue)];

        public LevelSpool(string directory)
        {
            var path = Path.Combine(directory, $"level-{Guid.NewGuid():N}.tmp");
            _file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        }

        public void Append(ReadOnlySpan<byte> records, List<int> lengths)
        {
            _file.Write(records);
            _lengths.AddRange(lengths);
        }

        public void Add(ReadOnlySpan<byte> digest, ReadOnlySpan<ulong> sums)
        {
            digest.CopyTo(_record);
            var n = SumTreeHashing.DigestSize + SumTreeHashing.WriteSums(sums, _record.AsSpan(SumTreeHashing.DigestSize));
            _file.Write(_record, 0, n);
            _lengths.Add(n);
        }

        public void AppendPadding(ReadOnlySpan<byte> digest, long count)
        {
            Span<byte> record = stackalloc byte[SumTreeHashing.DigestSize + 2];
            digest.CopyTo(record);
            for (long i = 0; i < count; i++)
            {
                _file.Write(record);
                _lengths.Add(record.Length);
            }
        }

        public long CopyTo(Stream output, long position, List<long> offsets)
        {
            foreach (var len in _lengths)
            {
                offsets.Add(position);
                position += len;
            }

            _file.Position = 0;
            _file.CopyTo(output);
            return position;
        }

        public void Dispose() => _file.Dispose();
    }
}
