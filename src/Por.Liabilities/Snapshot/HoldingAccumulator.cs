// SPDX-License-Identifier: Apache-2.0

namespace Por.Liabilities.Snapshot;

/// <summary>Collects one account's holdings, rejects a repeated asset and hands them over sorted, zeros dropped.</summary>
internal sealed class HoldingAccumulator
{
    private readonly bool[] _seen;
    private readonly List<int> _seenAssets = [];
    private readonly List<Holding> _holdings = [];
    private Holding[] _sorted = new Holding[16];

    public HoldingAccumulator(int assetCount) => _seen = new bool[assetCount];

    /// <summary>Whether no holding has been added since the last <see cref="Clear"/>.</summary>
    public bool IsEmpty => _seenAssets.Count == 0;

    /// <summary>Adds a holding; returns false if the asset was already given for this account.</summary>
    public bool TryAdd(int asset, ulong amount)
    {
        if (_seen[asset])
        {
            return false;
        }

        _seen[asset] = true;
        _seenAssets.Add(asset);
        if (amount != 0)
        {
            _holdings.Add(new Holding((ushort)asset, amount));
        }

        return true;
    }

    /// <summary>The non-zero holdings in increasing asset order; valid until the next call.</summary>
    public ReadOnlySpan<Holding> Sorted()
    {
        if (_sorted.Length < _holdings.Count)
        {
            _sorted = new Holding[Math.Max(_holdings.Count, _sorted.Length * 2)];
        }

        var span = _sorted.AsSpan(0, _holdings.Count);
        _holdings.CopyTo(span);
        span.Sort(static (a, b) => a.Asset.CompareTo(b.Asset));
        return span;
    }

    public void Clear()
    {
        foreach (var a in _seenAssets)
        {
            _seen[a] = false;
        }

        _seenAssets.Clear();
        _holdings.Clear();
    }
}
