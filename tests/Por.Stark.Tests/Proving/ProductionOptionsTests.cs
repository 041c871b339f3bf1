// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Air;
using Por.Stark.Proving;
using Por.Stark.Randomness;
using Por.Stark.Testing.Examples;

namespace Por.Stark.Tests.Proving;

public sealed class ProductionOptionsTests
{
    [Fact]
    public void ProveVerify_ProductionOptionsDefaultPolicy_AcceptedWithAtLeast103ProvenBits()
    {
        // Blowup 8, 56 queries, 20 grinding bits, folding 8, remainder < 64, h = 118, on a 256-row trace.
        (FibonacciAir air, TraceTable trace) = ProofFixtures.Fibonacci(StarkOptions.Production, 256);
        byte[] proof = StarkProver.Prove(air, trace, StarkOptions.Production);
        VerificationResult result = StarkVerifier.Verify(air, proof, StarkOptions.Production);
        Assert.True(result.IsValid, result.Message);
        Assert.True(result.Security!.ProvenBits >= 103);
        Assert.True(result.Security.JohnsonBoundBits >= 103);
    }

    [Fact]
    public void ProveVerify_Proven128OptionsPolicy128_AcceptedWith128ProvenBits()
    {
        // Blowup 8, 85 queries, 20 grinding bits, folding 8, remainder < 64, h = 176, on a 256-row trace.
        (FibonacciAir air, TraceTable trace) = ProofFixtures.Fibonacci(StarkOptions.Proven128, 256);
        byte[] proof = StarkProver.Prove(air, trace, StarkOptions.Proven128);
        VerificationResult result = StarkVerifier.Verify(air, proof, StarkOptions.Proven128, new VerifierPolicy { MinimumProvenBits = 128 });
        Assert.True(result.IsValid, result.Message);
        Assert.Equal(128, result.Security!.ProvenBits);
        Assert.False(StarkVerifier.Verify(air, proof, StarkOptions.Production).IsValid);
    }

    [Fact]
    public void TestModeProof_FlagsCleared_DefaultPolicy_Rejected()
    {
        // The case exactly: a deterministic proof under production options and the default policy. Clearing
        // byte 10 used to make it verify; the flags are now in the transcript.
        (FibonacciAir air, TraceTable trace) = ProofFixtures.Fibonacci(StarkOptions.Production, 256);
        byte[] proof = StarkProver.Prove(air, trace, StarkOptions.Production, new DeterministicRandomSource([7, 7, 7]));
        Assert.Equal(VerificationFailure.TestModeRefused, StarkVerifier.Verify(air, proof, StarkOptions.Production).Failure);
        proof[10] = 0;
        Assert.Equal(VerificationFailure.OodInconsistent, StarkVerifier.Verify(air, proof, StarkOptions.Production).Failure);
    }
}
