// SPDX-License-Identifier: Apache-2.0

using Por.Common;

namespace Por.Cli.Infrastructure;

/// <summary>
/// Follows stages as updates arrive: a stage is its text; a different text starts (or resumes) another stage, and the
/// same text starts a fresh run when its total changes or its count is 0 again (after progress, or when the text comes
/// back after another stage). Each stage keeps its own start
/// time and count, so interleaved stages ("node reads" between row stages) keep their own rate. Not thread-safe: the
/// renderer serialises calls.
/// </summary>
internal sealed class StageTracker
{
    private readonly Dictionary<string, StageRun> _runs = new(StringComparer.Ordinal);
    private StageRun? _current;

    /// <summary>The last snapshot of the current stage, or null before any update.</summary>
    public StageSnapshot? Current => _current?.Last;

    /// <summary>Records <paramref name="progress"/> at <paramref name="now"/>.</summary>
    /// <param name="progress">The update.</param>
    /// <param name="now">The clock's time.</param>
    /// <returns>The update's snapshot; the previous stage's last snapshot (timed up to now) when this update left it;
    /// whether this update starts a stage (a new text or a fresh run of a text).</returns>
    public (StageSnapshot Snapshot, StageSnapshot? Left, bool Started) Observe(WorkProgress progress, TimeSpan now)
    {
        var started = false;
        StageSnapshot? left = null;
        if (!_runs.TryGetValue(progress.Stage, out var run) || run.Total != progress.Total
            || (progress.Done == 0 && (run.LastDone > 0 || !ReferenceEquals(run, _current))))
        {
            run = new StageRun(progress.Total, progress.Done, now);
            _runs[progress.Stage] = run;
            started = true;
        }

        if (!ReferenceEquals(run, _current))
        {
            left = _current is { } previous ? previous.Last with { Elapsed = now - previous.StartedAt } : null;
            started = true;
            _current = run;
        }

        var elapsed = now - run.StartedAt;
        var rate = ProgressEstimate.Rate(run.DoneAtStart, progress.Done, elapsed);
        var snapshot = new StageSnapshot(progress, elapsed, rate, ProgressEstimate.Eta(progress.Done, progress.Total, rate));
        run.LastDone = progress.Done;
        run.Last = snapshot;
        return (snapshot, left, started);
    }

    /// <summary>Ends the current stage: its last snapshot with the time up to <paramref name="now"/>, or null when there
    /// is none. Every later update starts a fresh stage.</summary>
    /// <param name="now">The clock's time.</param>
    /// <returns>The snapshot or null.</returns>
    public StageSnapshot? End(TimeSpan now)
    {
        if (_current is not { } current)
        {
            return null;
        }

        _runs.Clear();
        _current = null;
        return current.Last with { Elapsed = now - current.StartedAt };
    }

    private sealed class StageRun(long total, long doneAtStart, TimeSpan startedAt)
    {
        public long Total { get; } = total;

        public long DoneAtStart { get; } = doneAtStart;

        public TimeSpan StartedAt { get; } = startedAt;

        public long LastDone { get; set; } = doneAtStart;

        public StageSnapshot Last { get; set; }
    }
}
