// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Field;

namespace Por.Stark.Polynomials;

/// <summary>Small polynomial helpers over coefficient vectors (lowest degree first).</summary>
public static class PolynomialMath
{
    /// <summary>Evaluates a base-field polynomial at an extension point by Horner's rule.</summary>
    /// <param name="coefficients">Coefficients, lowest first.</param>
    /// <param name="point">The point.</param>
    /// <returns>The value.</returns>
    public static GoldilocksExt3 Evaluate(ReadOnlySpan<Goldilocks> coefficients, GoldilocksExt3 point)
    {
        GoldilocksExt3 acc = GoldilocksExt3.Zero;
        for (int i = coefficients.Length - 1; i >= 0; i--)
        {
            acc = (acc * point) + coefficients[i];
        }

        return acc;
    }

    /// <summary>Evaluates a base-field polynomial at a base point by Horner's rule.</summary>
    /// <param name="coefficients">Coefficients, lowest first.</param>
    /// <param name="point">The point.</param>
    /// <returns>The value.</returns>
    public static Goldilocks Evaluate(ReadOnlySpan<Goldilocks> coefficients, Goldilocks point)
    {
        Goldilocks acc = Goldilocks.Zero;
        for (int i = coefficients.Length - 1; i >= 0; i--)
        {
            acc = (acc * point) + coefficients[i];
        }

        return acc;
    }

    /// <summary>Evaluates an extension-field polynomial at a base point by Horner's rule.</summary>
    /// <param name="coefficients">Coefficients, lowest first.</param>
    /// <param name="point">The point.</param>
    /// <returns>The value.</returns>
    public static GoldilocksExt3 Evaluate(ReadOnlySpan<GoldilocksExt3> coefficients, Goldilocks point)
    {
        GoldilocksExt3 acc = GoldilocksExt3.Zero;
        for (int i = coefficients.Length - 1; i >= 0; i--)
        {
            acc = (acc * point) + coefficients[i];
        }

        return acc;
    }

    /// <summary>Σ c_j·powers[j]: evaluation with precomputed powers of the point (3 base multiplications per term).</summary>
    /// <param name="coefficients">Coefficients, lowest first.</param>
    /// <param name="powers">point^j for j &lt; coefficients.Length.</param>
    /// <returns>The value.</returns>
    public static GoldilocksExt3 EvaluateWithPowers(ReadOnlySpan<Goldilocks> coefficients, ReadOnlySpan<GoldilocksExt3> powers)
    {
        GoldilocksExt3 acc = GoldilocksExt3.Zero;
        for (int j = 0; j < coefficients.Length; j++)
        {
            acc += powers[j] * coefficients[j];
        }

        return acc;
    }

    /// <summary>The quotient (P(X) − P(a)) / (X − a) by synthetic division; the result has the same length (top = 0).</summary>
    /// <param name="coefficients">P, lowest first.</param>
    /// <param name="point">a.</param>
    /// <param name="remainder">P(a), the division remainder.</param>
    /// <returns>The quotient's coefficients.</returns>
    public static GoldilocksExt3[] DivideByLinear(ReadOnlySpan<GoldilocksExt3> coefficients, GoldilocksExt3 point, out GoldilocksExt3 remainder)
    {
        int n = coefficients.Length;
        var q = new GoldilocksExt3[n];
        GoldilocksExt3 carry = GoldilocksExt3.Zero;
        for (int j = n - 1; j >= 1; j--)
        {
            carry = coefficients[j] + (carry * point);
            q[j - 1] = carry;
        }

        remainder = coefficients[0] + (carry * point);
        return q;
    }

    /// <summary>Coefficients of Π_{i=from}^{from+count−1} (X − g^i).</summary>
    /// <param name="g">The trace-domain generator.</param>
    /// <param name="from">First row.</param>
    /// <param name="count">Number of rows.</param>
    /// <returns>count + 1 coefficients.</returns>
    public static Goldilocks[] VanishingOnRows(Goldilocks g, int from, int count)
    {
        var poly = new Goldilocks[count + 1];
        poly[0] = Goldilocks.One;
        int degree = 0;
        Goldilocks root = g.Pow((ulong)from);
        for (int k = 0; k < count; k++)
        {
            // Multiply by (X − root).
            for (int j = degree + 1; j >= 1; j--)
            {
                poly[j] = poly[j - 1] - (poly[j] * root);
            }

            poly[0] = -(poly[0] * root);
            degree++;
            root *= g;
        }

        return poly;
    }
}
