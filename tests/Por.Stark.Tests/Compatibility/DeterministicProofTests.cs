// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using Por.Stark.Air;
using Por.Stark.Field;
using Por.Stark.Hashing;
using Por.Stark.Proving;
using Por.Stark.Randomness;
using Por.Stark.Testing.Examples;

namespace Por.Stark.Tests.Compatibility;

/// <summary>
/// Proofs made with a fixed random source are pinned byte for byte: a refactoring of the prover must not change a
/// single proof byte. The digests were recorded before the prover was split into phases (2026-12-06); a change here is
/// a format change and needs a new proof format version, not a new digest.
/// </summary>
public sealed class DeterministicProofTests
{
    [Fact]
    public void Fibonacci_SmallOptions_ByteIdentical()
    {
        var context = new AirContext(64, TestOptions.Small.RandomRows);
        TraceTable trace = FibonacciAir.BuildTrace(context);
        var air = new FibonacciAir(64, trace[1, context.LastRealRow]);
        AssertDigest("c08362e2104e7b605a3c261c02abb4909163e13dee0782222ac9013bedbcbf9f", air, trace, TestOptions.Small);
    }

    [Fact]
    public void Poseidon2Chain_SmallOptions_ByteIdentical()
    {
        Poseidon2 permutation = Poseidon2.Goldilocks8;
        int w = permutation.Parameters.Width;
        var context = new AirContext(64, TestOptions.Small.RandomRows);
        Goldilocks[] seed = [.. Enumerable.Range(0, w).Select(i => new Goldilocks((ulong)i))];
        var result = new Goldilocks[w];
        TraceTable trace = Poseidon2ChainAir.BuildTrace(permutation, context, seed, result);
        var air = new Poseidon2ChainAir(64, permutation, seed, result);
        AssertDigest("deedd4afa2e20a60615347ef7f3982f145335fc0fef29e5641446403c3a657f8", air, trace, TestOptions.Small);
    }

    [Fact]
    public void RangeSum_ProductionOptions_ByteIdentical()
    {
        var context = new AirContext(256, StarkOptions.Production.RandomRows);
        TraceTable trace = RangeSumAir.BuildTrace(context, 4, [0, 1, 2, 15, 7]);
        var air = new RangeSumAir(256, 4, 25);
        AssertDigest("1acf04dbdb0aebb83c0f414a76f0aaedc1b189d79cfc71994ecffea86b55c7f5", air, trace, StarkOptions.Production);
    }

    private static void AssertDigest(string expected, StarkAir air, TraceTable trace, StarkOptions options)
    {
        byte[] proof = StarkProver.Prove(air, trace, options, new DeterministicRandomSource([9, 8, 7, 6]));
        Assert.True(StarkVerifier.Verify(air, proof, options, TestOptions.Relaxed with { AllowTestMode = true }).IsValid);
        string actual = Convert.ToHexStringLower(SHA256.HashData(proof));
        Assert.True(expected == actual, $"proof digest changed: {actual}");
    }
}
