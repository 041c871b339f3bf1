// SPDX-License-Identifier: Apache-2.0

using Por.Common;
using Por.Liabilities.Rounds;
using Por.Reports.History;
using Por.Testing;

namespace Por.Reports.Tests.History;

public sealed class HistoryChangeSummaryTests
{
    private static AssetRecord Asset(string symbol, ulong liabilities, ulong reserves) => new(symbol, liabilities, 8, reserves, 8, ExactNumber.One);

    private static RoundRecord Round(string id, int day, params AssetRecord[] assets) => new(id, TestRounds.Time.AddDays(day), 10, "00", RoundMode.Transparent, assets);

    // Previous → current: AAA 120% → 100.5% (−19.5 pts), BBB 101% → 99% (−2, falls below 100%), CCC 50% → 40% (−10,
    // was already below), DDD 110% → 111% (rise), EEE added, FFF removed.
    private static HistoryTrends Trends() => HistoryTrends.Compute(
        [
            Round("r1", -30, Asset("AAA", 1000, 1200), Asset("BBB", 100, 101), Asset("CCC", 10, 5), Asset("DDD", 100, 110), Asset("FFF", 1, 1)),
            Round("r2", 0, Asset("AAA", 1000, 1005), Asset("BBB", 100, 99), Asset("CCC", 10, 4), Asset("DDD", 100, 111), Asset("EEE", 1, 1)),
        ],
        "r2");

    [Fact]
    public void Of_CountsKinds_FallsEndingBelowFullFirstThenLargest_NamesAssetsThatFellBelowFull()
    {
        var s = HistoryChangeSummary.Of(Trends());
        Assert.Equal("r1", s.PreviousRound);
        Assert.Equal(5, s.Total);
        Assert.Equal(["CCC", "BBB", "AAA"], s.Drops.Select(d => d.Symbol));
        Assert.Equal(ExactNumber.Create(12, 10), s.Drops[2].Before);
        Assert.Equal(ExactNumber.Create(1005, 1000), s.Drops[2].After);
        Assert.Equal(["BBB"], s.FellBelowFull);
        Assert.Equal(["EEE"], s.Added);
        Assert.Equal(["FFF"], s.Removed);
    }

    [Fact]
    public void Of_FirstRound_NothingToCompare()
    {
        var s = HistoryChangeSummary.Of(HistoryTrends.Compute([Round("r1", 0, Asset("AAA", 1, 1))], "r1"));
        Assert.Null(s.PreviousRound);
        Assert.Equal(0, s.Total);
        Assert.Empty(s.Drops);
    }

    [Fact]
    public void SummaryText_CountsThenBelowFullThenWorstFalls()
    {
        Assert.Equal(
            [
                "changes since round r1: 3 ratio fall(s), 1 asset(s) added (EEE), 1 removed (FFF)",
                "fell below 100%: BBB",
                "worst falls: CCC 50.00% → 40.00%, BBB 101.00% → 99.00%",
            ],
            ReportSummaryText.Changes(Trends(), worst: 2));
        Assert.Empty(ReportSummaryText.Changes(null));
    }

    [Fact]
    public void Html_SummaryInsteadOfOneLinePerChange_FullListCollapsed()
    {
        using var f = new ReportFixture();
        var previous = SolvencyCalculator.ToRecord(Por.Liabilities.LiabilitiesVerifier.Verify(f.Bundle).Liabilities!, f.ReadReserves(), f.ReadPrices()) with
        {
            RoundId = "2026-10",
            SnapshotTime = TestRounds.Time.AddDays(-30),
        };
        var richer = previous with { Assets = [.. previous.Assets.Select(a => a with { ReservesBase = a.ReservesBase * 2 })] };
        var html = HtmlReportRenderer.Render(f.Compute(history: [richer]), null);
        Assert.Contains("data-field=\"change-count\" data-exact=\"2\">2 changes since round 2026-10</strong>: 2 reserve ratios fell", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"flag\" id=\"fell-below-100\">Fell below 100% since round 2026-10: <strong>ETH</strong>", html, StringComparison.Ordinal);
        var worst = html[html.IndexOf("<ol id=\"worst-drops\">", StringComparison.Ordinal)..];
        Assert.True(worst.IndexOf("data-asset=\"ETH\"", StringComparison.Ordinal) < worst.IndexOf("data-asset=\"BTC\"", StringComparison.Ordinal), "ETH (190% → 95%, below 100%) comes before the larger fall of BTC (213% → 106%)");
        Assert.Contains("<details id=\"all-changes\"><summary>All 2 flagged changes</summary><ul id=\"history-changes\"><li data-kind=\"ratio_drop\"", html, StringComparison.Ordinal);
    }
}
