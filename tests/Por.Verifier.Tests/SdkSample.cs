// SPDX-License-Identifier: Apache-2.0

namespace Por.Verifier.Tests;

/// <summary>The sample of docs/sdk.md, compiled and run here (SdkSampleTests keeps the two texts identical).</summary>
internal static class SdkSample
{
    public static int CheckInclusion(string inclusionPath, string manifestPath, TextWriter output)
    {
        // begin-sample inclusion
        InclusionResult result = PorVerifier.VerifyInclusion(File.ReadAllBytes(inclusionPath), File.ReadAllBytes(manifestPath));
        if (!result.Passed)
        {
            output.WriteLine($"FAIL ({VerifierFailures.Code(result.Failure)}): {VerifierFailures.Describe(result.Failure)}");
            output.WriteLine($"  detail: {result.Message}");
            return 1;
        }

        output.WriteLine($"PASS: account {result.AccountId} is in round {result.RoundId}, root {result.Root}");
        foreach (AssetAmount balance in result.Balances)
        {
            output.WriteLine($"  {balance.Symbol,-6} {balance.ToDisplayString()}"); // exact: integer base units + decimals
        }

        return 0;
        // end-sample inclusion
    }

    public static int CheckBatches(string bundleDirectory, TextWriter output)
    {
        // begin-sample round
        byte[] manifest = File.ReadAllBytes(Path.Combine(bundleDirectory, "manifest.json"));
        var batchFiles = Directory.GetFiles(Path.Combine(bundleDirectory, "batches"))
            .Select(path => KeyValuePair.Create(Path.GetFileName(path), File.ReadAllBytes(path)));
        RoundResult round = PorVerifier.VerifyRound(manifest, batchFiles);
        output.WriteLine(round.Passed
            ? $"PASS: all {round.BatchesVerified} batch proofs of round {round.RoundId} verify"
            : $"FAIL ({VerifierFailures.Code(round.Failure)}): {round.Message}");
        output.WriteLine(round.ToJson()); // the same result as JSON, failure codes in snake_case
        return round.Passed ? 0 : 1;
        // end-sample round
    }
}
