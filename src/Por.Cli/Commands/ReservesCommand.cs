// SPDX-License-Identifier: Apache-2.0

using System.CommandLine;
using System.Globalization;
using System.Text;
using Por.Cli.Infrastructure;
using Por.Common;
using Por.Crypto.Native;
using Por.Reports.Attestation;
using Por.Reserves;
using Por.Reserves.Nodes;
using Por.Reserves.Registry;

namespace Por.Cli.Commands;

/// <summary><c>por reserves verify --file F --registry R [--nodes config] [--json] [--allow-static-message] [--round R]</c>.</summary>
public static class ReservesCommand
{
    /// <summary>Exit code: every row verified.</summary>
    public const int ExitVerified = 0;

    /// <summary>Exit code: some rows failed verification.</summary>
    public const int ExitFailed = 1;

    /// <summary>Exit code: invalid input or usage.</summary>
    public const int ExitInvalidInput = 2;

    /// <summary>Exit code: environment error (native library missing, I/O).</summary>
    public const int ExitEnvironment = 3;

    /// <summary>Builds the <c>reserves</c> command with its <c>verify</c> and <c>challenge</c> subcommands.</summary>
    /// <param name="json">The root command's recursive <c>--json</c> option.</param>
    /// <returns>The command.</returns>
    public static Command Create(Option<bool> json)
    {
        var file = new Option<FileInfo?>("--file") { Description = "Reserve declaration (por-reserves/2 JSON, /1 deprecated, or an OKX reserves CSV); required" };
        var registry = new Option<FileInfo?>("--registry") { Description = "The round's pinned asset registry (por-reserves-registry/2; /1 deprecated): chains, snapshot blocks, assets; required" };
        var nodes = new Option<FileInfo?>("--nodes") { Description = "Node configuration (por-nodes/3 JSON; /2 deprecated); without it every balance check fails" };
        var resultFile = new Option<FileInfo?>("--output") { Description = "Write the result (por-reserves-result/3) to this file, atomically" };
        var signKey = new Option<FileInfo?>("--sign-key") { Description = "The verifier's secret key (por-auditor-key/1): sign the --output file into <output>.sig (por-reserves-signature/1), which 'por report' requires" };
        var allowStatic = new Option<bool>("--allow-static-message") { Description = "Accept messages that are not this round's challenge (reported as replayable)" };
        var round = new Option<string?>("--round") { Description = "Require the declaration to be for this round id" };
        var verify = new Command("verify", "Verify wallet ownership and snapshot balances of a reserve declaration") { file, registry, nodes, allowStatic, round, resultFile, signKey };
        verify.SetAction((parse, cancellationToken) => parse.GetValue(file) is not { } declaration || parse.GetValue(registry) is not { } registryFile
            ? MissingFileAsync(parse.InvocationConfiguration.Error)
            : RunAsync(
            new ReservesVerifyRequest(declaration, registryFile, parse.GetValue(nodes), parse.GetValue(json), parse.GetValue(allowStatic), parse.GetValue(round), parse.GetValue(resultFile), parse.GetValue(signKey)),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return new Command("reserves", "Custodian reserves: ownership proofs and balances at the snapshot") { verify, ReservesChallengeCommand.Create(json) };
    }

    private static async Task<int> MissingFileAsync(TextWriter error)
    {
        // Usage errors exit 2 across por; --file is checked here so that its absence is one.
        await error.WriteLineAsync("usage: por reserves verify --file <declaration> --registry <registry> [--nodes <config>] [--json] [--allow-static-message] [--round <id>] [--output <result.json> [--sign-key <verifier key>]]").ConfigureAwait(false);
        return ExitInvalidInput;
    }

    /// <summary>Runs a verification and writes the report.</summary>
    /// <param name="file">The declaration.</param>
    /// <param name="registry">The round's registry.</param>
    /// <param name="nodes">Node configuration or null.</param>
    /// <param name="json">JSON output.</param>
    /// <param name="allowStaticMessage">Accept static messages.</param>
    /// <param name="round">Expected round id or null.</param>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The exit code.</returns>
    public static Task<int> RunAsync(FileInfo file, FileInfo registry, FileInfo? nodes, bool json, bool allowStaticMessage, string? round, TextWriter output, TextWriter error, CancellationToken cancellationToken) =>
        RunAsync(new ReservesVerifyRequest(file, registry, nodes, json, allowStaticMessage, round, null, null), output, error, cancellationToken);

    /// <summary>Runs a verification, writes the report and, when asked, the result file and its signature.</summary>
    /// <param name="request">What to verify and where to write.</param>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(ReservesVerifyRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var (file, registry, nodes, json, allowStaticMessage, round, resultFile, signKey) = request;
        try
        {
            Secp256k1.EnsureAvailable();
            Ed25519.EnsureAvailable();
            if (signKey is not null && resultFile is null)
            {
                throw new InputException("--sign-key", 0, "", "signing needs --output: the signature covers the exact bytes of the result file");
            }

            var verifierKey = signKey is null ? null : AuditorKey.Read(signKey.FullName, requireSecret: true);
            var declaration = ReserveDeclarationParser.ReadFile(file.FullName);
            var roundRegistry = ReserveRegistryParser.ReadFile(registry.FullName);
            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            var readers = nodes is null
                ? new Dictionary<string, IChainBalanceReader>(StringComparer.Ordinal)
                : NodeConfiguration.Parse(await File.ReadAllBytesAsync(nodes.FullName, cancellationToken).ConfigureAwait(false), nodes.FullName, roundRegistry, http, Environment.GetEnvironmentVariable);
            var verifier = new ReserveVerifier(roundRegistry, readers, new ReserveVerifierOptions { AllowStaticMessage = allowStaticMessage, ExpectedRound = round });
            var result = await verifier.VerifyAsync(declaration, cancellationToken).ConfigureAwait(false);
            if (resultFile is not null)
            {
                var resultBytes = ReserveResultJson.Serialize(result);
                var signatureFile = resultFile.FullName + ".sig";
                File.Delete(signatureFile);
                AtomicFile.WriteAllBytes(resultFile.FullName, resultBytes);
                if (verifierKey is not null)
                {
                    AtomicFile.WriteAllBytes(signatureFile, ReserveResultSignatureJson.Serialize(ReserveResultSigner.Sign(resultBytes, verifierKey, TimeProvider.System.GetUtcNow())));
                }
            }

            if (json)
            {
                await output.WriteAsync(Encoding.UTF8.GetString(ReserveResultJson.Serialize(result))).ConfigureAwait(false);
            }
            else
            {
                await output.WriteAsync(RenderText(result)).ConfigureAwait(false);
            }

            return result.AllVerified ? ExitVerified : ExitFailed;
        }
        catch (Exception ex) when (CommandRunner.NativeLibraryFailure(ex) is { } missing)
        {
            return Fail(json, output, error, ExitEnvironment, "environment error: " + missing.Message, CommandRunner.NativeLibraryUnavailableCode);
        }
        catch (InputException ex)
        {
            return Fail(json, output, error, ExitInvalidInput, "invalid input: " + ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail(json, output, error, ExitEnvironment, "environment error: " + ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // As in CommandRunner: anything else is a bug in por, never reported as bad input.
            return Fail(json, output, error, ExitCodes.InternalError, $"internal error: {ex.GetType().Name}: {ex.Message} (please report this)");
        }
    }

    // One line on stderr, or with --json one error document on stdout (docs/cli.md), like every other command.
    private static int Fail(bool json, TextWriter output, TextWriter error, int code, string message, string? failureCode = null)
    {
        if (json)
        {
            return new CliContext(output, error, json: true).Fail(code, message, failureCode);
        }

        error.WriteLine(code == ExitCodes.InternalError ? "error: " + message : message);
        return code;
    }

    /// <summary>Renders the human-readable report (built fully before writing: no partial output).</summary>
    /// <param name="result">The result.</param>
    /// <returns>The text.</returns>
    public static string RenderText(ReserveVerificationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.Append(invariant, $"Reserves of {result.Custodian}, round {result.Round} ({result.Source})\n");
        text.Append(invariant, $"Registry sha256 {Convert.ToHexStringLower(result.RegistrySha256)} ({(result.Network == RegistryNetwork.Mainnet ? "mainnet" : "TEST NETWORK: not real reserves")})\n\n");
        foreach (var row in result.Rows)
        {
            text.Append(invariant, $"[{(row.Status == RowStatus.Verified ? "VERIFIED" : "FAILED  ")}] line {row.Line} {row.Asset} on {row.Chain} {row.Address} ({row.Scheme}) claimed {row.ClaimedAmount}");
            text.Append(row.Replayable ? " [replayable static message]" : string.Empty).Append('\n');
            text.Append("           ").Append(row.Message).Append('\n');
            foreach (var note in row.Ownership.Notes)
            {
                text.Append("           note: ").Append(note).Append('\n');
            }

            if (row.Window is { } window)
            {
                text.Append(invariant, $"           window {window.FromHeight}..{window.ToHeight}: ");
                text.Append(window.Failure is { } failure ? "not measured (" + failure + ")"
                    : !window.Complete ? string.Create(invariant, $"incomplete (the chain has not reached block {window.ToHeight}); minimum so far {window.Minimum}")
                    : string.Create(invariant, $"minimum {window.Minimum}, stable {window.Stable(row.ClaimedAmount)}"));
                text.Append(window.RoundTrip ? string.Create(invariant, $" [ROUND TRIP: {window.RoundTripAmount} arrived before the snapshot and left after it]") : string.Empty).Append('\n');
            }
        }

        text.Append("\nVerified reserves (base units):\n");
        foreach (var total in result.Totals.Where(t => t.VerifiedRows > 0))
        {
            text.Append(invariant, $"  {total.Asset}: {total.Verified} (decimals {total.Decimals}, {total.VerifiedRows} rows)");
            text.Append(total.Stable is { } stable ? string.Create(invariant, $"; stable over the window {stable} ({total.StableRows} of {total.VerifiedRows} rows measured)") : string.Empty).Append('\n');
        }

        text.Append("Unverified claims (not counted):\n");
        foreach (var total in result.Totals.Where(t => t.FailedRows > 0))
        {
            text.Append(invariant, $"  {total.Asset}: {total.Unverified} (decimals {total.Decimals}, {total.FailedRows} rows)\n");
        }

        text.Append(result.AllVerified ? "\nAll rows verified.\n" : "\nSome rows failed verification.\n");
        return text.ToString();
    }
}
