// SPDX-License-Identifier: Apache-2.0

using Por.Stark.Field;

namespace Por.Stark.Tests.Field;

[Trait("Category", "Simd")]
public sealed class GoldilocksX8Tests
{
    // Every edge value meets every other one across the lanes (rotating the right operand).
    private static IEnumerable<(GoldilocksX8 Left, GoldilocksX8 Right, Goldilocks[] L, Goldilocks[] R)> Pairs()
    {
        ulong[] edges = [.. GoldilocksTests.EdgeValues, 0x1234_5678_9ABC_DEF0UL, 0xFFFF_FFFF_0000_0000UL, 3, 0xDEAD_BEEF_0BAD_F00DUL];
        for (int shift = 0; shift < edges.Length; shift++)
        {
            for (int start = 0; start < edges.Length; start += GoldilocksX8.Lanes)
            {
                var l = new Goldilocks[GoldilocksX8.Lanes];
                var r = new Goldilocks[GoldilocksX8.Lanes];
                for (int k = 0; k < GoldilocksX8.Lanes; k++)
                {
                    l[k] = new Goldilocks(edges[(start + k) % edges.Length]);
                    r[k] = new Goldilocks(edges[(start + k + shift) % edges.Length]);
                }

                yield return (GoldilocksX8.Create(l), GoldilocksX8.Create(r), l, r);
            }
        }
    }

    [Fact]
    public void Operators_EdgeValues_MatchScalarPerLane()
    {
        foreach ((GoldilocksX8 a, GoldilocksX8 b, Goldilocks[] l, Goldilocks[] r) in Pairs())
        {
            GoldilocksX8 sum = a + b, difference = a - b, product = a * b, negation = -a, scaled = a * r[3];
            for (int k = 0; k < GoldilocksX8.Lanes; k++)
            {
                Assert.Equal(l[k] + r[k], sum.GetLane(k));
                Assert.Equal(l[k] - r[k], difference.GetLane(k));
                Assert.Equal(l[k] * r[k], product.GetLane(k));
                Assert.Equal(-l[k], negation.GetLane(k));
                Assert.Equal(l[k] * r[3], scaled.GetLane(k));
            }
        }
    }

    [Fact]
    public void LoadStore_RoundTrip_KeepsLaneOrder()
    {
        Goldilocks[] values = [.. Enumerable.Range(0, 11).Select(i => new Goldilocks((ulong)i * 1_000_003UL))];
        GoldilocksX8 packed = GoldilocksX8.Load(values.AsSpan(3));
        var stored = new Goldilocks[8];
        packed.Store(stored);
        Assert.Equal(values[3..], stored);
        Assert.Equal(values[5], packed.GetLane(2));
        Assert.Equal(GoldilocksX8.FromBase(values[4]), GoldilocksX8.Create([.. Enumerable.Repeat(values[4], 8)]));
        Assert.Throws<ArgumentException>(() => GoldilocksX8.Create(values));
    }

    [Fact]
    public void Constants_EveryLane_ZeroAndOne()
    {
        for (int k = 0; k < GoldilocksX8.Lanes; k++)
        {
            Assert.Equal(Goldilocks.Zero, GoldilocksX8.Zero.GetLane(k));
            Assert.Equal(Goldilocks.One, GoldilocksX8.One.GetLane(k));
        }

        Assert.NotEqual(GoldilocksX8.Zero, GoldilocksX8.One);
    }

    [Fact]
    public void Extension_EdgeValues_MatchScalarExtensionPerLane()
    {
        var pairs = Pairs().ToList();
        for (int t = 0; t + 2 < pairs.Count; t++)
        {
            var a = new GoldilocksExt3X8(pairs[t].Left, pairs[t + 1].Left, pairs[t + 2].Right);
            var b = new GoldilocksExt3X8(pairs[t].Right, pairs[t + 2].Left, pairs[t + 1].Right);
            GoldilocksExt3 constant = a.GetLane(t % 8) + GoldilocksExt3.One;
            GoldilocksX8 baseValues = pairs[t + 1].Right;
            GoldilocksExt3X8 product = a * b, sum = a + b, difference = a - b, byBase = a * baseValues, byConstant = a * constant;
            GoldilocksExt3X8 scaled = GoldilocksExt3X8.Scale(baseValues, constant), lifted = GoldilocksExt3X8.Lift(baseValues);
            for (int k = 0; k < GoldilocksX8.Lanes; k++)
            {
                GoldilocksExt3 x = a.GetLane(k), y = b.GetLane(k);
                Goldilocks z = baseValues.GetLane(k);
                Assert.Equal(x * y, product.GetLane(k));
                Assert.Equal(x + y, sum.GetLane(k));
                Assert.Equal(x - y, difference.GetLane(k));
                Assert.Equal(-x, (-a).GetLane(k));
                Assert.Equal(x * z, byBase.GetLane(k));
                Assert.Equal(x * constant, byConstant.GetLane(k));
                Assert.Equal(GoldilocksExt3.Scale(z, constant), scaled.GetLane(k));
                Assert.Equal(GoldilocksExt3.Lift(z), lifted.GetLane(k));
                Assert.Equal(constant, GoldilocksExt3X8.Broadcast(constant).GetLane(k));
            }
        }
    }
}
