// SPDX-License-Identifier: Apache-2.0

using System.Numerics;

namespace Por.Tokens.Model;

/// <summary>One deployment's supply, read at one finalized block pinned by hash, in the token's canonical base units.</summary>
/// <param name="Chain">The chain name of the supply registry.</param>
/// <param name="Contract">The token contract (checksummed or lower-case hex, as the registry pins it).</param>
/// <param name="Role">How the deployment counts.</param>
/// <param name="Height">The block read.</param>
/// <param name="BlockHash">That block's hash (0x-hex).</param>
/// <param name="BlockTime">That block's timestamp: the reading's observation clock.</param>
/// <param name="TotalSupply"><c>totalSupply()</c> at the block, scaled to the canonical decimals.</param>
/// <param name="Excluded">The sum of the excluded balances (treasury, pre-mint, frozen, test) at the same block.</param>
/// <param name="Counted">What this deployment adds to circulating supply (0 for a lock-and-mint representation).</param>
/// <param name="Failure">Why the reading cannot be used, or <see cref="EvidenceFailure.None"/>.</param>
/// <param name="Detail">A sentence for people: what was read, or what failed.</param>
public sealed record SupplyReading(
    string Chain,
    string Contract,
    DeploymentRole Role,
    long Height,
    string BlockHash,
    DateTimeOffset BlockTime,
    BigInteger TotalSupply,
    BigInteger Excluded,
    BigInteger Counted,
    EvidenceFailure Failure,
    string Detail);
