// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using Por.Common;
using Por.Stark.Field;
using Por.Stark.Memory;
using Por.Stark.Proving;

namespace Por.Liabilities.Zk;

/// <summary>
/// Proves every batch of a round into a directory, in order, chaining the running totals: batch b starts from the
/// private opening of K_{b−1} and leaves the opening of K_b (fresh CSPRNG blinding) for batch b + 1. Each batch writes
/// its opening (private directory), its proof and its statement atomically (temp file + rename, statement last), so a
/// crashed build leaves only whole batches; a rerun skips every batch whose files are present, verify and chain from the
/// previous batch's opening, and proves the rest (a batch whose opening is lost is proven again, and with it every
/// later batch, since its new K_b differs).
/// </summary>
public static class ZkRoundProver
{
    /// <summary>The stage of the progress reports: one unit per batch.</summary>
    public const string ProvingStage = "proving batches";

    /// <summary>File name of batch b's private chain opening (S_b, r_b); it belongs in the private directory only.</summary>
    /// <param name="batchIndex">b.</param>
    /// <returns>The name.</returns>
    public static string OpeningFile(int batchIndex) => string.Create(CultureInfo.InvariantCulture, $"batch-{batchIndex:D5}.opening");

    /// <summary>Proves (or resumes) all batches.</summary>
    /// <param name="parameters">The pinned parameter set.</param>
    /// <param name="contextDigest">The round context digest.</param>
    /// <param name="assetCount">A.</param>
    /// <param name="batches">Accounts per batch.</param>
    /// <param name="directory">Output directory for proofs and statements (public; created if missing).</param>
    /// <param name="allowTestParameters">Tests only: accept test parameter sets when checking finished batches.</param>
    /// <param name="privateDirectory">
    /// The operator's private work directory for the chain openings (created if missing; an opening reveals running
    /// totals, so it must never be published: e.g. the bundle's operator-only <c>private/</c>; it must differ from
    /// <paramref name="directory"/>). Null keeps the openings in memory only, so a rerun proves every batch again.
    /// </param>
    /// <param name="progress">
    /// Told of every batch (<see cref="WorkProgress"/> stage <see cref="ProvingStage"/>, Done/Total batches) and of every
    /// phase inside it (Detail "batch b: low-degree extension", …, "batch b: FRI", "batch b: queries"; b counts from
    /// 0 as the batch files do), on the calling thread; null for none. Only names and counts: no witness data.
    /// </param>
    /// <returns>The statements, in batch order, and how many batches were proven in this run.</returns>
    public static (ZkBatchStatement[] Statements, int Proven) ProveRound(
        ZkParameterSet parameters, byte[] contextDigest, int assetCount, IReadOnlyList<IReadOnlyList<ZkAccount>> batches, string directory,
        bool allowTestParameters = false, string? privateDirectory = null, IProgress<WorkProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(batches);
        if (privateDirectory is not null && IsSameDirectory(privateDirectory, directory))
        {
            throw new ArgumentException("The private directory must differ from the public output directory.", nameof(privateDirectory));
        }

        Directory.CreateDirectory(directory);
        if (privateDirectory is not null)
        {
            Directory.CreateDirectory(privateDirectory);
        }

        var statements = new ZkBatchStatement[batches.Count];
        int proven = 0;
        ZkChainOpening incoming = ZkChainOpening.Zero(assetCount);

        // One retention scope for the whole round: each batch proof reuses the previous one's large arrays (≈ 13 GiB)
        // instead of having the kernel fault in and clear fresh memory for every batch.
        using IDisposable retention = ProverMemory.Retain();
        progress?.Report(new WorkProgress(ProvingStage, 0, batches.Count));
        for (int b = 0; b < batches.Count; b++)
        {
            string proofPath = Path.Combine(directory, ZkBundleLayout.ProofFileName(b));
            string statementPath = Path.Combine(directory, ZkBundleLayout.StatementFileName(b));
            progress?.Report(new WorkProgress(ProvingStage, b, batches.Count, Detail(b, "checking for a finished proof")));
            if (TryResume(parameters.Id, b, batches.Count, contextDigest, incoming, proofPath, statementPath, privateDirectory, allowTestParameters, out ZkBatchStatement? done, out ZkChainOpening? resumed))
            {
                statements[b] = done;
                incoming = resumed;
                progress?.Report(new WorkProgress(ProvingStage, b + 1, batches.Count, Detail(b, "resumed (its proof verifies)")));
                continue;
            }

            (statements[b], incoming) = ProveBatch(parameters, contextDigest, b, batches.Count, assetCount, batches[b], incoming, proofPath, statementPath, privateDirectory, progress);

            // Whatever a batch did not give back to the pool is collected before the next batch, so that two batches'
            // garbage never coexist (measured: without this a 4-batch round reached 24 GiB and was killed). The large
            // object heap is not compacted: it holds the pooled arrays, which would only be copied around.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
            proven++;
            progress?.Report(new WorkProgress(ProvingStage, b + 1, batches.Count, Detail(b, "proven")));
        }

        return (statements, proven);
    }

    // One batch in its own frame, so nothing of its witness or prover state is reachable once it returns.
    private static (ZkBatchStatement Statement, ZkChainOpening Outgoing) ProveBatch(
        ZkParameterSet parameters, byte[] contextDigest, int b, int batchCount, int assetCount, IReadOnlyList<ZkAccount> accounts,
        ZkChainOpening incoming, string proofPath, string statementPath, string? privateDirectory, IProgress<WorkProgress>? progress)
    {
        progress?.Report(new WorkProgress(ProvingStage, b, batchCount, Detail(b, "building the witness")));
        (ZkBatchStatement statement, LiabilitiesAir air, ZkBatchWitness witness) =
            ZkBatchProver.Prepare(parameters, contextDigest, b, batchCount, assetCount, accounts, b == 0 ? null : incoming);
        // The witness trace is the prover's to drop once the auxiliary segment is built (≈ 1 GiB less at the peak).
        IProgress<ProverPhase>? phases = progress is null ? null : new PhaseRelay(progress, b, batchCount);
        byte[] proof = ZkBatchProver.Prove(parameters, air, witness, randomSource: null, consumeTrace: true, phases);
        if (privateDirectory is not null)
        {
            AtomicFile.WriteAllBytes(Path.Combine(privateDirectory, OpeningFile(b)), witness.Outgoing.ToBytes());
        }

        AtomicFile.WriteAllBytes(proofPath, proof);
        AtomicFile.WriteAllBytes(statementPath, statement.ToBytes());
        return (statement, witness.Outgoing);
    }

    /// <summary>
    /// Proves (or resumes) every batch of a plan on this machine, in order, from the planned chain openings (the
    /// single-machine path of plan → prove → assemble, docs/distributed.md). A batch is resumed when its statement
    /// file equals the plan's statement and its proof verifies against it; otherwise it is proven again from its unit,
    /// alone: the openings are fixed, so no later batch changes.
    /// </summary>
    /// <param name="plan">The plan.</param>
    /// <param name="totals">The round totals (the last batch's statement).</param>
    /// <param name="batches">Accounts per batch.</param>
    /// <param name="directory">Output directory for proofs and statements.</param>
    /// <param name="chainDirectory">The private chain openings (S_b, r_b) the plan fixed.</param>
    /// <param name="allowTestParameters">Tests only.</param>
    /// <param name="progress">As <see cref="ProveRound"/>.</param>
    /// <returns>How many batches were proven in this run.</returns>
    internal static int ProvePlan(
        ZkRoundPlan plan, IReadOnlyList<UInt128> totals, IReadOnlyList<IReadOnlyList<ZkAccount>> batches, string directory, string chainDirectory,
        bool allowTestParameters, IProgress<WorkProgress>? progress)
    {
        Directory.CreateDirectory(directory);
        var count = plan.BatchCount;
        var proven = 0;
        using IDisposable retention = ProverMemory.Retain();
        progress?.Report(new WorkProgress(ProvingStage, 0, count));
        var incoming = ZkChainOpening.Zero(plan.AssetCount);
        for (var b = 0; b < count; b++)
        {
            var outgoing = ZkChainOpening.TryParse(File.ReadAllBytes(Path.Combine(chainDirectory, OpeningFile(b))), out var o) ? o
                : throw new InvalidDataException($"the private chain opening of batch {b} is malformed");
            var statement = plan.Statement(b, totals);
            var proofPath = Path.Combine(directory, ZkBundleLayout.ProofFileName(b));
            var statementPath = Path.Combine(directory, ZkBundleLayout.StatementFileName(b));
            progress?.Report(new WorkProgress(ProvingStage, b, count, Detail(b, "checking for a finished proof")));
            if (File.Exists(proofPath) && File.Exists(statementPath) && File.ReadAllBytes(statementPath).AsSpan().SequenceEqual(statement.ToBytes())
                && ZkBatchVerifier.Verify(statement, File.ReadAllBytes(proofPath), allowTestParameters).IsValid)
            {
                progress?.Report(new WorkProgress(ProvingStage, b + 1, count, Detail(b, "resumed (its proof verifies)")));
                incoming = outgoing;
                continue;
            }

            ProvePlannedBatch(plan, new ZkWorkUnit(plan.PlanId, plan.ParameterSetId, plan.ContextDigest, b, count, incoming, outgoing, batches[b]), allowTestParameters, proofPath, statementPath, progress);
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
            proven++;
            progress?.Report(new WorkProgress(ProvingStage, b + 1, count, Detail(b, "proven")));
            incoming = outgoing;
        }

        return proven;
    }

    // One batch in its own frame, so nothing of its witness or prover state is reachable once it returns.
    private static void ProvePlannedBatch(ZkRoundPlan plan, ZkWorkUnit unit, bool allowTestParameters, string proofPath, string statementPath, IProgress<WorkProgress>? progress)
    {
        var b = unit.BatchIndex;
        progress?.Report(new WorkProgress(ProvingStage, b, plan.BatchCount, Detail(b, "building the witness")));
        IProgress<ProverPhase>? phases = progress is null ? null : new PhaseRelay(progress, b, plan.BatchCount);
        var statement = ZkUnitProver.Check(plan, unit, allowTestParameters);
        var result = ZkUnitProver.Prove(plan, unit, allowTestParameters, null, phases);
        AtomicFile.WriteAllBytes(proofPath, result.Proof);
        AtomicFile.WriteAllBytes(statementPath, statement.ToBytes());
    }

    /// <summary>Round totals: the last batch's published totals S_{B−1}.</summary>
    /// <param name="statements">All batch statements.</param>
    /// <returns>The totals.</returns>
    public static UInt128[] Totals(IReadOnlyList<ZkBatchStatement> statements)
    {
        ArgumentNullException.ThrowIfNull(statements);
        return [.. statements[^1].Totals];
    }

    /// <summary>The round root over the batch roots.</summary>
    /// <param name="statements">All batch statements.</param>
    /// <returns>The root.</returns>
    public static Goldilocks[] Root(IReadOnlyList<ZkBatchStatement> statements) => ZkRoundTree.Root([.. statements.Select(s => s.Root)]);

    private static bool TryResume(
        string parameterSetId, int b, int batchCount, byte[] contextDigest, ZkChainOpening incoming, string proofPath, string statementPath, string? privateDirectory, bool allowTestParameters,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ZkBatchStatement? statement, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ZkChainOpening? outgoing)
    {
        statement = null;
        outgoing = null;
        if (!File.Exists(proofPath) || !File.Exists(statementPath)
            || !ZkBatchStatement.TryParse(File.ReadAllBytes(statementPath), out ZkBatchStatement? done)
            || !string.Equals(done.ParameterSetId, parameterSetId, StringComparison.Ordinal)
            || !done.ContextDigest.AsSpan().SequenceEqual(contextDigest) || done.BatchIndex != b || done.BatchCount != batchCount
            || done.AssetCount != incoming.Totals.Length || !done.ChainIn.AsSpan().SequenceEqual(incoming.Commit()))
        {
            return false;
        }

        // Every batch but the last needs its private opening to continue the chain.
        ZkChainOpening? opening = null;
        if (!done.IsFinal)
        {
            string openingPath = privateDirectory is null ? string.Empty : Path.Combine(privateDirectory, OpeningFile(b));
            if (privateDirectory is null || !File.Exists(openingPath)
                || !ZkChainOpening.TryParse(File.ReadAllBytes(openingPath), out opening)
                || !opening.Commit().AsSpan().SequenceEqual(done.ChainOut))
            {
                return false;
            }
        }

        if (!ZkBatchVerifier.Verify(done, File.ReadAllBytes(proofPath), allowTestParameters).IsValid)
        {
            return false;
        }

        statement = done;
        outgoing = opening ?? new ZkChainOpening([.. done.Totals], new Goldilocks[ZkAccountEncoding.DigestSize]);
        return true;
    }

    /// <summary>The words for a prover phase in a progress detail.</summary>
    /// <param name="phase">The phase.</param>
    /// <returns>"low-degree extension", …, "FRI", "queries".</returns>
    public static string Describe(ProverPhase phase) => phase switch
    {
        ProverPhase.LowDegreeExtension => "low-degree extension",
        ProverPhase.AuxiliaryTrace => "auxiliary trace",
        ProverPhase.ConstraintComposition => "constraint composition",
        ProverPhase.QuotientCommitment => "quotient commitment",
        ProverPhase.OutOfDomain => "out-of-domain evaluation",
        ProverPhase.DeepComposition => "DEEP composition",
        ProverPhase.Fri => "FRI",
        ProverPhase.Queries => "queries",
        _ => phase.ToString(),
    };

    private static string Detail(int b, string what) => string.Create(CultureInfo.InvariantCulture, $"batch {b}: {what}");

    private static bool IsSameDirectory(string a, string b) => string.Equals(
        Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)), StringComparison.Ordinal);

    /// <summary>Relays the STARK prover's phases of batch b as round progress, synchronously.</summary>
    private sealed class PhaseRelay(IProgress<WorkProgress> progress, int batch, int batchCount) : IProgress<ProverPhase>
    {
        public void Report(ProverPhase value) => progress.Report(new WorkProgress(ProvingStage, batch, batchCount, Detail(batch, Describe(value))));
    }
}
