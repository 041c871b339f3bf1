// SPDX-License-Identifier: Apache-2.0

using Por.Common;
using Por.Liabilities.Snapshot;

namespace Por.Liabilities.Transparent;

/// <summary>A validated snapshot in tree order (sorted by keyed lookup key, which also shuffles accounts).</summary>
internal sealed class CollectedAccounts : ILeafSource
{
    private readonly int[] _order;
    private readonly GrowableArray<byte> _salts;
    private readonly GrowableArray<byte> _commitments;
    private readonly GrowableArray<int> _holdingStart;
    private readonly GrowableArray<Holding> _holdings;

    public CollectedAccounts(byte[] lookupSecret, UInt128[] sortedKeys, int[] order, GrowableArray<byte> salts, GrowableArray<byte> commitments, GrowableArray<int> holdingStart, GrowableArray<Holding> holdings, ulong[] totals)
    {
        LookupSecret = lookupSecret;
        SortedKeys = sortedKeys;
        _order = order;
        _salts = salts;
        _commitments = commitments;
        _holdingStart = holdingStart;
        _holdings = holdings;
        Totals = totals;
    }

    public byte[] LookupSecret { get; }

    /// <summary>Lookup keys in tree order (strictly increasing).</summary>
    public UInt128[] SortedKeys { get; }

    public ulong[] Totals { get; }

    public long Count => _order.Length;

    /// <summary>The salt of the account at tree position <paramref name="leaf"/>.</summary>
    public ReadOnlySpan<byte> SaltAt(long leaf) => _salts.Span.Slice(_order[leaf] * SumTreeHashing.SaltSize, SumTreeHashing.SaltSize);

    public void Fill(LeafBlock block, long firstLeaf, int count)
    {
        for (var j = 0; j < count; j++)
        {
            var i = _order[firstLeaf + j];
            var start = _holdingStart[i];
            block.Add(_commitments.Span.Slice(i * SumTreeHashing.DigestSize, SumTreeHashing.DigestSize), _holdings.Span[start.._holdingStart[i + 1]]);
        }
    }
}
