// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Numerics;

namespace Por.Tokens.MintGuard;

/// <summary>
/// The mint guard's rule, off chain: exactly what <c>PorSecureMint._checkMint</c> decides on chain (a differential test
/// on anvil compares the two), in exact integers. The rule, in order (docs/token-por.md "Mint guard"):
/// <list type="number">
/// <item>answer ≤ 0 → <see cref="MintDecision.NonPositiveAnswer"/>;</item>
/// <item>updatedAt &gt; now → <see cref="MintDecision.FeedFromFuture"/>;</item>
/// <item>maxStaleness &gt; 0 and now − updatedAt &gt; maxStaleness → <see cref="MintDecision.StaleFeed"/>;</item>
/// <item>reserves = answer scaled from feed to token decimals (down: rounded down; up: exact), and
/// reserves ≥ 2²⁵⁶ → <see cref="MintDecision.ReservesOutOfRange"/>;</item>
/// <item>mintable = reserves after the margin (<see cref="MarginMode"/>); amount + totalSupply &gt; min(mintable, 2²⁵⁶ − 1)
/// → <see cref="MintDecision.ExceedsReserves"/>;</item>
/// <item>otherwise <see cref="MintDecision.Allowed"/>.</item>
/// </list>
/// </summary>
public static class MintRule
{
    /// <summary>The basis-point scale: 10,000 = 100 %.</summary>
    public const int BasisPoints = 10_000;

    /// <summary>2²⁵⁶ − 1, the largest uint256.</summary>
    public static readonly BigInteger MaxUint256 = (BigInteger.One << 256) - 1;

    /// <summary>2²⁵⁵ − 1, the largest int256 (the feed's answer type).</summary>
    public static readonly BigInteger MaxInt256 = (BigInteger.One << 255) - 1;

    /// <summary>−2²⁵⁵, the smallest int256.</summary>
    public static readonly BigInteger MinInt256 = -(BigInteger.One << 255);

    /// <summary>Decides whether minting <paramref name="amount"/> is allowed.</summary>
    /// <param name="policy">The guard's configuration (must be valid: <see cref="MintPolicy.Problem"/> null).</param>
    /// <param name="feed">What the feed returns now.</param>
    /// <param name="amount">The amount to mint, in token base units (uint256).</param>
    /// <param name="totalSupply">The token's totalSupply() before the mint (uint256).</param>
    /// <param name="now">The current time: block.timestamp on chain, Unix seconds (uint256).</param>
    /// <returns>The decision and the numbers behind it.</returns>
    /// <exception cref="ArgumentException">The policy is invalid or a value is outside its Solidity type's range.</exception>
    public static MintCheck Evaluate(MintPolicy policy, FeedRound feed, BigInteger amount, BigInteger totalSupply, BigInteger now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(feed);
        if (policy.Problem is { } problem)
        {
            throw new ArgumentException(problem, nameof(policy));
        }

        RequireUint256(amount, nameof(amount));
        RequireUint256(totalSupply, nameof(totalSupply));
        RequireUint256(now, nameof(now));
        RequireUint256(feed.UpdatedAt, nameof(feed));
        if (feed.Answer < MinInt256 || feed.Answer > MaxInt256)
        {
            throw new ArgumentException("the feed answer is outside the int256 range", nameof(feed));
        }

        if (feed.Decimals is < 0 or > 255)
        {
            throw new ArgumentException($"feed decimals {feed.Decimals} is outside 0..255", nameof(feed));
        }

        if (feed.Answer.Sign <= 0)
        {
            return new MintCheck(MintDecision.NonPositiveAnswer, null, null, $"the reserve feed answered {feed.Answer}, not a positive amount");
        }

        if (feed.UpdatedAt > now)
        {
            return new MintCheck(MintDecision.FeedFromFuture, null, null, $"the reserve feed's updatedAt {feed.UpdatedAt} is later than now ({now})");
        }

        var age = now - feed.UpdatedAt;
        if (!policy.MaxStalenessSeconds.IsZero && age > policy.MaxStalenessSeconds)
        {
            return new MintCheck(MintDecision.StaleFeed, null, null, $"the reserve feed is {age} s old, more than the {policy.MaxStalenessSeconds} s allowed");
        }

        var reserves = Scale(feed.Answer, feed.Decimals, policy.TokenDecimals);
        if (reserves > MaxUint256)
        {
            return new MintCheck(MintDecision.ReservesOutOfRange, reserves, null,
                $"the reserve answer {feed.Answer} scaled from {feed.Decimals} to {policy.TokenDecimals} decimals exceeds 2^256-1");
        }

        var mintable = BigInteger.Min(Mintable(reserves, policy.MarginMode, policy.MarginAmount), MaxUint256);
        var after = amount + totalSupply;
        var numbers = string.Create(CultureInfo.InvariantCulture, $"amount {amount} + total supply {totalSupply} = {after}, mintable {mintable} (reserves {reserves}, margin {CodeOf(policy.MarginMode)} {policy.MarginAmount})");
        return after > mintable
            ? new MintCheck(MintDecision.ExceedsReserves, reserves, mintable, "the mint would exceed the reserves: " + numbers)
            : new MintCheck(MintDecision.Allowed, reserves, mintable, "within reserves: " + numbers);
    }

    /// <summary>Scales an amount between decimal precisions: down rounds toward zero (down, for positive amounts), up is exact.</summary>
    /// <param name="amount">The amount in <paramref name="fromDecimals"/> base units.</param>
    /// <param name="fromDecimals">Its decimals.</param>
    /// <param name="toDecimals">The wanted decimals.</param>
    /// <returns>The amount in <paramref name="toDecimals"/> base units.</returns>
    public static BigInteger Scale(BigInteger amount, int fromDecimals, int toDecimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromDecimals);
        ArgumentOutOfRangeException.ThrowIfNegative(toDecimals);
        return fromDecimals >= toDecimals
            ? BigInteger.Divide(amount, BigInteger.Pow(10, fromDecimals - toDecimals))
            : amount * BigInteger.Pow(10, toDecimals - fromDecimals);
    }

    /// <summary>The reserves after the margin, as an unbounded integer (the caller caps it at 2²⁵⁶ − 1).</summary>
    /// <param name="reserves">The reserves in token base units (≥ 0).</param>
    /// <param name="mode">The margin mode.</param>
    /// <param name="margin">The margin amount.</param>
    /// <returns>The most the total supply may reach.</returns>
    public static BigInteger Mintable(BigInteger reserves, MarginMode mode, BigInteger margin) => mode switch
    {
        MarginMode.None => reserves,
        MarginMode.PositiveBasisPoints => reserves * (BasisPoints - margin) / BasisPoints,
        MarginMode.PositiveAbsolute => reserves > margin ? reserves - margin : BigInteger.Zero,
        MarginMode.NegativeBasisPoints => reserves * (BasisPoints + margin) / BasisPoints,
        MarginMode.NegativeAbsolute => reserves + margin,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "undefined margin mode"),
    };

    /// <summary>The snake_case code of a decision (<c>allowed</c>, <c>non_positive_answer</c>, <c>feed_from_future</c>, <c>stale_feed</c>, <c>reserves_out_of_range</c>, <c>exceeds_reserves</c>).</summary>
    /// <param name="decision">The decision.</param>
    /// <returns>Its code.</returns>
    public static string CodeOf(MintDecision decision) => decision switch
    {
        MintDecision.Allowed => "allowed",
        MintDecision.NonPositiveAnswer => "non_positive_answer",
        MintDecision.FeedFromFuture => "feed_from_future",
        MintDecision.StaleFeed => "stale_feed",
        MintDecision.ReservesOutOfRange => "reserves_out_of_range",
        MintDecision.ExceedsReserves => "exceeds_reserves",
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, "undefined decision"),
    };

    /// <summary>The snake_case code of a margin mode (<c>none</c>, <c>positive_bp</c>, <c>positive_absolute</c>, <c>negative_bp</c>, <c>negative_absolute</c>).</summary>
    /// <param name="mode">The mode.</param>
    /// <returns>Its code.</returns>
    public static string CodeOf(MarginMode mode) => mode switch
    {
        MarginMode.None => "none",
        MarginMode.PositiveBasisPoints => "positive_bp",
        MarginMode.PositiveAbsolute => "positive_absolute",
        MarginMode.NegativeBasisPoints => "negative_bp",
        MarginMode.NegativeAbsolute => "negative_absolute",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "undefined margin mode"),
    };

    /// <summary>Parses a margin mode's snake_case code.</summary>
    /// <param name="code">The code.</param>
    /// <param name="mode">The mode.</param>
    /// <returns>Whether the code names a mode.</returns>
    public static bool TryParseMarginMode(string code, out MarginMode mode)
    {
        foreach (var candidate in Enum.GetValues<MarginMode>())
        {
            if (string.Equals(CodeOf(candidate), code, StringComparison.Ordinal))
            {
                mode = candidate;
                return true;
            }
        }

        mode = MarginMode.None;
        return false;
    }

    private static void RequireUint256(BigInteger value, string name)
    {
        if (value.Sign < 0 || value > MaxUint256)
        {
            throw new ArgumentException($"{name} is outside the uint256 range", name);
        }
    }
}
