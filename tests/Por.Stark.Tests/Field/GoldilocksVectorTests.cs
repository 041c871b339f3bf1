// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Por.Stark.Field;

namespace Por.Stark.Tests.Field;

[Trait("Category", "Simd")]
public sealed class GoldilocksVectorTests
{
    private static Goldilocks[] Values(int count, ulong seed)
    {
        var result = new Goldilocks[count];
        ulong s = seed;
        for (int i = 0; i < count; i++)
        {
            s = unchecked((s * 6364136223846793005UL) + 1442695040888963407UL);
            result[i] = i < GoldilocksTests.EdgeValues.Length ? Goldilocks.FromCanonical(GoldilocksTests.EdgeValues[i]) : new Goldilocks(s);
        }

        return result;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(37)]
    [InlineData(1024)]
    public void Multiply_AnyLength_MatchesScalar(int length)
    {
        Goldilocks[] a = Values(length, 1);
        Goldilocks[] b = Values(length, 2).Reverse().ToArray();
        var expected = new Goldilocks[length];
        GoldilocksVector.MultiplyScalar(a, b, expected);
        var actual = new Goldilocks[length];
        GoldilocksVector.Multiply(a, b, actual);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(64)]
    [InlineData(101)]
    public void AddAndScale_AnyLength_MatchScalar(int length)
    {
        Goldilocks[] a = Values(length, 3);
        Goldilocks[] b = Values(length, 4).Reverse().ToArray();
        var sum = new Goldilocks[length];
        GoldilocksVector.Add(a, b, sum);
        Goldilocks factor = new(0xFFFF_FFFF_0000_0000UL);
        Goldilocks[] scaled = [.. a];
        GoldilocksVector.Scale(scaled, factor);
        for (int i = 0; i < length; i++)
        {
            Assert.Equal(a[i] + b[i], sum[i]);
            Assert.Equal(a[i] * factor, scaled[i]);
        }
    }

    [Fact]
    public void Mul512_NonCanonicalLanes_MatchBigInteger()
    {
        if (!Avx512F.IsSupported)
        {
            Assert.False(GoldilocksVector.IsVector512Accelerated);
            return;
        }

        ulong[] a = [.. GoldilocksTests.NonCanonicalValues, 0, 1, Goldilocks.Modulus - 1];
        ulong[] b = [ulong.MaxValue, 1UL << 32, Goldilocks.Modulus, 7, (1UL << 32) - 1, 5, ulong.MaxValue, ulong.MaxValue];
        ulong[] r = new ulong[8];
        GoldilocksVector.Mul512(Vector512.Create(a), Vector512.Create(b)).CopyTo(r);
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal((ulong)(a[i] * (BigInteger)b[i] % Goldilocks.Modulus), r[i]);
        }
    }

    [Fact]
    public void Mul256_NonCanonicalLanes_MatchBigInteger()
    {
        if (!Avx2.IsSupported)
        {
            Assert.False(GoldilocksVector.IsVector256Accelerated);
            return;
        }

        ulong[] a = [ulong.MaxValue, Goldilocks.Modulus, 1UL << 32, Goldilocks.Modulus - 1];
        ulong[] b = [ulong.MaxValue, Goldilocks.Modulus + 3, 1UL << 32, 2];
        ulong[] r = new ulong[4];
        GoldilocksVector.Mul256(Vector256.Create(a), Vector256.Create(b)).CopyTo(r);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal((ulong)(a[i] * (BigInteger)b[i] % Goldilocks.Modulus), r[i]);
        }
    }

    [Fact]
    public void Butterfly_VectorAndTail_MatchScalarDefinition()
    {
        Goldilocks[] top = Values(21, 8);
        Goldilocks[] bottom = Values(21, 9);
        Goldilocks[] tw = Values(21, 10);
        ulong[] t = [.. top.Select(x => x.Value)];
        ulong[] bo = [.. bottom.Select(x => x.Value)];
        GoldilocksVector.Butterfly(t, bo, [.. tw.Select(x => x.Value)]);
        for (int i = 0; i < 21; i++)
        {
            Assert.Equal((top[i] + (tw[i] * bottom[i])).Value, t[i]);
            Assert.Equal((top[i] - (tw[i] * bottom[i])).Value, bo[i]);
        }
    }
}
