// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Air;
using Por.Stark.Field;
using Por.Stark.Proving;
using Por.Stark.Randomness;
using Por.Stark.Testing.Examples;
using Por.Stark.Testing.Proving;

namespace Por.Stark.Tests.Proving;

public sealed class ProofFormatTests
{
    private const int FlagsOffset = 10;

    private static VerifierPolicy AllowTestMode => TestOptions.Relaxed with { AllowTestMode = true };

    [Fact]
    public void DecodeEncode_ValidProof_RoundTripsAndReportsSize()
    {
        (FibonacciAir air, TraceTable trace) = ProofFixtures.Fibonacci(TestOptions.Small);
        byte[] bytes = StarkProver.Prove(air, trace, TestOptions.Small);
        var shape = ProofShape.Create(air, TestOptions.Small);
        Assert.True(StarkProof.TryDecode(bytes, shape, out StarkProof? proof, out _));
        Assert.Equal(bytes, proof!.Encode());
        Assert.Equal(bytes.Length, ProofFixtures.Verify(air, bytes).ProofSizeBytes);
        Assert.Equal(bytes.Length, proof.GetRegions().Sum(r => r.Length));
    }

    [Fact]
    public void Decode_NonCanonicalOodElement_Rejected()
    {
        (FibonacciAir air, TraceTable trace) = ProofFixtures.Fibonacci(TestOptions.Small);
        StarkProof proof = ProofFixtures.Cheat(air, trace, new ProverCheats());
        byte[] bytes = proof.Encode();
        (string _, int offset, int _) = proof.GetRegions().First(r => string.Equals(r.Name, "ood-frame", StringComparison.Ordinal));
        BitConverter.GetBytes(Goldilocks.Modulus).CopyTo(bytes, offset);
        Assert.False(StarkProof.TryDecode(bytes, ProofShape.Create(air, TestOptions.Small), out _, out string error));
        Assert.Contains("non-canonical", error, StringComparison.Ordinal);
        Assert.Equal(VerificationFailure.MalformedProof, ProofFixtures.Verify(air, bytes).Failure);
    }

    [Fact]
    public void Decode_NonCanonicalOpenedValue_Rejected()
    {
        (FibonacciAir air, TraceTable trace) = ProofFixtures.Fibonacci(TestOptions.Small);
        StarkProof proof = ProofFixtures.Cheat(air, trace, new ProverCheats());
        byte[] bytes = proof.Encode();
        (string _, int offset, int _) = proof.GetRegions().First(r => string.Equals(r.Name, "main-values", StringComparison.Ordinal));
        BitConverter.GetBytes(ulong.MaxValue).CopyTo(bytes, offset);
        Assert.Equal(VerificationFailure.MalformedProof, ProofFixtures.Verify(air, bytes).Failure);
    }

    [Fact]
    public void Decode_WrongVersionOrFlags_Rejected()
    {
        (FibonacciAir air, TraceTable trace) = ProofFixtures.Fibonacci(TestOptions.Small);
        byte[] bytes = StarkProver.Prove(air, trace, TestOptions.Small);
        foreach (byte version in new byte[] { 1, 3 })
        {
            byte[] other = (byte[])bytes.Clone();
            other[8] = version;
            Assert.Equal(VerificationFailure.MalformedProof, ProofFixtures.Verify(air, other).Failure);
        }

        byte[] flags = (byte[])bytes.Clone();
        flags[FlagsOffset] = 0x80;
        Assert.Equal(VerificationFailure.MalformedProof, ProofFixtures.Verify(air, flags).Failure);
    }

    [Fact]
    public void FlagsByte_ClearedOnTestModeProof_RejectedBecauseTranscriptBindsIt()
    {
        // Without the header in the transcript, clearing the test-mode bit made a deterministic proof verify under a
        // policy that refuses test mode. Every challenge now depends on the flags, so the OOD check fails first.
        (FibonacciAir air, TraceTable trace) = ProofFixtures.Fibonacci(TestOptions.Small);
        byte[] bytes = StarkProver.Prove(air, trace, TestOptions.Small, new DeterministicRandomSource([4, 5, 6]));
        Assert.Equal(StarkProof.TestModeFlag, bytes[FlagsOffset]);
        Assert.True(StarkVerifier.Verify(air, bytes, TestOptions.Small, AllowTestMode).IsValid);
        Assert.Equal(VerificationFailure.TestModeRefused, ProofFixtures.Verify(air, bytes).Failure);
        byte[] cleared = (byte[])bytes.Clone();
        cleared[FlagsOffset] = 0;
        Assert.Equal(VerificationFailure.OodInconsistent, ProofFixtures.Verify(air, cleared).Failure);
        Assert.Equal(VerificationFailure.OodInconsistent, StarkVerifier.Verify(air, cleared, TestOptions.Small, AllowTestMode).Failure);
    }

    [Fact]
    public void FlagsByte_SetOnZeroKnowledgeProof_Rejected()
    {
        (FibonacciAir air, TraceTable trace) = ProofFixtures.Fibonacci(TestOptions.Small);
        byte[] bytes = StarkProver.Prove(air, trace, TestOptions.Small);
        Assert.Equal(0, bytes[FlagsOffset]);
        byte[] flipped = (byte[])bytes.Clone();
        flipped[FlagsOffset] = StarkProof.TestModeFlag;
        Assert.Equal(VerificationFailure.TestModeRefused, ProofFixtures.Verify(air, flipped).Failure);
        Assert.Equal(VerificationFailure.OodInconsistent, StarkVerifier.Verify(air, flipped, TestOptions.Small, AllowTestMode).Failure);
    }

    [Fact]
    public void Header_VersionAndFlagsOffsets_AsDocumented()
    {
        (FibonacciAir air, TraceTable trace) = ProofFixtures.Fibonacci(TestOptions.Small);
        byte[] bytes = StarkProver.Prove(air, trace, TestOptions.Small);
        Assert.Equal("PORSTARK"u8.ToArray(), bytes[..8]);
        Assert.Equal(StarkProof.CurrentVersion, BitConverter.ToUInt16(bytes, 8));
        Assert.Equal(2, StarkProof.CurrentVersion);
    }

    [Fact]
    public void Regions_CoverEveryPartOfTheProof()
    {
        (FibonacciAir air, TraceTable trace) = ProofFixtures.Fibonacci(TestOptions.Small);
        StarkProof proof = ProofFixtures.Cheat(air, trace, new ProverCheats());
        string[] names = [.. proof.GetRegions().Select(r => r.Name).Distinct(StringComparer.Ordinal)];
        foreach (string expected in new[] { "header", "main-root", "quotient-root", "ood-frame", "fri-roots", "remainder", "pow-nonce", "main-values", "main-salts", "main-siblings", "quotient-values", "fri-layer-0-values", "fri-layer-1-siblings" })
        {
            Assert.Contains(expected, names, StringComparer.Ordinal);
        }
    }
}
