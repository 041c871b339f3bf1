// SPDX-License-Identifier: Apache-2.0

namespace Por.Tokens.MintGuard;

/// <summary>
/// The mint guard's decision, in the order the rule checks (docs/token-por.md "Mint guard"). Every value other than
/// <see cref="Allowed"/> is a refusal; each matches one custom error of <c>PorSecureMint</c>.
/// </summary>
public enum MintDecision
{
    /// <summary>amount + totalSupply ≤ mintable reserves: the mint may proceed.</summary>
    Allowed,

    /// <summary>The feed's answer is zero or negative (<c>ReserveAnswerNotPositive</c>).</summary>
    NonPositiveAnswer,

    /// <summary>The feed's <c>updatedAt</c> is later than the current block time (<c>ReserveFeedFromFuture</c>).</summary>
    FeedFromFuture,

    /// <summary>now − updatedAt &gt; maxStaleness, with maxStaleness &gt; 0 (<c>ReserveFeedStale</c>).</summary>
    StaleFeed,

    /// <summary>The answer scaled to token decimals does not fit in 256 bits (<c>ReservesOutOfRange</c>).</summary>
    ReservesOutOfRange,

    /// <summary>amount + totalSupply exceeds the mintable reserves, or 2²⁵⁶ − 1 (<c>MintExceedsReserves</c>).</summary>
    ExceedsReserves,
}
