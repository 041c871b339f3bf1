// SPDX-License-Identifier: Apache-2.0

namespace Por.Reports;

/// <summary>The reserves side of a report, read from a "por-reserves-result/1" file.</summary>
/// <param name="Source">The result file.</param>
/// <param name="Custodian">The custodian named in the declaration.</param>
/// <param name="Round">The round id of the declaration.</param>
/// <param name="Assets">Evidence per asset, ordered by symbol.</param>
public sealed record VerifiedReserves(string Source, string Custodian, string Round, IReadOnlyList<ReserveEvidence> Assets)
{
    /// <summary>The evidence for <paramref name="symbol"/>, or null when no row names it.</summary>
    /// <param name="symbol">Asset symbol.</param>
    /// <returns>The evidence or null.</returns>
    public ReserveEvidence? Find(string symbol) => Assets.FirstOrDefault(a => string.Equals(a.Symbol, symbol, StringComparison.Ordinal));
}
