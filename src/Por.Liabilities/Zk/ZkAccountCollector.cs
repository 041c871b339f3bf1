// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Por.Common;
using Por.Liabilities.Snapshot;

namespace Por.Liabilities.Zk;

/// <summary>
/// Takes accounts from a snapshot reader for a zk round: rejects repeated ids (naming both places) and per-asset
/// totals that overflow 64-bit base units (the same rules as the transparent mode), and keeps each account's id,
/// holdings and source line.
/// </summary>
internal sealed class ZkAccountCollector(AssetTable assets) : ISnapshotSink
{
    private readonly Dictionary<string, int> _byId = new(StringComparer.Ordinal);
    private readonly ulong[] _totals = new ulong[assets.Count];

    public List<byte[]> Ids { get; } = [];

    public List<Holding[]> Holdings { get; } = [];

    public List<(string File, long Line)> Places { get; } = [];

    public IReadOnlyList<ulong> Totals => _totals;

    public void Add(ReadOnlySpan<byte> accountId, ReadOnlySpan<Holding> holdings, string file, long line)
    {
        var key = Encoding.UTF8.GetString(accountId);
        if (_byId.TryGetValue(key, out var first))
        {
            throw new InputException(file, line, "account_id", $"duplicate account id: already given at {Places[first].File}:{Places[first].Line}");
        }

        foreach (var h in holdings)
        {
            var total = unchecked(_totals[h.Asset] + h.Amount);
            if (total < h.Amount)
            {
                throw new InputException(file, line, assets[h.Asset].Symbol,
                    $"the total of {assets[h.Asset].Symbol} overflows 64-bit base units (reached at this account; choose fewer decimals)");
            }

            _totals[h.Asset] = total;
        }

        _byId.Add(key, Ids.Count);
        Ids.Add(accountId.ToArray());
        Holdings.Add(holdings.ToArray());
        Places.Add((file, line));
    }

    /// <summary>The index of an account id, or -1.</summary>
    public int IndexOf(byte[] accountId) => _byId.TryGetValue(Encoding.UTF8.GetString(accountId), out var i) ? i : -1;
}
