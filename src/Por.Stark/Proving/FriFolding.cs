// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Field;

namespace Por.Stark.Proving;

/// <summary>
/// One FRI folding step on a coset of size f. With F(X) = Σ_{r&lt;f} X^r·F_r(X^f) and the coset values
/// v_j = F(x·ζ^j) (ζ of order f), u_r = x^r·F_r(x^f) = (1/f)·Σ_j v_j·ζ^(−jr), and the folded value is
/// F'(x^f) = Σ_r β^r·F_r(x^f) = Σ_r (β/x)^r·u_r. Prover and verifier call the same code.
/// </summary>
internal static class FriFolding
{
    public static GoldilocksExt3 FoldCoset(ReadOnlySpan<GoldilocksExt3> values, Goldilocks xInverse, GoldilocksExt3 beta, ReadOnlySpan<Goldilocks> zetaInversePowers, Goldilocks fInverse)
    {
        int f = values.Length;
        GoldilocksExt3 factor = beta * xInverse;
        GoldilocksExt3 power = GoldilocksExt3.One;
        GoldilocksExt3 result = GoldilocksExt3.Zero;
        for (int r = 0; r < f; r++)
        {
            GoldilocksExt3 u = GoldilocksExt3.Zero;
            for (int j = 0; j < f; j++)
            {
                u += values[j] * zetaInversePowers[(j * r) % f];
            }

            result += u * power;
            power *= factor;
        }

        return result * fInverse;
    }

    /// <summary>ζ^(−k) for k &lt; f, ζ the primitive f-th root of unity.</summary>
    public static Goldilocks[] ZetaInversePowers(int f)
    {
        Goldilocks zetaInv = Goldilocks.RootOfUnity(System.Numerics.BitOperations.Log2((uint)f)).Inverse();
        var powers = new Goldilocks[f];
        powers[0] = Goldilocks.One;
        for (int k = 1; k < f; k++)
        {
            powers[k] = powers[k - 1] * zetaInv;
        }

        return powers;
    }
}
