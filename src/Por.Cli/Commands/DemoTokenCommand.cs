// SPDX-License-Identifier: Apache-2.0

using System.CommandLine;
using Por.Cli.Demo;
using Por.Cli.Infrastructure;

namespace Por.Cli.Commands;

/// <summary>
/// <c>por demo token [--out DIR]</c>: token proof of reserves end to end on a local anvil chain and a loopback Bitcoin
/// node — a WBTC-like token and a statement-backed stablecoin through a healthy, an under-collateralised and a recovered
/// phase (docs/demo.md, "Token demo"). Exit 0 when every step went as expected, 1 naming the step that did not, 3 when
/// anvil is missing or a node fails.
/// </summary>
public static class DemoTokenCommand
{
    /// <summary>The message (exit 3) when anvil cannot be found.</summary>
    public const string AnvilMissing =
        "anvil (Foundry's local EVM node) was not found on PATH or in tools/node_modules of a por checkout. " +
        "Get it with `npm ci` in the repository's tools/ directory, or install Foundry (https://getfoundry.sh) so that anvil is on PATH.";

    /// <summary>Builds the command.</summary>
    /// <param name="json">The root command's recursive <c>--json</c> option.</param>
    /// <returns>The command.</returns>
    public static Command Create(Option<bool> json)
    {
        var output = new Option<string?>("--out") { Description = "Directory to create with everything the demo writes (refused if it exists; default: a new directory under the temporary folder)" };
        var command = new Command("token", "Token proof of reserves on a local anvil chain: a WBTC-like token and a stablecoin, healthy, under-collateralised (minting blocked) and recovered") { output };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, json, ctx => RunAsync(
            ctx, parse.GetValue(output), Environment.GetEnvironmentVariable("PATH"), Environment.CurrentDirectory, AppContext.BaseDirectory, cancellationToken)));
        return command;
    }

    /// <summary>
    /// The body of the command with where anvil is looked for as parameters (tests: an empty PATH, a directory outside
    /// the repository, no executable directory), writing to the given streams.
    /// </summary>
    /// <param name="stdout">Standard output.</param>
    /// <param name="stderr">Standard error.</param>
    /// <param name="output">The output directory, or null for a new temporary one.</param>
    /// <param name="pathVariable">The PATH to search for anvil.</param>
    /// <param name="currentDirectory">The directory whose parents are searched for tools/node_modules.</param>
    /// <param name="executableDirectory">The directory of por (searched the same way), or null.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The exit code.</returns>
    public static Task<int> RunAsync(TextWriter stdout, TextWriter stderr, string? output, string? pathVariable, string currentDirectory, string? executableDirectory, CancellationToken cancellationToken)
    {
        var ctx = new CliContext(stdout, stderr, json: false);
        return CommandRunner.RunAsync(ctx, c => RunAsync(c, output, pathVariable, currentDirectory, executableDirectory, cancellationToken));
    }

    private static Task<int> RunAsync(CliContext ctx, string? output, string? pathVariable, string currentDirectory, string? executableDirectory, CancellationToken cancellationToken)
    {
        var directory = output ?? Path.Combine(Path.GetTempPath(), "por-demo-token-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6)));
        if (Directory.Exists(directory) || File.Exists(directory))
        {
            return Task.FromResult(ctx.Fail(ExitCodes.InvalidInput, $"--out {directory}: exists; the demo creates it (give a new path)"));
        }

        var anvil = AnvilLocator.Find(pathVariable, currentDirectory, executableDirectory);
        if (anvil is null)
        {
            return Task.FromResult(ctx.Fail(ExitCodes.EnvironmentError, AnvilMissing));
        }

        Por.Crypto.Native.Secp256k1.EnsureAvailable();
        Por.Crypto.Native.Ed25519.EnsureAvailable();
        return TokenDemo.RunAsync(ctx, directory, anvil, cancellationToken);
    }
}
