// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Security.Cryptography;
using Por.Common;
using Por.Stark.Proving;
using Por.Stark.Randomness;

namespace Por.Liabilities.Zk;

/// <summary>
/// Proves one planned batch from its work unit (docs/distributed.md): what a worker runs. The unit must match the plan
/// (parameter set, context, position, the planned K_{b−1} and K_b, the planned root R_b) before any proving starts, and
/// the proof is checked against the plan's statement before it is returned.
/// </summary>
public static class ZkUnitProver
{
    /// <summary>Proves batch <see cref="ZkWorkUnit.BatchIndex"/> of <paramref name="plan"/>.</summary>
    /// <param name="plan">The plan (read from the shared directory; it holds no secret).</param>
    /// <param name="unit">The decrypted unit.</param>
    /// <param name="allowTestParameters">Accept a test-only set (tests only).</param>
    /// <param name="randomSource">Null for the OS CSPRNG (production).</param>
    /// <param name="progress">Told of each prover phase; may be null.</param>
    /// <returns>The proof, content-addressed.</returns>
    /// <exception cref="ZkUnitException">The unit does not match the plan (<see cref="ZkUnitFailure.DoesNotMatchPlan"/>).</exception>
    public static ZkBatchResult Prove(ZkRoundPlan plan, ZkWorkUnit unit, bool allowTestParameters = false, IRandomSource? randomSource = null, IProgress<ProverPhase>? progress = null)
    {
        var statement = Check(plan, unit, allowTestParameters);
        var parameters = plan.Parameters();
        byte[] proof;
        {
            var (prepared, air, witness) = ZkBatchProver.Prepare(
                parameters, plan.ContextDigest, unit.BatchIndex, plan.BatchCount, plan.AssetCount, unit.Accounts, unit.BatchIndex == 0 ? null : unit.Incoming, unit.Outgoing);
            if (!prepared.ToBytes().AsSpan().SequenceEqual(statement.ToBytes()))
            {
                throw Mismatch(unit.BatchIndex, "its leaves do not give the planned root R_b");
            }

            proof = ZkBatchProver.Prove(parameters, air, witness, randomSource, consumeTrace: true, progress);
        }

        // A worker never returns what the assembler would reject.
        var check = ZkBatchVerifier.Verify(statement, proof, allowTestParameters || randomSource is { IsDeterministic: true });
        if (!check.IsValid)
        {
            throw new InvalidOperationException($"internal error: the proof of batch {unit.BatchIndex} does not verify ({check.Message})");
        }

        return new ZkBatchResult(unit.BatchIndex, proof, Convert.ToHexStringLower(SHA256.HashData(proof)));
    }

    /// <summary>
    /// Checks a decrypted unit against the plan without proving: the parameter set (pinned; test-only only when
    /// allowed), context, B, A, plan id, the incoming opening opens the planned K_{b−1}, the outgoing opening opens
    /// the planned K_b (before the last batch), and the leaves give the planned R_b.
    /// </summary>
    /// <param name="plan">The plan.</param>
    /// <param name="unit">The unit.</param>
    /// <param name="allowTestParameters">Accept a test-only set.</param>
    /// <returns>The statement the batch's proof must prove.</returns>
    /// <exception cref="ZkUnitException">The unit does not match the plan.</exception>
    public static ZkBatchStatement Check(ZkRoundPlan plan, ZkWorkUnit unit, bool allowTestParameters = false)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(unit);
        var b = unit.BatchIndex;
        var parameters = ZkParameterSet.Find(plan.ParameterSetId);
        if (parameters is null || (parameters.IsTestOnly && !allowTestParameters))
        {
            throw Mismatch(b, $"the plan's parameter set '{plan.ParameterSetId}' is unknown or for tests only");
        }

        if (!string.Equals(unit.ParameterSetId, plan.ParameterSetId, StringComparison.Ordinal) || !unit.ContextDigest.AsSpan().SequenceEqual(plan.ContextDigest)
            || !unit.PlanId.AsSpan().SequenceEqual(plan.PlanId) || unit.BatchCount != plan.BatchCount || unit.AssetCount != plan.AssetCount
            || unit.Incoming.Totals.Length != plan.AssetCount || unit.Accounts.Count != plan.AccountsPerBatch || b < 0 || b >= plan.BatchCount)
        {
            throw Mismatch(b, "its parameter set, context, plan id or shape differ from the plan's");
        }

        if (!unit.Incoming.Commit().AsSpan().SequenceEqual(plan.ChainIn(b)))
        {
            throw Mismatch(b, "its incoming opening does not open the planned K_{b-1}");
        }

        var isFinal = b == plan.BatchCount - 1;
        if (!isFinal && !unit.Outgoing.Commit().AsSpan().SequenceEqual(plan.Batches[b].ChainOut))
        {
            throw Mismatch(b, "its outgoing opening does not open the planned K_b");
        }

        if (!ZkRoundPlanner.BatchRoot(unit.Accounts).AsSpan().SequenceEqual(plan.Batches[b].Root))
        {
            throw Mismatch(b, "its leaves do not give the planned root R_b");
        }

        return plan.Statement(b, unit.Outgoing.Totals);
    }

    /// <summary>
    /// Static-shard step for one batch (docs/distributed.md): reads batch b's unit from the shared directory, checks its
    /// SHA-256 against the plan, decrypts it, and — unless a proof of b that verifies against the plan is already there
    /// (a retried shard resumes) — proves it and writes <c>proofs/batch-bbbbb.&lt;sha256&gt;.proof</c> atomically.
    /// </summary>
    /// <param name="planDirectory">The shared directory.</param>
    /// <param name="plan">Its plan.</param>
    /// <param name="batchIndex">b.</param>
    /// <param name="roundKey">The round key.</param>
    /// <param name="allowTestParameters">Accept a test-only set (tests only).</param>
    /// <param name="progress">Told of each prover phase; may be null.</param>
    /// <returns>The proof and whether it was proven now (false: an earlier run's proof was kept).</returns>
    /// <exception cref="ZkUnitException">The unit is missing its listed hash, does not decrypt, or does not match the plan.</exception>
    public static (ZkBatchResult Result, bool Proven) ProveInDirectory(
        string planDirectory, ZkRoundPlan plan, int batchIndex, ReadOnlySpan<byte> roundKey, bool allowTestParameters = false, IProgress<ProverPhase>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var unitPath = Path.Combine(planDirectory, ZkPlanLayout.UnitDirectory, ZkPlanLayout.UnitFileName(batchIndex));
        if (!File.Exists(unitPath))
        {
            throw new ZkUnitException(ZkUnitFailure.Malformed, batchIndex, $"the work unit of batch {batchIndex} is missing ({unitPath})");
        }

        var sealedUnit = File.ReadAllBytes(unitPath);
        if (!SHA256.HashData(sealedUnit).AsSpan().SequenceEqual(plan.Batches[batchIndex].UnitSha256))
        {
            throw new ZkUnitException(ZkUnitFailure.HashMismatch, batchIndex, $"the work unit of batch {batchIndex} is not the one the plan lists (SHA-256 differs)");
        }

        var unit = ZkUnitCipher.Open(sealedUnit, roundKey, plan.PlanId, batchIndex, plan.BatchCount);
        var statement = Check(plan, unit, allowTestParameters);
        var existing = ZkRoundAssembler.FindProof(planDirectory, statement, allowTestParameters);
        if (existing is not null)
        {
            return (existing, false);
        }

        var result = Prove(plan, unit, allowTestParameters, null, progress);
        AtomicFile.WriteAllBytes(Path.Combine(planDirectory, ZkPlanLayout.ProofDirectory, ZkPlanLayout.ProofFileName(batchIndex, result.Sha256Hex)), result.Proof);
        return (result, true);
    }

    private static ZkUnitException Mismatch(int b, string what) =>
        new(ZkUnitFailure.DoesNotMatchPlan, b, string.Create(CultureInfo.InvariantCulture, $"the work unit of batch {b} does not match the plan: {what}"));
}
