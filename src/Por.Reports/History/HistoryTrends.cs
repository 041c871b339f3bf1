// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using Por.Common;

namespace Por.Reports.History;

/// <summary>Trends across recorded rounds and the changes from the previous round.</summary>
/// <param name="Rounds">Recorded rounds up to and including the current one, oldest first.</param>
/// <param name="Changes">Changes flagged against the previous round.</param>
public sealed record HistoryTrends(IReadOnlyList<RoundRecord> Rounds, IReadOnlyList<HistoryChange> Changes)
{
    /// <summary>Computes trends for <paramref name="currentRound"/> from the store's rounds up to it.</summary>
    /// <param name="rounds">Recorded rounds (any order); later rounds than the current one are ignored.</param>
    /// <param name="currentRound">The round being reported.</param>
    /// <returns>The trends.</returns>
    /// <exception cref="ArgumentException">The current round is not among <paramref name="rounds"/>.</exception>
    public static HistoryTrends Compute(IReadOnlyList<RoundRecord> rounds, string currentRound)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        var current = rounds.FirstOrDefault(r => string.Equals(r.RoundId, currentRound, StringComparison.Ordinal))
            ?? throw new ArgumentException($"round {currentRound} is not in the history", nameof(currentRound));
        var ordered = rounds.Where(r => r.SnapshotTime <= current.SnapshotTime)
            .OrderBy(r => r.SnapshotTime).ThenBy(r => r.RoundId, StringComparer.Ordinal).ToList();
        var index = ordered.IndexOf(current);
        var changes = new List<HistoryChange>();
        if (index > 0)
        {
            var previous = ordered[index - 1];
            Compare(previous, current, changes);
        }

        return new HistoryTrends(ordered.Take(index + 1).ToList(), changes);
    }

    private static void Compare(RoundRecord previous, RoundRecord current, List<HistoryChange> changes)
    {
        var before = previous.LiabilityAssets.ToHashSet(StringComparer.Ordinal);
        var now = current.LiabilityAssets.ToHashSet(StringComparer.Ordinal);
        foreach (var added in now.Except(before, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            changes.Add(new HistoryChange(HistoryChangeKind.AssetAdded, added, previous.RoundId, $"{added} has customer liabilities now and had none in round {previous.RoundId}"));
        }

        foreach (var removed in before.Except(now, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            changes.Add(new HistoryChange(HistoryChangeKind.AssetRemoved, removed, previous.RoundId, $"{removed} had customer liabilities in round {previous.RoundId} and has none now"));
        }

        foreach (var asset in current.Assets.Where(a => before.Contains(a.Symbol) && now.Contains(a.Symbol)))
        {
            var old = previous.Assets.First(a => string.Equals(a.Symbol, asset.Symbol, StringComparison.Ordinal)).Ratio;
            if (old is { } o && asset.Ratio is { } n && n < o)
            {
                changes.Add(new HistoryChange(HistoryChangeKind.RatioDrop, asset.Symbol, previous.RoundId, string.Create(CultureInfo.InvariantCulture,
                    $"{asset.Symbol} reserve ratio fell from {Percent(o)}% in round {previous.RoundId} to {Percent(n)}%")));
            }
        }
    }

    private static string Percent(ExactNumber ratio) => (ratio * ExactNumber.Create(100, 1)).Format(2);
}
