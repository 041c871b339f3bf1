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
    public static int Main(string[] args)
    {
        EmbeddedNativeLibraries.Register();
        using var signals = ShutdownSignals.Register();
        return ShutdownSignals.Finish(Run(args, Console.Out, Console.Error), Console.Error);
    }

    /// <summary>Runs por with the given arguments and writers (used by the tests).</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <param name="stdout">Standard output.</param>
    /// <param name="stderr">Standard error.</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        var json = new Option<bool>("--json") { Description = "Write one JSON document to stdout instead of text (errors too)", Recursive = true };
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
        root.Subcommands.Add(AuditCommands.Create(json));
        root.Subcommands.Add(TokenCommands.Create(json));
        root.Subcommands.Add(WorkerCommand.Create(json));

        // `por` alone is a request for help, not a mistake.
        var parse = root.Parse(args.Length == 0 ? ["--help"] : args);
        // ShutdownSignals (registered in Main) is the only SIGINT/SIGTERM handler: System.CommandLine's own handler
        // would run first, wait up to 2 s for the command and then force exit 130/143, before ShutdownSignals had even
        // cancelled the command's token (so `por token monitor` exited 143 instead of stopping cleanly with 0).
        var config = new InvocationConfiguration { Output = stdout, Error = stderr, ProcessTerminationTimeout = null };
        if (parse.Errors.Count > 0)
        {
            return UsageError(parse, args.Contains("--json", StringComparer.Ordinal), stdout, stderr);
        }

        return parse.Invoke(config);
    }

    // A command line that does not parse: exit 2, and with --json one error document like every other failure.
    private static int UsageError(ParseResult parse, bool json, TextWriter stdout, TextWriter stderr)
    {
        var command = parse.CommandResult.Command;
        var first = parse.UnmatchedTokens.Count > 0 ? parse.UnmatchedTokens[0] : null;
        List<string> messages;
        if (first is not null && command.Subcommands.Count > 0)
        {
            // `por nonsense`, `por round nonsense`: one message naming the commands there are.
            messages = [$"unknown command '{first}' (commands: {string.Join(", ", command.Subcommands.Select(c => c.Name))})"];
        }
        else if (first is not null && first.StartsWith('-'))
        {
            messages = [$"unknown option '{first}'"];
        }
        else if (first is not null)
        {
            // A leftover positional input: name the option that replaced it, and nothing else.
            messages = [Inputs.StrayArgument(command, first)];
        }
        else
        {
            messages = [.. parse.Errors.Select(e => e.Message).Distinct(StringComparer.Ordinal)];
        }

        var path = string.Join(' ', AncestorsOf(parse.CommandResult).Reverse());
        var message = string.Join("; ", messages) + $" (run '{path} --help' for usage)";
        return CommandRunner.Report(new CliContext(stdout, stderr, json), ExitCodes.InvalidInput, CliError.Usage, message);
    }

    private static IEnumerable<string> AncestorsOf(System.CommandLine.Parsing.CommandResult result)
    {
        for (var r = result; r is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
        {
            yield return r.Command is RootCommand ? "por" : r.Command.Name;
        }
    }
}
