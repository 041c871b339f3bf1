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

/// <summary><c>por reserves verify --file F --registry R [--nodes config] [--json] [--allow-static-message] [--round-id ID] [--out RESULT [--force] [--sign-key K]]</c>.</summary>
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
        var file = Inputs.Path("--file", "Reserve declaration (por-reserves/2 JSON, /1 deprecated, or an OKX reserves CSV)", required: true);
        var registry = Inputs.Path("--registry", "The round's pinned asset registry (por-reserves-registry/2; /1 deprecated): chains, snapshot blocks, assets", required: true);
        var nodes = Inputs.Path("--nodes", "Node configuration (por-nodes/3 JSON; /2 deprecated); without it every balance check fails", required: false);
        var resultFile = new Option<string?>("--out") { Description = "Write the result (por-reserves-result/3) to this file, atomically (refused if it or its .sig exists, unless --force)" };
        var force = Inputs.Force();
        var signKey = Inputs.Path("--sign-key", "The verifier's secret key (por-auditor-key/1): sign the --out file into <out>.sig (por-reserves-signature/1), which 'por report' requires", required: false);
        var allowStatic = new Option<bool>("--allow-static-message") { Description = "Accept messages that are not this round's challenge (reported as replayable)" };
        var round = new Option<string?>("--round-id") { Description = "Require the declaration to be for this round id" };
        var verify = new Command("verify", "Verify wallet ownership and snapshot balances of a reserve declaration") { file, registry, nodes, allowStatic, round, resultFile, force, signKey };
        verify.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, json, ctx => VerifyAsync(
            ctx,
            new ReservesVerifyRequest(
                new FileInfo(parse.GetValue(file)!), new FileInfo(parse.GetValue(registry)!), parse.GetValue(nodes) is { } n ? new FileInfo(n) : null, ctx.Json,
                parse.GetValue(allowStatic), parse.GetValue(round), parse.GetValue(resultFile) is { } r ? new FileInfo(r) : null, parse.GetValue(signKey) is { } k ? new FileInfo(k) : null)
            {
                Force = parse.GetValue(force),
            },
            cancellationToken)));
        return new Command("reserves", "Custodian reserves: ownership proofs and balances at the snapshot") { verify, ReservesChallengeCommand.Create(json) };
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

    /// <summary>Runs a verification, writes the report and, when asked, the result file and its signature; every
    /// failure is reported by <see cref="CommandRunner"/> with the exit codes of docs/cli.md.</summary>
    /// <param name="request">What to verify and where to write.</param>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The exit code.</returns>
    public static Task<int> RunAsync(ReservesVerifyRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        return CommandRunner.RunAsync(new CliContext(output, error, request.Json), ctx => VerifyAsync(ctx, request, cancellationToken));
    }

    private static async Task<int> VerifyAsync(CliContext ctx, ReservesVerifyRequest request, CancellationToken cancellationToken)
    {
        var (file, registry, nodes, _, allowStaticMessage, round, resultFile, signKey) = request;
        Secp256k1.EnsureAvailable();
        Ed25519.EnsureAvailable();
        if (signKey is not null && resultFile is null)
        {
            throw new InputException("--sign-key", 0, "", "signing needs --out: the signature covers the exact bytes of the result file");
        }

        if (resultFile is not null)
        {
            Outputs.Refuse(resultFile.FullName, request.Force, "--out");
            Outputs.Refuse(resultFile.FullName + ".sig", request.Force, "--out");
        }

        var verifierKey = signKey is null ? null : AuditorKey.Read(signKey.FullName, requireSecret: true);
        var declaration = ReserveDeclarationParser.ReadFile(file.FullName);
        var roundRegistry = ReserveRegistryParser.ReadFile(registry.FullName);
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var readers = nodes is null
            ? new Dictionary<string, IChainBalanceReader>(StringComparer.Ordinal)
            : NodeConfiguration.Parse(await File.ReadAllBytesAsync(nodes.FullName, cancellationToken).ConfigureAwait(false), nodes.FullName, roundRegistry, http, Environment.GetEnvironmentVariable);
        var verifier = new ReserveVerifier(roundRegistry, readers, new ReserveVerifierOptions { AllowStaticMessage = allowStaticMessage, ExpectedRound = round, Progress = ctx.Progress() });
        var result = await verifier.VerifyAsync(declaration, cancellationToken).ConfigureAwait(false);
        if (resultFile is not null)
        {
            var resultBytes = ReserveResultJson.Serialize(result);
            var signatureFile = resultFile.FullName + ".sig";

            // A replaced result must never sit beside the signature of the old one.
            File.Delete(signatureFile);
            AtomicFile.WriteAllBytes(resultFile.FullName, resultBytes);
            if (verifierKey is not null)
            {
                AtomicFile.WriteAllBytes(signatureFile, ReserveResultSignatureJson.Serialize(ReserveResultSigner.Sign(resultBytes, verifierKey, TimeProvider.System.GetUtcNow())));
            }
        }

        await ctx.Out.WriteAsync(ctx.Json ? Encoding.UTF8.GetString(ReserveResultJson.Serialize(result)) : RenderText(result)).ConfigureAwait(false);
        if (result.AllVerified)
        {
            return ExitVerified;
        }

        // A node that cannot be read leaves the verdict incomplete: that is the environment (exit 3), not a row
        // proven wrong. The result (with each row's reason) is still written.
        var unread = result.Rows.Count(r => r.Failure == RowFailure.NodeUnavailable);
        if (unread > 0)
        {
            if (!ctx.Json)
            {
                await ctx.Error.WriteLineAsync($"error: environment error: {unread} row(s) could not be checked because a node could not be read (reasons above); rerun when it is reachable").ConfigureAwait(false);
            }

            return ExitEnvironment;
        }

        return ExitFailed;
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
            text.Append(invariant, $"[{(row.Status == RowStatus.Verified ? "VERIFIED" : "FAILED  ")}] line {row.Line} {row.Asset} on {row.Chain} {row.Address} ({row.Scheme}) claimed {AmountText.Format(row.ClaimedAmount, row.Decimals, row.Asset)}");
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
                    : !window.Complete ? string.Create(invariant, $"incomplete (the chain has not reached block {window.ToHeight}); minimum so far {AmountText.Format(window.Minimum, row.Decimals, row.Asset)}")
                    : string.Create(invariant, $"minimum {AmountText.Format(window.Minimum, row.Decimals, row.Asset)}, stable {(window.Stable(row.ClaimedAmount) is { } stable ? AmountText.Format(stable, row.Decimals, row.Asset) : "n/a")}"));
                text.Append(window.RoundTrip ? string.Create(invariant, $" [ROUND TRIP: {AmountText.Format(window.RoundTripAmount, row.Decimals, row.Asset)} arrived before the snapshot and left after it]") : string.Empty).Append('\n');
            }
        }

        text.Append("\nVerified reserves:\n");
        foreach (var total in result.Totals.Where(t => t.VerifiedRows > 0))
        {
            text.Append(invariant, $"  {total.Asset}: {AmountText.Format(total.Verified, total.Decimals, total.Asset)} ({total.VerifiedRows} rows)");
            text.Append(total.Stable is { } stable ? string.Create(invariant, $"; stable over the window {AmountText.Format(stable, total.Decimals, total.Asset)} ({total.StableRows} of {total.VerifiedRows} rows measured)") : string.Empty).Append('\n');
        }

        text.Append("Unverified claims (not counted):\n");
        foreach (var total in result.Totals.Where(t => t.FailedRows > 0))
        {
            text.Append(invariant, $"  {total.Asset}: {AmountText.Format(total.Unverified, total.Decimals, total.Asset)} ({total.FailedRows} rows)\n");
        }

        text.Append(result.AllVerified ? "\nAll rows verified.\n" : "\nSome rows failed verification.\n");
        return text.ToString();
    }
}
