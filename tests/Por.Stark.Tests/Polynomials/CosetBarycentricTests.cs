// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using Por.Stark.Field;
using Por.Stark.Polynomials;
using Por.Stark.Proving;

namespace Por.Stark.Tests.Polynomials;

[Trait("Category", "Simd")]
public sealed class CosetBarycentricTests
{
    private static GoldilocksExt3 RandomExt(ulong seed)
    {
        Goldilocks[] c = TestValues.Random(3, seed);
        return new GoldilocksExt3(c[0], c[1], c[2]);
    }

    private static Goldilocks[] Extend(Goldilocks[] coefficients, int blowup)
    {
        var lde = new Goldilocks[coefficients.Length * blowup];
        Ntt.ExtendCoefficients(coefficients, Goldilocks.MultiplicativeGenerator, lde);
        return lde;
    }

    [Theory]
    [InlineData(8, 1)]
    [InlineData(16, 8)]
    [InlineData(1024, 4)]
    [InlineData(8192, 8)]
    [InlineData(8192, 2)]
    public void EvaluateColumns_FromLdeStride_MatchesHorner(int n, int blowup)
    {
        Goldilocks offset = Goldilocks.MultiplicativeGenerator;
        Goldilocks g = Goldilocks.RootOfUnity(BitOperations.Log2((uint)n));
        GoldilocksExt3 z = RandomExt((ulong)n);
        GoldilocksExt3 gz = z * g;
        var columns = new Goldilocks[5][];
        var coefficients = new Goldilocks[5][];
        for (int c = 0; c < columns.Length; c++)
        {
            coefficients[c] = TestValues.Random(n, (ulong)(c + 1) * 977);
            columns[c] = Extend(coefficients[c], blowup);
        }

        // Edge columns: the zero polynomial, a constant p − 1, and X^(n−1).
        coefficients[0] = new Goldilocks[n];
        coefficients[1] = new Goldilocks[n];
        coefficients[1][0] = new Goldilocks(Goldilocks.Modulus - 1);
        coefficients[2] = new Goldilocks[n];
        coefficients[2][n - 1] = Goldilocks.One;
        for (int c = 0; c < 3; c++)
        {
            columns[c] = Extend(coefficients[c], blowup);
        }

        CosetBarycentric[] points = [CosetBarycentric.Create(z, offset, g, n), CosetBarycentric.Create(gz, offset, g, n)];
        GoldilocksExt3[][] values = CosetBarycentric.EvaluateColumns(columns, blowup, points);
        for (int c = 0; c < columns.Length; c++)
        {
            Assert.Equal(PolynomialMath.Evaluate(coefficients[c], z), values[c][0]);
            Assert.Equal(PolynomialMath.Evaluate(coefficients[c], gz), values[c][1]);
        }
    }

    [Fact]
    public void EvaluateColumns_PolynomialOfDegreeN_IsNotReproduced()
    {
        // The barycentric form is exact only below degree n: a degree-n column must come out wrong, so the test above
        // cannot pass by evaluating something other than the interpolant on the coset.
        const int N = 64;
        Goldilocks offset = Goldilocks.MultiplicativeGenerator;
        Goldilocks g = Goldilocks.RootOfUnity(BitOperations.Log2(N));
        Goldilocks[] coefficients = TestValues.Random(N + 1, 5);
        var lde = new Goldilocks[8 * N];
        Ntt.ExtendCoefficients(coefficients, offset, lde);
        GoldilocksExt3 z = RandomExt(6);
        GoldilocksExt3[][] values = CosetBarycentric.EvaluateColumns([lde], 8, [CosetBarycentric.Create(z, offset, g, N)]);
        Assert.NotEqual(PolynomialMath.Evaluate(coefficients, z), values[0][0]);
    }

    [Fact]
    public void Create_PointOnCoset_Throws()
    {
        const int N = 16;
        Goldilocks offset = Goldilocks.MultiplicativeGenerator;
        Goldilocks g = Goldilocks.RootOfUnity(BitOperations.Log2(N));
        Assert.Throws<ArgumentException>(() => CosetBarycentric.Create(GoldilocksExt3.FromBase(offset * g.Pow(5)), offset, g, N));
    }

    [Theory]
    [InlineData(16, 8)]
    [InlineData(4096, 8)]
    [InlineData(8192, 4)]
    public void DeepCoefficients_MatchSyntheticDivisionOfCoefficientCombination(int n, int blowup)
    {
        Goldilocks offset = Goldilocks.MultiplicativeGenerator;
        Goldilocks g = Goldilocks.RootOfUnity(BitOperations.Log2((uint)n));
        GoldilocksExt3 z = RandomExt(11);
        GoldilocksExt3 gz = z * g;
        var terms = new List<DeepEvaluator.Term>();
        var p1 = new GoldilocksExt3[n];
        var p2 = new GoldilocksExt3[n];
        for (int t = 0; t < 7; t++)
        {
            Goldilocks[] coefficients = TestValues.Random(n, (ulong)(t + 3) * 131);
            GoldilocksExt3 alpha = RandomExt((ulong)t + 100);
            GoldilocksExt3 beta = RandomExt((ulong)t + 200);
            bool inNext = t % 3 != 2;
            terms.Add(new DeepEvaluator.Term(Extend(coefficients, blowup), alpha, beta, inNext));
            for (int j = 0; j < n; j++)
            {
                p1[j] += alpha * coefficients[j];
                if (inNext)
                {
                    p2[j] += beta * coefficients[j];
                }
            }
        }

        GoldilocksExt3[] d1 = PolynomialMath.DivideByLinear(p1, z, out GoldilocksExt3 p1z);
        GoldilocksExt3[] d2 = PolynomialMath.DivideByLinear(p2, gz, out GoldilocksExt3 p2gz);
        Goldilocks[][] d = DeepEvaluator.Coefficients(
            terms, p1z, p2gz, CosetBarycentric.Create(z, offset, g, n), CosetBarycentric.Create(gz, offset, g, n), blowup, offset);
        for (int j = 0; j < n; j++)
        {
            GoldilocksExt3 expected = d1[j] + d2[j];
            Assert.Equal(expected, new GoldilocksExt3(d[0][j], d[1][j], d[2][j]));
        }

        Assert.True(d[0][n - 1].IsZero && d[1][n - 1].IsZero && d[2][n - 1].IsZero);

        // A wrong opening value leaves a non-polynomial quotient: its top coefficient is no longer zero.
        Goldilocks[][] wrong = DeepEvaluator.Coefficients(
            terms, p1z + GoldilocksExt3.One, p2gz, CosetBarycentric.Create(z, offset, g, n), CosetBarycentric.Create(gz, offset, g, n), blowup, offset);
        Assert.False(wrong[0][n - 1].IsZero && wrong[1][n - 1].IsZero && wrong[2][n - 1].IsZero);
    }
}
