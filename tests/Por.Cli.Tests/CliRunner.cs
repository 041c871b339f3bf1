// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;

namespace Por.Cli.Tests;

/// <summary>Runs the por command in-process and captures its output.</summary>
internal static class CliRunner
{
    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = Program.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    public static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
