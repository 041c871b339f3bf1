// SPDX-License-Identifier: Apache-2.0

using Por.Common;

namespace Por.Cli.Infrastructure;

/// <summary>
/// Chooses which updates become plain lines (and log events): the first update of every stage, a stage's completing
/// update (done = total), the last update of a stage that is left (when it was not shown yet), and otherwise at most
/// one update per <c>interval</c> or per tenth of the total. Stage messages are never dropped, however many updates
/// arrive. Not thread-safe: callers serialise.
/// </summary>
internal sealed class ProgressThrottle(TimeSpan interval)
{
    private readonly StageTracker _tracker = new();
    private StageSnapshot? _pending;
    private TimeSpan _lastEmit;
    private long _lastEmittedDone;
    private bool _completeEmitted;

    /// <summary>Offers an update.</summary>
    /// <param name="progress">The update.</param>
    /// <param name="now">The clock's time.</param>
    /// <returns>The snapshots to show now, oldest first (none, one, or the left stage's last and this one).</returns>
    public IReadOnlyList<StageSnapshot> Offer(WorkProgress progress, TimeSpan now)
    {
        var (snapshot, _, started) = _tracker.Observe(progress, now);
        if (started)
        {
            var shown = new List<StageSnapshot>(2);
            if (_pending is { } left)
            {
                shown.Add(left);
            }

            _completeEmitted = false;
            shown.Add(Emit(snapshot, now));
            return shown;
        }

        var due = (snapshot.IsComplete && !_completeEmitted) || now - _lastEmit >= interval || CrossesTenth(_lastEmittedDone, progress.Done, progress.Total);
        if (due)
        {
            return [Emit(snapshot, now)];
        }

        _pending = snapshot;
        return [];
    }

    /// <summary>The current stage's last update when it was not shown yet (call when the work ends).</summary>
    /// <returns>Zero or one snapshot.</returns>
    public IReadOnlyList<StageSnapshot> Flush()
    {
        if (_pending is not { } pending)
        {
            return [];
        }

        _pending = null;
        return [pending];
    }

    private static bool CrossesTenth(long before, long after, long total) =>
        total > 0 && after > before && Tenth(after, total) > Tenth(before, total);

    private static long Tenth(long done, long total) => done >= total ? 10 : (long)(10 * ((double)done / total));

    private StageSnapshot Emit(StageSnapshot snapshot, TimeSpan now)
    {
        _pending = null;
        _lastEmit = now;
        _lastEmittedDone = snapshot.Progress.Done;
        _completeEmitted |= snapshot.IsComplete;
        return snapshot;
    }
}
