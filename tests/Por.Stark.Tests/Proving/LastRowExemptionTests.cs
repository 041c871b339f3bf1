// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Air;
using Por.Stark.Field;
using Por.Stark.Proving;
using Por.Stark.Testing.Proving;
using Por.Stark.Tests.Examples;

namespace Por.Stark.Tests.Proving;

/// <summary>
/// Pins the transition exemption documented on <see cref="StarkAir"/>: the step from the last witness row ℓ to the
/// first random row is not constrained, so a constraint that reads only the current row says nothing about row ℓ.
/// </summary>
public sealed class LastRowExemptionTests
{
    private const int N = 64;

    private static AirContext Context => new(N, TestOptions.Small.RandomRows);

    [Fact]
    public void SingleRowConstraint_ViolatedOnLastWitnessRow_StillVerifies()
    {
        // The trap: x·(x − 1) = 0 is enforced on rows 0 … ℓ − 1 only; x = 2 on row ℓ is a valid proof.
        var air = new BooleanColumnAir(N, alsoOnNextRow: false);
        TraceTable trace = BooleanColumnAir.BuildTrace(Context, new Goldilocks(2));
        Assert.Empty(TraceValidator.Validate(air, trace, null, Context.RandomRows, []));
        byte[] proof = StarkProver.Prove(air, trace, TestOptions.Small);
        VerificationResult result = ProofFixtures.Verify(air, proof);
        Assert.Equal(VerificationFailure.None, result.Failure);
    }

    [Fact]
    public void SingleRowConstraint_ViolatedOnRowBeforeLast_Rejected()
    {
        var air = new BooleanColumnAir(N, alsoOnNextRow: false);
        TraceTable trace = BooleanColumnAir.BuildTrace(Context, Goldilocks.One);
        trace[0, Context.LastRealRow - 1] = new Goldilocks(2);
        Assert.Single(TraceValidator.Validate(air, trace, null, Context.RandomRows, []));
        Assert.Throws<InvalidOperationException>(() => StarkProver.Prove(air, trace, TestOptions.Small));
        StarkProof proof = ProofFixtures.Cheat(air, trace, new ProverCheats { SkipSelfChecks = true });
        Assert.Equal(VerificationFailure.OodInconsistent, ProofFixtures.Verify(air, proof.Encode()).Failure);
    }

    [Fact]
    public void ConstraintAlsoStatedOnNextRow_CoversLastWitnessRow_Rejected()
    {
        // The remedy: stating the condition on the next row too makes the enforced step ℓ − 1 → ℓ cover row ℓ.
        var air = new BooleanColumnAir(N, alsoOnNextRow: true);
        TraceTable trace = BooleanColumnAir.BuildTrace(Context, new Goldilocks(2));
        Assert.Equal(["main transition constraint 1 fails at row " + (Context.LastRealRow - 1)], TraceValidator.Validate(air, trace, null, Context.RandomRows, []));
        Assert.Throws<InvalidOperationException>(() => StarkProver.Prove(air, trace, TestOptions.Small));
        StarkProof proof = ProofFixtures.Cheat(air, trace, new ProverCheats { SkipSelfChecks = true });
        Assert.Equal(VerificationFailure.OodInconsistent, ProofFixtures.Verify(air, proof.Encode()).Failure);
    }

    [Fact]
    public void ConstraintAlsoStatedOnNextRow_HonestWitness_Verifies()
    {
        var air = new BooleanColumnAir(N, alsoOnNextRow: true);
        TraceTable trace = BooleanColumnAir.BuildTrace(Context, Goldilocks.One);
        Assert.Equal(VerificationFailure.None, ProofFixtures.Verify(air, StarkProver.Prove(air, trace, TestOptions.Small)).Failure);
    }
}
