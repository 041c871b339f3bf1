// SPDX-License-Identifier: Apache-2.0

namespace Por.Common;

/// <summary>The ordered asset list of a round. An asset's index in this table is its id in every binary encoding.</summary>
public sealed class AssetTable
{
    /// <summary>The most assets a round may have (asset ids are 16-bit).</summary>
    public const int MaxAssets = ushort.MaxValue;

    private readonly Asset[] _assets;
    private readonly Dictionary<string, int> _bySymbol;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    /// <summary>Creates the table.</summary>
    /// <param name="assets">Assets in id order; symbols must be unique and well-formed.</param>
    /// <exception cref="ArgumentException">A symbol is malformed or repeated, decimals exceed 18, or the list is empty or too long.</exception>
    public AssetTable(IEnumerable<Asset> assets)
    {
        ArgumentNullException.ThrowIfNull(assets);
        _assets = [.. assets];
        if (_assets.Length is 0 or > MaxAssets)
        {
            throw new ArgumentException($"an asset table holds 1 to {MaxAssets} assets", nameof(assets));
        }

        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _assets.Length; i++)
        {
            var a = _assets[i];
            if (!Asset.IsValidSymbol(a.Symbol))
            {
                throw new ArgumentException($"asset symbol '{a.Symbol}' is not 1–32 characters of [A-Za-z0-9._-]", nameof(assets));
            }

            if (a.Decimals > Asset.MaxDecimals)
            {
                throw new ArgumentException($"asset {a.Symbol}: decimals {a.Decimals} exceed {Asset.MaxDecimals}", nameof(assets));
            }

            if (!map.TryAdd(a.Symbol, i))
            {
                throw new ArgumentException($"asset symbol '{a.Symbol}' is listed twice", nameof(assets));
            }
        }

        _bySymbol = map;
        _bySpan = map.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Number of assets.</summary>
    public int Count => _assets.Length;

    /// <summary>The asset with id <paramref name="index"/>.</summary>
    /// <param name="index">The asset id.</param>
    public Asset this[int index] => _assets[index];

    /// <summary>The assets in id order.</summary>
    public IReadOnlyList<Asset> Assets => _assets;

    /// <summary>Looks an asset up by symbol.</summary>
    /// <param name="symbol">The symbol (case-sensitive).</param>
    /// <param name="index">The asset id when found.</param>
    /// <returns>Whether the symbol is in the table.</returns>
    public bool TryGetIndex(string symbol, out int index) => _bySymbol.TryGetValue(symbol, out index);

    /// <summary>Looks an asset up by symbol without allocating.</summary>
    /// <param name="symbol">The symbol (case-sensitive).</param>
    /// <param name="index">The asset id when found.</param>
    /// <returns>Whether the symbol is in the table.</returns>
    public bool TryGetIndex(ReadOnlySpan<char> symbol, out int index) => _bySpan.TryGetValue(symbol, out index);

    /// <summary>Whether two tables list the same assets in the same order.</summary>
    /// <param name="other">The other table.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool SequenceEqual(AssetTable other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return _assets.AsSpan().SequenceEqual(other._assets);
    }
}
