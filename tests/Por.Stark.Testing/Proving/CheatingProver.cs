// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Air;
using Por.Stark.Field;
using Por.Stark.Proving;
using Por.Stark.Randomness;

namespace Por.Stark.Testing.Proving;

/// <summary>
/// A prover that runs the honest prover's phases (<see cref="ProverSession"/>) and substitutes tampered values between
/// them, as <see cref="ProverCheats"/> describes. With no cheats it produces an honest proof.
/// </summary>
internal static class CheatingProver
{
    /// <summary>Proves with the given deviations.</summary>
    /// <param name="air">The statement.</param>
    /// <param name="trace">The witness rows (n − h rows).</param>
    /// <param name="auxBuilder">Builds the auxiliary segment; <see langword="null"/> without one.</param>
    /// <param name="options">The proof options.</param>
    /// <param name="cheats">The deviations.</param>
    /// <param name="rng">The ZK randomness; <see langword="null"/> means the OS CSPRNG.</param>
    /// <returns>The (possibly invalid) proof, not yet encoded.</returns>
    public static StarkProof Prove(StarkAir air, TraceTable trace, IAuxTraceBuilder? auxBuilder, StarkOptions options, ProverCheats cheats, IRandomSource? rng = null)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(cheats);
        cheats.Trace?.Invoke(trace);
        using var s = new ProverSession(air, trace, auxBuilder, options, rng ?? OsRandomSource.Instance, consumeTrace: false);
        bool checks = !cheats.SkipSelfChecks;
        int n = s.Shape.TraceLength;

        s.ExtendMainTrace();
        if (cheats.DegreeNColumn == ProverCheats.Column.MainTrace)
        {
            AddVanishingOnTrace(s.MainLde[0], s);
        }

        s.CommitMainTrace();
        s.BuildAuxTrace();
        if (cheats.DegreeNColumn == ProverCheats.Column.AuxTrace)
        {
            AddVanishingOnTrace(s.AuxLde[0], s);
        }

        s.CommitAuxTrace();
        s.ComposeConstraints();
        s.InterpolateComposition();
        if (checks)
        {
            s.CheckQuotientDegree();
        }

        s.SplitQuotient();
        if (cheats.DegreeNColumn == ProverCheats.Column.QuotientChunk)
        {
            // Q'_0 += X^n and Q'_1 −= X^(n − s): the X^0 and X^s terms of Σ_k X^(k·s)·Q'_k cancel, H is unchanged.
            var longer = new Goldilocks[n + 1];
            s.QuotientCoefficients[0].CopyTo(longer, 0);
            longer[n] = Goldilocks.One;
            s.QuotientCoefficients[0] = longer;
            s.QuotientCoefficients[3][n - s.Shape.ChunkStride] -= Goldilocks.One;
        }

        // One more mask coefficient: FRI's final layer exceeds the remainder bound while every opening stays consistent.
        s.DrawDeepMask(cheats.HighDegreeRemainder ? n + 1 : n);
        s.CommitComposition();
        s.EvaluateOutOfDomain();
        CheatOutOfDomain(s, cheats);
        s.CommitOutOfDomain();
        s.BuildDeepComposition();
        if (checks)
        {
            s.CheckDeepComposition();
        }

        s.ExtendDeepComposition();
        s.ProveFri();
        if (checks)
        {
            s.CheckRemainderDegree();
        }

        if (cheats.SkipProofOfWork)
        {
            s.Nonce = FirstNonceWithoutWork(s.Transcript);
        }
        else
        {
            s.GrindProofOfWork();
        }

        s.DrawQueryPositions();
        if (cheats.Positions is null)
        {
            s.OpenQueries();
        }
        else
        {
            // Kept as rewritten (duplicates and out-of-range values included), only ordered.
            s.OpenQueries([.. cheats.Positions(s.QueryPositions).Order()]);
        }

        return s.Assemble();
    }

    private static void CheatOutOfDomain(ProverSession s, ProverCheats cheats)
    {
        int n = s.Shape.TraceLength;
        GoldilocksExt3 z = s.Z;
        GoldilocksExt3 gz = z * s.Generator;
        if (cheats.DegreeNColumn != ProverCheats.Column.None)
        {
            // The barycentric form on s·H returns the value of the degree-< n interpolant; a column with an added X^n
            // term differs from it by ζ^n − s^n at ζ. The cheating prover sends the true values.
            GoldilocksExt3 sn = GoldilocksExt3.FromBase(ProverSession.Offset.Pow((ulong)n));
            if (cheats.DegreeNColumn == ProverCheats.Column.MainTrace)
            {
                s.OodMainCurrent[0] += z.Pow((ulong)n) - sn;
                s.OodMainNext[0] += gz.Pow((ulong)n) - sn;
            }
            else if (cheats.DegreeNColumn == ProverCheats.Column.AuxTrace)
            {
                s.OodAuxCurrent[0] += z.Pow((ulong)n) - sn;
                s.OodAuxNext[0] += gz.Pow((ulong)n) - sn;
            }
            else
            {
                s.OodChunks[0] += z.Pow((ulong)n) - sn;
            }
        }

        if (cheats.WrongOodValue != ProverCheats.OodEntry.None)
        {
            GoldilocksExt3 before = CompositionAtZ(s);
            GoldilocksExt3[] target = cheats.WrongOodValue switch
            {
                ProverCheats.OodEntry.MainAtZ => s.OodMainCurrent,
                ProverCheats.OodEntry.MainAtGz => s.OodMainNext,
                ProverCheats.OodEntry.AuxAtZ => s.OodAuxCurrent,
                _ => s.OodAuxNext,
            };
            target[0] += Goldilocks.One;
            s.OodChunks[0] += CompositionAtZ(s) - before;
        }

        if (cheats.WrongOodComposition)
        {
            s.OodChunks[0] += GoldilocksExt3.One;
        }
    }

    private static GoldilocksExt3 CompositionAtZ(ProverSession s) =>
        VerifierMath.CompositionAtZ(s.Air, s.Shape, s.Composer!, s.OodMainCurrent, s.OodMainNext, s.OodAuxCurrent, s.OodAuxNext, s.Z, s.Generator);

    /// <summary>Column += X^n − 1 on the LDE: unchanged on H, degree n.</summary>
    private static void AddVanishingOnTrace(Goldilocks[] lde, ProverSession s)
    {
        Goldilocks omega = Goldilocks.RootOfUnity(s.Shape.LdeLog2);
        for (int i = 0; i < lde.Length; i++)
        {
            lde[i] += (ProverSession.Offset * omega.Pow((ulong)i)).Pow((ulong)s.Shape.TraceLength) - Goldilocks.One;
        }
    }

    private static ulong FirstNonceWithoutWork(StarkTranscript transcript)
    {
        ulong nonce = 0;
        while (transcript.HasWork(nonce))
        {
            nonce++;
        }

        return nonce;
    }
}
