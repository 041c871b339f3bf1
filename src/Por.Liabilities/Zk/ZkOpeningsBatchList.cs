// SPDX-License-Identifier: Apache-2.0

using System.Collections;

namespace Por.Liabilities.Zk;

/// <summary>
/// The batches of a private openings file as the prover takes them, read from disk when asked for: batch b is read
/// (skipping the batches before it) when <see cref="ZkRoundProver"/> asks for it and is not kept, so only the batch
/// being proven is in memory. Asking for a batch before the last one read reopens the file.
/// </summary>
internal sealed class ZkOpeningsBatchList(string path, ZkOpeningsHeader header, Action<int>? beforeBatch) : IReadOnlyList<IReadOnlyList<ZkAccount>>, IDisposable
{
    private ZkOpeningsReader? _reader;

    public int Count => header.BatchCount;

    public IReadOnlyList<ZkAccount> this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            beforeBatch?.Invoke(index);
            if (_reader is null || _reader.NextBatch > index)
            {
                _reader?.Dispose();
                _reader = new ZkOpeningsReader(path);
            }

            while (_reader.NextBatch < index)
            {
                _reader.ReadBatch(commit: false);
            }

            return [.. _reader.ReadBatch(commit: true).Select(o => o.ToAccount())];
        }
    }

    public IEnumerator<IReadOnlyList<ZkAccount>> GetEnumerator()
    {
        for (var b = 0; b < Count; b++)
        {
            yield return this[b];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Dispose() => _reader?.Dispose();
}
