// SPDX-License-Identifier: Apache-2.0

using System.CommandLine;

namespace Por.Cli.Infrastructure;

/// <summary>The global logging options (docs/cli.md, "Progress and logs"), recursive on the root command.</summary>
internal static class LogOptions
{
    /// <summary>The option that chooses what goes to stderr: <c>human</c> progress (the default) or <c>json</c> log lines.</summary>
    public const string FormatName = "--log-format";

    /// <summary>The option that appends JSON log lines to a file (stderr keeps human progress).</summary>
    public const string FileName = "--log-file";

    /// <summary>The <c>--log-format</c> value for JSON log lines on stderr.</summary>
    public const string Json = "json";

    /// <summary>The <c>--log-format</c> value for human progress on stderr.</summary>
    public const string Human = "human";

    /// <summary>Creates the two options for a root command.</summary>
    /// <returns><c>--log-format</c> and <c>--log-file</c>.</returns>
    public static Option[] Create()
    {
        var format = new Option<string>(FormatName)
        {
            Description = "What stderr shows: 'human' progress lines (default) or 'json' log lines (one JSON object per event)",
            Recursive = true,
            DefaultValueFactory = _ => Human,
        };
        format.AcceptOnlyFromAmong(Human, Json);
        var file = new Option<FileInfo?>(FileName)
        {
            Description = "Also append JSON log lines (one object per event) to this file",
            Recursive = true,
        };
        return [format, file];
    }
}
