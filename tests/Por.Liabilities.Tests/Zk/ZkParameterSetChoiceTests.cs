// SPDX-License-Identifier: Apache-2.0

using Por.Liabilities.Zk;

namespace Por.Liabilities.Tests.Zk;

/// <summary>
/// <see cref="ZkBatchPlanner.ChooseParameterSet(IReadOnlyList{int}, int)"/>: the cheapest set of the production ladder
/// that fits the round (least estimated work, preferring fewer batches within 1/8 of it, then the largest N), and
/// errors that name the real cause when nothing fits.
/// </summary>
public sealed class ZkParameterSetChoiceTests
{
    // OKX's issue case: 1,023 customers each holding every one of 156 coins.
    private const int OkxCoins = 156;
    private const int OkxCustomers = 1023;

    [Fact]
    public void Ladder_IsProductionOnly_AndEveryRungIsPinned()
    {
        Assert.Equal(
            ["pol-v1-n8", "pol-v1-n9", "pol-v1-n10", "pol-v1-n11", "pol-v1-n12", "pol-v1-n13", "pol-v1-n14", "pol-v1-n15", "pol-v1-n16", "pol-v1-n17", "pol-v1-n18"],
            ZkParameterSet.Ladder.Where(p => !p.Id.Contains("-r", StringComparison.Ordinal)).Select(p => p.Id).Order(Comparer<string>.Create(ByRung)));
        Assert.Equal(
            ["pol-v1-n8-r14", "pol-v1-n9-r15", "pol-v1-n10-r16", "pol-v1-n11-r17", "pol-v1-n12-r18", "pol-v1-n13-r19", "pol-v1-n14-r20"],
            ZkParameterSet.Ladder.Where(p => p.Id.Contains("-r", StringComparison.Ordinal)).Select(p => p.Id));
        foreach (ZkParameterSet set in ZkParameterSet.Ladder)
        {
            Assert.False(set.IsTestOnly, set.Id);
            Assert.Equal(Stark.Proving.StarkOptions.Production, set.Options);
            Assert.Same(set, ZkParameterSet.Find(set.Id));
        }

        Assert.Same(ZkParameterSet.Small, ZkParameterSet.Find("pol-v1-n8"));
        Assert.Same(ZkParameterSet.Production, ZkParameterSet.Find("pol-v1-n18"));
        Assert.DoesNotContain(ZkParameterSet.Production128, ZkParameterSet.Ladder);
        Assert.DoesNotContain(ZkParameterSet.Test, ZkParameterSet.Ladder);
        Assert.Equal(ZkParameterSet.Pinned.Count, ZkParameterSet.Pinned.Select(p => p.Id).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData(4, 1, 3, "pol-v1-n10")] // the README's 4 accounts: a 2^12 trace, the largest N of that length
    [InlineData(1, 0, 1, "pol-v1-n10")]
    [InlineData(1024, 1, 3, "pol-v1-n10")]
    [InlineData(1025, 1, 3, "pol-v1-n11")]
    [InlineData(1000, 6, 22, "pol-v1-n11")] // 3 rows per account: 1,000 do not fit the 2^12 rows of n10
    [InlineData(100_000, 2, 22, "pol-v1-n17")]
    [InlineData(262_144, 1, 22, "pol-v1-n18")]
    [InlineData(300_000, 1, 22, "pol-v1-n16")] // 5 batches of 2^18 rows: 26 % less work than 2 of n18's 2^20
    [InlineData(4, 1, 1400, "pol-v1-n12")] // 1,400 assets take 4,200 rows: the asset list, not an account, sets the size
    public void Choose_UniformRound_PicksExpectedRung(int accounts, int holdings, int assets, string expected) =>
        Assert.Equal(expected, ZkBatchPlanner.ChooseParameterSet([.. Enumerable.Repeat(holdings, accounts)], assets).Id);

    [Fact]
    public void Choose_OkxIssueRound_ARowHeavySet()
    {
        // 78 rows per account: three batches of 2^15 rows (404 accounts each) are 15 % less work than one of 2^17
        // (pol-v1-n11-r17) and 2.3 times less than 27 of pol-v1-n8.
        int[] counts = [.. Enumerable.Repeat(OkxCoins, OkxCustomers)];
        ZkParameterSet set = ZkBatchPlanner.ChooseParameterSet(counts, OkxCoins);
        Assert.Equal("pol-v1-n9-r15", set.Id);
        Assert.True(ZkBatchPlanner.EstimatedWork(set, 3) * 8 / 7 < ZkBatchPlanner.EstimatedWork(ZkParameterSet.Find("pol-v1-n11-r17")!, 1));

        // The plan under the chosen set fits every batch's rows: the issue's "needs 4291 rows" cannot happen.
        IReadOnlyList<Range> batches = ZkBatchPlanner.Plan(counts, set, OkxCoins);
        Assert.Equal([new Range(0, 404), new Range(404, 808), new Range(808, OkxCustomers)], batches);
        Assert.All(batches, b => Assert.True(
            LiabilitiesTraceBuilder.RequiredRows(counts[b], set.AccountsPerBatch, OkxCoins) <= set.TraceLength - set.Options.RandomRows));
    }

    [Fact]
    public void EstimatedWork_GrowsWithBatchesAndRows_WiderAtSmallTraces()
    {
        ZkParameterSet n8 = ZkParameterSet.Small, n18 = ZkParameterSet.Production;
        Assert.Equal(2 * ZkBatchPlanner.EstimatedWork(n8, 1), ZkBatchPlanner.EstimatedWork(n8, 2));
        Assert.Equal((4096L * 181) + ZkBatchPlanner.PerBatchCells, ZkBatchPlanner.EstimatedWork(n8, 1));
        Assert.Equal((1048576L * 132) + ZkBatchPlanner.PerBatchCells, ZkBatchPlanner.EstimatedWork(n18, 1));
    }

    [Fact]
    public void Choose_ManyHoldingsBeyondOneBatch_PrefersRowHeavySetWithFewerBatches()
    {
        // 100,000 accounts × 156 holdings = 7.8 M rows: n18 spends half its rows on 2^18 leaves and takes 15 batches,
        // pol-v1-n14-r20 takes 8.
        int[] counts = [.. Enumerable.Repeat(OkxCoins, 100_000)];
        ZkParameterSet set = ZkBatchPlanner.ChooseParameterSet(counts, OkxCoins);
        Assert.Equal("pol-v1-n14-r20", set.Id);
        Assert.Equal(8, ZkBatchPlanner.Plan(counts, set, OkxCoins).Count);
        Assert.Equal(15, ZkBatchPlanner.Plan(counts, ZkParameterSet.Production, OkxCoins).Count);
    }

    [Fact]
    public void Choose_TenMillionAccounts_Production()
    {
        int[] counts = [.. Enumerable.Repeat(1, 10_000_000)];
        Assert.Same(ZkParameterSet.Production, ZkBatchPlanner.ChooseParameterSet(counts, 22));
    }

    [Fact]
    public void Choose_DoesNotDependOnAccountOrder()
    {
        int[] counts = [.. Enumerable.Range(0, 3000).Select(i => i % 97 == 0 ? 120 : 1 + (i % 5))];
        ZkParameterSet forward = ZkBatchPlanner.ChooseParameterSet(counts, 150);
        Assert.Same(forward, ZkBatchPlanner.ChooseParameterSet([.. counts.Reverse()], 150));
        Assert.Same(forward, ZkBatchPlanner.ChooseParameterSet([.. counts.Order()], 150));
    }

    [Fact]
    public void Choose_EverySetItPicks_FitsEveryBatchOfItsPlan()
    {
        // Mixed rounds: the chosen set must plan without error, and every planned batch must fit its rows.
        foreach ((int accounts, int maxHoldings, int assets) in new[] { (5, 3, 3), (700, 40, 60), (5000, 9, 300), (20_000, 2, 22) })
        {
            int[] counts = [.. Enumerable.Range(0, accounts).Select(i => i * 7919 % (maxHoldings + 1))];
            ZkParameterSet set = ZkBatchPlanner.ChooseParameterSet(counts, assets);
            foreach (Range batch in ZkBatchPlanner.Plan(counts, set, assets))
            {
                Assert.True(LiabilitiesTraceBuilder.RequiredRows(counts[batch], set.AccountsPerBatch, assets) <= set.TraceLength - set.Options.RandomRows, set.Id);
            }
        }
    }

    [Fact]
    public void Choose_NoAccounts_Named()
    {
        ZkPlanningException e = Assert.Throws<ZkPlanningException>(() => ZkBatchPlanner.ChooseParameterSet([], 3));
        Assert.Equal(ZkPlanningFailure.NoAccounts, e.Reason);
        Assert.Null(e.AccountIndex);
    }

    [Fact]
    public void Choose_TooManyAssetsForEverySet_BlamesTheAssetList()
    {
        // 1,400 assets against the small set only (the issue's second bug): the asset list is named, not an account,
        // even when one account holds all 1,400.
        ZkPlanningException e = Assert.Throws<ZkPlanningException>(() => ZkBatchPlanner.ChooseParameterSet([1, 1400, 2], 1400, [ZkParameterSet.Small]));
        Assert.Equal(ZkPlanningFailure.TooManyAssets, e.Reason);
        Assert.Null(e.AccountIndex);
        Assert.Contains("too many assets (1400)", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("account", e.Message, StringComparison.OrdinalIgnoreCase);

        // The whole ladder: more assets than even the roomiest rung (pol-v1-n14-r20, about 338,000) holds.
        e = Assert.Throws<ZkPlanningException>(() => ZkBatchPlanner.ChooseParameterSet([1], 400_000));
        Assert.Equal(ZkPlanningFailure.TooManyAssets, e.Reason);
        Assert.Contains("too many assets (400000)", e.Message, StringComparison.Ordinal);
        Assert.Equal("pol-v1-n14-r20", ZkBatchPlanner.ChooseParameterSet([1], 300_000).Id);
    }

    [Fact]
    public void Plan_TooManyAssetsForTheSet_BlamesTheAssetList()
    {
        ZkPlanningException e = Assert.Throws<ZkPlanningException>(() => ZkBatchPlanner.Plan([1, 1400], ZkParameterSet.Small, 1400));
        Assert.Equal(ZkPlanningFailure.TooManyAssets, e.Reason);
        Assert.Null(e.AccountIndex);
        Assert.Contains("pol-v1-n8", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_OkxIssueRoundUnderSmall_SplitsByRows()
    {
        // The issue's failing case under pol-v1-n8: 1,023 accounts of 78 rows; every batch must fit 2^12 rows.
        int[] counts = [.. Enumerable.Repeat(OkxCoins, OkxCustomers)];
        IReadOnlyList<Range> batches = ZkBatchPlanner.Plan(counts, ZkParameterSet.Small, OkxCoins);
        Assert.All(batches, b => Assert.True(
            LiabilitiesTraceBuilder.RequiredRows(counts[b], 256, OkxCoins) <= ZkParameterSet.Small.TraceLength - ZkParameterSet.Small.Options.RandomRows));
        Assert.Equal(27, batches.Count);
    }

    [Fact]
    public void Choose_OneAccountTooLarge_NamesThatAccount()
    {
        // Fits the assets, but account 2 alone needs more rows than a batch of the only candidate has.
        ZkPlanningException e = Assert.Throws<ZkPlanningException>(() => ZkBatchPlanner.ChooseParameterSet([3, 5, 9000, 9000, 1], 22, [ZkParameterSet.Small]));
        Assert.Equal(ZkPlanningFailure.AccountTooLarge, e.Reason);
        Assert.Equal(2, e.AccountIndex);
        Assert.Contains("account 2 has 9000 holdings", e.Message, StringComparison.Ordinal);

        // Over the whole ladder: an account with more holdings than the roomiest batch (n14-r20) takes.
        e = Assert.Throws<ZkPlanningException>(() => ZkBatchPlanner.ChooseParameterSet([1, 4_000_000], 22));
        Assert.Equal(ZkPlanningFailure.AccountTooLarge, e.Reason);
        Assert.Equal(1, e.AccountIndex);
    }

    [Fact]
    public void Choose_TenMillionAccounts_WithinSixteenGiB_TakesTheLargestSetThatFits()
    {
        int[] counts = [.. Enumerable.Repeat(1, 10_000_000)];
        const long Limit = 16L << 30;
        ZkParameterSet chosen = ZkBatchPlanner.ChooseParameterSet(counts, 22, Limit);
        Assert.Equal("pol-v1-n17", chosen.Id);
        Assert.True(ZkBatchPlanner.EstimatedPeakBytes(chosen) <= Limit);

        // pol-v1-n18 is what an unlimited planner takes, and its estimate is above the limit: the limit decided.
        Assert.Same(ZkParameterSet.Production, ZkBatchPlanner.ChooseParameterSet(counts, 22, long.MaxValue));
        Assert.True(ZkBatchPlanner.EstimatedPeakBytes(ZkParameterSet.Production) > Limit);
    }

    [Fact]
    public void EstimatedPeak_IsAboveEveryMeasuredPeak()
    {
        // Peaks measured in docs/benchmarks.md (zk-prove per set, and the worst CLI round for pol-v1-n18).
        (string Set, long Bytes)[] measured =
        [
            ("pol-v1-n10", 146L << 20), ("pol-v1-n11", 211L << 20), ("pol-v1-n12", 355L << 20), ("pol-v1-n13", 626L << 20),
            ("pol-v1-n10-r16", 1101L << 20), ("pol-v1-n14", 1210L << 20), ("pol-v1-n11-r17", 1862L << 20), ("pol-v1-n15", 1848L << 20),
            ("pol-v1-n12-r18", 3796L << 20), ("pol-v1-n16", 3724L << 20), ("pol-v1-n18", 21_022_552L << 10),
        ];
        foreach ((string id, long bytes) in measured)
        {
            Assert.True(ZkBatchPlanner.EstimatedPeakBytes(ZkParameterSet.Find(id)!) >= bytes, id);
        }
    }

    [Fact]
    public void Choose_MemoryLimitBelowEverySet_NamesTheLimit()
    {
        ZkPlanningException e = Assert.Throws<ZkPlanningException>(() => ZkBatchPlanner.ChooseParameterSet([1, 2, 3], 3, 1L << 20));
        Assert.Equal(ZkPlanningFailure.NotEnoughMemory, e.Reason);
        Assert.Contains("memory limit", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_AccountThatOnlyALargerSetHolds_BlamesTheLimit_NotTheAccount()
    {
        // 9,000 holdings need 4,500 rows: more than any 2^12-row set holds, fine for a larger set.
        long limit = ZkBatchPlanner.EstimatedPeakBytes(ZkParameterSet.Find("pol-v1-n10")!);
        ZkPlanningException e = Assert.Throws<ZkPlanningException>(() => ZkBatchPlanner.ChooseParameterSet([1, 9000], 3, limit));
        Assert.Equal(ZkPlanningFailure.NotEnoughMemory, e.Reason);
        Assert.Contains("would fit", e.Message, StringComparison.Ordinal);

        // Without the limit the same round plans.
        Assert.NotNull(ZkBatchPlanner.ChooseParameterSet([1, 9000], 3, long.MaxValue));
    }

    [Fact]
    public void DefaultMemoryLimit_IsThreeQuartersOfWhatTheProcessMayUse()
    {
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        Assert.Equal(available / 4 * 3, ZkBatchPlanner.DefaultMemoryLimit());
    }

    private static int ByRung(string a, string b) => int.Parse(a["pol-v1-n".Length..], System.Globalization.CultureInfo.InvariantCulture)
        .CompareTo(int.Parse(b["pol-v1-n".Length..], System.Globalization.CultureInfo.InvariantCulture));
}
