// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using Por.Common;
using Por.Liabilities.Rounds;
using Por.Stark.Field;

namespace Por.Liabilities.Zk;

/// <summary>
/// Verifies a whole zk round: B batch proofs, each against its statement with the pinned parameter set, each bound to
/// the round context and to its position b of B; the chain commitments must link (K_in of batch 0 is the public zero
/// commitment K_{−1}, K_in of batch b is K_out of batch b − 1), the last batch's totals must be the published totals
/// and the batch roots must give the round's top-tree root (whose binding into the published root is
/// <see cref="ZkRoundRoot"/>'s, checked by the bundle verifier).
/// </summary>
public static class ZkRoundVerifier
{
    /// <summary>The stage of the progress reports: one unit per batch.</summary>
    public const string VerifyingStage = "verifying batches";
    /// <summary>Verifies; returns null when valid, else the reason.</summary>
    /// <param name="parameterSetId">From the manifest.</param>
    /// <param name="contextDigest">Recomputed by the verifier from the manifest's round id, time and assets.</param>
    /// <param name="treeRoot">The published top-tree root.</param>
    /// <param name="totals">The published totals (their count is the round's asset count A).</param>
    /// <param name="statements">Batch statements in order (read from the bundle).</param>
    /// <param name="proofs">Batch proofs in order.</param>
    /// <param name="allowTestParameters">Tests only.</param>
    /// <param name="progress">Told of every batch checked (stage <see cref="VerifyingStage"/>, Done/Total batches, Detail "batch b"); null for none.</param>
    /// <returns>Null, or why the round is rejected.</returns>
    public static (BundleFailure Failure, string Message)? Verify(
        string parameterSetId, byte[] contextDigest, IReadOnlyList<Goldilocks> treeRoot, IReadOnlyList<UInt128> totals,
        IReadOnlyList<ZkBatchStatement> statements, IReadOnlyList<byte[]> proofs, bool allowTestParameters = false, IProgress<WorkProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(statements);
        ArgumentNullException.ThrowIfNull(proofs);
        ArgumentNullException.ThrowIfNull(treeRoot);
        ArgumentNullException.ThrowIfNull(totals);
        if (statements.Count == 0 || statements.Count != proofs.Count)
        {
            return (BundleFailure.StatementMismatch, "batch statements and proofs do not pair up");
        }

        if (totals.Count is < 1 or > ZkAccountEncoding.MaxAssetId)
        {
            return (BundleFailure.StatementMismatch, "the asset count must be 1..65535");
        }

        Goldilocks[] expectedChainIn = ZkChainOpening.Zero(totals.Count).Commit();
        progress?.Report(new WorkProgress(VerifyingStage, 0, statements.Count));
        for (int b = 0; b < statements.Count; b++)
        {
            ZkBatchStatement s = statements[b];
            if (!string.Equals(s.ParameterSetId, parameterSetId, StringComparison.Ordinal) || !s.ContextDigest.AsSpan().SequenceEqual(contextDigest)
                || s.BatchIndex != b || s.BatchCount != statements.Count || s.AssetCount != totals.Count)
            {
                return (BundleFailure.StatementMismatch, $"batch {b}: statement is not for this round, position or asset list");
            }

            if (s.ChainIn is null || !s.ChainIn.AsSpan().SequenceEqual(expectedChainIn))
            {
                return (BundleFailure.ChainBroken, b == 0
                    ? "batch 0: does not start from the zero chain commitment"
                    : $"batch {b}: chain-in commitment differs from batch {b - 1}'s chain-out commitment");
            }

            var result = ZkBatchVerifier.Verify(s, proofs[b], allowTestParameters);
            if (!result.IsValid)
            {
                return (BundleFailure.BatchProofRejected, $"batch {b}: {result.Message}");
            }

            expectedChainIn = s.ChainOut;
            progress?.Report(new WorkProgress(VerifyingStage, b + 1, statements.Count, string.Create(CultureInfo.InvariantCulture, $"batch {b}")));
        }

        if (!statements[^1].Totals.SequenceEqual(totals))
        {
            return (BundleFailure.TotalMismatch, "totals differ from the last batch's proven totals");
        }

        return ZkRoundProver.Root(statements).AsSpan().SequenceEqual([.. treeRoot]) ? null : (BundleFailure.RootMismatch, "tree root differs from the top tree over the batch roots");
    }
}
