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
        var round = Inputs.Round("The round (its bundle, with private/)");
        var account = new Option<string?>("--account") { Description = "The customer's account id (or --all)" };
        var all = new Option<bool>("--all") { Description = "Every customer: write one file per account into the --out directory" };
        var snapshot = Inputs.Path("--snapshot", "With --all on a transparent round: the snapshot it was built from (the bundle keeps only keyed hashes of the ids)", required: false, Inputs.Kind.FileOrDirectory);
        var format = new Option<string>("--format") { Description = "The --snapshot format: auto | csv-long | csv-wide | jsonl | okx", DefaultValueFactory = _ => "auto" };
        var output = new Option<string?>("--out") { Description = "File to write (default: inclusion-<round>-<account>.json in the current directory); with --all, the directory to create" };
        var force = Inputs.Force();
        var ids = Inputs.Path("--ids", "The accounts of an auditor's sample: a por-audit-sample/1 file or one account id per line; writes their files into the --out directory", required: false);
        var allowTest = RoundCommands.AllowTestParametersOption();
        var cmd = new Command("export", "Operator: write one customer's inclusion file, every customer's (--all), or an auditor sample's (--ids)") { round, account, all, ids, snapshot, format, output, force, allowTest };
        cmd.SetAction((parse, cancellationToken) => Task.FromResult(CommandRunner.Run(parse, json, ctx =>
        {
            var roundValue = parse.GetValue(round)!;
            var bundle = Inputs.RoundDirectory(roundValue);
            var zk = RoundModes.ReadManifest(Inputs.RoundManifest(roundValue)) == RoundMode.Zk;
            if (parse.GetValue(ids) is { } idsFile)
            {
                if (parse.GetValue(account) is not null || parse.GetValue(all) || parse.GetValue(snapshot) is not null)
                {
                    throw new InputException("--ids", 0, "", "give one of --account, --all or --ids (--snapshot applies only to --all)");
                }

                return AuditExport.Run(ctx, bundle, Inputs.RoundManifest(roundValue), idsFile, parse.GetValue(output), parse.GetValue(force), parse.GetValue(allowTest), cancellationToken);
            }

            if (parse.GetValue(all))
            {
                return ExportAll(ctx, bundle, zk, parse.GetValue(account), parse.GetValue(snapshot), parse.GetValue(format)!, parse.GetValue(output), parse.GetValue(force), parse.GetValue(allowTest), cancellationToken);
            }

            var id = parse.GetValue(account) ?? throw new InputException("--account", 0, "", "required: the customer's account id (or --all for every customer)");
            if (parse.GetValue(snapshot) is not null)
            {
                throw new InputException("--snapshot", 0, "", "applies only to --all");
            }

            if (zk)
            {
                return ZkInclusionCommands.Export(ctx, bundle, id, DefaultOutput(parse.GetValue(output), id, roundValue), parse.GetValue(force), parse.GetValue(allowTest));
            }

            var path = DefaultOutput(parse.GetValue(output), id, roundValue);
            Outputs.Refuse(path, parse.GetValue(force), "--out");
            var proof = InclusionExporter.Export(bundle, id) ?? throw new InputException("--account", 0, "", $"account '{id}' is not in this round");
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
        })));
        return cmd;
    }

    /// <summary>The default single-export file: <c>inclusion-&lt;round id&gt;-&lt;account&gt;.json</c>, both parts encoded
    /// with <see cref="InclusionExporter.FileNameOf"/>, so two accounts never get the same default name.</summary>
    internal static string DefaultOutput(string? output, string account, string round)
    {
        if (output is not null)
        {
            return output;
        }

        var roundId = RoundModes.ReadManifest(Inputs.RoundManifest(round)) == RoundMode.Zk
            ? Por.Liabilities.Zk.ZkRoundManifestJson.Read(Inputs.RoundManifest(round)).Header.RoundId
            : RoundManifestJson.Read(Inputs.RoundManifest(round)).Header.RoundId;
        return $"inclusion-{InclusionExporter.FileNameOf(roundId)}-{InclusionExporter.FileNameOf(account)}.json";
    }

    private static int ExportAll(CliContext ctx, string bundle, bool zk, string? account, string? snapshot, string format, string? output, bool force, bool allowTest, CancellationToken cancellationToken)
    {
        if (account is not null)
        {
            throw new InputException("--all", 0, "", "give either --account (one customer) or --all (every customer), not both");
        }

        var directory = output ?? throw new InputException("--out", 0, "", "required with --all: the directory to create");
        Outputs.Refuse(directory, force, "--out");
        var started = TimeProvider.System.GetTimestamp();
        long count;
        if (zk)
        {
            if (snapshot is not null)
            {
                throw new InputException("--snapshot", 0, "", "a zk bundle keeps its accounts' openings: --snapshot applies only to transparent rounds");
            }

            if (allowTest)
            {
                throw new InputException("--allow-test-parameters", 0, "", "--all exports production bundles only; export a test bundle's accounts one by one with --account");
            }

            count = Por.Liabilities.Zk.ZkInclusionExporter.ExportAll(bundle, directory, force, ctx.Progress(), cancellationToken);
        }
        else
        {
            var snapshotPath = snapshot ?? throw new InputException("--snapshot", 0, "", "required with --all on a transparent round: the bundle keeps only keyed hashes of the account ids, so they are read from the snapshot the round was built from");
            count = InclusionExporter.ExportAll(bundle, snapshotPath, RoundCommands.ParseFormat(format), directory, force, ctx.Progress(), cancellationToken);
        }

        return WriteExportSummary(ctx, directory, count, started, ", one <account>.json each. Give each customer only their own file: it holds their salt.");
    }

    /// <summary>
    /// The result of an inclusion export, as JSON (status, directory, files, seconds) or as one sentence for people
    /// ending in <paramref name="advice"/>.
    /// </summary>
    /// <returns><see cref="ExitCodes.Ok"/>.</returns>
    internal static int WriteExportSummary(CliContext ctx, string directory, long count, long started, string advice)
    {
        var elapsed = TimeProvider.System.GetElapsedTime(started);
        if (ctx.Json)
        {
            ctx.WriteJson(w =>
            {
                w.WriteString("status", "exported");
                w.WriteString("directory", directory);
                w.WriteNumber("files", count);
                w.WriteNumber("seconds", Math.Round(elapsed.TotalSeconds, 3));
            });
        }
        else
        {
            ctx.Out.WriteLine($"Wrote {count:N0} inclusion files to {directory} ({elapsed.TotalSeconds:F1} s){advice}");
        }

        return ExitCodes.Ok;
    }

    private static Command Verify(Option<bool> json)
    {
        var file = Inputs.Path("--inclusion", "The customer's inclusion file", required: true);
        var manifest = Inputs.Path("--manifest", "The published manifest.json (or its bundle directory) to check the round against", required: false, Inputs.Kind.Round);
        var allowTest = RoundCommands.AllowTestParametersOption();
        var cmd = new Command("verify", "Customer: check that your balances are in the round and the totals include them") { file, manifest, allowTest };
        Inputs.ReplacesPositional(cmd, file);
        cmd.SetAction(parse => CommandRunner.Run(parse, json, ctx =>
        {
            var path = parse.GetValue(file)!;
            var bytes = File.ReadAllBytes(path);
            var manifestPath = parse.GetValue(manifest) is { } m ? Inputs.RoundManifest(m) : null;
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
            ctx.Out.WriteLine($"    {h.Assets[b.Asset].Symbol,-8} {AmountText.Format(b.Amount, h.Assets[b.Asset].Decimals, h.Assets[b.Asset].Symbol),40}");
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

}
