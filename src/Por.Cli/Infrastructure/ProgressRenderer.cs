// SPDX-License-Identifier: Apache-2.0

using Por.Common;

namespace Por.Cli.Infrastructure;

/// <summary>
/// Renders <see cref="WorkProgress"/> on stderr (docs/cli.md, "Progress and logs"). <see cref="ProgressMode.Live"/>: one
/// status line redrawn in place with <c>\r</c> (at most every 100 ms, and at once for a new stage or a completing
/// update), cut to the terminal's width so that it never wraps; a stage that is left stays as a permanent line.
/// <see cref="ProgressMode.Plain"/>: whole lines chosen by <see cref="ProgressThrottle"/> (every stage's first and last
/// update, otherwise one line every 5 s or per tenth). Thread-safe: library code may report from worker threads.
/// A failing stderr (closed pipe) turns the renderer off rather than failing the command.
/// </summary>
internal sealed class ProgressRenderer : IProgress<WorkProgress>
{
    /// <summary>Plain mode: the longest gap between two lines of one stage while updates arrive.</summary>
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    /// <summary>Live mode: the shortest gap between two redraws of the status line.</summary>
    public static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(100);

    private readonly Lock _lock = new();
    private readonly TextWriter _error;
    private readonly TimeProvider _clock;
    private readonly Func<int> _width;
    private readonly long _start;
    private readonly StageTracker _tracker = new();
    private ProgressThrottle _throttle = new(PlainInterval);
    private bool _lineShown;
    private bool _broken;
    private TimeSpan _lastDraw;

    /// <summary>Creates a renderer.</summary>
    /// <param name="error">stderr.</param>
    /// <param name="mode">How to render.</param>
    /// <param name="clock">The clock (a fake one in tests).</param>
    /// <param name="width">The terminal's current width in columns (read at every redraw; live mode only).</param>
    public ProgressRenderer(TextWriter error, ProgressMode mode, TimeProvider clock, Func<int> width)
    {
        _error = error;
        Mode = mode;
        _clock = clock;
        _width = width;
        _start = clock.GetTimestamp();
    }

    /// <summary>How this renderer writes.</summary>
    public ProgressMode Mode { get; }

    /// <inheritdoc/>
    public void Report(WorkProgress value)
    {
        if (Mode == ProgressMode.Silent)
        {
            return;
        }

        lock (_lock)
        {
            var now = _clock.GetElapsedTime(_start);
            if (Mode == ProgressMode.Plain)
            {
                foreach (var snapshot in _throttle.Offer(value, now))
                {
                    Write(ProgressFormat.Running(snapshot) + Environment.NewLine);
                }

                return;
            }

            var (current, left, started) = _tracker.Observe(value, now);
            var width = Width();
            if (left is { } finished)
            {
                Write("\r" + ProgressFormat.Fit(ProgressFormat.Finished(finished), width) + Environment.NewLine);
                _lineShown = false;
            }

            if (started || current.IsComplete || !_lineShown || now - _lastDraw >= RedrawInterval)
            {
                Write("\r" + ProgressFormat.Fit(ProgressFormat.Running(current), width));
                _lineShown = true;
                _lastDraw = now;
            }
        }
    }

    /// <summary>Live mode: ends the status line before other output (a result, an error) so that they never share a line:
    /// the current stage stays as a permanent line, and the next update starts a fresh one.</summary>
    public void EndLine()
    {
        lock (_lock)
        {
            if (Mode == ProgressMode.Live)
            {
                FinishLive();
            }
        }
    }

    /// <summary>Ends the work: live mode leaves the current stage as a permanent line, plain mode prints the current stage's
    /// last update when it was not shown yet. Later updates start afresh.</summary>
    public void Complete()
    {
        lock (_lock)
        {
            if (Mode == ProgressMode.Live)
            {
                FinishLive();
            }
            else if (Mode == ProgressMode.Plain)
            {
                foreach (var snapshot in _throttle.Flush())
                {
                    Write(ProgressFormat.Running(snapshot) + Environment.NewLine);
                }

                _throttle = new ProgressThrottle(PlainInterval);
            }
        }
    }

    private void FinishLive()
    {
        if (_tracker.End(_clock.GetElapsedTime(_start)) is { } current)
        {
            Write("\r" + ProgressFormat.Fit(ProgressFormat.Finished(current), Width()) + Environment.NewLine);
        }

        _lineShown = false;
    }

    private int Width()
    {
        try
        {
            var width = _width();
            return width > 0 ? width : 80;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or PlatformNotSupportedException)
        {
            return 80;
        }
    }

    private void Write(string text)
    {
        if (_broken)
        {
            return;
        }

        try
        {
            _error.Write(text);
            _error.Flush();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // Progress is a courtesy: a closed stderr must not fail the command.
            _broken = true;
        }
    }
}
