// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Proving;
using Por.Stark.Randomness;

namespace Por.Liabilities.Zk;

/// <summary>Proves one batch under a pinned parameter set.</summary>
public static class ZkBatchProver
{
    /// <summary>
    /// Builds the witness for a batch and its statement (root, chain commitments and, in the last batch, the totals
    /// come from the witness). The outgoing opening (S_b, r_b) is the planned one when <paramref name="outgoing"/> is given
    /// (its totals must equal the incoming totals plus the batch's sums, else the batch does not belong to this plan);
    /// otherwise r_b is drawn from the OS CSPRNG. Either way the opening is <see cref="ZkBatchWitness.Outgoing"/>, which
    /// the caller must keep private for the next batch.
    /// </summary>
    /// <param name="parameters">The pinned parameter set.</param>
    /// <param name="contextDigest">The round context digest.</param>
    /// <param name="batchIndex">b.</param>
    /// <param name="batchCount">B.</param>
    /// <param name="assetCount">A.</param>
    /// <param name="accounts">The batch's accounts.</param>
    /// <param name="incoming">The opening of K_{b−1} (the previous batch's <see cref="ZkBatchWitness.Outgoing"/>); null means the zero opening, which batch 0 must use.</param>
    /// <param name="outgoing">The planned opening of K_b (docs/distributed.md); null draws a fresh blinding.</param>
    /// <returns>The statement, the AIR and the witness.</returns>
    /// <exception cref="ArgumentException">The openings do not fit the batch (wrong start, or planned totals that differ from the batch's).</exception>
    public static (ZkBatchStatement Statement, LiabilitiesAir Air, ZkBatchWitness Witness) Prepare(
        ZkParameterSet parameters, byte[] contextDigest, int batchIndex, int batchCount, int assetCount, IReadOnlyList<ZkAccount> accounts, ZkChainOpening? incoming = null,
        ZkChainOpening? outgoing = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (batchIndex == 0 ? incoming is not null && !incoming.Commit().AsSpan().SequenceEqual(ZkChainOpening.Zero(assetCount).Commit()) : incoming is null)
        {
            throw new ArgumentException("Batch 0 starts from the zero opening and every later batch from the previous batch's opening.", nameof(incoming));
        }

        incoming ??= ZkChainOpening.Zero(Math.Max(assetCount, 0));

        bool isFinal = batchIndex == batchCount - 1;
        var empty = new Stark.Field.Goldilocks[ZkAccountEncoding.DigestSize];
        var provisional = new ZkBatchStatement(
            parameters.Id, contextDigest, batchIndex, batchCount, parameters.AccountsPerBatch, empty, assetCount, empty,
            isFinal ? [] : empty, isFinal ? new UInt128[assetCount] : []);
        string? invalid = provisional.Validate();
        if (invalid is not null)
        {
            throw new ArgumentException(invalid, nameof(contextDigest));
        }

        var provisionalAir = new LiabilitiesAir(provisional, parameters.TraceLength, parameters.Options.RandomRows);
        var blinding = outgoing?.Blinding ?? ZkChainOpening.Random(new UInt128[assetCount]).Blinding;
        ZkBatchWitness witness = LiabilitiesTraceBuilder.Build(accounts, provisionalAir, incoming, blinding);
        if (outgoing is not null && !outgoing.Totals.AsSpan().SequenceEqual(witness.Totals))
        {
            throw new ArgumentException("The planned outgoing totals differ from the incoming totals plus this batch's sums.", nameof(outgoing));
        }

        ZkBatchStatement statement = provisional with
        {
            Root = witness.Root,
            ChainIn = incoming.Commit(),
            ChainOut = isFinal ? [] : witness.Outgoing.Commit(),
            Totals = isFinal ? witness.Totals : [],
        };
        return (statement, new LiabilitiesAir(statement, parameters.TraceLength, parameters.Options.RandomRows), witness);
    }

    /// <summary>Proves a prepared batch (zero knowledge, OS randomness unless a test source is given).</summary>
    /// <param name="parameters">The pinned parameter set.</param>
    /// <param name="air">The AIR from <see cref="Prepare"/>.</param>
    /// <param name="witness">The witness from <see cref="Prepare"/>.</param>
    /// <param name="randomSource">Null for the OS CSPRNG.</param>
    /// <param name="consumeTrace">Let the prover drop the witness trace once the auxiliary segment is built (≈ 1 GiB
    /// less at the peak of a production batch); the witness's trace is unusable afterwards.</param>
    /// <param name="progress">Told when each prover phase starts; null for none.</param>
    /// <returns>The proof bytes.</returns>
    public static byte[] Prove(
        ZkParameterSet parameters, LiabilitiesAir air, ZkBatchWitness witness, IRandomSource? randomSource = null, bool consumeTrace = false, IProgress<ProverPhase>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(witness);
        return StarkProver.Prove(air, witness.Trace, new LiabilitiesAuxTraceBuilder(air), parameters.Options, randomSource, consumeTrace, progress);
    }
}
