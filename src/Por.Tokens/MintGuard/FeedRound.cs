// SPDX-License-Identifier: Apache-2.0

using System.Numerics;

namespace Por.Tokens.MintGuard;

/// <summary>What the guard reads from the reserve feed before a mint: <c>latestRoundData()</c>'s answer and updatedAt, and <c>decimals()</c>.</summary>
/// <param name="Answer">The signed answer (int256), in feed base units.</param>
/// <param name="UpdatedAt">The round's updatedAt, in Unix seconds (uint256).</param>
/// <param name="Decimals">The feed's decimals (0…255).</param>
public sealed record FeedRound(BigInteger Answer, BigInteger UpdatedAt, int Decimals);
