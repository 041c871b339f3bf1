// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Air;
using Por.Stark.Field;
using Por.Stark.Polynomials;

namespace Por.Stark.Proving;

/// <summary>Point evaluations shared by the verifier and the prover's consistency checks.</summary>
internal static class VerifierMath
{
    /// <summary>u, the extension generator (0, 1, 0).</summary>
    public static readonly GoldilocksExt3 U = new(Goldilocks.Zero, Goldilocks.One, Goldilocks.Zero);

    /// <summary>u² (0, 0, 1).</summary>
    public static readonly GoldilocksExt3 USquared = new(Goldilocks.Zero, Goldilocks.Zero, Goldilocks.One);

    public static GoldilocksExt3 FromComponents(GoldilocksExt3 c0, GoldilocksExt3 c1, GoldilocksExt3 c2) => c0 + (c1 * U) + (c2 * USquared);

    /// <summary>The composition value at z recomputed from the OOD frame: what Σ_k z^(k·s)·H_k(z) must equal.</summary>
    public static GoldilocksExt3 CompositionAtZ(
        StarkAir air,
        ProofShape shape,
        ConstraintComposer composer,
        GoldilocksExt3[] mainZ,
        GoldilocksExt3[] mainGz,
        GoldilocksExt3[] auxZ,
        GoldilocksExt3[] auxGz,
        GoldilocksExt3 z,
        Goldilocks g)
    {
        int n = shape.TraceLength;
        var periodic = new GoldilocksExt3[air.PeriodicColumns.Count];
        for (int p = 0; p < periodic.Length; p++)
        {
            Goldilocks[] values = air.PeriodicColumns[p];
            var coeffs = (Goldilocks[])values.Clone();
            Ntt.Inverse(coeffs);
            periodic[p] = PolynomialMath.Evaluate(coeffs, z.Pow((ulong)(n / values.Length)));
        }

        var mainScratch = new GoldilocksExt3[air.MainConstraintDegrees.Count];
        var auxScratch = new GoldilocksExt3[air.AuxConstraintDegrees.Count];
        GoldilocksExt3 transitions = composer.CombineTransitions(
            new EvaluationFrame<GoldilocksExt3>(mainZ, mainGz), new EvaluationFrame<GoldilocksExt3>(auxZ, auxGz), periodic, mainScratch, auxScratch);

        // E(z) / (z^n − 1) with E the product over the h + 1 exempt rows.
        GoldilocksExt3 exemption = GoldilocksExt3.One;
        Goldilocks root = g.Pow((ulong)shape.Context.LastRealRow);
        for (int i = 0; i < shape.Context.TransitionExemptions; i++)
        {
            exemption *= z - root;
            root *= g;
        }

        GoldilocksExt3 divisorInverse = exemption * (z.Pow((ulong)n) - GoldilocksExt3.One).Inverse();
        int[] rows = composer.AssertionRows;
        var rowInverses = new GoldilocksExt3[rows.Length];
        for (int r = 0; r < rows.Length; r++)
        {
            rowInverses[r] = (z - g.Pow((ulong)rows[r])).Inverse();
        }

        return (transitions * divisorInverse) + composer.CombineBoundaries<GoldilocksExt3, GoldilocksExt3>(mainZ, auxZ, rowInverses);
    }
}
