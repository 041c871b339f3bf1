// SPDX-License-Identifier: Apache-2.0

using Por.Core.Liabilities.Zk;
using Por.Stark.Tests.Mutants;

namespace Por.Core.Tests.Liabilities.Zk;

/// <summary>Witnesses for the sequencing items: leaf and node links and the chain entries.</summary>
public sealed partial class LiabilitiesMutationTests
{
    private static MutantWitness? LinkWitness(string name, Func<(ZkBatchStatement Statement, LiabilitiesAir Air, ZkBatchWitness Witness)> fresh)
    {
        _ = fresh;
        return name switch
        {
            _ => null,
        };
    }
}
