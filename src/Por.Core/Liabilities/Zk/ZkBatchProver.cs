// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Proving;
using Por.Stark.Randomness;

namespace Por.Core.Liabilities.Zk;

/// <summary>Proves one batch under a pinned parameter set.</summary>
public static class ZkBatchProver
{
    /// <summary>Builds the witness for a batch and its statement (root and totals come from the witness).</summary>
    /// <param name="parameters">The pinned parameter set.</param>
    /// <param name="contextDigest">The round context digest.</param>
    /// <param name="batchIndex">b.</param>
    /// <param name="batchCount">B.</param>
    /// <param name="assetCount">A.</param>
    /// <param name="accounts">The batch's accounts.</param>
    /// <returns>The statement, the AIR and the witness.</returns>
    public static (ZkBatchStatement Statement, LiabilitiesAir Air, ZkBatchWitness Witness) Prepare(
        ZkParameterSet parameters, byte[] contextDigest, int batchIndex, int batchCount, int assetCount, IReadOnlyList<ZkAccount> accounts)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var provisional = new ZkBatchStatement(
            parameters.Id, contextDigest, batchIndex, batchCount, parameters.AccountsPerBatch, new Stark.Field.Goldilocks[ZkAccountEncoding.DigestSize], new UInt128[assetCount]);
        string? invalid = provisional.Validate();
        if (invalid is not null)
        {
            throw new ArgumentException(invalid, nameof(contextDigest));
        }

        var provisionalAir = new LiabilitiesAir(provisional, parameters.TraceLength, parameters.Options.RandomRows);
        ZkBatchWitness witness = LiabilitiesTraceBuilder.Build(accounts, provisionalAir);
        ZkBatchStatement statement = provisional with { Root = witness.Root, Totals = witness.Totals };
        return (statement, new LiabilitiesAir(statement, parameters.TraceLength, parameters.Options.RandomRows), witness);
    }

    /// <summary>Proves a prepared batch (zero knowledge, OS randomness unless a test source is given).</summary>
    /// <param name="parameters">The pinned parameter set.</param>
    /// <param name="air">The AIR from <see cref="Prepare"/>.</param>
    /// <param name="witness">The witness from <see cref="Prepare"/>.</param>
    /// <param name="randomSource">Null for the OS CSPRNG.</param>
    /// <returns>The proof bytes.</returns>
    public static byte[] Prove(ZkParameterSet parameters, LiabilitiesAir air, ZkBatchWitness witness, IRandomSource? randomSource = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(witness);
        return StarkProver.Prove(air, witness.Trace, parameters.Options, randomSource);
    }
}
