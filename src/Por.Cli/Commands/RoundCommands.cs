// SPDX-License-Identifier: Apache-2.0

using System.CommandLine;
using System.Text.Json;
using Por.Cli.Infrastructure;
using Por.Common;
using Por.Liabilities.Rounds;
using Por.Liabilities.Snapshot;
using Por.Liabilities.Transparent;
using Por.Liabilities.Zk;

namespace Por.Cli.Commands;

/// <summary><c>por round build</c> and <c>por round verify</c>.</summary>
internal static class RoundCommands
{
    public static Command Create(Option<bool> json)
    {
        var round = new Command("round", "Build or verify a round bundle");
        round.Subcommands.Add(Build(json));
        round.Subcommands.Add(Verify(json));
        round.Subcommands.Add(ZkDistributedCommands.Plan(json));
        round.Subcommands.Add(ZkDistributedCommands.Prove(json));
        round.Subcommands.Add(ZkDistributedCommands.Assemble(json));
        round.Subcommands.Add(CoordinateCommand.Create(json));
        return round;
    }

    private static Command Build(Option<bool> json)
    {
        var snapshot = Inputs.Path("--snapshot", "Snapshot file: CSV (long or wide), JSON Lines, or OKX v2 JSON file or directory", required: true, Inputs.Kind.FileOrDirectory);
        var assets = Inputs.Path("--assets", "Asset list: CSV 'symbol,decimals' or JSON", required: true);
        var output = new Option<string>("--out") { Description = "Bundle directory to create (refused if it exists, unless --force)", Required = true };
        var force = Inputs.Force();
        var roundId = new Option<string>("--round-id") { Description = "Round id, e.g. 2026-11", Required = true };
        var time = new Option<string?>("--snapshot-time") { Description = "Snapshot time, UTC, yyyy-MM-ddTHH:mm:ssZ (default: now)" };
        var format = new Option<string>("--format") { Description = "auto | csv-long | csv-wide | jsonl | okx", DefaultValueFactory = _ => "auto" };
        var mode = new Option<string>("--mode") { Description = "transparent (Merkle sum tree) or zk (zero-knowledge batch proofs)", DefaultValueFactory = _ => "transparent" };
        var parameterSet = new Option<string>("--parameter-set") { Description = "zk mode: auto (the cheapest 103-bit set that fits the round), a set of the ladder pol-v1-n8 … pol-v1-n18 (2^k accounts per batch) or pol-v1-nK-rM (2^k accounts, 2^m rows: many holdings per account), or the opt-in 128-bit sets pol-v1-n18-s128 and pol-v1-n8-s128; a larger set hides the account count better (docs/liabilities-zk.md)", DefaultValueFactory = _ => ZkRoundCommands.AutoParameterSet };
        var memoryLimit = new Option<string?>("--memory-limit") { Description = "zk mode with --parameter-set auto: the most memory the prover may use, e.g. 12GiB (units B, KiB, MiB, GiB, TiB); auto considers only sets whose estimated peak fits (default: three quarters of this machine's memory)" };
        var allowTest = AllowTestParametersOption();
        var cmd = new Command("build", "Build a round bundle from a snapshot") { snapshot, assets, output, force, roundId, time, format, mode, parameterSet, memoryLimit, allowTest };
        cmd.SetAction(parse => CommandRunner.Run(parse, json, ctx =>
        {
            var modeName = parse.GetValue(mode)!;
            if (!RoundModes.TryParse(modeName, out _))
            {
                throw new InputException("--mode", 0, "", $"'{modeName}': expected transparent or zk");
            }

            var table = AssetListReader.Read(parse.GetValue(assets)!);
            var snapshotTime = ParseTime(parse.GetValue(time));
            var destination = parse.GetValue(output)!;
            var zk = string.Equals(modeName, ZkRoundManifest.Mode, StringComparison.Ordinal);
            if (!zk && parse.GetResult(parameterSet) is { Implicit: false })
            {
                throw new InputException("--parameter-set", 0, "", "applies only to --mode zk");
            }

            long? proverMemoryLimit = null;
            if (parse.GetValue(memoryLimit) is { } limitText)
            {
                if (!zk || !string.Equals(parse.GetValue(parameterSet), ZkRoundCommands.AutoParameterSet, StringComparison.Ordinal))
                {
                    throw new InputException("--memory-limit", 0, "", "applies only to --mode zk with --parameter-set auto");
                }

                proverMemoryLimit = MemorySize.TryParse(limitText, out var bytes) ? bytes
                    : throw new InputException("--memory-limit", 0, "", $"'{limitText}': expected a size such as 12GiB or 8192MiB");
            }

            // The builders create the bundle atomically and refuse an existing one; --force builds beside it and swaps.
            return Outputs.Directory(destination, parse.GetValue(force), "--out", builderIsAtomic: true, path =>
            {
                var options = new RoundBuildOptions(parse.GetValue(snapshot)!, ParseFormat(parse.GetValue(format)!), table, parse.GetValue(roundId)!, snapshotTime, path)
                {
                    ProverMemoryLimit = proverMemoryLimit,
                };
                var exit = zk
                    ? ZkRoundCommands.Build(ctx, options, parse.GetValue(parameterSet)!, parse.GetValue(allowTest), destination)
                    : BuildTransparent(ctx, options, destination);

                // The offline web verifier, beside the manifest: public, the same bytes in every round, not listed in the
                // manifest (it is a program, not part of the round).
                WebVerifierPage.WriteInto(path);
                return exit;
            });
        }));
        return cmd;
    }

    private static int BuildTransparent(CliContext ctx, RoundBuildOptions options, string destination)
    {
        {
            var started = TimeProvider.System.GetTimestamp();
            var manifest = RoundBuilder.Build(options, ctx.Progress(), ShutdownSignals.Token);
            var elapsed = TimeProvider.System.GetElapsedTime(started);
            if (ctx.Json)
            {
                ctx.WriteJson(w =>
                {
                    w.WriteString("status", "built");
                    w.WriteString("bundle", destination);
                    w.WriteNumber("seconds", Math.Round(elapsed.TotalSeconds, 3));
                    WriteHeader(w, manifest.Header);
                });
            }
            else
            {
                ctx.Out.WriteLine($"Built round '{manifest.Header.RoundId}' in {destination} ({elapsed.TotalSeconds:F1} s)");
                Summary.PrintHeader(ctx.Out, manifest.Header);
                ctx.Out.WriteLine($"Publish manifest.json and {WebVerifierPage.FileName} (the offline verifier for customers). Give store/ to the auditor. Keep private/ secret: it holds every customer's salt.");
            }

            return ExitCodes.Ok;
        }
    }

    private static Command Verify(Option<bool> json)
    {
        var round = Inputs.Round("The round: its bundle (with store/ or batches/ beside the manifest)");
        var allowTest = AllowTestParametersOption();
        var cmd = new Command("verify", "Auditor: check every file hash, then recompute the tree (transparent) or verify every batch proof (zk)") { round, allowTest };
        Inputs.ReplacesPositional(cmd, round);
        cmd.SetAction(parse => CommandRunner.Run(parse, json, ctx =>
        {
            var dir = Inputs.RoundDirectory(parse.GetValue(round)!);
            if (RoundModes.ReadManifest(Inputs.RoundManifest(parse.GetValue(round)!)) == RoundMode.Zk)
            {
                return ZkRoundCommands.Verify(ctx, dir, parse.GetValue(allowTest));
            }

            var result = RoundVerifier.Verify(dir, ctx.Progress(Por.Liabilities.LiabilitiesVerifier.LeafStage, RoundManifestJson.Read(Inputs.RoundManifest(parse.GetValue(round)!)).Header.AccountCount));
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

                    w.WriteNumber("leaves_checked", result.LeavesChecked);
                    if (result.Manifest is not null)
                    {
                        WriteHeader(w, result.Manifest.Header);
                    }
                });
            }
            else
            {
                if (result.Manifest is not null)
                {
                    Summary.PrintHeader(ctx.Out, result.Manifest.Header);
                }

                ctx.Out.WriteLine(result.IsValid
                    ? $"PASS: all {result.LeavesChecked:N0} leaves, every node, every total and the root recomputed and match; file hashes match."
                    : $"FAIL: {result.Message}");
            }

            return result.IsValid ? ExitCodes.Ok : ExitCodes.VerificationFailed;
        }));
        return cmd;
    }

    /// <summary>The explicit flag without which test-only zk parameter sets are refused.</summary>
    internal static Option<bool> AllowTestParametersOption() =>
        new("--allow-test-parameters") { Description = "Tests only: accept the zk test parameter set (far below production security)" };

    internal static void WriteHeader(Utf8JsonWriter w, RoundHeader h)
    {
        w.WriteString("round_id", h.RoundId);
        w.WriteString("snapshot_time", UtcTime.Format(h.SnapshotTime));
        w.WriteNumber("account_count", h.AccountCount);
        w.WriteString("root", Convert.ToHexStringLower([.. h.Root]));
        w.WriteStartObject("totals");
        for (var i = 0; i < h.Assets.Count; i++)
        {
            w.WriteString(h.Assets[i].Symbol, Amount.Format(h.Totals[i], h.Assets[i].Decimals));
        }

        w.WriteEndObject();
    }

    internal static DateTimeOffset ParseTime(string? text)
    {
        if (text is null)
        {
            return TimeProvider.System.GetUtcNow();
        }

        return UtcTime.TryParse(text, out var t)
            ? t
            : throw new InputException("--snapshot-time", 0, "", "expected a UTC time as yyyy-MM-ddTHH:mm:ssZ");
    }

    internal static SnapshotFormat ParseFormat(string text) => text switch
    {
        "auto" => SnapshotFormat.Auto,
        "csv-long" => SnapshotFormat.CsvLong,
        "csv-wide" => SnapshotFormat.CsvWide,
        "jsonl" => SnapshotFormat.JsonLines,
        "okx" => SnapshotFormat.OkxV2,
        _ => throw new InputException("--format", 0, "", "expected auto, csv-long, csv-wide, jsonl or okx"),
    };
}
