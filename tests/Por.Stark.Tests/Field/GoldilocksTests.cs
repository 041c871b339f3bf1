// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Por.Stark.Field;

namespace Por.Stark.Tests.Field;

public sealed class GoldilocksTests
{
    private static BigInteger P { get; } = Goldilocks.Modulus;

    internal static ulong[] EdgeValues { get; } =
    [
        0, 1, 2, Goldilocks.Modulus - 1, Goldilocks.Modulus - 2, 1UL << 32, (1UL << 32) - 1, (1UL << 32) + 1,
        1UL << 63, (1UL << 63) - 1, 0xFFFF_FFFF_0000_0000UL, 0x7FFF_FFFF_8000_0001UL,
    ];

    // Non-canonical 64-bit inputs (≥ p) for the raw reduction paths.
    internal static ulong[] NonCanonicalValues { get; } = [Goldilocks.Modulus, Goldilocks.Modulus + 1, ulong.MaxValue, ulong.MaxValue - 1, 0xFFFF_FFFF_8000_0000UL];

    public static TheoryData<ulong, ulong> EdgePairs()
    {
        var data = new TheoryData<ulong, ulong>();
        foreach (ulong a in EdgeValues)
        {
            foreach (ulong b in EdgeValues)
            {
                data.Add(a, b);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EdgePairs))]
    public void Arithmetic_EdgeValues_MatchBigInteger(ulong a, ulong b)
    {
        var x = Goldilocks.FromCanonical(a);
        var y = Goldilocks.FromCanonical(b);
        Assert.Equal((ulong)((a + (BigInteger)b) % P), (x + y).Value);
        Assert.Equal((ulong)((((a - (BigInteger)b) % P) + P) % P), (x - y).Value);
        Assert.Equal((ulong)(a * (BigInteger)b % P), (x * y).Value);
        Assert.Equal((ulong)((P - a) % P), (-x).Value);
    }

    [Fact]
    public void Multiply_RandomValues_MatchBigInteger()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<ulong>(), ArbMap.Default.ArbFor<ulong>(), (a, b) =>
        {
            var x = new Goldilocks(a);
            var y = new Goldilocks(b);
            return (x * y).Value == (ulong)((a % P) * (b % P) % P) && (x + y).Value == (ulong)(((a % P) + (b % P)) % P);
        }).Check(Config.QuickThrowOnFailure.WithReplay(12345UL, 67891UL).WithMaxTest(2000));
    }

    [Theory]
    [InlineData(0UL, 0UL)]
    [InlineData(ulong.MaxValue, ulong.MaxValue)]
    [InlineData(ulong.MaxValue, 2UL)]
    [InlineData(Goldilocks.Modulus, Goldilocks.Modulus + 7)]
    [InlineData(0xFFFF_FFFF_8000_0000UL, 1UL << 32)]
    public void MulRaw_NonCanonicalInputs_MatchBigInteger(ulong a, ulong b)
    {
        Assert.Equal((ulong)(a * (BigInteger)b % P), Goldilocks.MulRaw(a, b));
        Assert.Equal((ulong)(a * (BigInteger)b % P), Goldilocks.Reduce128((ulong)(a * (BigInteger)b >> 64), unchecked(a * b)));
    }

    [Theory]
    [InlineData(Goldilocks.Modulus, 0UL)]
    [InlineData(Goldilocks.Modulus + 5, 5UL)]
    [InlineData(ulong.MaxValue, (1UL << 32) - 2)]
    public void Constructor_NonCanonical_Reduces(ulong raw, ulong expected) => Assert.Equal(expected, new Goldilocks(raw).Value);

    [Fact]
    public void TryFromCanonical_ValuesAtOrAboveModulus_Rejected()
    {
        Assert.False(Goldilocks.TryFromCanonical(Goldilocks.Modulus, out _));
        Assert.False(Goldilocks.TryFromCanonical(ulong.MaxValue, out _));
        Assert.True(Goldilocks.TryFromCanonical(Goldilocks.Modulus - 1, out Goldilocks v));
        Assert.Equal(Goldilocks.Modulus - 1, v.Value);
        Assert.Throws<ArgumentOutOfRangeException>(() => Goldilocks.FromCanonical(Goldilocks.Modulus));
    }

    [Fact]
    public void TryRead_NonCanonicalEncoding_Rejected()
    {
        byte[] bytes = BitConverter.GetBytes(Goldilocks.Modulus);
        Assert.False(Goldilocks.TryRead(bytes, out _));
        Assert.False(Goldilocks.TryRead(bytes.AsSpan(0, 7), out _));
    }

    [Fact]
    public void EncodeDecode_RandomValues_RoundTrip()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<ulong>(), a =>
        {
            var x = new Goldilocks(a);
            var buffer = new byte[8];
            x.WriteTo(buffer);
            return Goldilocks.TryRead(buffer, out Goldilocks y) && y == x;
        }).Check(Config.QuickThrowOnFailure.WithReplay(1UL, 3UL));
    }

    [Theory]
    [MemberData(nameof(EdgePairs))]
    public void Inverse_NonZero_MultipliesToOne(ulong a, ulong unused)
    {
        _ = unused;
        if (a == 0)
        {
            Assert.Throws<DivideByZeroException>(() => Goldilocks.Zero.Inverse());
            return;
        }

        var x = Goldilocks.FromCanonical(a);
        Assert.Equal(Goldilocks.One, x * x.Inverse());
        Assert.Equal((ulong)BigInteger.ModPow(a, P - 2, P), x.Inverse().Value);
    }

    [Fact]
    public void BatchInverse_Values_MatchSingleInverses()
    {
        Goldilocks[] values = [.. EdgeValues.Where(v => v != 0).Select(Goldilocks.FromCanonical)];
        Goldilocks[] copy = [.. values];
        Goldilocks.BatchInverse(copy);
        for (int i = 0; i < values.Length; i++)
        {
            Assert.Equal(values[i].Inverse(), copy[i]);
        }
    }

    [Fact]
    public void RootOfUnity_Order_IsExactPowerOfTwo()
    {
        for (int k = 1; k <= 32; k++)
        {
            Goldilocks w = Goldilocks.RootOfUnity(k);
            Assert.Equal(Goldilocks.One, w.Pow(1UL << k));
            Assert.NotEqual(Goldilocks.One, w.Pow(1UL << (k - 1)));
        }
    }

    [Fact]
    public void Epsilon_TwoToSixtyFour_ReducesToEpsilon()
    {
        Goldilocks two32 = new(1UL << 32);
        Assert.Equal((1UL << 32) - 1, (two32 * two32).Value);
        Assert.Equal(Goldilocks.Modulus - 1, (two32 * two32 * two32).Value);
    }
}
