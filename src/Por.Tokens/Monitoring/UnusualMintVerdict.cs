// SPDX-License-Identifier: Apache-2.0

using System.Numerics;

namespace Por.Tokens.Monitoring;

/// <summary>What <see cref="UnusualMintRule"/> says about one amount.</summary>
/// <param name="Unusual">Whether the amount needs a second approval (and raises an <c>unusual_mint</c> alert).</param>
/// <param name="Threshold">k × the quantile of the window's mints; null when the window has too few mints.</param>
/// <param name="HistoryCount">How many mints the window held.</param>
/// <param name="Reason">A sentence for people.</param>
public sealed record UnusualMintVerdict(bool Unusual, BigInteger? Threshold, int HistoryCount, string Reason);
