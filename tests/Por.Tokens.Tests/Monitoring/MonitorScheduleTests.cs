// SPDX-License-Identifier: Apache-2.0

using Por.Tokens.Monitoring;

namespace Por.Tokens.Tests.Monitoring;

public sealed class MonitorScheduleTests
{
    [Fact]
    public void Slots_AreAligned_AndKeysRoundTrip()
    {
        var blocks = new MonitorSchedule(ScheduleKind.Blocks, 10);
        Assert.Equal("b:120", blocks.SlotAtHeight(129).Key);
        Assert.Equal("b:130", blocks.SlotAtHeight(130).Key);
        var seconds = new MonitorSchedule(ScheduleKind.Seconds, 600);
        Assert.Equal("t:1796000400", seconds.SlotAtTime(DateTimeOffset.FromUnixTimeSeconds(1_796_000_999)).Key);
        Assert.True(MonitorSlot.TryParse("b:120", out var slot));
        Assert.Equal(new MonitorSlot(ScheduleKind.Blocks, 120), slot);
        Assert.False(MonitorSlot.TryParse("x:1", out _));
        Assert.False(MonitorSlot.TryParse("b:-1", out _));
        Assert.False(MonitorSlot.TryParse("b:", out _));
    }

    [Fact]
    public void Skipped_CountsTheSlotsInBetween()
    {
        var s = new MonitorSchedule(ScheduleKind.Blocks, 10);
        Assert.Equal(0, s.Skipped(new MonitorSlot(ScheduleKind.Blocks, 120), new MonitorSlot(ScheduleKind.Blocks, 130)));
        Assert.Equal(3, s.Skipped(new MonitorSlot(ScheduleKind.Blocks, 120), new MonitorSlot(ScheduleKind.Blocks, 160)));

        // A previous run with N = 7 stored b:126; with N = 10 the next slots are 130, 140, 150 before 160.
        Assert.Equal(3, s.Skipped(new MonitorSlot(ScheduleKind.Blocks, 126), new MonitorSlot(ScheduleKind.Blocks, 160)));
        Assert.Equal(0, s.Skipped(new MonitorSlot(ScheduleKind.Seconds, 0), new MonitorSlot(ScheduleKind.Blocks, 160)));
    }
}
