// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using Por.Stark.Air;
using Por.Stark.Examples;
using Por.Stark.Proving;
using Por.Stark.Tests.Examples;

namespace Por.Stark.Tests.Proving;

/// <summary>
/// Flips bytes in every region of valid proofs (roots, OOD frame, FRI roots, remainder, nonce, counts, opened
/// values, salts, siblings) and requires every mutant to be rejected. The number of mutations per proof comes from
/// the environment variable POR_MUTATIONS (default 200, so the suite stays fast); run with e.g.
/// POR_MUTATIONS=35000 to exceed 100,000 mutations across the three proofs (docs/stark.md §8 records such a run).
/// </summary>
public sealed class MutationTests
{
    private static int MutationCount =>
        int.TryParse(Environment.GetEnvironmentVariable("POR_MUTATIONS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : 200;

    public static TheoryData<string> Statements() => new("fibonacci", "poseidon2-chain", "logup-range-sum");

    private static (StarkAir Air, StarkProof Proof) Build(string name)
    {
        switch (name)
        {
            case "fibonacci":
                {
                    (FibonacciAir air, TraceTable trace) = ProofFixtures.Fibonacci(TestOptions.Small);
                    return (air, ProofFixtures.Cheat(air, trace, new ProverTamper()));
                }

            case "poseidon2-chain":
                {
                    (Poseidon2ChainAir air, TraceTable trace) = ExampleAirTests.Poseidon2Chain(64, TestOptions.Small);
                    return (air, ProofFixtures.Cheat(air, trace, new ProverTamper()));
                }

            default:
                {
                    (RangeSumAir air, TraceTable trace) = ExampleAirTests.RangeSum(512, 8, 100, TestOptions.Small);
                    return (air, ProofFixtures.Cheat(air, trace, new ProverTamper()));
                }
        }
    }

    [Theory]
    [MemberData(nameof(Statements))]
    public void Verify_ByteFlipInEveryRegion_NeverAccepted(string statement)
    {
        (StarkAir air, StarkProof proof) = Build(statement);
        byte[] valid = proof.Encode();
        Assert.True(ProofFixtures.Verify(air, valid).IsValid);
        IReadOnlyList<(string Name, int Offset, int Length)> regions = proof.GetRegions();
        var rng = new Random(20261121);
        int count = MutationCount;
        var accepted = new List<string>();
        var hitRegions = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            (string name, int offset, int length) = regions[i % regions.Count];
            int position = offset + rng.Next(length);
            byte mask = (byte)rng.Next(1, 256);
            byte[] mutant = (byte[])valid.Clone();
            mutant[position] ^= mask;
            hitRegions.Add(name);
            if (ProofFixtures.Verify(air, mutant).IsValid)
            {
                accepted.Add($"{name}@{position}^{mask:x2}");
            }
        }

        Assert.Empty(accepted);
        Assert.Equal(regions.Select(r => r.Name).ToHashSet(StringComparer.Ordinal), hitRegions);
    }

    [Fact]
    public void Verify_TruncatedOrExtended_Rejected()
    {
        (StarkAir air, StarkProof proof) = Build("fibonacci");
        byte[] valid = proof.Encode();
        for (int cut = 0; cut < valid.Length; cut += 97)
        {
            Assert.Equal(VerificationFailure.MalformedProof, ProofFixtures.Verify(air, valid[..cut]).Failure);
        }

        Assert.Equal(VerificationFailure.MalformedProof, ProofFixtures.Verify(air, [.. valid, 0]).Failure);
    }
}
