// SPDX-License-Identifier: Apache-2.0

using Por.Cli.Infrastructure;
using Por.Common;

namespace Por.Cli.Tests;

/// <summary>The exception-to-exit-code mapping: only located input errors are exit 2; a bug is never bad input.</summary>
public sealed class CommandRunnerTests
{
    [Fact]
    public void Run_InputException_Exit2WithLocation()
    {
        var (exit, _, stderr) = Run(false, () => throw new InputException("a.csv", 3, "amount", "not a number"));
        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Equal("error: a.csv:3: field 'amount': not a number", stderr.Trim());
    }

    [Fact]
    public void Run_ArgumentExceptionFromCommandBody_Exit70InternalError()
    {
        var (exit, _, stderr) = Run(false, () => Misuse(-1));
        Assert.Equal(ExitCodes.InternalError, exit);
        Assert.StartsWith("error: internal error: ArgumentException: count must not be negative", stderr, StringComparison.Ordinal);
        Assert.EndsWith("(please report this)", stderr.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public void Run_InvalidOperationExceptionJson_Exit70StatusError()
    {
        var (exit, stdout, _) = Run(true, () => throw new InvalidOperationException("no reading for row 3"));
        Assert.Equal(70, exit);
        var json = CliRunner.Json(stdout);
        Assert.Equal("error", json.GetProperty("status").GetString());
        Assert.Equal(70, json.GetProperty("exit_code").GetInt32());
        Assert.Equal("internal error: InvalidOperationException: no reading for row 3 (please report this)", json.GetProperty("error").GetString());
    }

    [Fact]
    public void Run_IOException_Exit3()
    {
        var (exit, _, stderr) = Run(false, () => throw new IOException("disk full"));
        Assert.Equal(ExitCodes.EnvironmentError, exit);
        Assert.Equal("error: disk full", stderr.Trim());
    }

    [Fact]
    public void Run_InvalidDataException_Exit1Failed()
    {
        var (exit, stdout, _) = Run(true, () => throw new InvalidDataException("totals disagree"));
        Assert.Equal(ExitCodes.VerificationFailed, exit);
        Assert.Equal("failed", CliRunner.Json(stdout).GetProperty("status").GetString());
    }

    [Fact]
    public void Run_ParseError_Exit2()
    {
        var (exit, _, stderr) = CliRunner.Run("report", "--no-such-flag");
        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains("--no-such-flag", stderr, StringComparison.Ordinal);
    }

    // Stands in for a library call that a command body gets wrong: an argument check, not the user's input.
    private static int Misuse(int count) => count >= 0 ? count : throw new ArgumentException("count must not be negative", nameof(count));

    private static (int Exit, string Out, string Err) Run(bool json, Func<int> body)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CommandRunner.Run(new CliContext(stdout, stderr, json), _ => body());
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
