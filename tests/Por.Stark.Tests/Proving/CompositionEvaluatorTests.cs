// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Air;
using Por.Stark.Field;
using Por.Stark.Proving;
using Por.Stark.Testing.Composition;
using Por.Stark.Testing.Examples;
using Por.Stark.Tests.Examples;

namespace Por.Stark.Tests.Proving;

[Trait("Category", "Simd")]
public sealed class CompositionEvaluatorTests
{
    private static readonly GoldilocksExt3[] s_auxRandomness = CompositionHarness.RandomExtension(4, 77);

    public static TheoryData<string, int> Cases => new()
    {
        { "fibonacci", 8 },
        { "fibonacci", 2 },
        { "cubic-periodic", 8 },
        { "cubic-periodic", 4 },
        { "poseidon2-chain", 8 },
        { "wide-benchmark", 8 },
        { "range-sum", 8 },
        { "range-sum", 4 },
    };

    private static (StarkAir Air, TraceTable Trace, StarkOptions Options) Build(string name, int blowup)
    {
        var options = new StarkOptions(8, blowup, 0, 4, 3);
        var context = new AirContext(64, options.RandomRows);
        switch (name)
        {
            case "fibonacci":
                TraceTable fib = FibonacciAir.BuildTrace(context);
                return (new FibonacciAir(64, fib[1, context.LastRealRow]), fib, options);
            case "cubic-periodic":
                Goldilocks seed = new(5);
                TraceTable cubic = CubicPeriodicAir.BuildTrace(context, seed);
                return (new CubicPeriodicAir(64, seed, cubic[0, context.LastRealRow]), cubic, options);
            case "wide-benchmark":
                Goldilocks[] wideSeed = [.. Enumerable.Range(0, 8).Select(i => new Goldilocks((ulong)i + 9))];
                var wideResult = new Goldilocks[8];
                TraceTable wide = Por.Benchmarks.WideBenchmarkAir.BuildTrace(context, 26, wideSeed, wideResult);
                return (new Por.Benchmarks.WideBenchmarkAir(64, 26, wideSeed, wideResult), wide, options);
            case "poseidon2-chain":
                (Poseidon2ChainAir chain, TraceTable chainTrace) = ExampleAirTests.Poseidon2Chain(64, options);
                return (chain, chainTrace, options);
            default:
                (RangeSumAir range, TraceTable rangeTrace) = ExampleAirTests.RangeSum(128, 4, 40, options);
                return (range, rangeTrace, options);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluate_RandomFrames_PackedEqualsScalar(string name, int blowup)
    {
        (StarkAir air, _, StarkOptions options) = Build(name, blowup);
        int bigN = air.TraceLength * blowup;
        Goldilocks[][] main = CompositionHarness.RandomColumns(air.MainWidth, bigN, 1);
        Goldilocks[][] aux = CompositionHarness.RandomColumns(3 * air.AuxWidth, bigN, 2);
        (Goldilocks[][] scalar, Goldilocks[][] packed) = CompositionHarness.EvaluateBoth(air, options, main, aux, s_auxRandomness, 3);
        CompositionHarness.AssertSame(scalar, packed);
        // Control: noise frames give a full-degree H, so the honest-trace degree check below can fail.
        Assert.True(CompositionHarness.Degree(scalar) > ProofShape.Create(air, options).QuotientDegreeBound);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluate_HonestTrace_PackedEqualsScalarAndLowDegree(string name, int blowup)
    {
        (StarkAir air, TraceTable trace, StarkOptions options) = Build(name, blowup);
        Goldilocks[][] main = CompositionHarness.HonestMainLde(air, trace, options, 4);
        Goldilocks[][] aux = air.AuxWidth > 0 ? CompositionHarness.HonestAuxLde(air, (IAuxTraceBuilder)air, trace, options, s_auxRandomness, 5) : [];
        (Goldilocks[][] scalar, Goldilocks[][] packed) = CompositionHarness.EvaluateBoth(air, options, main, aux, s_auxRandomness, 6);
        CompositionHarness.AssertSame(scalar, packed);
        Assert.InRange(CompositionHarness.Degree(packed), 0, ProofShape.Create(air, options).QuotientDegreeBound);
    }

    [Fact]
    public void UsesPackedPath_FollowsHardwareAndSize()
    {
        Assert.Equal(GoldilocksX8.IsHardwareAccelerated, CompositionEvaluator.UsesPackedPath(1 << 10));
        Assert.False(CompositionEvaluator.UsesPackedPath(4));
    }
}
