// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using Por.Core.Common;
using Por.Stark.Field;

namespace Por.Core.Liabilities.Zk;

/// <summary>
/// Proves every batch of a round into a directory: each batch writes its statement and its proof atomically
/// (temp file + rename, statement last), so a crashed build leaves only whole batches, and a rerun skips every batch
/// whose statement and proof are present and verify.
/// </summary>
public static class ZkRoundProver
{
    /// <summary>File name of batch b's proof.</summary>
    /// <param name="batchIndex">b.</param>
    /// <returns>The name.</returns>
    public static string ProofFile(int batchIndex) => string.Create(CultureInfo.InvariantCulture, $"batch-{batchIndex:D5}.proof");

    /// <summary>File name of batch b's statement.</summary>
    /// <param name="batchIndex">b.</param>
    /// <returns>The name.</returns>
    public static string StatementFile(int batchIndex) => string.Create(CultureInfo.InvariantCulture, $"batch-{batchIndex:D5}.statement");

    /// <summary>Proves (or resumes) all batches.</summary>
    /// <param name="parameters">The pinned parameter set.</param>
    /// <param name="contextDigest">The round context digest.</param>
    /// <param name="assetCount">A.</param>
    /// <param name="batches">Accounts per batch.</param>
    /// <param name="directory">Output directory (created if missing).</param>
    /// <param name="allowTestParameters">Tests only: accept test parameter sets when checking finished batches.</param>
    /// <returns>The statements, in batch order, and how many batches were proven in this run.</returns>
    public static (ZkBatchStatement[] Statements, int Proven) ProveRound(
        ZkParameterSet parameters, byte[] contextDigest, int assetCount, IReadOnlyList<IReadOnlyList<ZkAccount>> batches, string directory, bool allowTestParameters = false)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(batches);
        Directory.CreateDirectory(directory);
        var statements = new ZkBatchStatement[batches.Count];
        int proven = 0;
        for (int b = 0; b < batches.Count; b++)
        {
            string proofPath = Path.Combine(directory, ProofFile(b));
            string statementPath = Path.Combine(directory, StatementFile(b));
            if (File.Exists(proofPath) && File.Exists(statementPath)
                && ZkBatchStatement.TryParse(File.ReadAllBytes(statementPath), out ZkBatchStatement? done)
                && done.ContextDigest.AsSpan().SequenceEqual(contextDigest) && done.BatchIndex == b && done.BatchCount == batches.Count
                && ZkBatchVerifier.Verify(done, File.ReadAllBytes(proofPath), allowTestParameters).IsValid)
            {
                statements[b] = done;
                continue;
            }

            (ZkBatchStatement statement, LiabilitiesAir air, ZkBatchWitness witness) =
                ZkBatchProver.Prepare(parameters, contextDigest, b, batches.Count, assetCount, batches[b]);
            byte[] proof = ZkBatchProver.Prove(parameters, air, witness);
            AtomicFile.WriteAllBytes(proofPath, proof);
            AtomicFile.WriteAllBytes(statementPath, statement.ToBytes());
            statements[b] = statement;
            proven++;
        }

        return (statements, proven);
    }

    /// <summary>Round totals: the per-asset sums of the batch totals.</summary>
    /// <param name="statements">All batch statements.</param>
    /// <returns>The totals.</returns>
    public static UInt128[] Totals(IReadOnlyList<ZkBatchStatement> statements)
    {
        ArgumentNullException.ThrowIfNull(statements);
        var totals = new UInt128[statements[0].Totals.Count];
        foreach (ZkBatchStatement s in statements)
        {
            for (int a = 0; a < totals.Length; a++)
            {
                totals[a] = checked(totals[a] + s.Totals[a]);
            }
        }

        return totals;
    }

    /// <summary>The round root over the batch roots.</summary>
    /// <param name="statements">All batch statements.</param>
    /// <returns>The root.</returns>
    public static Goldilocks[] Root(IReadOnlyList<ZkBatchStatement> statements) => ZkRoundTree.Root([.. statements.Select(s => s.Root)]);
}
