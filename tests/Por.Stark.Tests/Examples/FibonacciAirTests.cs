// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Air;
using Por.Stark.Field;
using Por.Stark.Proving;
using Por.Stark.Testing.Examples;

namespace Por.Stark.Tests.Examples;

public sealed class FibonacciAirTests
{
    private static (FibonacciAir Air, TraceTable Trace) Build(int n, StarkOptions options)
    {
        var context = new AirContext(n, options.RandomRows);
        TraceTable trace = FibonacciAir.BuildTrace(context);
        return (new FibonacciAir(n, trace[1, context.LastRealRow]), trace);
    }

    [Fact]
    public void ProveVerify_SmallTrace_Accepted()
    {
        (FibonacciAir air, TraceTable trace) = Build(64, TestOptions.Small);
        byte[] proof = StarkProver.Prove(air, trace, TestOptions.Small);
        VerificationResult result = StarkVerifier.Verify(air, proof, TestOptions.Small, TestOptions.Relaxed);
        Assert.True(result.IsValid, result.Message);
    }

    [Fact]
    public void Verify_WrongResult_Rejected()
    {
        (FibonacciAir air, TraceTable trace) = Build(64, TestOptions.Small);
        byte[] proof = StarkProver.Prove(air, trace, TestOptions.Small);
        var wrong = new FibonacciAir(64, air.Result + Goldilocks.One);
        VerificationResult result = StarkVerifier.Verify(wrong, proof, TestOptions.Small, TestOptions.Relaxed);
        Assert.Equal(VerificationFailure.OodInconsistent, result.Failure);
    }
}
