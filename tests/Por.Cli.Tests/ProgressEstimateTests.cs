// SPDX-License-Identifier: Apache-2.0

using Por.Cli.Infrastructure;
using Por.Common;

namespace Por.Cli.Tests;

/// <summary>Rate and ETA arithmetic, the stage tracker, the time format and the choice of progress mode.</summary>
public sealed class ProgressEstimateTests
{
    [Fact]
    public void Rate_CountsOnlyUnitsDoneSinceTheStageStarted()
    {
        Assert.Equal(5.0, ProgressEstimate.Rate(doneAtStart: 50, done: 100, TimeSpan.FromSeconds(10)));
        Assert.Null(ProgressEstimate.Rate(50, 50, TimeSpan.FromSeconds(10)));
        Assert.Null(ProgressEstimate.Rate(0, 10, TimeSpan.Zero));
    }

    [Fact]
    public void Eta_IsUnitsLeftOverRate_ZeroWhenDone_NoneWithoutTotalOrRate()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), ProgressEstimate.Eta(50, 100, 5.0));
        Assert.Equal(TimeSpan.FromSeconds(4), ProgressEstimate.Eta(90, 100, 3.0)); // 3.33 s rounds up
        Assert.Equal(TimeSpan.Zero, ProgressEstimate.Eta(100, 100, null));
        Assert.Null(ProgressEstimate.Eta(50, 0, 5.0));
        Assert.Null(ProgressEstimate.Eta(50, 100, null));
        Assert.Equal(TimeSpan.MaxValue, ProgressEstimate.Eta(0, long.MaxValue, 1e-300));
    }

    [Fact]
    public void Tracker_EtaComesFromTheCurrentStagesRate_NotFromEarlierStages()
    {
        var tracker = new StageTracker();
        tracker.Observe(new WorkProgress("reading snapshot", 0, 1000), TimeSpan.Zero);
        tracker.Observe(new WorkProgress("reading snapshot", 1000, 1000), TimeSpan.FromSeconds(1000)); // 1 unit/s
        var start = tracker.Observe(new WorkProgress("proving batches", 0, 100), TimeSpan.FromSeconds(1000));
        Assert.True(start.Started);
        Assert.Equal(TimeSpan.FromSeconds(1000), start.Left!.Value.Elapsed);
        Assert.Null(start.Snapshot.Eta);

        var later = tracker.Observe(new WorkProgress("proving batches", 10, 100), TimeSpan.FromSeconds(1020)); // 0.5 batch/s
        Assert.False(later.Started);
        Assert.Equal(0.5, later.Snapshot.Rate);
        Assert.Equal(TimeSpan.FromSeconds(180), later.Snapshot.Eta);
        Assert.Equal(TimeSpan.FromSeconds(20), later.Snapshot.Elapsed);
    }

    [Fact]
    public void Tracker_ResumedStageKeepsItsRun_ButZeroOrANewTotalStartsAFreshOne()
    {
        var tracker = new StageTracker();
        tracker.Observe(new WorkProgress("node reads", 0, 0), TimeSpan.Zero);
        tracker.Observe(new WorkProgress("node reads", 4, 0), TimeSpan.FromSeconds(2));
        tracker.Observe(new WorkProgress("checking ownership", 0, 3), TimeSpan.FromSeconds(2));
        var resumed = tracker.Observe(new WorkProgress("node reads", 4, 0), TimeSpan.FromSeconds(4));
        Assert.True(resumed.Started);
        Assert.Equal(TimeSpan.FromSeconds(4), resumed.Snapshot.Elapsed);
        Assert.Equal(1.0, resumed.Snapshot.Rate);

        tracker.Observe(new WorkProgress("checking ownership", 3, 3), TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.Zero, tracker.Observe(new WorkProgress("node reads", 0, 0), TimeSpan.FromSeconds(6)).Snapshot.Elapsed);
        Assert.Equal(TimeSpan.Zero, tracker.Observe(new WorkProgress("node reads", 2, 9), TimeSpan.FromSeconds(7)).Snapshot.Elapsed);
    }

    [Theory]
    [InlineData(0, "0:00")]
    [InlineData(59.9, "0:59")]
    [InlineData(61, "1:01")]
    [InlineData(3600, "1:00:00")]
    [InlineData(90061, "25:01:01")]
    [InlineData(3600 * 1000, ">999h")]
    public void Duration_IsMinutesSecondsOrHours(double seconds, string text) =>
        Assert.Equal(text, ProgressFormat.Duration(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(0, 10, 0)]
    [InlineData(1, 3, 33)]
    [InlineData(999, 1000, 99)]
    [InlineData(1000, 1000, 100)]
    [InlineData(1200, 1000, 100)]
    public void Percent_IsFlooredAndCapped(long done, long total, int percent) =>
        Assert.Equal(percent, ProgressFormat.Percent(done, total));

    [Theory]
    [InlineData(false, false, null, true, "Live")]
    [InlineData(false, false, "", true, "Live")]
    [InlineData(false, false, "1", true, "Plain")]
    [InlineData(true, false, null, true, "Plain")]
    [InlineData(false, false, null, false, "Plain")]
    [InlineData(false, true, null, true, "Silent")]
    [InlineData(true, true, "1", false, "Silent")]
    public void Mode_IsLiveOnlyOnATerminalWithoutJsonOrNoColor(bool json, bool logJson, string? noColor, bool terminal, string mode) =>
        Assert.Equal(Enum.Parse<ProgressMode>(mode), CliContext.ChooseMode(json, logJson, noColor, terminal));
}
