// SPDX-License-Identifier: Apache-2.0

using Por.Common;

namespace Por.Reports.Prices;

/// <summary>USD prices of one round, exact decimals per asset symbol.</summary>
/// <param name="Source">The file they were read from.</param>
/// <param name="Prices">Price of one whole unit in USD, by symbol.</param>
public sealed record PriceTable(string Source, IReadOnlyDictionary<string, ExactNumber> Prices)
{
    /// <summary>The price of <paramref name="symbol"/>, or null when the file has none.</summary>
    /// <param name="symbol">Asset symbol.</param>
    /// <returns>The price or null.</returns>
    public ExactNumber? Find(string symbol) => Prices.TryGetValue(symbol, out var p) ? p : null;
}
