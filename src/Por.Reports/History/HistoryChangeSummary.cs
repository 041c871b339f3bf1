// SPDX-License-Identifier: Apache-2.0

using Por.Common;

namespace Por.Reports.History;

/// <summary>
/// The changes since the previous recorded round, summarised for reading: how many of each kind, the ratio falls
/// worst first, and the assets whose ratio fell below 100% in this round.
/// </summary>
/// <param name="PreviousRound">The round compared with, or null when this is the first recorded round.</param>
/// <param name="Total">All changes.</param>
/// <param name="Drops">Ratio falls, worst first: those that end below 100% before the others, then the larger fall in
/// percentage points first, then by symbol.</param>
/// <param name="FellBelowFull">Symbols at or above 100% in the previous round and below it now, by symbol.</param>
/// <param name="Added">Assets with liabilities now and none before, by symbol.</param>
/// <param name="Removed">Assets with liabilities before and none now, by symbol.</param>
public sealed record HistoryChangeSummary(string? PreviousRound, int Total, IReadOnlyList<RatioDrop> Drops, IReadOnlyList<string> FellBelowFull, IReadOnlyList<string> Added, IReadOnlyList<string> Removed)
{
    /// <summary>Summarises the changes of <paramref name="trends"/>.</summary>
    /// <param name="trends">The trends (their last round is the current one).</param>
    /// <returns>The summary.</returns>
    public static HistoryChangeSummary Of(HistoryTrends trends)
    {
        ArgumentNullException.ThrowIfNull(trends);
        var current = trends.Rounds[^1];
        var previous = trends.Rounds.Count > 1 ? trends.Rounds[^2] : null;
        var drops = new List<RatioDrop>();
        foreach (var change in trends.Changes.Where(c => c.Kind == HistoryChangeKind.RatioDrop))
        {
            var before = Ratio(previous, change.Asset);
            var now = Ratio(current, change.Asset);
            if (before is { } b && now is { } n)
            {
                drops.Add(new RatioDrop(change.Asset, b, n));
            }
        }

        drops.Sort((x, y) =>
        {
            var byEnd = (x.After < ExactNumber.One ? 0 : 1).CompareTo(y.After < ExactNumber.One ? 0 : 1);
            var byFall = (y.Before - y.After).CompareTo(x.Before - x.After);
            return byEnd != 0 ? byEnd : byFall != 0 ? byFall : string.CompareOrdinal(x.Symbol, y.Symbol);
        });
        static List<string> AssetsOf(IEnumerable<HistoryChange> changes, HistoryChangeKind kind) =>
            [.. changes.Where(c => c.Kind == kind).Select(c => c.Asset).Order(StringComparer.Ordinal)];
        return new HistoryChangeSummary(
            previous?.RoundId,
            trends.Changes.Count,
            drops,
            [.. drops.Where(d => d.Before >= ExactNumber.One && d.After < ExactNumber.One).Select(d => d.Symbol).Order(StringComparer.Ordinal)],
            AssetsOf(trends.Changes, HistoryChangeKind.AssetAdded),
            AssetsOf(trends.Changes, HistoryChangeKind.AssetRemoved));
    }

    private static ExactNumber? Ratio(RoundRecord? round, string symbol) =>
        round?.Assets.FirstOrDefault(a => string.Equals(a.Symbol, symbol, StringComparison.Ordinal))?.Ratio;
}
