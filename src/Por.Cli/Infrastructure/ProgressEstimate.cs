// SPDX-License-Identifier: Apache-2.0

namespace Por.Cli.Infrastructure;

/// <summary>Rate and ETA of a stage, from the units done since the stage's first update (not from earlier stages).</summary>
internal static class ProgressEstimate
{
    /// <summary>Units per second since the stage started, or null when no time has passed or nothing was done.</summary>
    /// <param name="doneAtStart">Units done at the stage's first update.</param>
    /// <param name="done">Units done now.</param>
    /// <param name="elapsed">Time since the stage's first update.</param>
    /// <returns>The rate or null.</returns>
    public static double? Rate(long doneAtStart, long done, TimeSpan elapsed) =>
        elapsed <= TimeSpan.Zero || done <= doneAtStart ? null : (done - doneAtStart) / elapsed.TotalSeconds;

    /// <summary>Time left at <paramref name="rate"/>: zero when done, null without a total (0) or a rate.</summary>
    /// <param name="done">Units done.</param>
    /// <param name="total">Units in all, 0 when unknown.</param>
    /// <param name="rate">Units per second or null.</param>
    /// <returns>The ETA or null.</returns>
    public static TimeSpan? Eta(long done, long total, double? rate)
    {
        if (total <= 0)
        {
            return null;
        }

        if (done >= total)
        {
            return TimeSpan.Zero;
        }

        if (rate is not { } perSecond || perSecond <= 0)
        {
            return null;
        }

        var seconds = (total - done) / perSecond;
        return seconds >= TimeSpan.MaxValue.TotalSeconds / 2 ? TimeSpan.MaxValue : TimeSpan.FromSeconds(Math.Ceiling(seconds));
    }
}
