// SPDX-License-Identifier: Apache-2.0

using System.CommandLine;
using Por.Cli.Demo;
using Por.Cli.Infrastructure;
using Por.Liabilities.Rounds;
using Por.Liabilities.Snapshot;
using Por.Liabilities.Transparent;
using Por.Liabilities.Zk;
using Por.Reports;
using Por.Reserves;

namespace Por.Cli.Commands;

/// <summary><c>por demo</c>: a synthetic exchange through a whole round, end to end.</summary>
internal static class DemoCommand
{
    /// <summary>Accounts in a transparent demo unless <c>--accounts</c> says otherwise.</summary>
    public const long TransparentDefaultAccounts = 100_000;

    /// <summary>Accounts in a zk demo unless <c>--accounts</c> says otherwise (a few batches of the small pinned set).</summary>
    public const long ZkDefaultAccounts = 2_000;

    /// <summary>The parameter set of a zk demo: the smallest pinned production set (2^8 accounts per batch).</summary>
    public static ZkParameterSet ZkParameters => ZkParameterSet.Small;

    public static Command Create(Option<bool> json)
    {
        var accounts = new Option<long>("--accounts") { Description = $"Number of synthetic accounts (default {TransparentDefaultAccounts:N0}; {ZkDefaultAccounts:N0} with --mode zk)", DefaultValueFactory = _ => TransparentDefaultAccounts };
        var assetCount = new Option<int>("--assets") { Description = $"Number of assets (the first {SyntheticExchange.NamedAssets} are real listings with realistic prices and shares; docs/demo.md)", DefaultValueFactory = _ => SyntheticExchange.NamedAssets };
        var output = new Option<string?>("--out") { Description = "Working directory (default: a new temporary directory)" };
        var mode = new Option<string>("--mode") { Description = $"transparent (Merkle sum tree) or zk (zero-knowledge batch proofs, parameter set {ZkParameters.Id})", DefaultValueFactory = _ => RoundManifest.TransparentMode };
        var cmd = new Command("demo", "The whole story: synthetic exchange, liabilities round, signed demo wallets, verified reserves, history, report, auditor attestation; it stages some shortfalls on purpose and says which") { accounts, assetCount, output, mode };
        cmd.Subcommands.Add(DemoTokenCommand.Create(json));
        cmd.SetAction(parse => CommandRunner.Run(parse, json, ctx =>
        {
            var modeName = parse.GetValue(mode)!;
            if (!RoundModes.TryParse(modeName, out _))
            {
                return ctx.Fail(ExitCodes.InvalidInput, $"--mode {modeName}: expected transparent or zk");
            }

            var zk = string.Equals(modeName, ZkRoundManifest.Mode, StringComparison.Ordinal);
            var n = zk && parse.GetResult(accounts) is null or { Implicit: true } ? ZkDefaultAccounts : parse.GetValue(accounts);
            var a = parse.GetValue(assetCount);
            if (n < 1 || a is < 1 or > 1000)
            {
                return ctx.Fail(ExitCodes.InvalidInput, "--accounts must be ≥ 1 and --assets from 1 to 1000");
            }

            return Run(ctx, new DemoSettings(parse.GetValue(output) ?? Directory.CreateTempSubdirectory("por-demo-").FullName, n, a, zk));
        }));
        return cmd;
    }

    /// <summary>Runs the demo; exit 0 only when every step verified, every staged problem was found and nothing else.</summary>
    /// <param name="ctx">Output.</param>
    /// <param name="settings">What to run (tests may inject a fault).</param>
    /// <returns>The exit code.</returns>
    internal static int Run(CliContext ctx, DemoSettings settings)
    {
        // The reserves and attestation steps need both native libraries: fail before minutes of round building.
        Por.Crypto.Native.Secp256k1.EnsureAvailable();
        Por.Crypto.Native.Ed25519.EnsureAvailable();
        var dir = settings.Directory;
        var (n, a, zk) = (settings.Accounts, settings.AssetCount, settings.Zk);
        Directory.CreateDirectory(dir);
        var table = SyntheticExchange.Assets(a);
        var snapshot = Path.Combine(dir, "snapshot.csv");
        var assetsFile = Path.Combine(dir, "assets.csv");
        var staged = DemoStaging.For(table);
        ctx.Line($"1. Generating a synthetic exchange: {n:N0} accounts, {a} assets → {snapshot}");
        ctx.Line("   Staged on purpose (the checks below must find each of these, and nothing else):");
        foreach (var item in staged)
        {
            ctx.Line($"   - {item.Description}");
        }

        SyntheticExchange.WriteAssetList(table, assetsFile);
        SyntheticExchange.WriteSnapshot(table, n, 20261121, snapshot);
        var time = DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds());
        var options = new RoundBuildOptions(snapshot, SnapshotFormat.Auto, table, $"demo-{time:yyyy-MM-dd}", time, Path.Combine(dir, "round"));
        var customer = FirstAccountId(snapshot);
        var proofFile = Path.Combine(dir, "inclusion.json");
        var round = zk
            ? DemoLiabilities.Zk(ctx, options, ZkParameters, customer, proofFile)
            : DemoLiabilities.Transparent(ctx, options, customer, proofFile);
        var story = round.IsValid ? DemoStory.Run(ctx, dir, options.OutputDirectory, round.Liabilities!, n, a, time, zk ? ZkParameters : null, settings.Fault) : null;
        var outcome = new DemoOutcome
        {
            Mode = zk ? RoundModes.ZkName : RoundModes.TransparentName,
            Accounts = n,
            Staged = staged,
            LiabilitiesVerified = round.Liabilities is not null,
            InclusionVerified = round.InclusionValid,
            ReserveRows = story?.Reserves.Rows.Count,
            ReserveRowsVerified = story?.Reserves.Rows.Count(r => r.IsValid) ?? 0,
            Assets = story is null ? [] : Findings(story.Report.Report, story.Reserves),
            ReportHtml = story?.Report.HtmlPath,
            AttestationVerified = story?.Report.Attestation?.Verified,
        };
        var ok = DemoSummary.Succeeded(outcome);
        Print(ctx, dir, round, story?.Report, outcome, ok);
        return ok ? ExitCodes.Ok : ExitCodes.VerificationFailed;
    }

    private static List<AssetFinding> Findings(SolvencyReport report, ReserveVerificationResult reserves) =>
    [
        .. report.Assets.Select(asset => new AssetFinding(
            asset.Symbol,
            asset.InLiabilities,
            ReportFormat.Percent(asset.Ratio),
            asset.InLiabilities && asset.BelowFull,
            asset.VerifiedRows,
            [.. reserves.Rows.Where(r => !r.IsValid && string.Equals(r.Asset, asset.Symbol, StringComparison.Ordinal)).Select(r => ReserveResultJson.FailureCode(r.Failure))],
            asset.RoundTripRows,
            ReportFormat.Percent(asset.StableRatio))),
    ];

    private static void Print(CliContext ctx, string dir, DemoRound round, ReportOutcome? report, DemoOutcome outcome, bool ok)
    {
        if (ctx.Json)
        {
            ctx.WriteJson(w =>
            {
                w.WriteString("status", ok ? "verified" : "failed");
                w.WriteString("directory", dir);
                w.WriteNumber("build_seconds", Math.Round(round.BuildSeconds, 3));
                w.WriteNumber("audit_seconds", Math.Round(round.AuditSeconds, 3));
                w.WriteNumber("inclusion_verify_ms", Math.Round(round.InclusionMs, 3));
                w.WriteNumber("inclusion_file_bytes", round.InclusionBytes);
                round.WriteHeader(w);
                if (report is not null)
                {
                    w.WriteString("report_json", report.ReportJsonPath);
                    w.WriteString("report_html", report.HtmlPath);
                    w.WriteString("history_store", report.History);
                    w.WriteString("reserves_result", Path.Combine(dir, "reserves-result.json"));
                    w.WriteStartArray("flagged_below_100");
                    foreach (var flagged in report.Report.Flagged)
                    {
                        w.WriteStringValue(flagged.Symbol);
                    }

                    w.WriteEndArray();
                    w.WriteBoolean("attestation_verified", report.Attestation?.Verified ?? false);
                }

                WriteOutcome(w, outcome);
            });
            return;
        }

        ctx.Out.WriteLine();
        ctx.Out.WriteLine("Summary");
        round.PrintHeader(ctx.Out);
        if (report is not null)
        {
            ctx.Out.WriteLine();
            ReportCommand.Print(ctx, report);
        }

        ctx.Out.WriteLine($"Files are in {dir}");
        foreach (var line in DemoSummary.Lines(outcome))
        {
            ctx.Out.WriteLine(line);
        }
    }

    private static void WriteOutcome(System.Text.Json.Utf8JsonWriter w, DemoOutcome outcome)
    {
        w.WriteStartArray("staged");
        foreach (var s in DemoSummary.Staged(outcome))
        {
            w.WriteStartObject();
            w.WriteString("asset", s.Item.Asset);
            w.WriteString("kind", s.Item.Kind switch
            {
                StagedKind.UnderReserved => "under_reserved",
                StagedKind.UnlistedChain => "unlisted_chain",
                StagedKind.BorrowedForSnapshot => "borrowed_for_snapshot",
                _ => "reserve_without_liabilities",
            });
            w.WriteString("description", s.Item.Description);
            w.WriteBoolean("found", s.Found);
            w.WriteString("detail", s.Detail);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteStrings(w, "found_not_staged", DemoSummary.Unexpected(outcome));
        WriteStrings(w, "verified", DemoSummary.Verified(outcome));
        WriteStrings(w, "not_verified", DemoSummary.NotVerified(outcome));
        w.WriteBoolean("every_asset_covered", DemoSummary.EveryAssetCovered(outcome));
        w.WriteString("coverage", DemoSummary.Solvency(outcome));
        w.WriteString("summary", DemoSummary.LastLine(outcome));
    }

    private static void WriteStrings(System.Text.Json.Utf8JsonWriter w, string name, IEnumerable<string> items)
    {
        w.WriteStartArray(name);
        foreach (var item in items)
        {
            w.WriteStringValue(item);
        }

        w.WriteEndArray();
    }

    private static string FirstAccountId(string snapshot)
    {
        using var reader = new StreamReader(snapshot);
        reader.ReadLine();
        var line = reader.ReadLine() ?? throw new InvalidOperationException("empty demo snapshot");
        return line[..line.IndexOf(',', StringComparison.Ordinal)];
    }
}
