// SPDX-License-Identifier: Apache-2.0

using Por.Liabilities.Zk;
using Por.Stark.Field;

namespace Por.Liabilities.Tests.Zk;

/// <summary>LiabilitiesLayout is the column table of docs/liabilities-zk.md §2.1, and a layout tiles its columns exactly.</summary>
public sealed class LiabilitiesLayoutTests
{
    [Fact]
    public void MainLayout_MatchesColumnTable()
    {
        (string, int, int)[] expected =
        [
            ("In", 0, 94), ("Slot0", 94, 12), ("First", 106, 1), ("Cont", 107, 1), ("LastLeaf", 108, 1), ("Node", 109, 1),
            ("Root", 110, 1), ("Carry", 111, 1), ("Valid0", 112, 2), ("Acct", 114, 1), ("Nid", 115, 1), ("ChainIn", 116, 1),
            ("ChainOut", 117, 1), ("Table", 118, 1), ("Multiplicity0", 119, 32),
        ];
        ColumnLayout main = LiabilitiesLayout.Main(32);
        Assert.Equal(expected, main.Groups.Select(g => (g.Name, g.Offset, g.Width)));
        Assert.Equal(151, main.Width);
        Assert.Equal([("SlotAsset", 0, 1), ("SlotLimb0", 1, 4), ("SlotLast", 5, 1)], LiabilitiesLayout.Slot.Groups.Select(g => (g.Name, g.Offset, g.Width)));
        Assert.Equal([("FractionColumns", 0, 9), ("Accumulator", 9, 1)], LiabilitiesLayout.Aux(9).Groups.Select(g => (g.Name, g.Offset, g.Width)));
    }

    [Fact]
    public void AirColumnConstants_MatchColumnTable()
    {
        Assert.Equal(
            [0, 86, 94, 0, 1, 5, 6, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119],
            [
                LiabilitiesAir.In, LiabilitiesAir.Digest, LiabilitiesAir.Slot0, LiabilitiesAir.SlotAsset, LiabilitiesAir.SlotLimb0,
                LiabilitiesAir.SlotLast, LiabilitiesAir.SlotWidth, LiabilitiesAir.First, LiabilitiesAir.Cont, LiabilitiesAir.LastLeaf,
                LiabilitiesAir.Node, LiabilitiesAir.Root, LiabilitiesAir.Carry, LiabilitiesAir.Valid0, LiabilitiesAir.Valid1,
                LiabilitiesAir.Acct, LiabilitiesAir.Nid, LiabilitiesAir.ChainIn, LiabilitiesAir.ChainOut, LiabilitiesAir.Table,
                LiabilitiesAir.Multiplicity0,
            ]);
    }

    [Theory]
    [InlineData(1 << 12, 22, 32, 151, 10)]
    [InlineData(1 << 20, 118, 1, 120, 4)]
    public void AirWidths_ComeFromLayout(int n, int h, int tableColumns, int mainWidth, int auxWidth)
    {
        var air = new LiabilitiesAir(Statement(isFinal: false), n, h);
        Assert.Equal(tableColumns, air.TableColumns);
        Assert.Equal(mainWidth, air.MainWidth);
        Assert.Equal(LiabilitiesLayout.Main(tableColumns).Width, air.MainWidth);
        Assert.Equal(auxWidth, air.AuxWidth);
        Assert.Equal(LiabilitiesLayout.Aux(air.FractionColumns).Width, air.AuxWidth);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(32)]
    public void Layouts_AreContiguousAndNonOverlapping(int tableColumns)
    {
        foreach (ColumnLayout layout in new[] { LiabilitiesLayout.Slot, LiabilitiesLayout.Main(tableColumns), LiabilitiesLayout.Aux(9) })
        {
            var owner = new int[layout.Width];
            int end = 0;
            foreach (ColumnGroup group in layout.Groups)
            {
                Assert.Equal(end, group.Offset);
                Assert.True(group.Width > 0, group.Name);
                for (int c = group.Offset; c < group.End; c++)
                {
                    owner[c]++;
                }

                end = group.End;
            }

            Assert.Equal(layout.Width, end);
            Assert.All(owner, count => Assert.Equal(1, count));
            Assert.Equal(layout.Groups.Count, layout.Groups.Select(g => g.Name).Distinct(StringComparer.Ordinal).Count());
        }
    }

    [Fact]
    public void Digest_IsTheFirstLanesOfTheLastFullRound()
    {
        // The permutation's output lanes are the last `width` columns of its row (Poseidon2Row); the digest is lanes 0..3.
        ColumnGroup permutation = LiabilitiesLayout.Fixed[nameof(LiabilitiesAir.In)];
        Assert.Equal(permutation.End - ZkAccountEncoding.Permutation.Parameters.Width, LiabilitiesAir.Digest);
    }

    [Fact]
    public void ColumnLayout_RejectsDuplicatesNegativeWidthsAndUnknownNames()
    {
        ColumnLayout layout = new ColumnLayout().Add("a", 2).Add("b", 0).Add("c", 3);
        Assert.Equal(5, layout.Width);
        Assert.Equal(new ColumnGroup("c", 2, 3), layout["c"]);
        Assert.Throws<ArgumentException>(() => layout.Add("a", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => layout.Add("d", -1));
        Assert.Throws<KeyNotFoundException>(() => layout["d"]);
        Assert.Equal(3, layout.Groups.Count);
    }

    internal static ZkBatchStatement Statement(bool isFinal)
    {
        byte[] context = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        Goldilocks[] root = Digest(11), chainIn = Digest(22);
        return isFinal
            ? new ZkBatchStatement("pol-test-n4", context, 1, 2, 16, root, 3, chainIn, [], [1000, 2000, 3000])
            : new ZkBatchStatement("pol-test-n4", context, 0, 2, 16, root, 3, chainIn, Digest(33), []);
    }

    private static Goldilocks[] Digest(int seed) => [.. Enumerable.Range(0, 4).Select(i => new Goldilocks((ulong)(seed + i)))];
}
