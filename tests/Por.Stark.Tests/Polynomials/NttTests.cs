// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Field;
using Por.Stark.Polynomials;

namespace Por.Stark.Tests.Polynomials;

[Trait("Category", "Simd")]
public sealed class NttTests
{
    private static Goldilocks[] Random(int n, ulong seed)
    {
        var r = new Goldilocks[n];
        ulong s = seed;
        for (int i = 0; i < n; i++)
        {
            s = unchecked((s * 6364136223846793005UL) + 1442695040888963407UL);
            r[i] = new Goldilocks(s);
        }

        return r;
    }

    // O(n²) reference: evaluations of Σ c_j X^j at offset·ω^i.
    private static Goldilocks[] NaiveDft(Goldilocks[] coefficients, Goldilocks offset)
    {
        int n = coefficients.Length;
        Goldilocks w = Goldilocks.RootOfUnity(System.Numerics.BitOperations.Log2((uint)n));
        var result = new Goldilocks[n];
        for (int i = 0; i < n; i++)
        {
            result[i] = PolynomialMath.Evaluate(coefficients, offset * w.Pow((ulong)i));
        }

        return result;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(16)]
    [InlineData(128)]
    [InlineData(512)]
    public void Forward_Random_MatchesNaiveDft(int n)
    {
        Goldilocks[] coefficients = Random(n, (ulong)n);
        Goldilocks[] values = [.. coefficients];
        Ntt.Forward(values);
        Assert.Equal(NaiveDft(coefficients, Goldilocks.One), values);
        Ntt.Inverse(values);
        Assert.Equal(coefficients, values);
    }

    [Fact]
    public void ForwardCoset_Random_MatchesNaiveDftOnCoset()
    {
        Goldilocks[] coefficients = Random(64, 5);
        Goldilocks[] values = [.. coefficients];
        Ntt.ForwardCoset(values, Goldilocks.MultiplicativeGenerator);
        Assert.Equal(NaiveDft(coefficients, Goldilocks.MultiplicativeGenerator), values);
        Ntt.InverseCoset(values, Goldilocks.MultiplicativeGenerator);
        Assert.Equal(coefficients, values);
    }

    [Fact]
    public void LowDegreeExtend_Evaluations_AgreeWithInterpolant()
    {
        Goldilocks[] evaluations = Random(32, 9);
        var coefficients = new Goldilocks[32];
        var lde = new Goldilocks[256];
        Ntt.LowDegreeExtend(evaluations, Goldilocks.MultiplicativeGenerator, coefficients, lde);
        Goldilocks w = Goldilocks.RootOfUnity(5);
        for (int i = 0; i < 32; i++)
        {
            Assert.Equal(evaluations[i], PolynomialMath.Evaluate(coefficients, w.Pow((ulong)i)));
        }

        Assert.Equal(NaiveDft([.. coefficients, .. new Goldilocks[224]], Goldilocks.MultiplicativeGenerator), lde);
    }

    [Fact]
    public void ForwardParallel_LargeInput_EqualsSequential()
    {
        Goldilocks[] a = Random(1 << 15, 3);
        Goldilocks[] b = [.. a];
        Ntt.Forward(a);
        Ntt.ForwardParallel(b);
        Assert.Equal(a, b);
        Ntt.InverseParallel(b);
        Assert.Equal(Random(1 << 15, 3), b);
    }

    [Fact]
    public void Forward_NotPowerOfTwo_Throws()
    {
        var values = new Goldilocks[12];
        Assert.Throws<ArgumentException>(() => Ntt.Forward(values));
    }

    [Fact]
    public void DivideByLinear_Random_ReconstructsPolynomial()
    {
        GoldilocksExt3[] p = [.. Random(17, 2).Select(GoldilocksExt3.FromBase)];
        var a = new GoldilocksExt3(new Goldilocks(3), new Goldilocks(4), new Goldilocks(5));
        GoldilocksExt3[] q = PolynomialMath.DivideByLinear(p, a, out GoldilocksExt3 remainder);
        var x = new Goldilocks(12345);
        GoldilocksExt3 pv = PolynomialMath.Evaluate(p, x);
        GoldilocksExt3 qv = PolynomialMath.Evaluate(q, x);
        Assert.Equal(pv, (qv * (GoldilocksExt3.FromBase(x) - a)) + remainder);
    }

    [Fact]
    public void VanishingOnRows_Roots_AreThoseRowsOnly()
    {
        Goldilocks g = Goldilocks.RootOfUnity(4);
        Goldilocks[] e = PolynomialMath.VanishingOnRows(g, 10, 4);
        for (int i = 0; i < 16; i++)
        {
            bool root = PolynomialMath.Evaluate(e, g.Pow((ulong)i)).IsZero;
            Assert.Equal(i is >= 10 and < 14, root);
        }
    }
}
