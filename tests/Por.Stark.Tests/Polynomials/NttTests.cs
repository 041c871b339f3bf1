// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Field;
using Por.Stark.Polynomials;

namespace Por.Stark.Tests.Polynomials;

[Trait("Category", "Simd")]
public sealed class NttTests
{
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
        Goldilocks[] coefficients = TestValues.Random(n, (ulong)n);
        Goldilocks[] values = [.. coefficients];
        Ntt.Forward(values);
        Assert.Equal(NaiveDft(coefficients, Goldilocks.One), values);
        Ntt.Inverse(values);
        Assert.Equal(coefficients, values);
    }

    [Fact]
    public void ForwardCoset_Random_MatchesNaiveDftOnCoset()
    {
        Goldilocks[] coefficients = TestValues.Random(64, 5);
        Goldilocks[] values = [.. coefficients];
        Ntt.ForwardCoset(values, Goldilocks.MultiplicativeGenerator);
        Assert.Equal(NaiveDft(coefficients, Goldilocks.MultiplicativeGenerator), values);
        Ntt.InverseCoset(values, Goldilocks.MultiplicativeGenerator);
        Assert.Equal(coefficients, values);
    }

    [Fact]
    public void LowDegreeExtend_Evaluations_AgreeWithInterpolant()
    {
        Goldilocks[] evaluations = TestValues.Random(32, 9);
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
        Goldilocks[] a = TestValues.Random(1 << 15, 3);
        Goldilocks[] b = [.. a];
        Ntt.Forward(a);
        Ntt.ForwardParallel(b);
        Assert.Equal(a, b);
        Ntt.InverseParallel(b);
        Assert.Equal(TestValues.Random(1 << 15, 3), b);
    }

    public static TheoryData<int> Log2Sizes => [.. Enumerable.Range(0, 15), 16];

    // values[j]·factor^j with plain scalar field operations.
    private static Goldilocks[] ScaledByPowers(Goldilocks[] values, Goldilocks factor)
    {
        var result = new Goldilocks[values.Length];
        Goldilocks power = Goldilocks.One;
        for (int j = 0; j < values.Length; j++)
        {
            result[j] = values[j] * power;
            power *= factor;
        }

        return result;
    }

    // Inputs made of the edge values 0, 1, p − 1 and p − 2 in a pattern that is not periodic in any power of two.
    private static Goldilocks[] EdgeValues(int n)
    {
        Goldilocks[] edges = [Goldilocks.Zero, Goldilocks.One, new(Goldilocks.Modulus - 1), new(Goldilocks.Modulus - 2)];
        var r = new Goldilocks[n];
        for (int i = 0; i < n; i++)
        {
            r[i] = edges[(i * 7 / 3) % edges.Length];
        }

        return r;
    }

    [Theory]
    [MemberData(nameof(Log2Sizes))]
    public void Forward_RandomAndEdgeValues_EqualsRadix2Reference(int log2)
    {
        foreach (Goldilocks[] input in new[] { TestValues.Random(1 << log2, (ulong)log2 + 100), EdgeValues(1 << log2) })
        {
            Goldilocks[] fast = [.. input];
            Goldilocks[] reference = [.. input];
            Ntt.Forward(fast);
            Ntt.ForwardRadix2(reference);
            Assert.Equal(reference, fast);
        }
    }

    [Theory]
    [MemberData(nameof(Log2Sizes))]
    public void Inverse_RandomAndEdgeValues_EqualsRadix2Reference(int log2)
    {
        foreach (Goldilocks[] input in new[] { TestValues.Random(1 << log2, (ulong)log2 + 200), EdgeValues(1 << log2) })
        {
            Goldilocks[] fast = [.. input];
            Goldilocks[] reference = [.. input];
            Ntt.Inverse(fast);
            Ntt.InverseRadix2(reference);
            Assert.Equal(reference, fast);
        }
    }

    [Theory]
    [InlineData(64)]
    [InlineData(256)]
    public void Forward_AllZeroOrAllMaximal_MatchesNaiveDft(int n)
    {
        var zeros = new Goldilocks[n];
        Ntt.Forward(zeros);
        Assert.All(zeros, v => Assert.True(v.IsZero));
        Goldilocks[] maximal = [.. Enumerable.Repeat(new Goldilocks(Goldilocks.Modulus - 1), n)];
        Goldilocks[] values = [.. maximal];
        Ntt.Forward(values);
        Assert.Equal(NaiveDft(maximal, Goldilocks.One), values);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(10)]
    [InlineData(13)]
    public void ForwardCosetAndInverseCoset_Random_EqualRadix2WithScaling(int log2)
    {
        Goldilocks offset = Goldilocks.MultiplicativeGenerator.Pow(12345);
        Goldilocks[] input = TestValues.Random(1 << log2, (ulong)log2 + 300);
        Goldilocks[] fast = [.. input];
        Ntt.ForwardCoset(fast, offset);
        Goldilocks[] reference = ScaledByPowers(input, offset);
        Ntt.ForwardRadix2(reference);
        Assert.Equal(reference, fast);

        Ntt.InverseCoset(fast, offset);
        Assert.Equal(input, fast);
        Goldilocks[] inverseReference = [.. input];
        Ntt.InverseRadix2(inverseReference);
        inverseReference = ScaledByPowers(inverseReference, offset.Inverse());
        Goldilocks[] inverseFast = [.. input];
        Ntt.InverseCoset(inverseFast, offset);
        Assert.Equal(inverseReference, inverseFast);
    }

    [Theory]
    [InlineData(1, 8)]
    [InlineData(4, 64)]
    [InlineData(8, 64)]
    [InlineData(16, 128)]
    [InlineData(32, 256)]
    [InlineData(64, 64)]
    [InlineData(64, 128)]
    [InlineData(256, 2048)]
    [InlineData(1024, 8192)]
    [InlineData(1024, 1 << 14)]
    [InlineData(4096, 1 << 15)]
    public void ExtendCoefficients_Random_EqualsZeroPaddedCosetTransform(int m, int n)
    {
        Goldilocks offset = Goldilocks.MultiplicativeGenerator;
        Goldilocks[] coefficients = TestValues.Random(m, (ulong)(m + n));
        var destination = new Goldilocks[n];
        Ntt.ExtendCoefficients(coefficients, offset, destination);
        Goldilocks[] reference = ScaledByPowers([.. coefficients, .. new Goldilocks[n - m]], offset);
        Ntt.ForwardRadix2(reference);
        Assert.Equal(reference, destination);
    }

    [Fact]
    public void ExtendCoefficients_ScratchBeyondCacheThreshold_EqualsZeroPaddedCosetTransform()
    {
        // 2^21 points: the four-step scratch is written with non-temporal stores above 2^21 elements.
        ExtendCoefficients_Random_EqualsZeroPaddedCosetTransform(1 << 18, 1 << 21);
    }

    [Fact]
    public void ExtendCoefficients_SmallCase_MatchesNaiveDft()
    {
        Goldilocks[] coefficients = TestValues.Random(16, 77);
        var destination = new Goldilocks[128];
        Ntt.ExtendCoefficients(coefficients, Goldilocks.MultiplicativeGenerator, destination);
        Assert.Equal(NaiveDft([.. coefficients, .. new Goldilocks[112]], Goldilocks.MultiplicativeGenerator), destination);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(100)]
    [InlineData(1000)]
    public void ScaleByPowers_Random_EqualsScalarLoop(int n)
    {
        Goldilocks factor = new Goldilocks(Goldilocks.Modulus - 1) * Goldilocks.MultiplicativeGenerator;
        Goldilocks[] values = TestValues.Random(n, 11);
        Goldilocks[] expected = ScaledByPowers(values, factor);
        Ntt.ScaleByPowers(values, factor);
        Assert.Equal(expected, values);
    }

    [Fact]
    public void InverseParallel_LargeInput_EqualsRadix2Reference()
    {
        Goldilocks[] a = TestValues.Random(1 << 16, 4);
        Goldilocks[] b = [.. a];
        Ntt.InverseRadix2(a);
        Ntt.InverseParallel(b);
        Assert.Equal(a, b);
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
        GoldilocksExt3[] p = [.. TestValues.Random(17, 2).Select(GoldilocksExt3.FromBase)];
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
