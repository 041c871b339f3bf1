// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Por.Stark.Field;

namespace Por.Stark.Tests.Field;

public sealed class GoldilocksExt3Tests
{
    private static BigInteger P { get; } = Goldilocks.Modulus;

    // Reference: schoolbook product of the coefficient vectors, then x^3 = x + 1, all with BigInteger.
    private static BigInteger[] ReferenceMultiply(BigInteger[] a, BigInteger[] b)
    {
        var c = new BigInteger[5];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                c[i + j] += a[i] * b[j];
            }
        }

        for (int k = 4; k >= 3; k--)
        {
            c[k - 2] += c[k];
            c[k - 3] += c[k];
            c[k] = 0;
        }

        return [c[0] % P, c[1] % P, c[2] % P];
    }

    private static GoldilocksExt3 E(ulong a, ulong b, ulong c) => new(new Goldilocks(a), new Goldilocks(b), new Goldilocks(c));

    [Fact]
    public void Multiply_Random_MatchesBigIntegerReference()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<ulong>(), ArbMap.Default.ArbFor<ulong>(), ArbMap.Default.ArbFor<ulong>(), (a0, a1, b0) =>
        {
            ulong b1 = unchecked((a0 * 31) + b0);
            GoldilocksExt3 a = E(a0, a1, a0 ^ b1);
            GoldilocksExt3 b = E(b0, b1, a1 ^ b0);
            BigInteger[] r = ReferenceMultiply(
                [a.A0.Value, a.A1.Value, a.A2.Value], [b.A0.Value, b.A1.Value, b.A2.Value]);
            GoldilocksExt3 product = a * b;
            return product.A0.Value == (ulong)r[0] && product.A1.Value == (ulong)r[1] && product.A2.Value == (ulong)r[2];
        }).Check(Config.QuickThrowOnFailure.WithReplay(99UL, 7UL).WithMaxTest(1000));
    }

    [Fact]
    public void Multiply_EdgeValues_MatchBigIntegerReference()
    {
        foreach (ulong x in GoldilocksTests.EdgeValues)
        {
            foreach (ulong y in GoldilocksTests.EdgeValues)
            {
                GoldilocksExt3 a = E(x, y, x);
                GoldilocksExt3 b = E(y, x, y);
                BigInteger[] r = ReferenceMultiply([x, y, x], [y, x, y]);
                Assert.Equal(E((ulong)r[0], (ulong)r[1], (ulong)r[2]), a * b);
            }
        }
    }

    [Fact]
    public void Inverse_Random_RoundTrips()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<ulong>(), ArbMap.Default.ArbFor<ulong>(), ArbMap.Default.ArbFor<ulong>(), (a, b, c) =>
        {
            GoldilocksExt3 x = E(a, b, c);
            return x.IsZero || x * x.Inverse() == GoldilocksExt3.One;
        }).Check(Config.QuickThrowOnFailure.WithReplay(5UL, 11UL).WithMaxTest(500));
        Assert.Throws<DivideByZeroException>(() => GoldilocksExt3.Zero.Inverse());
    }

    [Fact]
    public void Frobenius_EqualsPowerP()
    {
        GoldilocksExt3 x = E(123, 456, 789);
        Assert.Equal(x.Pow(Goldilocks.Modulus), x.Frobenius());
        Assert.Equal(x, x.Frobenius().Frobenius().Frobenius());
    }

    [Fact]
    public void Modulus_XCubedMinusXMinusOne_HasNoRootInBaseField()
    {
        // An irreducible cubic has no root in F_p, so the generator x is not fixed by Frobenius: x^p ≠ x.
        GoldilocksExt3 x = E(0, 1, 0);
        Assert.NotEqual(x, x.Frobenius());
        Assert.Equal(x * x * x, x + GoldilocksExt3.One);
    }

    [Fact]
    public void TryRead_NonCanonicalCoordinate_Rejected()
    {
        var bytes = new byte[24];
        E(1, 2, 3).WriteTo(bytes);
        Assert.True(GoldilocksExt3.TryRead(bytes, out GoldilocksExt3 v));
        Assert.Equal(E(1, 2, 3), v);
        BitConverter.GetBytes(ulong.MaxValue).CopyTo(bytes, 16);
        Assert.False(GoldilocksExt3.TryRead(bytes, out _));
    }

    [Fact]
    public void BatchInverse_Values_MatchSingleInverses()
    {
        GoldilocksExt3[] values = [E(1, 2, 3), E(0, 0, 5), E(Goldilocks.Modulus - 1, 0, 1)];
        GoldilocksExt3[] copy = [.. values];
        GoldilocksExt3.BatchInverse(copy);
        for (int i = 0; i < values.Length; i++)
        {
            Assert.Equal(values[i].Inverse(), copy[i]);
        }
    }

    [Fact]
    public void BatchInverse_WithDirtyScratch_MatchesSingleInverses()
    {
        GoldilocksExt3[] values = [E(7, 0, 0), E(1, 2, 3), E(0, 0, 5), E(Goldilocks.Modulus - 1, 0, 1)];
        GoldilocksExt3[] copy = [.. values];
        GoldilocksExt3[] scratch = [E(9, 9, 9), E(8, 8, 8), E(7, 7, 7), E(6, 6, 6), E(5, 5, 5)];
        GoldilocksExt3.BatchInverse(copy.AsSpan(0, 3), scratch);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(values[i].Inverse(), copy[i]);
        }

        Assert.Equal(values[3], copy[3]);
        Assert.Throws<ArgumentException>(() => GoldilocksExt3.BatchInverse(copy, new GoldilocksExt3[3]));
    }

    [Fact]
    public void Multiply_AllCoordinatesNearModulus_MatchesReductionPerProduct()
    {
        // Maximal 128-bit products accumulate into the widest sums the single-reduction multiply handles.
        ulong[] large = [Goldilocks.Modulus - 1, Goldilocks.Modulus - 2, 0xFFFF_FFFE_FFFF_FFFFUL, 1UL << 63, 0xFFFF_FFFF_0000_0000UL];
        foreach (ulong x in large)
        {
            foreach (ulong y in large)
            {
                GoldilocksExt3 a = E(x, y, x), b = E(y, x, y), c = E(x, x, x), d = E(y, y, y);
                Assert.Equal(GoldilocksExt3.MultiplyReference(a, b), a * b);
                Assert.Equal(GoldilocksExt3.MultiplyReference(c, d), c * d);
                Assert.Equal(GoldilocksExt3.MultiplyReference(a, d), a * d);
            }
        }
    }
}
