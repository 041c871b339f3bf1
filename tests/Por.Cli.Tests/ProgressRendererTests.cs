// SPDX-License-Identifier: Apache-2.0

using Por.Cli.Infrastructure;
using Por.Common;

namespace Por.Cli.Tests;

/// <summary>The stderr progress renderer: plain lines never drop a stage message, live mode redraws one line in place and
/// never wraps, finished stages stay.</summary>
public sealed class ProgressRendererTests
{
    private static readonly string[] s_stages = ["reading snapshot", "sorting accounts", "proving batches", "writing manifest"];

    [Fact]
    public void Plain_FloodOfUpdatesInOneInstant_KeepsEveryStageMessageAndEveryStagesLastUpdate()
    {
        var clock = new ProgressFakeClock();
        var error = new StringWriter();
        var renderer = new ProgressRenderer(error, ProgressMode.Plain, clock, () => 80);
        var total = 0;
        for (var round = 0; round < 3; round++)
        {
            foreach (var stage in s_stages)
            {
                for (var done = 0; done <= 10_000; done++)
                {
                    renderer.Report(new WorkProgress(stage, done, stage == "sorting accounts" ? 0 : 10_000, $"unit {done}"));
                    total++;
                }
            }
        }

        renderer.Complete();
        var lines = error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(120_012, total);
        Assert.True(lines.Length <= 105, $"{lines.Length} lines for a flood: not throttled");

        // Every stage start (3 rounds × 4 stages) and every stage's end is shown, in order.
        var starts = lines.Where(l => l.Contains(" (0%)", StringComparison.Ordinal) || l.StartsWith("sorting accounts |", StringComparison.Ordinal)).ToList();
        Assert.Equal(12, starts.Count);
        Assert.Equal(9, lines.Count(l => l.StartsWith("reading snapshot: 10,000 / 10,000 (100%)", StringComparison.Ordinal) || l.StartsWith("proving batches: 10,000 / 10,000 (100%)", StringComparison.Ordinal) || l.StartsWith("writing manifest: 10,000 / 10,000 (100%)", StringComparison.Ordinal)));
        Assert.Equal(3, lines.Count(l => l.StartsWith("sorting accounts: 10,000 |", StringComparison.Ordinal)));
        Assert.EndsWith("writing manifest: 10,000 / 10,000 (100%) | elapsed 0:00 | unit 10000", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_InterleavedStages_PrintEachSwitchAndTheLeftStagesLastCount()
    {
        var error = new StringWriter();
        var renderer = new ProgressRenderer(error, ProgressMode.Plain, new ProgressFakeClock(), () => 80);
        renderer.Report(new WorkProgress("node reads", 0, 0, "eth: eth_chainId"));
        renderer.Report(new WorkProgress("node reads", 1, 0, "eth: eth_chainId"));
        renderer.Report(new WorkProgress("checking ownership", 0, 2));
        renderer.Report(new WorkProgress("node reads", 1, 0, "eth: eth_getBalance ×2"));
        renderer.Report(new WorkProgress("node reads", 2, 0, "eth: eth_getBalance ×2"));
        renderer.Complete();

        Assert.Equal(
            [
                "node reads | elapsed 0:00 | eth: eth_chainId",
                "node reads: 1 | elapsed 0:00 | eth: eth_chainId",
                "checking ownership: 0 / 2 (0%) | elapsed 0:00",
                "node reads: 1 | elapsed 0:00 | eth: eth_getBalance ×2",
                "node reads: 2 | elapsed 0:00 | eth: eth_getBalance ×2",
            ],
            error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Plain_SlowStage_PrintsAtMostOneLineEveryFiveSecondsOrTenth_WithRateAndEta()
    {
        var clock = new ProgressFakeClock();
        var error = new StringWriter();
        var renderer = new ProgressRenderer(error, ProgressMode.Plain, clock, () => 80);
        renderer.Report(new WorkProgress("proving batches", 0, 1000));
        for (var done = 1; done <= 30; done++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            renderer.Report(new WorkProgress("proving batches", done, 1000, $"batch {done}: FRI"));
        }

        var lines = error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(7, lines.Length); // the start and one line per 5 s of the 30 s
        Assert.Equal("proving batches: 5 / 1,000 (0%) | 1.00/s | elapsed 0:05 | ETA 16:35 | batch 5: FRI", lines[1]);
        Assert.Equal("proving batches: 30 / 1,000 (3%) | 1.00/s | elapsed 0:30 | ETA 16:10 | batch 30: FRI", lines[^1]);
    }

    [Fact]
    public void Live_RedrawsOneLineInPlace_AndLeavesFinishedStagesAsPermanentLines()
    {
        var clock = new ProgressFakeClock();
        var terminal = new ProgressFakeTerminal(60);
        var renderer = new ProgressRenderer(terminal, ProgressMode.Live, clock, () => terminal.Width);
        renderer.Report(new WorkProgress("building tree", 0, 100));
        for (var done = 1; done <= 100; done++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(200));
            renderer.Report(new WorkProgress("building tree", done, 100));
        }

        Assert.Single(terminal.Rows); // redrawn in place: no newline while the stage runs
        Assert.Equal("building tree: 100 / 100 (100%) | elapsed 0:20", terminal.Rows[0]);
        renderer.Report(new WorkProgress("writing manifest", 0, 0));
        clock.Advance(TimeSpan.FromSeconds(2));
        renderer.Complete();

        Assert.Equal(["building tree: 100 / 100 (100%) | took 0:20", "writing manifest | took 0:02", string.Empty], terminal.Rows);
        Assert.Equal(0, terminal.Wraps);
        Assert.Equal(104, terminal.Raw.ToString().Count(c => c == '\r')); // 101 draws of the first stage (≥ 100 ms apart), its permanent line, one draw and the permanent line of the second
    }

    [Fact]
    public void Live_FloodInOneInstant_RedrawsOnlyForNewStagesAndCompletion()
    {
        var terminal = new ProgressFakeTerminal(80);
        var renderer = new ProgressRenderer(terminal, ProgressMode.Live, new ProgressFakeClock(), () => terminal.Width);
        for (var done = 0; done <= 100_000; done++)
        {
            renderer.Report(new WorkProgress("reading snapshot", done, 100_000));
        }

        // The first update and the completing one; the 99,999 in between come within 100 ms of a draw.
        Assert.Equal(2, terminal.Raw.ToString().Count(c => c == '\r'));
        Assert.Equal("reading snapshot: 100,000 / 100,000 (100%) | elapsed 0:00", terminal.Rows[^1]);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(40)]
    [InlineData(132)]
    public void Live_CutsToTheTerminalWidth_NeverWraps(int width)
    {
        var clock = new ProgressFakeClock();
        var terminal = new ProgressFakeTerminal(width);
        var renderer = new ProgressRenderer(terminal, ProgressMode.Live, clock, () => terminal.Width);
        var detail = "batch 3: committing the trace of 262,144 accounts over 156 assets with a very long phase description";
        for (var done = 0; done <= 10; done++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            renderer.Report(new WorkProgress("proving batches", done, 10, detail));
        }

        renderer.Report(new WorkProgress("writing manifest", 0, 0, detail));
        renderer.Complete();

        Assert.Equal(0, terminal.Wraps);
        Assert.All(terminal.Raw.ToString().Split('\r', '\n'), segment => Assert.True(segment.Length <= width - 1, $"'{segment}' is {segment.Length} columns at width {width}"));
        if (width < 100)
        {
            Assert.EndsWith("…", terminal.Rows[0], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Live_ReadsTheWidthAtEveryRedraw()
    {
        var clock = new ProgressFakeClock();
        var width = 100;
        var terminal = new ProgressFakeTerminal(100);
        var renderer = new ProgressRenderer(terminal, ProgressMode.Live, clock, () => width);
        renderer.Report(new WorkProgress("proving batches", 0, 10, "batch 0: FRI"));
        width = 20;
        clock.Advance(TimeSpan.FromSeconds(1));
        renderer.Report(new WorkProgress("proving batches", 1, 10, "batch 1: FRI"));
        Assert.EndsWith("\rproving batches: 1…", terminal.Raw.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Live_OutputThroughTheContextEndsTheStatusLineFirst()
    {
        var terminal = new ProgressFakeTerminal(60);
        using var context = new CliContext(terminal, terminal, json: false, ProgressMode.Live, new ProgressFakeClock(), () => terminal.Width, null);
        context.Progress().Report(new WorkProgress("building tree", 5, 10));
        context.Out.WriteLine("Built round 'r'");

        Assert.Equal(["building tree: 5 / 10 (50%) | stopped after 0:00", "Built round 'r'", string.Empty], terminal.Rows);
        Assert.Equal(0, terminal.Wraps);
    }

    [Fact]
    public void Silent_WritesNothing()
    {
        var error = new StringWriter();
        var renderer = new ProgressRenderer(error, ProgressMode.Silent, new ProgressFakeClock(), () => 80);
        renderer.Report(new WorkProgress("building tree", 5, 10));
        renderer.Complete();
        Assert.Empty(error.ToString());
    }

    [Fact]
    public void ParallelReports_AreSerialised()
    {
        var error = new StringWriter();
        var renderer = new ProgressRenderer(error, ProgressMode.Plain, new ProgressFakeClock(), () => 80);
        Parallel.For(0, 10_000, i => renderer.Report(new WorkProgress("stage " + (i % 7).ToString(System.Globalization.CultureInfo.InvariantCulture), i, 10_000)));
        renderer.Complete();
        Assert.All(error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries), l => Assert.StartsWith("stage ", l, StringComparison.Ordinal));
    }
}
