// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Air;
using Por.Stark.Field;
using Por.Stark.Proving;
using Por.Stark.Testing.Examples;
using Por.Stark.Testing.Proving;
using Por.Stark.Tests.Examples;

namespace Por.Stark.Tests.Proving;

/// <summary>One cheating prover per verifier check; each bypasses the prover's own self-checks.</summary>
public sealed class CheatingProverTests
{
    [Fact]
    public void Honest_Baseline_Accepted()
    {
        (FibonacciAir air, TraceTable trace) = ProofFixtures.Fibonacci(TestOptions.Small);
        StarkProof proof = ProofFixtures.Cheat(air, trace, new ProverCheats());
        Assert.True(ProofFixtures.Verify(air, proof.Encode()).IsValid);
    }

    [Theory]
    [InlineData("MainAtZ")]
    [InlineData("MainAtGz")]
    public void WrongOodMainValue_ConsistentComposition_RejectedByFri(string entry)
    {
        // The composition check at z passes (chunk 0 re-balanced); the DEEP quotient of the wrong value is no
        // polynomial, so the first FRI layer disagrees with the DEEP values at the queries.
        (FibonacciAir air, TraceTable trace) = ProofFixtures.Fibonacci(TestOptions.Small);
        StarkProof proof = ProofFixtures.Cheat(air, trace, new ProverCheats { WrongOodValue = Enum.Parse<ProverCheats.OodEntry>(entry), SkipSelfChecks = true });
        VerificationResult result = ProofFixtures.Verify(air, proof.Encode());
        Assert.Equal(VerificationFailure.FriMismatch, result.Failure);
    }

    [Theory]
    [InlineData("AuxAtZ")]
    [InlineData("AuxAtGz")]
    public void WrongOodAuxValue_ConsistentComposition_RejectedByFri(string entry)
    {
        (RangeSumAir air, TraceTable trace) = ExampleAirTests.RangeSum(512, 8, 200, TestOptions.Small);
        StarkProof honest = ProofFixtures.Cheat(air, trace, new ProverCheats());
        Assert.True(ProofFixtures.Verify(air, honest.Encode()).IsValid);
        StarkProof proof = ProofFixtures.Cheat(air, trace, new ProverCheats { WrongOodValue = Enum.Parse<ProverCheats.OodEntry>(entry), SkipSelfChecks = true });
        Assert.Equal(VerificationFailure.FriMismatch, ProofFixtures.Verify(air, proof.Encode()).Failure);
    }

    [Theory]
    [InlineData("main-next")]
    [InlineData("aux-current")]
    [InlineData("aux-next")]
    public void MutatedOodFrameEntry_Rejected(string entry)
    {
        // A changed OOD value (re-encoded, so canonical) moves H(z) computed from the frame: the OOD check fails.
        (RangeSumAir air, TraceTable trace) = ExampleAirTests.RangeSum(512, 8, 200, TestOptions.Small);
        StarkProof proof = ProofFixtures.Cheat(air, trace, new ProverCheats());
        GoldilocksExt3[] values = entry switch
        {
            "main-next" => proof.OodMainNext,
            "aux-current" => proof.OodAuxCurrent,
            _ => proof.OodAuxNext,
        };
        values[^1] += GoldilocksExt3.One;
        Assert.Equal(VerificationFailure.OodInconsistent, ProofFixtures.Verify(air, proof.Encode()).Failure);
    }

    [Fact]
    public void DegreeNTraceColumn_SameWitness_RejectedByFriDegreeBound()
    {
        // Column 0 is committed as T + (X^n − 1): identical on H (the same witness), degree exactly n, with true OOD
        // values, so the composition identity holds at z and every opening is consistent. Without the (1 + γ_c·x)
        // degree correction the DEEP quotient has degree n − 1 < n and the proof verified; now F has degree n and the
        // last FRI layer does not match the remainder.
        (FibonacciAir air, TraceTable trace) = ProofFixtures.Fibonacci(TestOptions.Small);
        StarkProof proof = ProofFixtures.Cheat(air, trace, new ProverCheats { DegreeNColumn = ProverCheats.Column.MainTrace, SkipSelfChecks = true });
        Assert.Equal(VerificationFailure.RemainderMismatch, ProofFixtures.Verify(air, proof.Encode()).Failure);
    }

    [Fact]
    public void DegreeNAuxColumn_SameWitness_RejectedByFriDegreeBound()
    {
        // The LogUp fraction column's first component + (X^n − 1): same values on H, degree n, true OOD values.
        (RangeSumAir air, TraceTable trace) = ExampleAirTests.RangeSum(512, 8, 200, TestOptions.Small);
        StarkProof proof = ProofFixtures.Cheat(air, trace, new ProverCheats { DegreeNColumn = ProverCheats.Column.AuxTrace, SkipSelfChecks = true });
        Assert.Equal(VerificationFailure.RemainderMismatch, ProofFixtures.Verify(air, proof.Encode()).Failure);
    }

    [Fact]
    public void DegreeNQuotientChunk_SameComposition_RejectedByFriDegreeBound()
    {
        // Q'_0 + X^n and Q'_1 − X^(n − s) leave Σ_k X^(k·s)·Q'_k = H unchanged, so the OOD check passes.
        (FibonacciAir air, TraceTable trace) = ProofFixtures.Fibonacci(TestOptions.Small);
        StarkProof proof = ProofFixtures.Cheat(air, trace, new ProverCheats { DegreeNColumn = ProverCheats.Column.QuotientChunk, SkipSelfChecks = true });
        Assert.Equal(VerificationFailure.RemainderMismatch, ProofFixtures.Verify(air, proof.Encode()).Failure);
    }

    [Fact]
    public void CompositionInconsistentAtZ_Rejected()
    {
        (FibonacciAir air, TraceTable trace) = ProofFixtures.Fibonacci(TestOptions.Small);
        StarkProof proof = ProofFixtures.Cheat(air, trace, new ProverCheats { WrongOodComposition = true, SkipSelfChecks = true });
        Assert.Equal(VerificationFailure.OodInconsistent, ProofFixtures.Verify(air, proof.Encode()).Failure);
    }

    [Fact]
    public void InvalidTrace_SelfChecksSkipped_RejectedAtZ()
    {
        (FibonacciAir air, TraceTable trace) = ProofFixtures.Fibonacci(TestOptions.Small);
        var tamper = new ProverCheats { SkipSelfChecks = true, Trace = t => t[0, 10] += Goldilocks.One };
        StarkProof proof = ProofFixtures.Cheat(air, trace, tamper);
        // The composition of a broken trace is no polynomial; its chunks (the low K·s coefficients) miss H at z.
        Assert.Equal(VerificationFailure.OodInconsistent, ProofFixtures.Verify(air, proof.Encode()).Failure);
    }

    [Fact]
    public void InvalidTrace_HonestProver_RefusesToProve()
    {
        (FibonacciAir air, TraceTable trace) = ProofFixtures.Fibonacci(TestOptions.Small);
        trace[0, 10] += Goldilocks.One;
        Assert.Throws<InvalidOperationException>(() => StarkProver.Prove(air, trace, TestOptions.Small));
    }

    [Fact]
    public void RemainderOfTooHighDegree_Rejected()
    {
        (FibonacciAir air, TraceTable trace) = ProofFixtures.Fibonacci(TestOptions.Small);
        StarkProof proof = ProofFixtures.Cheat(air, trace, new ProverCheats { HighDegreeRemainder = true, SkipSelfChecks = true });
        Assert.Equal(VerificationFailure.RemainderMismatch, ProofFixtures.Verify(air, proof.Encode()).Failure);
    }

    [Fact]
    public void RemainderWithExtraCoefficient_RejectedAsMalformed()
    {
        (FibonacciAir air, TraceTable trace) = ProofFixtures.Fibonacci(TestOptions.Small);
        StarkProof proof = ProofFixtures.Cheat(air, trace, new ProverCheats());
        proof.Remainder = [.. proof.Remainder, GoldilocksExt3.One];
        Assert.Equal(VerificationFailure.MalformedProof, ProofFixtures.Verify(air, proof.Encode()).Failure);
    }

    [Fact]
    public void MissingProofOfWork_Rejected()
    {
        (FibonacciAir air, TraceTable trace) = ProofFixtures.Fibonacci(TestOptions.Small);
        StarkProof proof = ProofFixtures.Cheat(air, trace, new ProverCheats { SkipProofOfWork = true });
        Assert.Equal(VerificationFailure.InsufficientProofOfWork, ProofFixtures.Verify(air, proof.Encode()).Failure);
    }

    [Fact]
    public void BadMerklePath_Rejected()
    {
        (FibonacciAir air, TraceTable trace) = ProofFixtures.Fibonacci(TestOptions.Small);
        StarkProof proof = ProofFixtures.Cheat(air, trace, new ProverCheats());
        byte[] siblings = proof.MainOpening.Siblings.ToArray();
        siblings[0] ^= 1;
        proof.MainOpening = new TreeOpening([.. proof.MainOpening.Values], [.. proof.MainOpening.Salts], siblings);
        Assert.Equal(VerificationFailure.MerkleMismatch, ProofFixtures.Verify(air, proof.Encode()).Failure);
    }

    [Fact]
    public void OpenedValueAltered_Rejected()
    {
        (FibonacciAir air, TraceTable trace) = ProofFixtures.Fibonacci(TestOptions.Small);
        StarkProof proof = ProofFixtures.Cheat(air, trace, new ProverCheats());
        ulong[][] values = [.. proof.QuotientOpening.Values.Select(v => (ulong[])v.Clone())];
        values[0][0] = (values[0][0] + 1) % Goldilocks.Modulus;
        proof.QuotientOpening = new TreeOpening(values, [.. proof.QuotientOpening.Salts], proof.QuotientOpening.Siblings.ToArray());
        Assert.Equal(VerificationFailure.MerkleMismatch, ProofFixtures.Verify(air, proof.Encode()).Failure);
    }

    [Fact]
    public void DuplicatedQuery_Rejected()
    {
        (FibonacciAir air, TraceTable trace) = ProofFixtures.Fibonacci(TestOptions.Small);
        // The leaf count matches, but the leaves are not those of the verifier's positions: the root differs.
        StarkProof proof = ProofFixtures.Cheat(air, trace, new ProverCheats { Positions = p => [p[0], .. p[..^1]] });
        Assert.Equal(VerificationFailure.MerkleMismatch, ProofFixtures.Verify(air, proof.Encode()).Failure);
    }

    [Fact]
    public void OutOfRangeQuery_Rejected()
    {
        (FibonacciAir air, TraceTable trace) = ProofFixtures.Fibonacci(TestOptions.Small);
        StarkProof proof = ProofFixtures.Cheat(air, trace, new ProverCheats { Positions = p => [.. p[..^1], 512 + p[^1]] });
        Assert.Equal(VerificationFailure.MerkleMismatch, ProofFixtures.Verify(air, proof.Encode()).Failure);
    }

    [Fact]
    public void SubstitutedQuery_Rejected()
    {
        // Opening a different, valid position than the transcript chose: the verifier hashes the leaves at its own
        // positions, so the batched proof does not reach the root.
        (FibonacciAir air, TraceTable trace) = ProofFixtures.Fibonacci(TestOptions.Small);
        StarkProof proof = ProofFixtures.Cheat(air, trace, new ProverCheats { Positions = p => [.. p[..^1], (p[^1] + 1) % 512 == p[0] ? (p[^1] + 2) % 512 : (p[^1] + 1) % 512] });
        Assert.Equal(VerificationFailure.MerkleMismatch, ProofFixtures.Verify(air, proof.Encode()).Failure);
    }

    [Fact]
    public void UnboundPublicInput_EveryFieldChange_Rejected()
    {
        (RangeSumAir air, TraceTable trace) = ExampleAirTests.RangeSum(512, 8, 200, TestOptions.Small);
        byte[] proof = StarkProver.Prove(air, trace, TestOptions.Small);
        Assert.True(ProofFixtures.Verify(air, proof).IsValid);
        Assert.Equal(VerificationFailure.OodInconsistent, ProofFixtures.Verify(new RangeSumAir(512, 8, air.Total + 1), proof).Failure);
        Assert.Equal(VerificationFailure.OodInconsistent, ProofFixtures.Verify(new RangeSumAir(512, 7, air.Total), proof).Failure);
        Assert.Equal(VerificationFailure.MalformedProof, ProofFixtures.Verify(new RangeSumAir(1024, 8, air.Total), proof).Failure);
    }

    [Fact]
    public void TruncatedFriLayers_Rejected()
    {
        (FibonacciAir air, TraceTable trace) = ProofFixtures.Fibonacci(TestOptions.Small);
        StarkProof proof = ProofFixtures.Cheat(air, trace, new ProverCheats());
        proof.FriRoots = proof.FriRoots[..^1];
        proof.FriOpenings = proof.FriOpenings[..^1];
        Assert.Equal(VerificationFailure.MalformedProof, ProofFixtures.Verify(air, proof.Encode()).Failure);
    }

    [Fact]
    public void ExtendedFriLayers_FromLowerRemainderOption_Rejected()
    {
        // A prover that folds once more (remainder degree ≤ 0 instead of ≤ 3) produces a different shape.
        (FibonacciAir air, TraceTable trace) = ProofFixtures.Fibonacci(TestOptions.Small);
        byte[] proof = StarkProver.Prove(air, trace, new StarkOptions(8, 8, 4, 4, 0));
        Assert.Equal(VerificationFailure.MalformedProof, ProofFixtures.Verify(air, proof).Failure);
    }

    [Fact]
    public void WeakerOptions_FewerQueries_Rejected()
    {
        (FibonacciAir air, TraceTable trace) = ProofFixtures.Fibonacci(TestOptions.Small);
        var weaker = new StarkOptions(7, 8, 4, 4, 3);
        (FibonacciAir air2, TraceTable trace2) = ProofFixtures.Fibonacci(weaker);
        byte[] proof = StarkProver.Prove(air2, trace2, weaker);
        Assert.True(StarkVerifier.Verify(air2, proof, weaker, TestOptions.Relaxed).IsValid);
        Assert.Equal(VerificationFailure.OodInconsistent, ProofFixtures.Verify(air, proof).Failure);
    }

    [Fact]
    public void WeakerOptions_LessGrinding_Rejected()
    {
        (FibonacciAir air, TraceTable trace) = ProofFixtures.Fibonacci(TestOptions.Small);
        byte[] proof = StarkProver.Prove(air, trace, new StarkOptions(8, 8, 0, 4, 3));
        Assert.Equal(VerificationFailure.OodInconsistent, ProofFixtures.Verify(air, proof).Failure);
    }

    [Fact]
    public void PinnedOptionsBelowPolicy_RefusedWithFigure()
    {
        (FibonacciAir air, TraceTable trace) = ProofFixtures.Fibonacci(TestOptions.Small);
        byte[] proof = StarkProver.Prove(air, trace, TestOptions.Small);
        VerificationResult result = StarkVerifier.Verify(air, proof, TestOptions.Small);
        Assert.Equal(VerificationFailure.BelowSecurityPolicy, result.Failure);
        Assert.NotNull(result.Security);
        Assert.Contains(result.Security!.ProvenBits.ToString(System.Globalization.CultureInfo.InvariantCulture), result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OutOfRangeValue_LogUpCheating_Rejected()
    {
        // A value of 2^8 with a "balanced" claim: the trace validator flags it, and the verifier rejects the proof
        // that a prover without self-checks produces anyway.
        var context = new AirContext(512, TestOptions.Small.RandomRows);
        ulong[] values = [256, 1, 2];
        TraceTable trace = RangeSumAir.BuildTrace(context, 8, [0, 1, 2]);
        trace[0, 0] = new Goldilocks(values[0]);
        for (int r = 1; r < context.RealRows; r++)
        {
            trace[3, r] += new Goldilocks(256);
        }

        var air = new RangeSumAir(512, 8, 259);
        Assert.NotEmpty(TraceValidator.Validate(air, trace, air, context.RandomRows, [new GoldilocksExt3(new Goldilocks(12345), new Goldilocks(678), new Goldilocks(9)), new GoldilocksExt3(new Goldilocks(5), new Goldilocks(6), new Goldilocks(7))]));
        StarkProof proof = ProofFixtures.Cheat(air, trace, new ProverCheats { SkipSelfChecks = true });
        Assert.Equal(VerificationFailure.OodInconsistent, ProofFixtures.Verify(air, proof.Encode()).Failure);
    }

    [Fact]
    public void MissingQueryOpening_RejectedAsQueryMismatch()
    {
        (FibonacciAir air, TraceTable trace) = ProofFixtures.Fibonacci(TestOptions.Small);
        StarkProof proof = ProofFixtures.Cheat(air, trace, new ProverCheats { Positions = p => p[..^1] });
        Assert.Equal(VerificationFailure.QueryMismatch, ProofFixtures.Verify(air, proof.Encode()).Failure);
    }

    [Fact]
    public void MissingFriCoset_RejectedAsQueryMismatch()
    {
        (FibonacciAir air, TraceTable trace) = ProofFixtures.Fibonacci(TestOptions.Small);
        StarkProof proof = ProofFixtures.Cheat(air, trace, new ProverCheats());
        TreeOpening layer = proof.FriOpenings[^1];
        proof.FriOpenings[^1] = new TreeOpening([.. layer.Values.Skip(1)], [.. layer.Salts.Skip(1)], layer.Siblings.ToArray());
        Assert.Equal(VerificationFailure.QueryMismatch, ProofFixtures.Verify(air, proof.Encode()).Failure);
    }

    [Fact]
    public void IncompatibleStatement_RejectedAsInvalidStatement()
    {
        // Degree-7 constraints need blowup ≥ 7: the pinned blowup 4 cannot carry this AIR.
        (Poseidon2ChainAir air, TraceTable trace) = ExampleAirTests.Poseidon2Chain(64, TestOptions.Small);
        byte[] proof = StarkProver.Prove(air, trace, TestOptions.Small);
        VerificationResult result = StarkVerifier.Verify(air, proof, new StarkOptions(8, 4, 4, 4, 3), TestOptions.Relaxed);
        Assert.Equal(VerificationFailure.InvalidStatement, result.Failure);
        Assert.Null(result.Security);
    }

    [Fact]
    public void AssertionInRandomTail_RejectedAsInvalidStatement()
    {
        // The shape is fine but an assertion names a random row: the verifier refuses the statement itself.
        var context = new AirContext(64, TestOptions.Small.RandomRows);
        var honest = new BooleanColumnAir(64, alsoOnNextRow: false);
        byte[] proof = StarkProver.Prove(honest, BooleanColumnAir.BuildTrace(context, Goldilocks.One), TestOptions.Small);
        Assert.True(ProofFixtures.Verify(honest, proof).IsValid);
        var invalid = new BooleanColumnAir(64, alsoOnNextRow: false, assertionRow: context.LastRealRow + 1);
        VerificationResult result = ProofFixtures.Verify(invalid, proof);
        Assert.Equal(VerificationFailure.InvalidStatement, result.Failure);
        Assert.NotNull(result.Security);
    }

    [Fact]
    public void TestModeProof_RefusedByDefault_AcceptedWhenAllowed()
    {
        (FibonacciAir air, TraceTable trace) = ProofFixtures.Fibonacci(TestOptions.Small);
        byte[] proof = StarkProver.Prove(air, trace, TestOptions.Small, new Por.Stark.Randomness.DeterministicRandomSource([1, 2, 3]));
        Assert.Equal(VerificationFailure.TestModeRefused, ProofFixtures.Verify(air, proof).Failure);
        Assert.True(StarkVerifier.Verify(air, proof, TestOptions.Small, TestOptions.Relaxed with { AllowTestMode = true }).IsValid);
        byte[] again = StarkProver.Prove(air, trace, TestOptions.Small, new Por.Stark.Randomness.DeterministicRandomSource([1, 2, 3]));
        Assert.Equal(proof, again);
    }
}
