// SPDX-License-Identifier: Apache-2.0

using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using Por.Cli.Infrastructure;
using Por.Common;
using Por.Liabilities.Audit;

namespace Por.Cli.Commands;

/// <summary><c>por audit sample</c> and <c>por audit verify</c>: auditor sampling of the auditor's own account list.</summary>
internal static class AuditCommands
{
    public static Command Create(Option<bool> json)
    {
        var audit = new Command("audit", "Auditor sampling: draw accounts from your own list, then verify the operator's inclusion files for them");
        audit.Subcommands.Add(Sample(json));
        audit.Subcommands.Add(Verify(json));
        return audit;
    }

    private static Option<string?> Confidence(string description) => new("--confidence") { Description = description };

    private static Command Sample(Option<bool> json)
    {
        var round = Inputs.Round("The published round to sample");
        var list = Inputs.Path("--list", "Your own list of account ids, one per line (obtained independently of the operator)", required: true);
        var chain = new Option<string>("--seed-chain") { Description = "The chain of the seed block, e.g. bitcoin", Required = true };
        var height = new Option<string>("--seed-height") { Description = "The seed block's height: a block mined after the round was published", Required = true };
        var hash = new Option<string>("--seed-block-hash") { Description = "The seed block's hash, 64 hex digits", Required = true };
        var size = new Option<string?>("--size") { Description = "The number of accounts to draw (or --max-omitted-fraction)" };
        var target = new Option<string?>("--max-omitted-fraction") { Description = "Draw enough accounts to bound the omitted fraction of the list by this, e.g. 0.01, if none is missing" };
        var confidence = Confidence($"The confidence of the bound, e.g. 0.99 (default {AuditSample.DefaultConfidence})");
        var output = new Option<string>("--out") { Description = "The sample file to write (por-audit-sample/1)", Required = true };
        var force = Inputs.Force();
        var cmd = new Command("sample", "Auditor: draw accounts from your own list with a seed the operator could not predict") { round, list, chain, height, hash, size, target, confidence, output, force };
        cmd.SetAction(parse => CommandRunner.Run(parse, json, ctx =>
        {
            var path = parse.GetValue(output)!;
            Outputs.Refuse(path, parse.GetValue(force), "--out");
            var seed = AuditSeed.Parse(parse.GetValue(chain)!, parse.GetValue(height)!, parse.GetValue(hash)!);
            var confidenceText = parse.GetValue(confidence) ?? AuditSample.DefaultConfidence;
            var confidenceValue = AuditStatistics.ParseProbability(confidenceText, "--confidence", "");
            var sizeText = parse.GetValue(size);
            var targetText = parse.GetValue(target);
            if ((sizeText is null) == (targetText is null))
            {
                throw new InputException("--size", 0, "", "give either --size (a number of accounts) or --max-omitted-fraction (a bound to reach), not both or neither");
            }

            var auditRound = AuditRound.Read(Inputs.RoundManifest(parse.GetValue(round)!));
            var auditList = AuditList.Read(parse.GetValue(list)!);
            int n;
            if (sizeText is not null)
            {
                if (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out n) || n < 1)
                {
                    throw new InputException("--size", 0, "", "expected a positive whole number of accounts");
                }

                if (n > auditList.Count)
                {
                    throw new InputException("--size", 0, "", $"the list holds only {auditList.Count:N0} accounts");
                }
            }
            else
            {
                n = AuditStatistics.SampleSize(confidenceValue, AuditStatistics.ParseProbability(targetText!, "--max-omitted-fraction", ""), auditList.Count);
            }

            var sample = AuditSample.Draw(auditRound, seed, auditList, n, confidenceText, targetText);
            var bytes = AuditSampleJson.Serialize(sample);
            AtomicFile.WriteAllBytes(path, bytes);
            var bound = AuditStatistics.FormatUp(AuditStatistics.UpperBound(n, 0, confidenceValue));
            if (ctx.Json)
            {
                ctx.WriteJson(w =>
                {
                    w.WriteString("status", "sampled");
                    w.WriteString("file", path);
                    w.WriteString("algorithm", AuditSampler.Algorithm);
                    w.WriteString("round_id", auditRound.Id);
                    w.WriteNumber("list_count", auditList.Count);
                    w.WriteString("list_sha256", Convert.ToHexStringLower(auditList.Sha256));
                    w.WriteNumber("sample_size", sample.Accounts.Count);
                    w.WriteString("confidence", confidenceText);
                    w.WriteString("omitted_fraction_bound_if_all_included", bound);
                });
            }
            else
            {
                ctx.Out.WriteLine($"Drew {sample.Accounts.Count:N0} of the list's {auditList.Count:N0} accounts for round '{auditRound.Id}' ({AuditSampler.Algorithm}, seed: {seed.Chain} block {seed.Height:N0} {Convert.ToHexStringLower(seed.BlockHash)}).");
                ctx.Out.WriteLine($"  list SHA-256 {Convert.ToHexStringLower(auditList.Sha256)}; written to {path}");
                ctx.Out.WriteLine($"  If every one is included, at {Percent(confidenceText)} confidence at most {Percent(bound)} of your list is omitted.");
                ctx.Out.WriteLine($"  Next: the operator runs 'por inclusion export --round ... --ids {Path.GetFileName(path)} --out DIR', you run 'por audit verify'.");
            }

            return ExitCodes.Ok;
        }));
        return cmd;
    }

    private static Command Verify(Option<bool> json)
    {
        var sampleFile = Inputs.Path("--sample", "The sample file written by 'por audit sample'", required: true);
        var list = Inputs.Path("--list", "Your own list of account ids (the sample is re-derived from it)", required: true);
        var round = Inputs.Round("The published round");
        var inclusions = Inputs.Path("--inclusions", "The operator's export for the sample ('por inclusion export --ids'): a directory", required: true, Inputs.Kind.FileOrDirectory);
        var confidence = Confidence("The confidence of the bound (default: the sample's)");
        var output = new Option<string?>("--out") { Description = "Write the result (por-audit-result/1) to this file" };
        var force = Inputs.Force();
        var allowTest = RoundCommands.AllowTestParametersOption();
        var cmd = new Command("verify", "Auditor: check every sampled account's inclusion file and bound the omitted fraction of your list") { sampleFile, list, round, inclusions, confidence, output, force, allowTest };
        cmd.SetAction(parse => CommandRunner.Run(parse, json, ctx =>
        {
            var outPath = parse.GetValue(output);
            if (outPath is not null)
            {
                Outputs.Refuse(outPath, parse.GetValue(force), "--out");
            }

            var directory = parse.GetValue(inclusions)!;
            if (!Directory.Exists(directory))
            {
                throw new InputException(directory, 0, "", "is a file; --inclusions expects the export directory");
            }

            var samplePath = parse.GetValue(sampleFile)!;
            var sampleBytes = File.ReadAllBytes(samplePath);
            var sample = AuditSampleJson.Parse(sampleBytes, samplePath);
            var confidenceText = parse.GetValue(confidence) ?? sample.Confidence;
            AuditStatistics.ParseProbability(confidenceText, "--confidence", "");
            var auditList = AuditList.Read(parse.GetValue(list)!);
            var result = AuditVerifier.Verify(sample, sampleBytes, auditList, Inputs.RoundManifest(parse.GetValue(round)!), directory, confidenceText, parse.GetValue(allowTest));
            var resultBytes = AuditResultJson.Serialize(result);
            if (outPath is not null)
            {
                AtomicFile.WriteAllBytes(outPath, resultBytes);
            }

            if (ctx.Json)
            {
                ctx.WriteJson(w =>
                {
                    w.WriteString("status", result.Passed ? "verified" : "failed");
                    if (!result.Passed)
                    {
                        w.WriteString("failure", result.Message);
                        w.WriteString("failure_code", FailureCodes.Of(result.Failure));
                    }

                    if (outPath is not null)
                    {
                        w.WriteString("file", outPath);
                        w.WriteString("sha256", Convert.ToHexStringLower(SHA256.HashData(resultBytes)));
                    }

                    w.WriteString("round_id", result.Round.Id);
                    w.WriteNumber("list_count", result.ListCount);
                    w.WriteNumber("sample_size", result.SampleSize);
                    w.WriteNumber("included", result.Included);
                    w.WriteNumber("missing", result.Missing);
                    w.WriteNumber("invalid", result.Invalid);
                    w.WriteString("confidence", result.Confidence);
                    w.WriteString("omitted_fraction_bound", result.OmittedFractionBound);
                    w.WriteNumber("omitted_accounts_bound", result.OmittedAccountsBound);
                    w.WriteStartArray("not_included");
                    foreach (var a in result.Accounts.Where(a => a.Status != AuditAccountStatus.Included))
                    {
                        w.WriteStartObject();
                        w.WriteString("account_id", a.AccountId);
                        w.WriteString("status", a.Status == AuditAccountStatus.Missing ? "missing" : "invalid");
                        w.WriteString("failure_code", a.FailureCode);
                        w.WriteString("reason", a.Reason);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                });
            }
            else
            {
                Print(ctx.Out, result, outPath);
            }

            return result.Passed ? ExitCodes.Ok : ExitCodes.VerificationFailed;
        }));
        return cmd;
    }

    private static void Print(TextWriter o, AuditResult r, string? outPath)
    {
        o.WriteLine($"Audit sample of round '{r.Round.Id}': {r.SampleSize:N0} of the list's {r.ListCount:N0} accounts (seed: {r.Seed.Chain} block {r.Seed.Height:N0}).");
        if (r.Checked)
        {
            o.WriteLine($"  included {r.Included:N0}, missing {r.Missing:N0}, invalid {r.Invalid:N0}");
            foreach (var a in r.Accounts.Where(a => a.Status != AuditAccountStatus.Included))
            {
                o.WriteLine($"  {(a.Status == AuditAccountStatus.Missing ? "MISSING" : "INVALID")} {a.AccountId}: {a.Reason}");
            }

            o.WriteLine($"  At {Percent(r.Confidence)} confidence, at most {Percent(r.OmittedFractionBound)} of your list is not validly included (Clopper-Pearson); for this list of {r.ListCount:N0}, at most {r.OmittedAccountsBound:N0} accounts (exact, sampling without replacement).");
            if (r.TargetMet is { } met)
            {
                o.WriteLine(met ? $"  Target met: the bound is at most {Percent(r.MaxOmittedFraction!)}." : $"  Target NOT met: the bound exceeds {Percent(r.MaxOmittedFraction!)}.");
            }
        }

        if (outPath is not null)
        {
            o.WriteLine($"  result written to {outPath}");
        }

        o.WriteLine(r.Passed
            ? "PASS: every sampled account is included in the round."
            : $"FAIL: {r.Message}");
    }

    /// <summary>A probability written 0.d… as a percentage, exactly (decimal arithmetic).</summary>
    private static string Percent(string probability) =>
        (decimal.Parse(probability, CultureInfo.InvariantCulture) * 100m).ToString("0.####", CultureInfo.InvariantCulture) + "%";
}
