// SPDX-License-Identifier: Apache-2.0

using Por.Common;
using Por.Liabilities.Rounds;
using Por.Reports.History;
using Por.Testing;

namespace Por.Reports.Tests.History;

public sealed class HistoryTrendsTests
{
    private static AssetRecord Asset(string symbol, ulong liabilities, ulong reserves) => new(symbol, liabilities, 8, reserves, 8, ExactNumber.One);

    private static RoundRecord Round(string id, int day, params AssetRecord[] assets) => new(id, TestRounds.Time.AddDays(day), 10, "00", RoundMode.Transparent, assets);

    [Fact]
    public void Compute_RatioDropAddedRemoved_Flagged()
    {
        var previous = Round("2026-10", -30, Asset("BTC", 100, 120), Asset("ETH", 100, 100), Asset("XRP", 5, 5));
        var current = Round("2026-11", 0, Asset("BTC", 100, 110), Asset("ETH", 100, 101), Asset("SOL", 7, 7), Asset("XRP", 0, 3));
        var later = Round("2026-12", 30, Asset("BTC", 1, 1));
        var trends = HistoryTrends.Compute([later, current, previous], "2026-11");
        Assert.Equal(["2026-10", "2026-11"], trends.Rounds.Select(r => r.RoundId));
        Assert.Equal(
            [(HistoryChangeKind.AssetAdded, "SOL"), (HistoryChangeKind.AssetRemoved, "XRP"), (HistoryChangeKind.RatioDrop, "BTC")],
            trends.Changes.Select(c => (c.Kind, c.Asset)));
        Assert.Contains("120.00% in round 2026-10 to 110.00%", trends.Changes[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_FirstRound_NoChanges()
    {
        var trends = HistoryTrends.Compute([Round("a", 0, Asset("BTC", 1, 1))], "a");
        Assert.Empty(trends.Changes);
        Assert.Single(trends.Rounds);
    }

    [Fact]
    public void Compute_CurrentRoundMissing_Throws() =>
        Assert.Throws<ArgumentException>(() => HistoryTrends.Compute([Round("a", 0)], "b"));
}
