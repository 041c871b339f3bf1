// SPDX-License-Identifier: Apache-2.0

using Por.Liabilities.Zk;
using Por.Stark.Air;
using Por.Stark.Proving;
using Por.Stark.Security;
using Por.Stark.Testing.Security;

namespace Por.Liabilities.Tests.Zk;

/// <summary>The pinned parameter sets: their options, and their bits under our estimator and an independent one.</summary>
public sealed class ZkParameterSetSecurityTests
{
    // id, N, n, queries, blowup, grinding, folding, remainder max degree, ours (JBR, capped at 128), ours (UDR),
    // soundcalc-style JBR total, soundcalc-style UDR total (docs/liabilities-zk.md, parameter sets).
    public static TheoryData<string, int, int, int, int, int, int, int, int, int, int, int> Sets => new()
    {
        { "pol-v1-n18", 1 << 18, 1 << 20, 56, 8, 20, 8, 63, 103, 66, 103, 66 },
        { "pol-v1-n8", 1 << 8, 1 << 12, 56, 8, 20, 8, 63, 103, 66, 103, 66 },
        { "pol-v1-n18-s128", 1 << 18, 1 << 20, 85, 8, 20, 8, 63, 128, 90, 136, 90 },
        { "pol-v1-n8-s128", 1 << 8, 1 << 12, 85, 8, 20, 8, 63, 128, 90, 144, 90 },
        { "pol-test-n4", 1 << 4, 1 << 12, 8, 8, 4, 4, 3, 15, 10, 15, 10 },
    };

    [Fact]
    public void Pinned_Ids_Exactly()
    {
        Assert.Equal(
            [
                "pol-v1-n8", "pol-v1-n9", "pol-v1-n10", "pol-v1-n11", "pol-v1-n8-r14", "pol-v1-n12", "pol-v1-n9-r15", "pol-v1-n13", "pol-v1-n10-r16",
                "pol-v1-n14", "pol-v1-n11-r17", "pol-v1-n15", "pol-v1-n12-r18", "pol-v1-n16", "pol-v1-n13-r19", "pol-v1-n17", "pol-v1-n14-r20", "pol-v1-n18",
                "pol-v1-n18-s128", "pol-v1-n8-s128", "pol-test-n4",
            ],
            ZkParameterSet.Pinned.Select(p => p.Id));
        Assert.Equal(["pol-test-n4"], ZkParameterSet.Pinned.Where(p => p.IsTestOnly).Select(p => p.Id));
        Assert.Same(ZkParameterSet.Production128, ZkParameterSet.Find("pol-v1-n18-s128"));
        Assert.Same(ZkParameterSet.Small128, ZkParameterSet.Find("pol-v1-n8-s128"));
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void Pinned_OptionsAndBits_AsDocumented(string id, int accounts, int n, int queries, int blowup, int grinding, int folding, int remainder, int ours, int oursUdr, int soundcalcJbr, int soundcalcUdr)
    {
        ZkParameterSet set = ZkParameterSet.Find(id)!;
        Assert.Equal((accounts, n), (set.AccountsPerBatch, set.TraceLength));
        Assert.Equal(new StarkOptions(queries, blowup, grinding, folding, remainder), set.Options);

        SecurityLevel level = set.Options.EstimateSecurity(set.TraceLength);
        Assert.Equal(ours, level.JohnsonBoundBits);
        Assert.Equal(oursUdr, level.UniqueDecodingBits);

        SoundcalcInputs inputs = SoundcalcInputsFor(set);
        Assert.Equal(soundcalcJbr, SoundcalcModel.JohnsonBound(inputs).Total);
        Assert.Equal(soundcalcUdr, SoundcalcModel.UniqueDecoding(inputs).Total);
    }

    [Fact]
    public void EveryNonTestSet_AtLeast103OursAnd100Soundcalc()
    {
        foreach (ZkParameterSet set in ZkParameterSet.Pinned.Where(p => !p.IsTestOnly))
        {
            Assert.True(set.Options.EstimateSecurity(set.TraceLength).JohnsonBoundBits >= 103, set.Id);
            Assert.True(SoundcalcModel.JohnsonBound(SoundcalcInputsFor(set)).Total >= 100, set.Id);
        }

        foreach (ZkParameterSet set in new[] { ZkParameterSet.Production128, ZkParameterSet.Small128 })
        {
            Assert.Equal(128, set.Options.EstimateSecurity(set.TraceLength).ProvenBits);
            Assert.True(SoundcalcModel.JohnsonBound(SoundcalcInputsFor(set)).Total >= 128, set.Id);
        }
    }

    [Fact]
    public void SoundcalcBounds_CoverTheLiabilitiesAir()
    {
        (_, LiabilitiesAir air, _) = ZkTestBatch.Prepare();
        int constraints = air.MainConstraintDegrees.Count + air.AuxConstraintDegrees.Count + air.GetAssertions(new AirContext(air.TraceLength, air.RandomRows)).Count;
        Assert.InRange(constraints, 1, ConstraintBound / 16);
        Assert.InRange(air.MainConstraintDegrees.Concat(air.AuxConstraintDegrees).Max(), 1, StarkOptions.Production.BlowupFactor + 1);
    }

    [Fact]
    public void ProveVerify_Small128_AcceptedUnderItsIdOnly()
    {
        (ZkBatchStatement statement, LiabilitiesAir air, ZkBatchWitness witness) = ZkBatchProver.Prepare(
            ZkParameterSet.Small128, ZkTestBatch.Context(1), 0, 1, ZkTestBatch.AssetCount, ZkTestBatch.Accounts());
        Assert.Equal("pol-v1-n8-s128", statement.ParameterSetId);
        byte[] proof = ZkBatchProver.Prove(ZkParameterSet.Small128, air, witness);
        VerificationResult result = ZkBatchVerifier.Verify(statement, proof);
        Assert.True(result.IsValid, result.Message);
        Assert.Equal(128, result.Security!.ProvenBits);

        // The verifier takes the options from the id in the statement, never from the proof.
        Assert.False(ZkBatchVerifier.Verify(statement with { ParameterSetId = ZkParameterSet.Small.Id }, proof).IsValid);
    }

    // A generous bound on constraints + assertions (checked against the liabilities AIR above); with independent
    // batching coefficients (no power batching) the batch size does not enter soundcalc's formulas.
    private const int ConstraintBound = 1 << 16;

    private static SoundcalcInputs SoundcalcInputsFor(ZkParameterSet set)
    {
        StarkOptions o = set.Options;
        return new SoundcalcInputs(
            StarkOptions.ExtensionDegree, o.BlowupFactor, set.TraceLength, o.NumQueries, o.GrindingBits, o.FriFoldingFactor,
            SoundcalcModel.FoldingRounds(set.TraceLength, o.FriFoldingFactor, o.FriRemainderMaxDegree), ConstraintBound, o.BlowupFactor + 1, 2, 1, false);
    }
}
