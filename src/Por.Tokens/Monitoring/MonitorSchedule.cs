// SPDX-License-Identifier: Apache-2.0

namespace Por.Tokens.Monitoring;

/// <summary>
/// When the monitor evaluates: every <paramref name="Every"/> finalized blocks of each token's canonical chain, or every
/// <paramref name="Every"/> seconds. Slots are aligned (height or Unix time divisible by N), so a restarted monitor
/// computes the same slots as the one that stopped.
/// </summary>
/// <param name="Kind">Blocks or seconds.</param>
/// <param name="Every">N (≥ 1).</param>
public sealed record MonitorSchedule(ScheduleKind Kind, long Every)
{
    /// <summary>The slot that contains a finalized height (blocks schedule).</summary>
    /// <param name="finalizedHeight">The canonical chain's finalized height (tip − reorg margin).</param>
    /// <returns>The slot.</returns>
    public MonitorSlot SlotAtHeight(long finalizedHeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(finalizedHeight);
        return new MonitorSlot(ScheduleKind.Blocks, finalizedHeight / Every * Every);
    }

    /// <summary>The slot that contains a UTC time (seconds schedule).</summary>
    /// <param name="now">The time.</param>
    /// <returns>The slot.</returns>
    public MonitorSlot SlotAtTime(DateTimeOffset now)
    {
        var seconds = now.ToUnixTimeSeconds();
        if (seconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(now), "before 1970");
        }

        return new MonitorSlot(ScheduleKind.Seconds, seconds / Every * Every);
    }

    /// <summary>How many slots of this schedule lie strictly between two slots (0 when adjacent or of another kind).</summary>
    /// <param name="last">The last stored slot.</param>
    /// <param name="next">The slot about to be evaluated.</param>
    /// <returns>The number of skipped slots.</returns>
    public long Skipped(MonitorSlot last, MonitorSlot next)
    {
        ArgumentNullException.ThrowIfNull(last);
        ArgumentNullException.ThrowIfNull(next);
        if (last.Kind != Kind || next.Kind != Kind || next.Start <= last.Start)
        {
            return 0;
        }

        // Slots of an earlier run with another N need not be aligned to this N: count this N's slot starts in between.
        var firstAfter = (last.Start / Every + 1) * Every;
        return firstAfter >= next.Start ? 0 : ((next.Start - firstAfter) / Every) + ((next.Start - firstAfter) % Every == 0 ? 0 : 1);
    }

    /// <summary>The text of the schedule (<c>every 10 blocks</c>, <c>every 600 s</c>).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Kind == ScheduleKind.Blocks ? $"every {Every} blocks" : $"every {Every} s";
}
