// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Air;
using Por.Stark.Proving;
using Por.Stark.Testing.Examples;
using Por.Stark.Testing.Proving;

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

    /// <summary>Proves through the test seam; an example AIR with an auxiliary segment is its own builder.</summary>
    public static StarkProof Cheat(StarkAir air, TraceTable trace, ProverCheats cheats, StarkOptions? options = null) =>
        CheatingProver.Prove(air, trace, air as IAuxTraceBuilder, options ?? TestOptions.Small, cheats);

    public static VerificationResult Verify(StarkAir air, byte[] proof, StarkOptions? options = null) =>
        StarkVerifier.Verify(air, proof, options ?? TestOptions.Small, TestOptions.Relaxed);
}
