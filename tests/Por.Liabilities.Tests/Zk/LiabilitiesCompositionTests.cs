// SPDX-License-Identifier: Apache-2.0

using Por.Liabilities.Zk;
using Por.Stark.Field;
using Por.Stark.Proving;
using Por.Stark.Testing.Composition;

namespace Por.Liabilities.Tests.Zk;

/// <summary>The prover's packed (eight points per block) composition equals the scalar one for the liabilities AIR.</summary>
[Trait("Category", "Simd")]
public sealed class LiabilitiesCompositionTests
{
    private static readonly GoldilocksExt3[] s_randomness = CompositionHarness.RandomExtension(3, 91);

    [Fact]
    public void Evaluate_HonestTrace_PackedEqualsScalarAndLowDegree()
    {
        (_, LiabilitiesAir air, ZkBatchWitness witness) = ZkTestBatch.Prepare();
        StarkOptions options = ZkParameterSet.Test.Options;
        Goldilocks[][] main = CompositionHarness.HonestMainLde(air, witness.Trace, options, 1);
        Goldilocks[][] aux = CompositionHarness.HonestAuxLde(air, new LiabilitiesAuxTraceBuilder(air), witness.Trace, options, s_randomness, 2);
        (Goldilocks[][] scalar, Goldilocks[][] packed) = CompositionHarness.EvaluateBoth(air, options, main, aux, s_randomness, 3);
        CompositionHarness.AssertSame(scalar, packed);
        Assert.InRange(CompositionHarness.Degree(packed), 0, ProofShape.Create(air, options).QuotientDegreeBound);
    }

    [Fact]
    public void Evaluate_RandomFrames_PackedEqualsScalar()
    {
        (_, LiabilitiesAir air, _) = ZkTestBatch.Prepare();
        StarkOptions options = ZkParameterSet.Test.Options;
        int bigN = air.TraceLength * options.BlowupFactor;
        Goldilocks[][] main = CompositionHarness.RandomColumns(air.MainWidth, bigN, 4);
        Goldilocks[][] aux = CompositionHarness.RandomColumns(3 * air.AuxWidth, bigN, 5);
        (Goldilocks[][] scalar, Goldilocks[][] packed) = CompositionHarness.EvaluateBoth(air, options, main, aux, s_randomness, 6);
        CompositionHarness.AssertSame(scalar, packed);
        Assert.True(CompositionHarness.Degree(scalar) > ProofShape.Create(air, options).QuotientDegreeBound);
    }
}
