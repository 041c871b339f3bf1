// SPDX-License-Identifier: Apache-2.0

using Por.Reserves.Registry;
using Por.Reserves.Window;

namespace Por.Reserves.Tests.Window;

/// <summary>The sample heights, worked by hand from the rule H ∓ ⌈k·L/n⌉, k = 1..n.</summary>
public sealed class WindowScheduleTests
{
    [Fact]
    public void Schedule_EvenSpacing_OuterEndsIncludedSnapshotExcluded()
    {
        var policy = new WindowPolicy(100, 50, 4, 1_000);
        // Before: ⌈k·100/4⌉ = 25, 50, 75, 100. After: ⌈k·50/4⌉ = ⌈12.5⌉, 25, ⌈37.5⌉, 50 = 13, 25, 38, 50.
        Assert.Equal([900L, 925, 950, 975], WindowSchedule.Before(1_000, policy));
        Assert.Equal([1_013L, 1_025, 1_038, 1_050], WindowSchedule.After(1_000, policy));
    }

    [Fact]
    public void Schedule_MoreSamplesThanBlocks_EachHeightOnce()
    {
        // ⌈k·3/10⌉ for k = 1..10 is 1,1,1,2,2,2,3,3,3,3: three distinct heights.
        var policy = new WindowPolicy(3, 2, 10, 1_000);
        Assert.Equal([97L, 98, 99], WindowSchedule.Before(100, policy));
        Assert.Equal([101L, 102], WindowSchedule.After(100, policy));
    }

    [Fact]
    public void Schedule_WindowReachingBelowGenesis_NoNegativeHeights()
    {
        // The registry parser rejects such a window; the schedule still never yields a height below 0.
        var policy = new WindowPolicy(5, 1, 5, 1_000);
        Assert.Equal([0L, 1], WindowSchedule.Before(2, policy));
        Assert.Equal([0L, 1, 2, 3, 4], WindowSchedule.Before(5, policy));
    }

    [Fact]
    public void Schedule_OneSampleEachSide_OnlyTheEnds()
    {
        var policy = new WindowPolicy(7 * 7_200, 7 * 7_200, 1, 1_000);
        Assert.Equal([19_000_000L - 50_400], WindowSchedule.Before(19_000_000, policy));
        Assert.Equal([19_000_000L + 50_400], WindowSchedule.After(19_000_000, policy));
    }
}
