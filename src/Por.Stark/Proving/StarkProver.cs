// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using Por.Stark.Air;
using Por.Stark.Commitments;
using Por.Stark.Memory;
using Por.Stark.Randomness;

namespace Por.Stark.Proving;

/// <summary>
/// The STARK prover: trace commitment → auxiliary commitment → randomized quotient chunks and DEEP mask →
/// out-of-domain frame → DEEP → FRI → grinding → query openings (docs/stark.md). Each step is a phase of
/// <see cref="ProverSession"/>.
/// </summary>
public static class StarkProver
{
    /// <summary>Optional phase timing sink (benchmark harness only).</summary>
    internal static Action<string, TimeSpan>? PhaseObserver { get; set; }

    /// <summary>
    /// Proves that <paramref name="trace"/> satisfies <paramref name="air"/>, with zero knowledge. An AIR with an
    /// auxiliary segment must implement <see cref="IAuxTraceBuilder"/> itself (small examples); otherwise pass the
    /// builder to <see cref="Prove(StarkAir, TraceTable, IAuxTraceBuilder?, StarkOptions, IRandomSource?, bool, IProgress{ProverPhase}?)"/>.
    /// </summary>
    /// <param name="air">The statement.</param>
    /// <param name="trace">The witness rows: exactly n − h rows (see <see cref="AirContext.RealRows"/>).</param>
    /// <param name="options">The proof options (the verifier must pin the same).</param>
    /// <param name="randomSource">
    /// The ZK randomness; <see langword="null"/> means the OS CSPRNG. A deterministic source marks the proof as test mode.
    /// </param>
    /// <returns>The canonical proof bytes.</returns>
    /// <exception cref="ArgumentException">The trace does not match the AIR's shape, or the auxiliary builder is missing.</exception>
    /// <exception cref="InvalidOperationException">The trace does not satisfy the constraints.</exception>
    public static byte[] Prove(StarkAir air, TraceTable trace, StarkOptions options, IRandomSource? randomSource = null) =>
        Prove(air, trace, air as IAuxTraceBuilder, options, randomSource);

    /// <summary>
    /// Proves that <paramref name="trace"/>, with the auxiliary segment <paramref name="auxBuilder"/> builds from it,
    /// satisfies <paramref name="air"/>, with zero knowledge. With <paramref name="consumeTrace"/> the prover drops the
    /// trace's columns as soon as it no longer needs them (once the auxiliary segment is built), which lowers the peak
    /// memory by the trace's size; the table is unusable afterwards.
    /// </summary>
    /// <param name="air">The statement.</param>
    /// <param name="trace">The witness rows: exactly n − h rows.</param>
    /// <param name="auxBuilder">Builds the auxiliary segment; <see langword="null"/> when the AIR has none.</param>
    /// <param name="options">The proof options (the verifier must pin the same).</param>
    /// <param name="randomSource">The ZK randomness; <see langword="null"/> means the OS CSPRNG.</param>
    /// <param name="consumeTrace">Whether the prover may drop the trace's columns.</param>
    /// <param name="progress">Told when each phase starts (<see cref="ProverPhase"/>, on the calling thread); null for none.</param>
    /// <returns>The canonical proof bytes.</returns>
    /// <exception cref="ArgumentException">The trace does not match the AIR's shape, or the auxiliary builder is missing.</exception>
    /// <exception cref="InvalidOperationException">The trace does not satisfy the constraints.</exception>
    public static byte[] Prove(StarkAir air, TraceTable trace, IAuxTraceBuilder? auxBuilder, StarkOptions options, IRandomSource? randomSource = null, bool consumeTrace = false, IProgress<ProverPhase>? progress = null)
    {
        using var session = new ProverSession(air, trace, auxBuilder, options, randomSource ?? OsRandomSource.Instance, consumeTrace);
        return Prove(session, progress).Encode();
    }

    /// <summary>The honest prover: every phase in protocol order, with the prover's self-checks.</summary>
    internal static StarkProof Prove(ProverSession session, IProgress<ProverPhase>? progress = null)
    {
        var timer = new PhaseTimer(PhaseObserver);
        progress?.Report(ProverPhase.LowDegreeExtension);
        session.ExtendMainTrace();
        session.CommitMainTrace();
        timer.End("main-trace");
        progress?.Report(ProverPhase.AuxiliaryTrace);

        session.BuildAuxTrace();
        session.CommitAuxTrace();
        timer.End("aux-trace");
        progress?.Report(ProverPhase.ConstraintComposition);

        session.ComposeConstraints();
        timer.End("composition-evaluation");
        progress?.Report(ProverPhase.QuotientCommitment);

        session.InterpolateComposition();
        session.CheckQuotientDegree();
        session.SplitQuotient();
        session.DrawDeepMask();
        session.CommitComposition();
        timer.End("quotient-commit");
        progress?.Report(ProverPhase.OutOfDomain);

        session.EvaluateOutOfDomain();
        session.CommitOutOfDomain();
        timer.End("ood");
        progress?.Report(ProverPhase.DeepComposition);

        session.BuildDeepComposition();
        session.CheckDeepComposition();
        session.ExtendDeepComposition();
        timer.End("deep");
        progress?.Report(ProverPhase.Fri);

        session.ProveFri();
        session.CheckRemainderDegree();
        timer.End("fri");
        progress?.Report(ProverPhase.Queries);

        session.GrindProofOfWork();
        session.DrawQueryPositions();
        session.OpenQueries();
        timer.End("grinding-and-openings");
        return session.Assemble();
    }

    internal static int DeepCoefficientCount(ProofShape shape) => (2 * (shape.MainWidth + shape.AuxWidth)) + shape.ChunkCount + 2;

    internal static byte[] CreateSalts(IRandomSource rng, int leaves)
    {
        byte[] salts = LargeArrays.Rent<byte>(leaves * MerkleTree.SaltSize);
        rng.Fill(salts);
        return salts;
    }

    /// <summary>Reports each phase's wall time to the benchmark sink, when one is set.</summary>
    private sealed class PhaseTimer(Action<string, TimeSpan>? observer)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public void End(string phase)
        {
            observer?.Invoke(phase, _clock.Elapsed);
            _clock.Restart();
        }
    }
}
