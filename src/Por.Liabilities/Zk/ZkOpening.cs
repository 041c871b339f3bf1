// SPDX-License-Identifier: Apache-2.0

using Por.Liabilities.Snapshot;
using Por.Stark.Field;

namespace Por.Liabilities.Zk;

/// <summary>
/// One leaf of a batch as the operator keeps it privately: a customer's opening (account id, salt, holdings) or a
/// padding leaf (a random id commitment, no holdings).
/// </summary>
/// <param name="AccountId">The raw account id (UTF-8), or null for padding.</param>
/// <param name="Salt">The 32-byte salt, or null for padding.</param>
/// <param name="IdCommitment">C (4 elements): from the id and salt, or random for padding.</param>
/// <param name="Holdings">Canonical holdings (0-based asset table indices); empty for padding.</param>
public sealed record ZkOpening(byte[]? AccountId, byte[]? Salt, Goldilocks[] IdCommitment, Holding[] Holdings)
{
    /// <summary>Whether this leaf is padding.</summary>
    public bool IsPadding => AccountId is null;

    /// <summary>The leaf as the prover takes it.</summary>
    /// <returns>The account witness.</returns>
    public ZkAccount ToAccount() => new(IdCommitment, Holdings);

    /// <summary>The leaf digest.</summary>
    /// <returns>4 elements.</returns>
    public Goldilocks[] Leaf() => ZkAccountEncoding.Leaf(IdCommitment, Holdings);
}
