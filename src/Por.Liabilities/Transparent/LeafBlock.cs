// SPDX-License-Identifier: Apache-2.0

using Por.Liabilities.Snapshot;

namespace Por.Liabilities.Transparent;

/// <summary>A run of consecutive leaves (commitment and holdings each), reused from block to block.</summary>
internal sealed class LeafBlock
{
    private readonly byte[] _commitments;
    private readonly int[] _holdingStart;
    private Holding[] _holdings;

    public LeafBlock(int capacity)
    {
        _commitments = new byte[capacity * SumTreeHashing.DigestSize];
        _holdingStart = new int[capacity + 1];
        _holdings = new Holding[capacity * 4];
        Capacity = capacity;
    }

    public int Capacity { get; }

    public int Count { get; private set; }

    /// <summary>The global index of the first leaf.</summary>
    public long FirstLeaf { get; set; }

    public void Clear() => Count = 0;

    public void Add(ReadOnlySpan<byte> commitment, ReadOnlySpan<Holding> holdings)
    {
        var start = _holdingStart[Count];
        if (start + holdings.Length > _holdings.Length)
        {
            Array.Resize(ref _holdings, Math.Max(start + holdings.Length, _holdings.Length * 2));
        }

        commitment.CopyTo(_commitments.AsSpan(Count * SumTreeHashing.DigestSize, SumTreeHashing.DigestSize));
        holdings.CopyTo(_holdings.AsSpan(start));
        _holdingStart[Count + 1] = start + holdings.Length;
        Count++;
    }

    public ReadOnlySpan<byte> Commitment(int i) => _commitments.AsSpan(i * SumTreeHashing.DigestSize, SumTreeHashing.DigestSize);

    public ReadOnlySpan<Holding> Holdings(int i) => _holdings.AsSpan(_holdingStart[i], _holdingStart[i + 1] - _holdingStart[i]);
}
