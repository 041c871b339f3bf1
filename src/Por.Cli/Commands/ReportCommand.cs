// SPDX-License-Identifier: Apache-2.0

using System.CommandLine;
using System.Text.Json;
using Por.Cli.Infrastructure;
using Por.Common;
using Por.Reports;

namespace Por.Cli.Commands;

/// <summary><c>por report</c>: the solvency report of a round (JSON, HTML, terminal summary).</summary>
internal static class ReportCommand
{
    public static Command Create(Option<bool> json)
    {
        var round = Inputs.Round("The round (verified before use)");
        var reserves = Inputs.Path("--reserves", "Reserves result from 'por reserves verify --out' (por-reserves-result/3, or /2 from earlier releases)", required: true);
        var reservesSignature = new Option<string?>("--reserves-signature") { Description = "The verifier's signature over the reserves result (por-reserves-signature/1; default: <reserves>.sig)" };
        var reservesKey = Inputs.Path("--reserves-key", "The reserves verifier's trusted public key file (por-auditor-public-key/1); an unsigned or edited result is rejected", required: true);
        var prices = Inputs.Path("--prices", "Price file: CSV 'symbol,usd_price' with exact decimals", required: true);
        var platform = new Option<string?>("--platform-token") { Description = "The custodian's own token, e.g. OKB (for the asset-quality share)" };
        var stablecoins = new Option<string?>("--stablecoins") { Description = "Comma-separated stablecoin symbols (default: USDT,USDC,DAI,FDUSD,TUSD,USDP,PYUSD,USDD,BUSD,USDE)" };
        var history = new Option<string?>("--history") { Description = "SQLite round history file (created if missing)" };
        var historyPg = new Option<string?>("--history-pg") { Description = "PostgreSQL round history connection string" };
        var output = new Option<string?>("--out") { Description = "Output directory for report.json and report.html (default: ./por-report-<bundle directory name>; refused if it exists, unless --force)" };
        var force = Inputs.Force();
        var attestation = Inputs.Path("--attestation", "An auditor attestation (por-attestation/1) to check and show", required: false);
        var auditorKey = Inputs.Path("--auditor-key", "The auditor's trusted public key file (por-auditor-public-key/1)", required: false);
        var audit = Inputs.Path("--audit-result", "An auditor sampling result (por-audit-result/1 from 'por audit verify') to show", required: false);
        var allowTest = RoundCommands.AllowTestParametersOption();
        var cmd = new Command("report", "Join a round's proven liabilities (transparent or zk bundle) with verified reserves and prices: ratios, quality, history, rubric")
        {
            round, reserves, reservesSignature, reservesKey, prices, platform, stablecoins, history, historyPg, output, force, attestation, auditorKey, audit, allowTest,
        };
        cmd.SetAction(parse => CommandRunner.Run(parse, json, ctx =>
        {
            var roundDir = Inputs.RoundDirectory(parse.GetValue(round)!);
            var options = new ReportOptions
            {
                PlatformToken = parse.GetValue(platform),
                Stablecoins = parse.GetValue(stablecoins) is { } list ? [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] : ReportOptions.DefaultStablecoins,
            };
            var outDir = parse.GetValue(output) ?? Path.Combine(Directory.GetCurrentDirectory(), "por-report-" + Path.GetFileName(Path.GetFullPath(roundDir).TrimEnd('/')));
            var attestationPath = parse.GetValue(attestation);
            var auditorKeyPath = parse.GetValue(auditorKey);
            if ((attestationPath is null) != (auditorKeyPath is null))
            {
                throw new InputException("--attestation", 0, "", "an attestation is checked against the auditor's trusted public key: give both --attestation and --auditor-key");
            }

            // The reserves result's signature (and an attestation) are checked with libsodium or libsecp256k1: fail
            // before anything is verified or written.
            Por.Crypto.Native.Ed25519.EnsureAvailable();
            Por.Crypto.Native.Secp256k1.EnsureAvailable();

            // The report is written beside the destination and moved into place only when complete (and verified).
            Outputs.Refuse(outDir, parse.GetValue(force), "--out");
            using var store = HistoryStores.Open(parse.GetValue(history), parse.GetValue(historyPg));
            var outcome = Outputs.Directory(outDir, parse.GetValue(force), "--out", builderIsAtomic: false, staging => ReportPipeline.Run(new ReportRequest
            {
                RoundDirectory = roundDir,
                AllowTestParameters = parse.GetValue(allowTest),
                ReservesResultPath = parse.GetValue(reserves)!,
                ReservesSignaturePath = parse.GetValue(reservesSignature) ?? parse.GetValue(reserves)! + ".sig",
                ReservesVerifierKeyPath = parse.GetValue(reservesKey)!,
                PricesPath = parse.GetValue(prices)!,
                OutputDirectory = staging,
                Options = options,
                History = store,
                AttestationPath = attestationPath,
                AuditorPublicKeyPath = auditorKeyPath,
                AuditResultPath = parse.GetValue(audit),
            }, ctx.Progress()));
            var full = Path.GetFullPath(outDir);
            outcome = outcome with { ReportJsonPath = Path.Combine(full, Path.GetFileName(outcome.ReportJsonPath)), HtmlPath = Path.Combine(full, Path.GetFileName(outcome.HtmlPath)) };
            Print(ctx, outcome);
            return outcome.Attestation is { Verified: false } ? ExitCodes.VerificationFailed : ExitCodes.Ok;
        }));
        return cmd;
    }

    /// <summary>Writes the outcome: one JSON document, or a terminal summary.</summary>
    public static void Print(CliContext ctx, ReportOutcome outcome)
    {
        var r = outcome.Report;
        if (ctx.Json)
        {
            ctx.WriteJson(w =>
            {
                w.WriteString("status", outcome.Attestation is { Verified: false } ? "failed" : "ok");
                w.WriteString("report_json", outcome.ReportJsonPath);
                w.WriteString("report_html", outcome.HtmlPath);
                if (outcome.History is null)
                {
                    w.WriteNull("history_store");
                }
                else
                {
                    w.WriteString("history_store", outcome.History);
                }

                w.WriteNumber(r.Round.IsZeroKnowledge ? "batches_checked" : "leaves_checked", r.Round.ItemsChecked);
                WriteAttestation(w, outcome.Attestation);
                w.WriteStartArray("rubric_full");
                foreach (var c in outcome.Rubric)
                {
                    SolvencyReportJson.WriteCriterion(w, c);
                }

                w.WriteEndArray();
                w.WritePropertyName("report");
                w.WriteStartObject();
                SolvencyReportJson.WriteBody(w, r);
                w.WriteEndObject();
            });
            return;
        }

        var o = ctx.Out;
        o.WriteLine(r.Round.IsZeroKnowledge
            ? $"Solvency report: {r.Custodian}, round {r.RoundId} (zk: {r.Round.BatchCount:N0} batches of at most {r.Round.AccountsPerBatch:N0} accounts; bundle verified, {r.Round.ItemsChecked:N0} batch proofs checked under parameter set {r.Round.ParameterSetId})"
            : $"Solvency report: {r.Custodian}, round {r.RoundId} ({r.AccountCount:N0} accounts; bundle verified, {r.Round.ItemsChecked:N0} leaves recomputed)");
        if (r.Round.IsZeroKnowledge)
        {
            o.WriteLine("  liabilities proven in zero knowledge: the round reveals only the per-asset totals, the root and the batch count");
        }

        o.WriteLine($"  {ReportSummaryText.Headline(r)}");

        o.WriteLine($"  {"asset",-8} {"liabilities",26} {"verified reserves",26} {"ratio",10} {"stable ratio",13}  flag");
        foreach (var a in r.Assets)
        {
            var ratio = ReportFormat.Percent(a.Ratio) is { } p ? p + "%" : "n/a";
            var stable = a.StableReserves is null ? "not measured" : ReportFormat.Percent(a.StableRatio) is { } s ? s + "%" : "n/a";
            var flags = string.Join(", ", new[] { a.BelowFull ? "BELOW 100%" : null, a.RoundTripRows > 0 ? $"ROUND TRIP x{a.RoundTripRows}" : null }.OfType<string>());
            o.WriteLine($"  {a.Symbol,-8} {AmountText.Group(ReportFormat.Native(a.Liabilities, a.Decimals)),26} {AmountText.Group(ReportFormat.Native(a.VerifiedReserves, a.Decimals)),26} {ratio,10} {stable,13}  {flags}");
        }

        PrintWindow(o, r);

        o.WriteLine($"  total liabilities {AmountText.Group(ReportFormat.Usd(r.LiabilitiesUsd))} USD, verified reserves {AmountText.Group(ReportFormat.Usd(r.ReservesUsd))} USD");
        o.WriteLine($"  coverage: {ReportFormat.Percent(r.Coverage.CoveredShare) ?? "n/a"}% of liabilities (USD) in assets with verified reserves proofs");
        foreach (var line in ReportSummaryText.Changes(r.History))
        {
            o.WriteLine($"  {line}");
        }

        o.WriteLine($"  rubric {outcome.Rubric.Sum(c => c.Points)}/{outcome.Rubric.Count * 2}:");
        foreach (var c in outcome.Rubric)
        {
            o.WriteLine($"    [{c.StatusName,-7}] {c.Title}: {c.Reason}");
        }

        o.WriteLine($"  JSON: {outcome.ReportJsonPath}");
        o.WriteLine($"  HTML: {outcome.HtmlPath}");
    }

    // Borrowed reserves: stable reserves that do not cover every verified row, and round trips around the snapshot.
    private static void PrintWindow(TextWriter o, SolvencyReport r)
    {
        foreach (var a in r.Assets.Where(a => a.StableReserves is not null && a.StableRows < a.VerifiedRows))
        {
            o.WriteLine($"  {a.Symbol}: stable reserves {AmountText.Format(a.StableReserves!.Value, a.Decimals, a.Symbol)} measured on {a.StableRows} of {a.VerifiedRows} verified rows (the others count as 0)");
        }

        foreach (var a in r.Assets.Where(a => a.RoundTripRows > 0))
        {
            o.WriteLine($"  {a.Symbol}: {a.RoundTripRows} wallet(s) flagged: {AmountText.Format(a.RoundTripAmount, a.Decimals, a.Symbol)} arrived before the snapshot and left after it (possibly borrowed)");
        }
    }

    private static void WriteAttestation(Utf8JsonWriter w, AttestationSummary? a)
    {
        if (a is null)
        {
            w.WriteNull("attestation");
            return;
        }

        w.WriteStartObject("attestation");
        w.WriteString("auditor", a.Auditor);
        w.WriteString("algorithm", a.Algorithm);
        w.WriteString("public_key", a.PublicKey);
        w.WriteString("signed_at", a.SignedAt);
        w.WriteBoolean("verified", a.Verified);
        if (a.Reason is null)
        {
            w.WriteNull("failure");
            w.WriteNull("failure_code");
        }
        else
        {
            w.WriteString("failure", a.Reason);
            w.WriteString("failure_code", FailureCodes.Of(a.Failure));
        }

        w.WriteEndObject();
    }
}
