// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Proving;

namespace Por.Cluster;

/// <summary>What a worker runs on one batch: decrypt the unit with its key, check it against the plan, prove it.</summary>
public interface IUnitProver
{
    /// <summary>Proves one unit.</summary>
    /// <param name="publicPlan">The run's public plan.</param>
    /// <param name="batchIndex">b.</param>
    /// <param name="encryptedUnit">The unit as stored.</param>
    /// <param name="unitKey">Its key (unwrapped by the worker; the caller clears it afterwards).</param>
    /// <param name="phases">Told when each prover phase starts; it may throw <see cref="OperationCanceledException"/>
    /// to abandon the proof (graceful shutdown).</param>
    /// <returns>The proof bytes.</returns>
    byte[] Prove(byte[] publicPlan, int batchIndex, byte[] encryptedUnit, byte[] unitKey, IProgress<ProverPhase> phases);
}
