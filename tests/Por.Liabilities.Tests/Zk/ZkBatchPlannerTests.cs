// SPDX-License-Identifier: Apache-2.0

using Por.Liabilities.Zk;

namespace Por.Liabilities.Tests.Zk;

public sealed class ZkBatchPlannerTests
{
    private static readonly ZkParameterSet s_set = ZkParameterSet.Small;

    private static int RealRows => s_set.TraceLength - s_set.Options.RandomRows;

    [Fact]
    public void Plan_SmallAccounts_SplitsByAccountCount()
    {
        IReadOnlyList<Range> batches = ZkBatchPlanner.Plan([.. Enumerable.Repeat(1, 600)], s_set, 22);
        Assert.Equal([new Range(0, 256), new Range(256, 512), new Range(512, 600)], batches);
    }

    [Theory]
    [InlineData(80, 80, true)]
    [InlineData(7, 22, false)]
    [InlineData(13, 200, false)]
    public void Plan_ManyHoldings_EveryBatchFitsItsRowsAndIsMaximal(int holdings, int assets, bool rowsBind)
    {
        int[] counts = [.. Enumerable.Range(0, 1500).Select(i => 1 + (i * 7919 % holdings))];
        IReadOnlyList<Range> batches = ZkBatchPlanner.Plan(counts, s_set, assets);
        int expectedStart = 0;
        foreach (Range batch in batches)
        {
            (int offset, int length) = batch.GetOffsetAndLength(counts.Length);
            Assert.Equal(expectedStart, offset);
            Assert.InRange(length, 1, s_set.AccountsPerBatch);
            Assert.True(LiabilitiesTraceBuilder.RequiredRows(counts[batch], s_set.AccountsPerBatch, assets) <= RealRows);
            int end = offset + length;
            if (end < counts.Length && length < s_set.AccountsPerBatch)
            {
                // Greedy: the next account would not have fitted.
                Assert.True(LiabilitiesTraceBuilder.RequiredRows(counts[offset..(end + 1)], s_set.AccountsPerBatch, assets) > RealRows);
            }

            expectedStart = end;
        }

        Assert.Equal(counts.Length, expectedStart);
        int byCount = (1500 + s_set.AccountsPerBatch - 1) / s_set.AccountsPerBatch;
        Assert.Equal(rowsBind, batches.Count > byCount);
    }

    [Fact]
    public void Plan_AccountLargerThanABatch_Rejected()
    {
        ZkPlanningException e = Assert.Throws<ZkPlanningException>(() => ZkBatchPlanner.Plan([1, 9000], s_set, 22));
        Assert.Equal(ZkPlanningFailure.AccountTooLarge, e.Reason);
        Assert.Equal(1, e.AccountIndex);
        Assert.Contains("account 1 has 9000 holdings", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_NoAccounts_Rejected() =>
        Assert.Equal(ZkPlanningFailure.NoAccounts, Assert.Throws<ZkPlanningException>(() => ZkBatchPlanner.Plan([], s_set, 22)).Reason);
}
