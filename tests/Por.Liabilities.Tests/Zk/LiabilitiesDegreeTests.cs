// SPDX-License-Identifier: Apache-2.0

using Por.Liabilities.Zk;
using Por.Stark.Air;

namespace Por.Liabilities.Tests.Zk;

/// <summary>The hand-declared degree lists of LiabilitiesAir equal the degrees of the constraints as evaluated.</summary>
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
}
