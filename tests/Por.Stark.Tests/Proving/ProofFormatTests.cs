// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Air;
using Por.Stark.Examples;
using Por.Stark.Field;
using Por.Stark.Proving;

namespace Por.Stark.Tests.Proving;

public sealed class ProofFormatTests
{
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
        StarkProof proof = ProofFixtures.Cheat(air, trace, new ProverTamper());
        byte[] bytes = proof.Encode();
        (string _, int offset, int _) = proof.GetRegions().First(r => string.Equals(r.Name, "ood-frame", StringComparison.Ordinal));
        BitConverter.GetBytes(Goldilocks.Modulus).CopyTo(bytes, offset);
        Assert.False(StarkProof.TryDecode(bytes, ProofShape.Create(air, TestOptions.Small), out _, out string error));
        Assert.Contains("non-canonical", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_NonCanonicalOpenedValue_Rejected()
    {
        (FibonacciAir air, TraceTable trace) = ProofFixtures.Fibonacci(TestOptions.Small);
        StarkProof proof = ProofFixtures.Cheat(air, trace, new ProverTamper());
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
        byte[] v2 = (byte[])bytes.Clone();
        v2[8] = 2;
        Assert.Equal(VerificationFailure.MalformedProof, ProofFixtures.Verify(air, v2).Failure);
        byte[] flags = (byte[])bytes.Clone();
        flags[10] = 0x80;
        Assert.Equal(VerificationFailure.MalformedProof, ProofFixtures.Verify(air, flags).Failure);
    }

    [Fact]
    public void Regions_CoverEveryPartOfTheProof()
    {
        (FibonacciAir air, TraceTable trace) = ProofFixtures.Fibonacci(TestOptions.Small);
        StarkProof proof = ProofFixtures.Cheat(air, trace, new ProverTamper());
        string[] names = [.. proof.GetRegions().Select(r => r.Name).Distinct(StringComparer.Ordinal)];
        foreach (string expected in new[] { "header", "main-root", "quotient-root", "ood-frame", "fri-roots", "remainder", "pow-nonce", "main-values", "main-salts", "main-siblings", "quotient-values", "fri-layer-0-values", "fri-layer-1-siblings" })
        {
            Assert.Contains(expected, names, StringComparer.Ordinal);
        }
    }
}
