// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using Por.Liabilities.Zk;
using Por.Stark.Proving;

namespace Por.Cluster;

/// <summary>
/// The worker's prover (docs/distributed.md, "Prove"): parses the run's public plan, checks the sealed unit against the
/// hash the plan lists, opens it with the batch key alone, and proves it with <see cref="ZkUnitProver.Prove"/> (which
/// checks the unit against the plan first and the proof against the plan's statement last).
/// </summary>
/// <param name="allowTestParameters">Tests only: accept a test-only parameter set.</param>
public sealed class PlanUnitProver(bool allowTestParameters) : IUnitProver
{
    /// <inheritdoc/>
    public byte[] Prove(byte[] publicPlan, int batchIndex, byte[] encryptedUnit, byte[] unitKey, IProgress<ProverPhase> phases)
    {
        ZkRoundPlan plan = ZkRoundPlanJson.Parse(publicPlan, "the run's plan (cluster database)");
        if (batchIndex < 0 || batchIndex >= plan.BatchCount || !SHA256.HashData(encryptedUnit).AsSpan().SequenceEqual(plan.Batches[batchIndex].UnitSha256))
        {
            throw new ZkUnitException(ZkUnitFailure.HashMismatch, batchIndex, $"the work unit of batch {batchIndex} is not the one the plan lists (SHA-256 differs)");
        }

        ZkWorkUnit unit = ZkUnitCipher.OpenWithBatchKey(encryptedUnit, unitKey, plan.PlanId, batchIndex, plan.BatchCount);
        return ZkUnitProver.Prove(plan, unit, allowTestParameters, randomSource: null, phases).Proof;
    }
}
