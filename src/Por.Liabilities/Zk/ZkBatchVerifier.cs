// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Proving;

namespace Por.Liabilities.Zk;

/// <summary>Verifies one batch proof against a statement, with the parameter set pinned by id in this code.</summary>
public static class ZkBatchVerifier
{
    /// <summary>Verifies.</summary>
    /// <param name="statement">The statement the verifier trusts (from the round manifest).</param>
    /// <param name="proof">The proof bytes.</param>
    /// <param name="allowTestParameters">Accept test-only parameter sets and test-mode proofs (tests only).</param>
    /// <returns>The result; invalid when the statement names an unknown set or the proof fails.</returns>
    public static VerificationResult Verify(ZkBatchStatement statement, ReadOnlySpan<byte> proof, bool allowTestParameters = false)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ZkParameterSet? parameters = ZkParameterSet.Find(statement.ParameterSetId);
        if (parameters is null || (parameters.IsTestOnly && !allowTestParameters))
        {
            return new VerificationResult(VerificationFailure.InvalidStatement, $"unknown or test-only parameter set '{statement.ParameterSetId}'", null, proof.Length);
        }

        string? invalid = statement.Validate();
        if (invalid is not null || statement.AccountsPerBatch != parameters.AccountsPerBatch)
        {
            return new VerificationResult(VerificationFailure.InvalidStatement, invalid ?? "accounts per batch differ from the parameter set", null, proof.Length);
        }

        // Batch 0 must start from zero totals: its K_in is the public K_{−1}, never a value taken from the proof.
        if (statement.BatchIndex == 0 && !statement.ChainIn.AsSpan().SequenceEqual(ZkChainOpening.Zero(statement.AssetCount).Commit()))
        {
            return new VerificationResult(VerificationFailure.InvalidStatement, "batch 0 does not start from the zero chain commitment", null, proof.Length);
        }

        var air = new LiabilitiesAir(statement, parameters.TraceLength, parameters.Options.RandomRows);
        VerifierPolicy policy = parameters.IsTestOnly
            ? new VerifierPolicy { MinimumProvenBits = 0, AllowTestMode = allowTestParameters }
            : new VerifierPolicy { AllowTestMode = allowTestParameters };
        return StarkVerifier.Verify(air, proof, parameters.Options, policy);
    }
}
