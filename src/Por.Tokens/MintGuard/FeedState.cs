// SPDX-License-Identifier: Apache-2.0

using System.Numerics;

namespace Por.Tokens.MintGuard;

/// <summary>A PorReserveFeed's state as read from the chain.</summary>
/// <param name="Decimals">decimals().</param>
/// <param name="Updater">updater(), 20 bytes.</param>
/// <param name="LatestRound">latestRound(); 0 before the first update.</param>
/// <param name="LatestAnswer">The latest round's answer (0 before the first update).</param>
/// <param name="LatestUpdatedAt">The latest round's updatedAt (0 before the first update).</param>
public sealed record FeedState(int Decimals, byte[] Updater, BigInteger LatestRound, BigInteger LatestAnswer, BigInteger LatestUpdatedAt);
