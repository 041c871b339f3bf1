// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Por.Common;
using Por.Liabilities.Rounds;

namespace Por.Liabilities.Transparent;

/// <summary>
/// The customer's check: recompute the commitment from their id and salt, the leaf from their balances, every node up
/// the path with both children's sums (each sibling sum non-negative by encoding, every addition checked), and the
/// root from the round header; the top sums must equal the published totals, and, given a manifest, the header must
/// equal the published one.
/// </summary>
public static class InclusionVerifier
{
    /// <summary>Verifies a proof.</summary>
    /// <param name="proof">The parsed proof.</param>
    /// <param name="published">The published round header (from the manifest), or null to check the proof alone.</param>
    /// <returns>The outcome; never throws for a bad proof.</returns>
    public static InclusionVerification Verify(InclusionProof proof, RoundHeader? published)
    {
        ArgumentNullException.ThrowIfNull(proof);
        return Check(proof, published) is { } failure
            ? new InclusionVerification(failure.Failure, failure.Message, published is not null)
            : new InclusionVerification(InclusionFailure.None, "", published is not null);
    }

    private static (InclusionFailure Failure, string Message)? Check(InclusionProof proof, RoundHeader? published)
    {
        var header = proof.Header;
        var assets = header.Assets;
        var depth = SumTreeHashing.DepthFor(header.AccountCount);
        if (proof.LeafIndex < 0 || proof.LeafIndex >= header.AccountCount)
        {
            return (InclusionFailure.ProofMalformed, "leaf index outside the round's accounts");
        }

        if (proof.Path.Count != depth)
        {
            return (InclusionFailure.ProofMalformed, $"path has {proof.Path.Count} steps; a round of {header.AccountCount} accounts has depth {depth}");
        }

        if (proof.Salt.Count != SumTreeHashing.SaltSize)
        {
            return (InclusionFailure.ProofMalformed, "salt must be 32 bytes");
        }

        var previous = -1;
        foreach (var h in proof.Balances)
        {
            if (h.Asset <= previous || h.Asset >= assets.Count || h.Amount == 0)
            {
                return (InclusionFailure.ProofMalformed, "balances are not canonical");
            }

            previous = h.Asset;
        }

        Span<byte> commitment = stackalloc byte[SumTreeHashing.DigestSize];
        SumTreeHashing.Commitment(Encoding.UTF8.GetBytes(header.RoundId), Encoding.UTF8.GetBytes(proof.AccountId), [.. proof.Salt], commitment);
        var scratch = new byte[Math.Max(SumTreeHashing.NodeScratchSize(assets.Count), 1 + SumTreeHashing.DigestSize + SumTreeHashing.SumsSize(assets.Count))];
        var digest = new byte[SumTreeHashing.DigestSize];
        SumTreeHashing.LeafDigest(commitment, [.. proof.Balances], scratch, digest);
        var sums = new ulong[assets.Count];
        foreach (var h in proof.Balances)
        {
            sums[h.Asset] = h.Amount;
        }

        var parentSums = new ulong[assets.Count];
        for (var level = 0; level < depth; level++)
        {
            var step = proof.Path[level];
            if (step.Digest.Count != SumTreeHashing.DigestSize || step.Sums.Count != assets.Count)
            {
                return (InclusionFailure.ProofMalformed, $"path[{level}] has the wrong shape");
            }

            var siblingSums = step.Sums.ToArray();
            var isRight = ((proof.LeafIndex >> level) & 1) == 1;
            var sibling = step.Digest.ToArray();
            if (isRight)
            {
                SumTreeHashing.NodeDigest(sibling, siblingSums, digest, sums, scratch, digest);
            }
            else
            {
                SumTreeHashing.NodeDigest(digest, sums, sibling, siblingSums, scratch, digest);
            }

            for (var a = 0; a < sums.Length; a++)
            {
                var s = unchecked(sums[a] + siblingSums[a]);
                if (s < sums[a])
                {
                    return (InclusionFailure.SumOverflow, $"path[{level}]: the sum of {assets[a].Symbol} overflows 64-bit base units");
                }

                parentSums[a] = s;
            }

            (sums, parentSums) = (parentSums, sums);
        }

        for (var a = 0; a < sums.Length; a++)
        {
            if (sums[a] != header.Totals[a])
            {
                return (InclusionFailure.TotalMismatch, $"the tree's total of {assets[a].Symbol} ({Amount.Format(sums[a], assets[a].Decimals)}) differs from the stated total ({Amount.Format(header.Totals[a], assets[a].Decimals)})");
            }
        }

        var root = SumTreeHashing.Root(header.Descriptor, digest, sums);
        if (!root.AsSpan().SequenceEqual([.. header.Root]))
        {
            return (InclusionFailure.RootMismatch, "the recomputed root differs from the stated root: the proof does not belong to this round");
        }

        if (published is not null)
        {
            var differences = header.Differences(published);
            if (differences.Count > 0)
            {
                return (InclusionFailure.RoundMismatch, $"the proof's round differs from the published manifest in: {string.Join(", ", differences)}");
            }
        }

        return null;
    }
}
