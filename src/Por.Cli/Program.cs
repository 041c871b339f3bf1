// SPDX-License-Identifier: Apache-2.0

using System.CommandLine;
using Por.Cli.Commands;
using Por.Cli.Infrastructure;

namespace Por.Cli;

/// <summary>The <c>por</c> command.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <returns>The exit code (docs/cli.md).</returns>
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs por with the given arguments and writers (used by the tests).</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <param name="stdout">Standard output.</param>
    /// <param name="stderr">Standard error.</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var json = new Option<bool>("--json") { Description = "Write one JSON document to stdout instead of text", Recursive = true };
        var root = new RootCommand("por: proof of reserves — prove liabilities, verify inclusion, audit rounds");
        root.Options.Add(json);
        foreach (var option in LogOptions.Create())
        {
            root.Options.Add(option);
        }

        root.Subcommands.Add(DemoCommand.Create(json));
        root.Subcommands.Add(RoundCommands.Create(json));
        root.Subcommands.Add(InclusionCommands.Create(json));
        root.Subcommands.Add(ReservesCommand.Create(json));
        root.Subcommands.Add(ReportCommand.Create(json));
        root.Subcommands.Add(AttestCommand.Create(json));
        root.Subcommands.Add(AttestationCommand.Create(json));
        var parse = root.Parse(args);
        var config = new InvocationConfiguration { Output = stdout, Error = stderr };
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                stderr.WriteLine($"error: {e.Message}");
            }

            stderr.WriteLine("Run 'por --help' for usage.");
            return ExitCodes.InvalidInput;
        }

        return parse.Invoke(config);
    }
}
