// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Por.Cli.Infrastructure;
using Por.Common;

namespace Por.Cli.Tests;

/// <summary>Structured logs: one JSON object per line with the documented fields, thinned like plain lines but never
/// losing a stage.</summary>
public sealed class ProgressLogTests
{
    [Fact]
    public void EveryLine_IsOneJsonObjectWithTheDocumentedFields()
    {
        var clock = new ProgressFakeClock();
        var writer = new StringWriter();
        using (var log = new CliLog(writer, ownsWriter: false, "round build", clock))
        {
            log.Started();
            log.Progress(new WorkProgress("proving batches", 0, 10, "batch 0: committing"));
            clock.Advance(TimeSpan.FromSeconds(10));
            log.Progress(new WorkProgress("proving batches", 5, 10, "batch 5: FRI"));
            log.Failed(ExitCodes.InvalidInput, "bad_input");
            log.Finished(ExitCodes.InvalidInput);
        }

        var lines = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        var events = lines.Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        Assert.All(events, e =>
        {
            Assert.True(DateTimeOffset.TryParse(e.GetProperty("Timestamp").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
            Assert.Equal("por", e.GetProperty("Category").GetString());
            Assert.Equal("round build", e.GetProperty("State").GetProperty("command").GetString());
            Assert.False(string.IsNullOrEmpty(e.GetProperty("Message").GetString()));
        });
        Assert.Equal(["command_started", "progress", "progress", "command_failed", "command_finished"], events.Select(e => e.GetProperty("EventId").GetInt32() switch { 1 => "command_started", 2 => "progress", 3 => "command_failed", 4 => "command_finished", _ => "?" }));

        var progress = events[2];
        Assert.Equal("Information", progress.GetProperty("LogLevel").GetString());
        var state = progress.GetProperty("State");
        Assert.Equal("proving batches", state.GetProperty("stage").GetString());
        Assert.Equal(5, state.GetProperty("done").GetInt64());
        Assert.Equal(10, state.GetProperty("total").GetInt64());
        Assert.Equal("batch 5: FRI", state.GetProperty("detail").GetString());
        Assert.Equal(10, state.GetProperty("eta_seconds").GetInt64()); // 5 batches in 10 s, 5 to go
        Assert.Equal(10, state.GetProperty("elapsed_seconds").GetInt64());
        Assert.Equal(JsonValueKind.Null, events[1].GetProperty("State").GetProperty("eta_seconds").ValueKind);

        Assert.Equal("Error", events[3].GetProperty("LogLevel").GetString());
        Assert.Equal(2, events[3].GetProperty("State").GetProperty("exit_code").GetInt32());
        Assert.Equal("bad_input", events[3].GetProperty("State").GetProperty("failure_code").GetString());
        Assert.Equal(2, events[4].GetProperty("State").GetProperty("exit_code").GetInt32());
    }

    [Fact]
    public void Flood_IsThinned_ButEveryStageAndEveryStagesLastUpdateIsLogged()
    {
        var writer = new StringWriter();
        using (var log = new CliLog(writer, ownsWriter: false, "round verify", new ProgressFakeClock()))
        {
            foreach (var stage in new[] { "verifying leaves", "checking files" })
            {
                for (var done = 0; done <= 50_000; done++)
                {
                    log.Progress(new WorkProgress(stage, done, stage == "checking files" ? 0 : 50_000));
                }
            }

            log.Finished(ExitCodes.Ok);
        }

        var states = writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("State").Clone()).Where(s => s.TryGetProperty("stage", out _)).ToList();
        Assert.True(states.Count <= 13, $"{states.Count} progress events");
        Assert.Contains(states, s => s.GetProperty("stage").GetString() == "verifying leaves" && s.GetProperty("done").GetInt64() == 50_000);
        Assert.Contains(states, s => s.GetProperty("stage").GetString() == "checking files" && s.GetProperty("done").GetInt64() == 0);
        Assert.Contains(states, s => s.GetProperty("stage").GetString() == "checking files" && s.GetProperty("done").GetInt64() == 50_000);
    }
}
