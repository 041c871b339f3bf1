// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Air;
using Por.Stark.Field;
using Por.Stark.Hashing;
using Por.Stark.Proving;
using Por.Stark.Testing.Examples;

namespace Por.Stark.Tests.Examples;

public sealed class ExampleAirTests
{
    internal static (Poseidon2ChainAir Air, TraceTable Trace) Poseidon2Chain(int n, StarkOptions options)
    {
        var context = new AirContext(n, options.RandomRows);
        Goldilocks[] seed = [.. Enumerable.Range(0, 8).Select(i => new Goldilocks((ulong)i))];
        var result = new Goldilocks[8];
        TraceTable trace = Poseidon2ChainAir.BuildTrace(Poseidon2.Goldilocks8, context, seed, result);
        return (new Poseidon2ChainAir(n, Poseidon2.Goldilocks8, seed, result), trace);
    }

    internal static (RangeSumAir Air, TraceTable Trace) RangeSum(int n, int bits, int count, StarkOptions options)
    {
        var context = new AirContext(n, options.RandomRows);
        ulong[] values = [.. Enumerable.Range(0, count).Select(i => (ulong)((i * 2654435761L) & ((1L << bits) - 1)))];
        ulong total = values.Aggregate(0UL, (a, b) => checked(a + b));
        return (new RangeSumAir(n, bits, total), RangeSumAir.BuildTrace(context, bits, values));
    }

    [Fact]
    public void Poseidon2Chain_ProveVerify_Accepted()
    {
        (Poseidon2ChainAir air, TraceTable trace) = Poseidon2Chain(64, TestOptions.Small);
        Assert.Equal(94, air.MainWidth);
        byte[] proof = StarkProver.Prove(air, trace, TestOptions.Small);
        VerificationResult result = StarkVerifier.Verify(air, proof, TestOptions.Small, TestOptions.Relaxed);
        Assert.True(result.IsValid, result.Message);
    }

    [Fact]
    public void Poseidon2Chain_FirstRowOutput_EqualsNativePermutation()
    {
        (_, TraceTable trace) = Poseidon2Chain(64, TestOptions.Small);
        Goldilocks[] state = [.. Enumerable.Range(0, 8).Select(i => new Goldilocks((ulong)i))];
        Poseidon2.Goldilocks8.Permute(state);
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(state[i], trace[i, 1]);
        }
    }

    [Fact]
    public void Poseidon2Chain_WrongResult_Rejected()
    {
        (Poseidon2ChainAir air, TraceTable trace) = Poseidon2Chain(64, TestOptions.Small);
        byte[] proof = StarkProver.Prove(air, trace, TestOptions.Small);
        Goldilocks[] seed = [.. Enumerable.Range(0, 8).Select(i => new Goldilocks((ulong)i))];
        var wrongResult = new Goldilocks[8];
        wrongResult[3] = Goldilocks.One;
        var wrong = new Poseidon2ChainAir(64, Poseidon2.Goldilocks8, seed, wrongResult);
        Assert.Equal(VerificationFailure.OodInconsistent, StarkVerifier.Verify(wrong, proof, TestOptions.Small, TestOptions.Relaxed).Failure);
    }

    [Fact]
    public void RangeSum_ProveVerify_Accepted()
    {
        (RangeSumAir air, TraceTable trace) = RangeSum(512, 8, 256, TestOptions.Small);
        byte[] proof = StarkProver.Prove(air, trace, TestOptions.Small);
        VerificationResult result = StarkVerifier.Verify(air, proof, TestOptions.Small, TestOptions.Relaxed);
        Assert.True(result.IsValid, result.Message);
    }

    [Fact]
    public void RangeSum_WrongTotal_Rejected()
    {
        (RangeSumAir air, TraceTable trace) = RangeSum(512, 8, 256, TestOptions.Small);
        byte[] proof = StarkProver.Prove(air, trace, TestOptions.Small);
        var wrong = new RangeSumAir(512, 8, air.Total + 1);
        Assert.Equal(VerificationFailure.OodInconsistent, StarkVerifier.Verify(wrong, proof, TestOptions.Small, TestOptions.Relaxed).Failure);
    }

    [Fact]
    public void RangeSum_SixtyFiveThousandValuesBelowTwoToSixteen_Accepted()
    {
        // The example: 2^16 values, each in [0, 2^16), summing to T (n = 2^17 rows).
        (RangeSumAir air, TraceTable trace) = RangeSum(1 << 17, 16, 1 << 16, TestOptions.Small);
        byte[] proof = StarkProver.Prove(air, trace, TestOptions.Small);
        VerificationResult result = StarkVerifier.Verify(air, proof, TestOptions.Small, TestOptions.Relaxed);
        Assert.True(result.IsValid, result.Message);
    }

    [Fact]
    public void CubicPeriodic_ProveVerify_Accepted()
    {
        var context = new AirContext(128, TestOptions.Small.RandomRows);
        TraceTable trace = CubicPeriodicAir.BuildTrace(context, new Goldilocks(5));
        var air = new CubicPeriodicAir(128, new Goldilocks(5), trace[0, context.LastRealRow]);
        byte[] proof = StarkProver.Prove(air, trace, TestOptions.Small);
        VerificationResult result = StarkVerifier.Verify(air, proof, TestOptions.Small, TestOptions.Relaxed);
        Assert.True(result.IsValid, result.Message);
    }
}
