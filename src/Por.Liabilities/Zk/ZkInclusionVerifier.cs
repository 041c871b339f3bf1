// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using Por.Liabilities.Rounds;
using Por.Stark.Field;

namespace Por.Liabilities.Zk;

/// <summary>
/// Checks a customer's zk inclusion proof against a round's top-tree root (whose binding to the round's published
/// fields is checked separately, <see cref="ZkRoundRoot"/>).
/// </summary>
public static class ZkInclusionVerifier
{
    /// <summary>Verifies; returns null when valid, else the reason.</summary>
    /// <param name="proof">The customer's file.</param>
    /// <param name="treeRoot">The top tree's root (the header's <c>tree_root</c>).</param>
    /// <param name="batchCount">B from the manifest (never from the proof).</param>
    /// <param name="parameterSetId">The manifest's parameter set id.</param>
    /// <returns>Null, or why the proof is rejected.</returns>
    public static (InclusionFailure Failure, string Message)? Verify(ZkInclusionProof proof, IReadOnlyList<Goldilocks> treeRoot, int batchCount, string parameterSetId)
    {
        ArgumentNullException.ThrowIfNull(proof);
        ArgumentNullException.ThrowIfNull(treeRoot);
        ZkParameterSet? set = ZkParameterSet.Find(parameterSetId);
        if (set is null || !string.Equals(proof.ParameterSetId, parameterSetId, StringComparison.Ordinal))
        {
            return (InclusionFailure.ProofMalformed, "parameter set differs from the round's");
        }

        if (batchCount < 1 || proof.BatchCount != batchCount || proof.BatchIndex < 0 || proof.BatchIndex >= batchCount)
        {
            return (InclusionFailure.ProofMalformed, "batch index or count out of range");
        }

        if (proof.LeafIndex < 0 || proof.LeafIndex >= set.AccountsPerBatch)
        {
            return (InclusionFailure.ProofMalformed, "leaf index out of range");
        }

        if (proof.BatchPath.Length != BitOperations.Log2((uint)set.AccountsPerBatch) || proof.TopPath.Length != ZkRoundTree.Depth(batchCount))
        {
            return (InclusionFailure.ProofMalformed, "path length differs from the round's shape");
        }

        if (proof.Salt is not { Length: ZkAccountEncoding.SaltSize } || !ZkAccountEncoding.IsCanonical(proof.Holdings))
        {
            return (InclusionFailure.ProofMalformed, "salt must be 32 bytes and holdings in increasing asset order");
        }

        if (proof.BatchPath.Concat(proof.TopPath).Any(d => d is not { Length: ZkAccountEncoding.DigestSize }))
        {
            return (InclusionFailure.ProofMalformed, "a sibling is not 4 elements");
        }

        Goldilocks[] leaf = ZkAccountEncoding.Leaf(ZkAccountEncoding.IdCommitment(proof.AccountId, proof.Salt), proof.Holdings);
        Goldilocks[] batchRoot = ZkRoundTree.Fold(leaf, proof.LeafIndex, proof.BatchPath);
        Goldilocks[] root = ZkRoundTree.Fold(batchRoot, proof.BatchIndex, proof.TopPath);
        return root.AsSpan().SequenceEqual([.. treeRoot]) ? null : (InclusionFailure.RootMismatch, "the path does not lead to the tree root");
    }
}
