// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Air;
using Por.Stark.Field;
using Por.Stark.Proving;
using Por.Stark.Testing.Examples;
using Por.Stark.Testing.Proving;
using Por.Stark.Tests.Examples;

namespace Por.Stark.Tests.Proving;

public sealed class ZeroKnowledgeTests
{
    private static HashSet<ulong> OpenedValues(StarkProof proof)
    {
        var set = new HashSet<ulong>();
        foreach (TreeOpening opening in new[] { proof.MainOpening, proof.AuxOpening, proof.QuotientOpening }.Concat(proof.FriOpenings))
        {
            foreach (ulong[] row in opening.Values)
            {
                set.UnionWith(row);
            }
        }

        foreach (GoldilocksExt3 v in proof.OodMainCurrent.Concat(proof.OodMainNext).Concat(proof.OodAuxCurrent).Concat(proof.OodAuxNext).Concat(proof.OodChunks).Concat(proof.Remainder))
        {
            set.Add(v.A0.Value);
            set.Add(v.A1.Value);
            set.Add(v.A2.Value);
        }

        return set;
    }

    [Fact]
    public void TwoProofsOfOneWitness_ShareNoOpenedValues()
    {
        (RangeSumAir air, TraceTable trace) = ExampleAirTests.RangeSum(512, 8, 200, TestOptions.Small);
        StarkProof a = ProofFixtures.Cheat(air, trace, new ProverCheats());
        StarkProof b = ProofFixtures.Cheat(air, trace, new ProverCheats());
        Assert.True(ProofFixtures.Verify(air, a.Encode()).IsValid);
        Assert.True(ProofFixtures.Verify(air, b.Encode()).IsValid);
        HashSet<ulong> shared = OpenedValues(a);
        shared.IntersectWith(OpenedValues(b));
        Assert.Empty(shared);
        Assert.Empty(a.MainOpening.Salts.Select(Convert.ToHexString).Intersect(b.MainOpening.Salts.Select(Convert.ToHexString), StringComparer.Ordinal));
    }

    [Fact]
    public void OpenedValues_DifferFromRawTraceValues()
    {
        (Poseidon2ChainAir air, TraceTable trace) = ExampleAirTests.Poseidon2Chain(64, TestOptions.Small);
        StarkProof proof = ProofFixtures.Cheat(air, trace, new ProverCheats());
        var raw = new HashSet<ulong>();
        for (int c = 0; c < trace.Width; c++)
        {
            for (int r = 0; r < trace.Rows; r++)
            {
                raw.Add(trace[c, r].Value);
            }
        }

        HashSet<ulong> opened = OpenedValues(proof);
        opened.IntersectWith(raw);
        Assert.Empty(opened);
    }

    [Fact]
    public void Salts_WithinOneProof_AreUnique()
    {
        (FibonacciAir air, TraceTable trace) = ProofFixtures.Fibonacci(TestOptions.Small);
        StarkProof proof = ProofFixtures.Cheat(air, trace, new ProverCheats());
        string[] salts = [.. new[] { proof.MainOpening, proof.QuotientOpening }.Concat(proof.FriOpenings).SelectMany(o => o.Salts).Select(Convert.ToHexString)];
        Assert.Equal(salts.Length, salts.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData(8)]
    [InlineData(54)]
    [InlineData(255)]
    public void RandomRows_ForEveryQueryCount_CoverOpenings(int queries)
    {
        var options = new StarkOptions(queries, 8, 20, 8, 63);
        Assert.True(options.RandomRows >= 2 * (StarkOptions.OodFunctionals + queries));
        Assert.True(options.QuotientRandomizerDegree >= queries + 1);
    }
}
