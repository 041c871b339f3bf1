// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using Por.Liabilities.Zk;
using Por.Stark.Air;

namespace Por.Liabilities.Tests.Zk;

/// <summary>
/// LiabilitiesAir's degree lists are counted from its constraints (cached per shape); they are pinned here because a
/// degree change changes the proof shape (the degrees are absorbed in the transcript).
/// </summary>
public sealed class LiabilitiesDegreeTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(0, 2)]
    [InlineData(1, 2)]
    public void DeclaredDegrees_EqualMeasured(int batchIndex, int batchCount)
    {
        (_, LiabilitiesAir air, _) = ZkTestBatch.Prepare(batchIndex: batchIndex, batchCount: batchCount);
        Assert.Equal(air.MainConstraintDegrees, ConstraintDegreeCounter.MainDegrees(air));
        Assert.Equal(air.AuxConstraintDegrees, ConstraintDegreeCounter.AuxDegrees(air));
    }

    [Theory]
    [InlineData(false, 1 << 12, 22, "7×86 2×20 3×2 2×2 3×2 2×19 3×4 2×3 3×2 2×3 3×6 2 3×5 2 3×11 2×2", "7×8 2 1")]
    [InlineData(true, 1 << 12, 22, "7×86 2×20 3×2 2×2 3×2 2×19 3×4 2×3 3×2 2×3 3×6 2 3×5 2 3×7 2×2", "7×8 2 1")]
    [InlineData(false, 1 << 20, 118, "7×86 2×20 3×2 2×2 3×2 2×19 3×4 2×3 3×2 2×3 3×6 2 3×5 2 3×11 2×2", "7×3 1")]
    public void CountedDegrees_ArePinned(bool isFinal, int n, int h, string main, string aux)
    {
        var air = new LiabilitiesAir(LiabilitiesLayoutTests.Statement(isFinal), n, h);
        Assert.Equal(main, RunLength(air.MainConstraintDegrees));
        Assert.Equal(aux, RunLength(air.AuxConstraintDegrees));
        Assert.Equal(isFinal ? 165 : 169, air.MainConstraintDegrees.Count);
    }

    [Fact]
    public void Degrees_AreSharedPerShape()
    {
        var a = new LiabilitiesAir(LiabilitiesLayoutTests.Statement(isFinal: false), 1 << 12, 22);
        var b = new LiabilitiesAir(LiabilitiesLayoutTests.Statement(isFinal: false), 1 << 12, 22);
        Assert.Same(a.MainConstraintDegrees, b.MainConstraintDegrees);
        Assert.Same(a.AuxConstraintDegrees, b.AuxConstraintDegrees);
        Assert.IsNotType<int[]>(a.MainConstraintDegrees);
    }

    [Fact]
    public void Counting_IsCheapNextToProving()
    {
        // Counting runs once per shape (cached); even uncached it must stay negligible next to proving (seconds).
        var air = new LiabilitiesAir(LiabilitiesLayoutTests.Statement(isFinal: false), 1 << 12, 22);
        ConstraintDegreeCounter.MainDegrees(air);
        ConstraintDegreeCounter.AuxDegrees(air);
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < 100; i++)
        {
            ConstraintDegreeCounter.MainDegrees(air);
            ConstraintDegreeCounter.AuxDegrees(air);
        }

        Assert.InRange(watch.Elapsed.TotalMilliseconds / 100, 0, 20);
    }

    // "7×3 2 1" for [7, 7, 7, 2, 1]: short enough to read in a failure message.
    private static string RunLength(IReadOnlyList<int> degrees)
    {
        var parts = new List<string>();
        for (int i = 0; i < degrees.Count;)
        {
            int j = i;
            while (j < degrees.Count && degrees[j] == degrees[i])
            {
                j++;
            }

            parts.Add(j - i == 1 ? $"{degrees[i]}" : $"{degrees[i]}×{j - i}");
            i = j;
        }

        return string.Join(' ', parts);
    }
}
