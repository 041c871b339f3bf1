// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Field;

namespace Por.Liabilities.Zk;

/// <summary>
/// The public part of a planned round (<c>por-round-plan/1</c>, docs/distributed.md, docs/formats.md §9.5): the
/// parameter set, context, shape, and per batch its unit's hash, its root R_b and its chain commitment K_b. It holds
/// no amount and no account; every returned proof is checked against it, never against what the proof claims.
/// </summary>
/// <param name="PlanId">16 random bytes naming this plan; bound into every unit's encryption.</param>
/// <param name="ParameterSetId">The pinned parameter set.</param>
/// <param name="ContextDigest">The round context digest (32 bytes).</param>
/// <param name="BatchCount">B.</param>
/// <param name="AccountsPerBatch">N.</param>
/// <param name="AssetCount">A.</param>
/// <param name="Batches">B planned batches, in order.</param>
public sealed record ZkRoundPlan(
    byte[] PlanId, string ParameterSetId, byte[] ContextDigest, int BatchCount, int AccountsPerBatch, int AssetCount, IReadOnlyList<ZkPlannedBatch> Batches)
{
    /// <summary>The format id of the plan file.</summary>
    public const string FormatId = "por-round-plan/1";

    /// <summary>Length of <see cref="PlanId"/> in bytes.</summary>
    public const int PlanIdLength = 16;

    /// <summary>The pinned parameter set.</summary>
    /// <returns>The set.</returns>
    /// <exception cref="InvalidOperationException">The plan names no pinned set (a parsed plan always does).</exception>
    public ZkParameterSet Parameters() => ZkParameterSet.Find(ParameterSetId) ?? throw new InvalidOperationException($"unknown parameter set '{ParameterSetId}'");

    /// <summary>K_{b−1}: the public K_{−1} for batch 0, else the planned K of the previous batch.</summary>
    /// <param name="batchIndex">b.</param>
    /// <returns>4 elements.</returns>
    public Goldilocks[] ChainIn(int batchIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batchIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(batchIndex, BatchCount);
        return batchIndex == 0 ? ZkChainOpening.Zero(AssetCount).Commit() : Batches[batchIndex - 1].ChainOut;
    }

    /// <summary>
    /// The statement batch b's proof must prove, built from the plan alone (and, for the last batch, the round totals,
    /// which the plan does not publish).
    /// </summary>
    /// <param name="batchIndex">b.</param>
    /// <param name="totals">The round totals S_{B−1}; required for the last batch, ignored before it.</param>
    /// <returns>The statement.</returns>
    /// <exception cref="ArgumentException">The last batch without A totals.</exception>
    public ZkBatchStatement Statement(int batchIndex, IReadOnlyList<UInt128>? totals)
    {
        var isFinal = batchIndex == BatchCount - 1;
        if (isFinal && (totals is null || totals.Count != AssetCount))
        {
            throw new ArgumentException("The last batch's statement needs the A round totals.", nameof(totals));
        }

        var planned = Batches[batchIndex];
        return new ZkBatchStatement(
            ParameterSetId, ContextDigest, batchIndex, BatchCount, AccountsPerBatch, planned.Root, AssetCount, ChainIn(batchIndex),
            isFinal ? [] : planned.ChainOut, isFinal ? [.. totals!] : []);
    }
}
