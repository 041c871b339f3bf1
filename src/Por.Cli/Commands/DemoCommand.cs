// SPDX-License-Identifier: Apache-2.0

using System.CommandLine;
using Por.Cli.Demo;
using Por.Cli.Infrastructure;
using Por.Liabilities.Rounds;
using Por.Liabilities.Snapshot;
using Por.Liabilities.Transparent;
using Por.Liabilities.Zk;
using Por.Reports;

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
        var assetCount = new Option<int>("--assets") { Description = "Number of assets", DefaultValueFactory = _ => 22 };
        var output = new Option<string?>("--out") { Description = "Working directory (default: a new temporary directory)" };
        var mode = new Option<string>("--mode") { Description = $"transparent (Merkle sum tree) or zk (zero-knowledge batch proofs, parameter set {ZkParameters.Id})", DefaultValueFactory = _ => RoundManifest.TransparentMode };
        var cmd = new Command("demo", "The whole story: synthetic exchange, liabilities round, signed demo wallets, verified reserves, history, report, auditor attestation") { accounts, assetCount, output, mode };
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

            // The reserves and attestation steps need both native libraries: fail before minutes of round building.
            Por.Crypto.Native.Secp256k1.EnsureAvailable();
            Por.Crypto.Native.Ed25519.EnsureAvailable();
            var dir = parse.GetValue(output) ?? Directory.CreateTempSubdirectory("por-demo-").FullName;
            Directory.CreateDirectory(dir);
            var table = SyntheticExchange.Assets(a);
            var snapshot = Path.Combine(dir, "snapshot.csv");
            var assetsFile = Path.Combine(dir, "assets.csv");
            ctx.Line($"1. Generating a synthetic exchange: {n:N0} accounts, {a} assets → {snapshot}");
            SyntheticExchange.WriteAssetList(table, assetsFile);
            SyntheticExchange.WriteSnapshot(table, n, 20261121, snapshot);
            var time = DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds());
            var options = new RoundBuildOptions(snapshot, SnapshotFormat.Auto, table, $"demo-{time:yyyy-MM-dd}", time, Path.Combine(dir, "round"));
            var customer = FirstAccountId(snapshot);
            var proofFile = Path.Combine(dir, "inclusion.json");
            var round = zk
                ? DemoLiabilities.Zk(ctx, options, ZkParameters, customer, proofFile)
                : DemoLiabilities.Transparent(ctx, options, customer, proofFile);
            var report = round.IsValid ? DemoStory.Run(ctx, dir, options.OutputDirectory, round.Liabilities!, n, a, time, zk ? ZkParameters : null) : null;
            var ok = round.IsValid && report is { Attestation.Verified: true };
            Print(ctx, dir, round, report, ok);
            return ok ? ExitCodes.Ok : ExitCodes.VerificationFailed;
        }));
        return cmd;
    }

    private static void Print(CliContext ctx, string dir, DemoRound round, ReportOutcome? report, bool ok)
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

        ctx.Out.WriteLine(ok ? "Demo round verified end to end." : "Demo round FAILED verification.");
        ctx.Out.WriteLine(ok ? "Liabilities, reserves, report and auditor attestation all verified." : "See the failed step above.");
        ctx.Out.WriteLine($"Files are in {dir}");
        if (report is not null)
        {
            ctx.Out.WriteLine($"The HTML report was written to {report.HtmlPath}");
        }
    }

    private static string FirstAccountId(string snapshot)
    {
        using var reader = new StreamReader(snapshot);
        reader.ReadLine();
        var line = reader.ReadLine() ?? throw new InvalidOperationException("empty demo snapshot");
        return line[..line.IndexOf(',', StringComparison.Ordinal)];
    }
}
