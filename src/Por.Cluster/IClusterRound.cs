// SPDX-License-Identifier: Apache-2.0

using Por.Liabilities.Zk;

namespace Por.Cluster;

/// <summary>
/// What the coordinator needs of a planned round: its batches' encrypted units and unit keys, and the check a returned
/// proof must pass before it is accepted (the assembly's per-batch check). The plan and the check are the plan/assemble
/// API's (docs/distributed.md); the cluster only moves units and proofs and decides what to re-prove.
/// </summary>
public interface IClusterRound
{
    /// <summary>The parameter set every batch is proven under.</summary>
    ZkParameterSet Parameters { get; }

    /// <summary>B.</summary>
    int BatchCount { get; }

    /// <summary>The public plan every worker needs (no secret: stored in the clear in the run row).</summary>
    byte[] PublicPlan { get; }

    /// <summary>Batch b's encrypted work unit, as stored in the database (ciphertext only).</summary>
    /// <param name="batchIndex">b.</param>
    /// <returns>The bytes.</returns>
    byte[] EncryptedUnit(int batchIndex);

    /// <summary>Batch b's unit key (secret: it is handed only wrapped, to the worker holding b's lease).</summary>
    /// <param name="batchIndex">b.</param>
    /// <returns>The key.</returns>
    byte[] UnitKey(int batchIndex);

    /// <summary>Checks a returned proof of batch b against the statement the operator's plan fixes (never one a worker sends).</summary>
    /// <param name="batchIndex">b.</param>
    /// <param name="proof">The proof bytes.</param>
    /// <returns>Null when accepted, else why not.</returns>
    string? Check(int batchIndex, byte[] proof);
}
