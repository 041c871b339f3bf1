// SPDX-License-Identifier: Apache-2.0

using System.CommandLine;
using Por.Cli.Infrastructure;
using Por.Common;
using Por.Liabilities.Rounds;
using Por.Liabilities.Transparent;

namespace Por.Cli.Commands;

/// <summary><c>por inclusion export</c> and <c>por inclusion verify</c>.</summary>
internal static class InclusionCommands
{
    public static Command Create(Option<bool> json)
    {
        var inclusion = new Command("inclusion", "Export or verify a customer's inclusion proof");
        inclusion.Subcommands.Add(Export(json));
        inclusion.Subcommands.Add(Verify(json));
        return inclusion;
    }

    private static Command Export(Option<bool> json)
    {
        var round = new Option<string>("--round") { Description = "The round bundle directory (with private/)", Required = true };
        var account = new Option<string>("--account") { Description = "The customer's account id", Required = true };
        var output = new Option<string?>("--out") { Description = "File to write (default: inclusion-<round>.json in the current directory)" };
        var allowTest = RoundCommands.AllowTestParametersOption();
        var cmd = new Command("export", "Operator: write one customer's inclusion file") { round, account, output, allowTest };
        cmd.SetAction(parse => CommandRunner.Run(parse, json, ctx =>
        {
            if (RoundModes.ReadManifest(Path.Combine(parse.GetValue(round)!, BundleLayout.Manifest)) == RoundMode.Zk)
            {
                return ZkInclusionCommands.Export(ctx, parse.GetValue(round)!, parse.GetValue(account)!, parse.GetValue(output), parse.GetValue(allowTest));
            }

            var proof = InclusionExporter.Export(parse.GetValue(round)!, parse.GetValue(account)!);
            if (proof is null)
            {
                return ctx.Fail(ExitCodes.InvalidInput, $"account '{parse.GetValue(account)}' is not in this round");
            }

            var path = parse.GetValue(output) ?? $"inclusion-{SafeName(proof.Header.RoundId)}.json";
            var bytes = InclusionProofJson.Serialize(proof);
            AtomicFile.WritePrivate(path, bytes);
            if (ctx.Json)
            {
                ctx.WriteJson(w =>
                {
                    w.WriteString("status", "exported");
                    w.WriteString("file", path);
                    w.WriteNumber("bytes", bytes.Length);
                });
            }
            else
            {
                ctx.Out.WriteLine($"Wrote {path} ({bytes.Length:N0} bytes). Give it only to this customer: it holds their salt.");
            }

            return ExitCodes.Ok;
        }));
        return cmd;
    }

    private static Command Verify(Option<bool> json)
    {
        var file = new Argument<string>("file") { Description = "The inclusion file" };
        var manifest = new Option<string?>("--manifest") { Description = "The published manifest.json to check the round against" };
        var allowTest = RoundCommands.AllowTestParametersOption();
        var cmd = new Command("verify", "Customer: check that your balances are in the round and the totals include them") { file, manifest, allowTest };
        cmd.SetAction(parse => CommandRunner.Run(parse, json, ctx =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw new InputException(path, 0, "", "file not found");
            }

            var bytes = File.ReadAllBytes(path);
            var manifestPath = parse.GetValue(manifest);
            if (RoundModes.Read(bytes, path, RoundDocument.Inclusion) == RoundMode.Zk)
            {
                return ZkInclusionCommands.Verify(ctx, bytes, path, manifestPath, parse.GetValue(allowTest));
            }

            var proof = InclusionProofJson.Parse(bytes, path);
            var published = manifestPath is null ? null : RoundManifestJson.Read(manifestPath).Header;
            var result = InclusionVerifier.Verify(proof, published);
            Report(ctx, proof, result);
            return result.IsValid ? ExitCodes.Ok : ExitCodes.VerificationFailed;
        }));
        return cmd;
    }

    private static void Report(CliContext ctx, InclusionProof proof, InclusionVerification result)
    {
        var h = proof.Header;
        if (ctx.Json)
        {
            ctx.WriteJson(w =>
            {
                w.WriteString("status", result.IsValid ? "verified" : "failed");
                if (!result.IsValid)
                {
                    w.WriteString("failure", result.Message);
                    w.WriteString("failure_code", FailureCodes.Of(result.Failure));
                }

                w.WriteBoolean("checked_against_manifest", result.CheckedAgainstManifest);
                w.WriteString("account_id", proof.AccountId);
                w.WriteStartObject("balances");
                foreach (var b in proof.Balances)
                {
                    w.WriteString(h.Assets[b.Asset].Symbol, Amount.Format(b.Amount, h.Assets[b.Asset].Decimals));
                }

                w.WriteEndObject();
                RoundCommands.WriteHeader(w, h);
            });
            return;
        }

        ctx.Out.WriteLine($"Account {proof.AccountId} in round '{h.RoundId}'");
        ctx.Out.WriteLine("  your balances:");
        if (proof.Balances.Count == 0)
        {
            ctx.Out.WriteLine("    (none)");
        }

        foreach (var b in proof.Balances)
        {
            ctx.Out.WriteLine($"    {h.Assets[b.Asset].Symbol,-8} {Amount.Format(b.Amount, h.Assets[b.Asset].Decimals),30}");
        }

        Summary.PrintHeader(ctx.Out, h);
        if (result.IsValid)
        {
            ctx.Out.WriteLine(result.CheckedAgainstManifest
                ? "PASS: your balances are included in the round's totals, and the round matches the published manifest."
                : "PASS: your balances are included in the totals under this root. Compare the root with the one the custodian published (or pass --manifest).");
        }
        else
        {
            ctx.Out.WriteLine($"FAIL: {result.Message}");
        }
    }

    internal static string SafeName(string text) => new([.. text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')]);
}
