// SPDX-License-Identifier: Apache-2.0

using Por.Liabilities.Rounds;
using Por.Liabilities.Snapshot;

namespace Por.Liabilities.Transparent;

/// <summary>
/// One customer's inclusion proof: the round header, their account id and salt (private to them), their leaf position
/// and balances, and the siblings from their leaf to the top of the tree.
/// </summary>
/// <param name="Header">The round header.</param>
/// <param name="AccountId">The customer's raw account id.</param>
/// <param name="Salt">The customer's 32-byte salt for this round.</param>
/// <param name="LeafIndex">The leaf position.</param>
/// <param name="Balances">The customer's non-zero balances, increasing asset id.</param>
/// <param name="Path">Siblings from level 0 (the leaf's sibling) upward; exactly the tree depth of them.</param>
public sealed record InclusionProof(RoundHeader Header, string AccountId, IReadOnlyList<byte> Salt, long LeafIndex, IReadOnlyList<Holding> Balances, IReadOnlyList<PathStep> Path)
{
    /// <summary>The format id this version writes and reads.</summary>
    public const string FormatId = RoundModes.TransparentInclusionFormat;
}
