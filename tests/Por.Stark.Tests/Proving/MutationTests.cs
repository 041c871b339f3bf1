// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using Por.Stark.Air;
using Por.Stark.Proving;
using Por.Stark.Testing.Examples;
using Por.Stark.Testing.Proving;
using Por.Stark.Tests.Examples;

namespace Por.Stark.Tests.Proving;

/// <summary>
/// Flips bytes in every region of valid proofs (roots, OOD frame, FRI roots, remainder, nonce, counts, opened
/// values, salts, siblings) and requires every mutant to be rejected with a failure its region can cause
/// (<see cref="ExpectedFailures"/>). The number of mutations per proof comes from the environment variable
/// POR_MUTATIONS (default 200, so the suite stays fast); run with e.g. POR_MUTATIONS=35000 to exceed 100,000
/// mutations across the three proofs (docs/stark.md §8 records such a run).
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
                    return (air, ProofFixtures.Cheat(air, trace, new ProverCheats()));
                }

            case "poseidon2-chain":
                {
                    (Poseidon2ChainAir air, TraceTable trace) = ExampleAirTests.Poseidon2Chain(64, TestOptions.Small);
                    return (air, ProofFixtures.Cheat(air, trace, new ProverCheats()));
                }

            default:
                {
                    (RangeSumAir air, TraceTable trace) = ExampleAirTests.RangeSum(512, 8, 100, TestOptions.Small);
                    return (air, ProofFixtures.Cheat(air, trace, new ProverCheats()));
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
        var unexpected = new List<string>();
        var hitRegions = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            (string name, int offset, int length) = regions[i % regions.Count];
            int position = offset + rng.Next(length);
            byte mask = (byte)rng.Next(1, 256);
            byte[] mutant = (byte[])valid.Clone();
            mutant[position] ^= mask;
            hitRegions.Add(name);
            VerificationFailure failure = ProofFixtures.Verify(air, mutant).Failure;
            if (!ExpectedFailures(name, position, mask).Contains(failure))
            {
                unexpected.Add($"{name}@{position}^{mask:x2}: {failure}");
            }
        }

        Assert.Empty(unexpected);
        Assert.Equal(regions.Select(r => r.Name).ToHashSet(StringComparer.Ordinal), hitRegions);
    }

    /// <summary>
    /// The failures a one-byte change in a region can cause, by the order of the verifier's checks (docs/stark.md §5).
    /// A region is listed with more than one only where the outcome depends on the value: a word that becomes ≥ p
    /// (MalformedProof), or a transcript change after z, which fails the proof of work except with probability
    /// 2^−grinding and otherwise moves the query positions (MerkleMismatch).
    /// </summary>
    private static VerificationFailure[] ExpectedFailures(string region, int position, byte mask)
    {
        const int FlagsOffset = 10;
        if (string.Equals(region, "header", StringComparison.Ordinal))
        {
            // Magic and version: unknown format. Flags: bit 0 alone is the test-mode flag (refused by the policy
            // before any transcript work), any other bit is unknown.
            return position == FlagsOffset && mask == StarkProof.TestModeFlag
                ? [VerificationFailure.TestModeRefused]
                : [VerificationFailure.MalformedProof];
        }

        if (region is "main-root" or "aux-root" or "quotient-root")
        {
            // Absorbed before z: every challenge up to z changes.
            return [VerificationFailure.OodInconsistent];
        }

        if (string.Equals(region, "ood-frame", StringComparison.Ordinal))
        {
            // A frame value that no constraint reads (e.g. a Poseidon2 column at g·z) passes the OOD check and only
            // changes the challenges after it: proof of work, else query positions (the main opening fails first).
            return [VerificationFailure.MalformedProof, VerificationFailure.OodInconsistent, VerificationFailure.InsufficientProofOfWork, VerificationFailure.MerkleMismatch];
        }

        if (region is "fri-roots" or "remainder" or "pow-nonce")
        {
            return [VerificationFailure.MalformedProof, VerificationFailure.InsufficientProofOfWork, VerificationFailure.MerkleMismatch];
        }

        if (region.EndsWith("-values", StringComparison.Ordinal))
        {
            return [VerificationFailure.MalformedProof, VerificationFailure.MerkleMismatch];
        }

        if (region.EndsWith("-salts", StringComparison.Ordinal) || region.EndsWith("-siblings", StringComparison.Ordinal))
        {
            return [VerificationFailure.MerkleMismatch];
        }

        // Leaf and sibling counts: the rest of the proof is read misaligned.
        return [VerificationFailure.MalformedProof];
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
