// SPDX-License-Identifier: Apache-2.0

using Por.Cli.Infrastructure;
using Por.Common;
using Por.Liabilities.Rounds;
using Por.Liabilities.Zk;

namespace Por.Cli.Commands;

/// <summary>The zk mode of <c>por round build</c> and <c>por round verify</c>.</summary>
internal static class ZkRoundCommands
{
    /// <summary>The <c>--parameter-set</c> value that lets the builder choose (the default).</summary>
    public const string AutoParameterSet = "auto";

    public static int Build(CliContext ctx, RoundBuildOptions options, string parameterSetId, bool allowTestParameters, string? bundle = null)
    {
        bundle ??= options.OutputDirectory;
        // "auto": the builder picks the cheapest set of the ladder that fits the round (docs/liabilities-zk.md).
        var parameters = string.Equals(parameterSetId, AutoParameterSet, StringComparison.Ordinal) ? null : ZkParameterSet.Find(parameterSetId)
            ?? throw new InputException("--parameter-set", 0, "", $"unknown parameter set '{parameterSetId}': expected {AutoParameterSet} or one of {string.Join(", ", ZkParameterSet.Pinned.Where(p => !p.IsTestOnly).Select(p => p.Id))}");
        if (parameters is { IsTestOnly: true } && !allowTestParameters)
        {
            throw new InputException("--parameter-set", 0, "", $"'{parameterSetId}' is for tests only; it needs --allow-test-parameters");
        }

        var started = TimeProvider.System.GetTimestamp();
        var result = ZkRoundBuilder.Build(options, parameters, allowTestParameters, ctx.Progress(), ShutdownSignals.Token);
        var elapsed = TimeProvider.System.GetElapsedTime(started);
        var header = result.Manifest.Header;
        if (ctx.Json)
        {
            ctx.WriteJson(w =>
            {
                w.WriteString("status", "built");
                w.WriteString("bundle", bundle);
                w.WriteNumber("seconds", Math.Round(elapsed.TotalSeconds, 3));
                w.WriteNumber("batches_proven", result.BatchesProven);
                w.WriteNumber("batches_resumed", result.BatchesResumed);
                ZkSummary.Write(w, header);
            });
        }
        else
        {
            ctx.Out.WriteLine($"Built zk round '{header.RoundId}' in {bundle} ({elapsed.TotalSeconds:F1} s; {result.BatchesProven} batches proven, {result.BatchesResumed} resumed)");
            ZkSummary.Print(ctx.Out, header);
            ctx.Out.WriteLine($"Publish manifest.json, batches/ and {WebVerifierPage.FileName} (the offline verifier for customers). Keep private/ secret: it holds every customer's salt and balances.");
        }

        return ExitCodes.Ok;
    }

    public static int Verify(CliContext ctx, string directory, bool allowTestParameters)
    {
        var result = ZkRoundBundleVerifier.Verify(directory, allowTestParameters, ctx.Progress());
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

                w.WriteNumber("batches_checked", result.BatchesChecked);
                ZkSummary.Write(w, result.Manifest.Header);
            });
        }
        else
        {
            ZkSummary.Print(ctx.Out, result.Manifest.Header);
            ctx.Out.WriteLine(result.IsValid
                ? $"PASS: all {result.BatchesChecked:N0} batch proofs verify under the pinned parameter set, bound to this round's context; the totals and the root match; file hashes match."
                : $"FAIL: {result.Message}");
        }

        return result.IsValid ? ExitCodes.Ok : ExitCodes.VerificationFailed;
    }
}
