// SPDX-License-Identifier: Apache-2.0

using System.CommandLine;
using Por.Core.Demo;
using Por.Core.Liabilities.Transparent;
using Por.Core.Rounds;

namespace Por.Cli.Commands;

/// <summary><c>por demo</c>: a synthetic exchange through a whole round, end to end.</summary>
internal static class DemoCommand
{
    public static Command Create(Option<bool> json)
    {
        var accounts = new Option<long>("--accounts") { Description = "Number of synthetic accounts", DefaultValueFactory = _ => 100_000 };
        var assetCount = new Option<int>("--assets") { Description = "Number of assets", DefaultValueFactory = _ => 22 };
        var output = new Option<string?>("--out") { Description = "Working directory (default: a new temporary directory)" };
        var cmd = new Command("demo", "The whole story: synthetic exchange, liabilities round, signed demo wallets, verified reserves, history, report, auditor attestation") { accounts, assetCount, output };
        cmd.SetAction(parse => CommandRunner.Run(parse, json, ctx =>
        {
            var n = parse.GetValue(accounts);
            var a = parse.GetValue(assetCount);
            if (n < 1 || a is < 1 or > 1000)
            {
                return ctx.Fail(ExitCodes.InvalidInput, "--accounts must be ≥ 1 and --assets from 1 to 1000");
            }

            var dir = parse.GetValue(output) ?? Directory.CreateTempSubdirectory("por-demo-").FullName;
            Directory.CreateDirectory(dir);
            var table = SyntheticExchange.Assets(a);
            var snapshot = Path.Combine(dir, "snapshot.csv");
            var assetsFile = Path.Combine(dir, "assets.csv");
            ctx.Line($"1. Generating a synthetic exchange: {n:N0} accounts, {a} assets → {snapshot}");
            SyntheticExchange.WriteAssetList(table, assetsFile);
            SyntheticExchange.WriteSnapshot(table, n, 20261121, snapshot);
            var bundle = Path.Combine(dir, "round");
            var time = DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds());
            var roundId = $"demo-{time:yyyy-MM-dd}";
            ctx.Line($"2. Building round '{roundId}' (transparent Merkle sum tree) → {bundle}");
            var t0 = TimeProvider.System.GetTimestamp();
            var manifest = RoundBuilder.Build(new RoundBuildOptions(snapshot, Por.Core.Snapshot.SnapshotFormat.Auto, table, roundId, time, bundle), ctx.Progress());
            var buildSeconds = TimeProvider.System.GetElapsedTime(t0).TotalSeconds;
            ctx.Line($"   built in {buildSeconds:F1} s");
            ctx.Line("3. Auditor: recomputing every leaf, node, total and the root");
            t0 = TimeProvider.System.GetTimestamp();
            var audit = RoundVerifier.Verify(bundle);
            var verifySeconds = TimeProvider.System.GetElapsedTime(t0).TotalSeconds;
            ctx.Line(audit.IsValid ? $"   PASS ({verifySeconds:F1} s)" : $"   FAIL: {audit.Failure}");
            var customer = FirstAccountId(snapshot);
            ctx.Line($"4. Operator: exporting the inclusion file of customer '{customer}'");
            var proof = InclusionExporter.Export(bundle, customer) ?? throw new InvalidDataException("demo customer not found");
            var proofFile = Path.Combine(dir, "inclusion.json");
            var bytes = InclusionProofJson.Serialize(proof);
            File.WriteAllBytes(proofFile, bytes);
            ctx.Line($"   {proofFile} ({bytes.Length:N0} bytes, {proof.Path.Count} path steps)");
            ctx.Line("5. Customer: verifying their inclusion against the published manifest");
            t0 = TimeProvider.System.GetTimestamp();
            var parsed = InclusionProofJson.Parse(File.ReadAllBytes(proofFile), proofFile);
            var check = InclusionVerifier.Verify(parsed, RoundManifestJson.Read(Path.Combine(bundle, BundleLayout.Manifest)).Header);
            var inclusionMs = TimeProvider.System.GetElapsedTime(t0).TotalMilliseconds;
            ctx.Line(check.IsValid ? $"   PASS ({inclusionMs:F2} ms)" : $"   FAIL: {check.Failure}");
            var ok = audit.IsValid && check.IsValid;
            var report = ok ? DemoStory.Run(ctx, dir, bundle, manifest.Header, n, a, time) : null;
            ok = ok && report is { Attestation.Verified: true };
            if (ctx.Json)
            {
                ctx.WriteJson(w =>
                {
                    w.WriteString("status", ok ? "verified" : "failed");
                    w.WriteString("directory", dir);
                    w.WriteNumber("build_seconds", Math.Round(buildSeconds, 3));
                    w.WriteNumber("audit_seconds", Math.Round(verifySeconds, 3));
                    w.WriteNumber("inclusion_verify_ms", Math.Round(inclusionMs, 3));
                    w.WriteNumber("inclusion_file_bytes", bytes.Length);
                    RoundCommands.WriteHeader(w, manifest.Header);
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
            }
            else
            {
                ctx.Out.WriteLine();
                ctx.Out.WriteLine("Summary");
                Summary.PrintHeader(ctx.Out, manifest.Header);
                if (report is not null)
                {
                    ctx.Out.WriteLine();
                    Report.ReportCommand.Print(ctx, report);
                }

                ctx.Out.WriteLine(ok ? "Demo round verified end to end." : "Demo round FAILED verification.");
                ctx.Out.WriteLine(ok ? "Liabilities, reserves, report and auditor attestation all verified." : "See the failed step above.");
                ctx.Out.WriteLine($"Files are in {dir}");
                if (report is not null)
                {
                    ctx.Out.WriteLine($"The HTML report was written to {report.HtmlPath}");
                }
            }

            return ok ? ExitCodes.Ok : ExitCodes.VerificationFailed;
        }));
        return cmd;
    }

    private static string FirstAccountId(string snapshot)
    {
        using var reader = new StreamReader(snapshot);
        reader.ReadLine();
        var line = reader.ReadLine() ?? throw new InvalidDataException("empty demo snapshot");
        return line[..line.IndexOf(',', StringComparison.Ordinal)];
    }
}
