// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Air;
using Por.Stark.Examples;
using Por.Stark.Proving;
using Por.Stark.Randomness;

namespace Por.Stark.Tests.Proving;

/// <summary>Small statements and proofs shared by the acceptance tests.</summary>
internal static class ProofFixtures
{
    public static (FibonacciAir Air, TraceTable Trace) Fibonacci(StarkOptions options, int n = 64)
    {
        var context = new AirContext(n, options.RandomRows);
        TraceTable trace = FibonacciAir.BuildTrace(context);
        return (new FibonacciAir(n, trace[1, context.LastRealRow]), trace);
    }

    public static StarkProof Cheat(StarkAir air, TraceTable trace, ProverTamper tamper, StarkOptions? options = null) =>
        StarkProver.ProveCore(air, trace, options ?? TestOptions.Small, OsRandomSource.Instance, tamper);

    public static VerificationResult Verify(StarkAir air, byte[] proof, StarkOptions? options = null) =>
        StarkVerifier.Verify(air, proof, options ?? TestOptions.Small, TestOptions.Relaxed);
}
