// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using Por.Tokens.MintGuard;

namespace Por.Tokens.Tests.MintGuard;

public sealed class MintRuleTests
{
    private const long Now = 1_800_000_000;
    private static readonly MintPolicy s_plain = new(MarginMode.None, 0, 3600, 6);

    private static BigInteger Big(string digits) => BigInteger.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);

    private static MintCheck Check(MintPolicy policy, BigInteger answer, int feedDecimals, BigInteger amount, BigInteger supply, long age = 0) =>
        MintRule.Evaluate(policy, new FeedRound(answer, Now - age, feedDecimals), amount, supply, Now);

    [Fact]
    public void Evaluate_AllowsUpToTheReservesExactly_AndRefusesOneUnitMore()
    {
        Assert.Equal(MintDecision.Allowed, Check(s_plain, 1_000_000, 6, 400_000, 600_000).Decision);
        Assert.Equal(MintDecision.ExceedsReserves, Check(s_plain, 1_000_000, 6, 400_001, 600_000).Decision);
        Assert.Equal(MintDecision.Allowed, Check(s_plain, 1_000_000, 6, 0, 1_000_000).Decision);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Evaluate_RefusesANonPositiveAnswer_EvenForAZeroMint(long answer) =>
        Assert.Equal(MintDecision.NonPositiveAnswer, Check(s_plain, answer, 6, 0, 0).Decision);

    [Fact]
    public void Evaluate_RefusesAStaleFeed_AndIgnoresAgeWhenStalenessIsOff()
    {
        Assert.Equal(MintDecision.Allowed, Check(s_plain, 10, 6, 1, 0, age: 3600).Decision);
        Assert.Equal(MintDecision.StaleFeed, Check(s_plain, 10, 6, 1, 0, age: 3601).Decision);
        Assert.Equal(MintDecision.Allowed, Check(s_plain with { MaxStalenessSeconds = 0 }, 10, 6, 1, 0, age: 1_000_000_000).Decision);
    }

    [Fact]
    public void Evaluate_RefusesAFeedUpdatedInTheFuture_EvenWithStalenessOff()
    {
        Assert.Equal(MintDecision.FeedFromFuture, Check(s_plain, 10, 6, 1, 0, age: -1).Decision);
        Assert.Equal(MintDecision.FeedFromFuture, Check(s_plain with { MaxStalenessSeconds = 0 }, 10, 6, 1, 0, age: -1).Decision);
    }

    [Fact]
    public void Evaluate_ScalesDownRoundingDown_AndUpExactly()
    {
        // 18-decimal feed, 6-decimal token: 1.000000999999999999 → 1.000000 (rounded down, never up).
        var down = Check(s_plain, Big("1000000999999999999"), 18, 1_000_000, 0);
        Assert.Equal(MintDecision.Allowed, down.Decision);
        Assert.Equal(1_000_000, down.Reserves);
        Assert.Equal(MintDecision.ExceedsReserves, Check(s_plain, Big("1000000999999999999"), 18, 1_000_001, 0).Decision);

        // 6-decimal feed, 18-decimal token: 1.000001 → 1.000001000000000000.
        var up = Check(s_plain with { TokenDecimals = 18 }, 1_000_001, 6, Big("1000001000000000000"), 0);
        Assert.Equal(MintDecision.Allowed, up.Decision);
        Assert.Equal(MintDecision.ExceedsReserves, Check(s_plain with { TokenDecimals = 18 }, 1_000_001, 6, Big("1000001000000000001"), 0).Decision);

        // 8 → 6 and 6 → 8.
        Assert.Equal(12_345, Check(s_plain, 1_234_599, 8, 0, 0).Reserves);
        Assert.Equal(123_456_700, Check(s_plain with { TokenDecimals = 8 }, 1_234_567, 6, 0, 0).Reserves);
    }

    [Theory]
    [InlineData(MarginMode.PositiveBasisPoints, 1_000, 900_000)]
    [InlineData(MarginMode.PositiveBasisPoints, 10_000, 0)]
    [InlineData(MarginMode.PositiveAbsolute, 250_000, 750_000)]
    [InlineData(MarginMode.PositiveAbsolute, 2_000_000, 0)]
    [InlineData(MarginMode.NegativeBasisPoints, 1_000, 1_100_000)]
    [InlineData(MarginMode.NegativeAbsolute, 250_000, 1_250_000)]
    [InlineData(MarginMode.None, 0, 1_000_000)]
    public void Evaluate_AppliesTheMargin_AtItsExactBoundary(MarginMode mode, long margin, long mintable)
    {
        var policy = s_plain with { MarginMode = mode, MarginAmount = margin };
        var at = Check(policy, 1_000_000, 6, mintable, 0);
        Assert.Equal(MintDecision.Allowed, at.Decision);
        Assert.Equal(mintable, at.Mintable);
        Assert.Equal(MintDecision.ExceedsReserves, Check(policy, 1_000_000, 6, mintable + 1, 0).Decision);
    }

    [Fact]
    public void Evaluate_RoundsBasisPointMarginsDown()
    {
        // 3 × 9,999 / 10,000 = 2.9997 → 2; 3 × 10,001 / 10,000 = 3.0003 → 3.
        Assert.Equal(2, Check(s_plain with { MarginMode = MarginMode.PositiveBasisPoints, MarginAmount = 1 }, 3, 6, 0, 0).Mintable);
        Assert.Equal(3, Check(s_plain with { MarginMode = MarginMode.NegativeBasisPoints, MarginAmount = 1 }, 3, 6, 0, 0).Mintable);
    }

    [Fact]
    public void Evaluate_RefusesReservesBeyond256Bits_AndCapsMintableAtTheLargestUint256()
    {
        Assert.Equal(MintDecision.ReservesOutOfRange, Check(s_plain with { TokenDecimals = 18 }, MintRule.MaxInt256, 0, 0, 0).Decision);
        var capped = Check(s_plain with { MarginMode = MarginMode.NegativeAbsolute, MarginAmount = MintRule.MaxUint256 }, 1, 6, 0, 0);
        Assert.Equal(MintRule.MaxUint256, capped.Mintable);
        Assert.Equal(MintDecision.ExceedsReserves, Check(s_plain with { MarginMode = MarginMode.NegativeAbsolute, MarginAmount = MintRule.MaxUint256 }, 1, 6, MintRule.MaxUint256, 1).Decision);
        // A feed with 255 decimals scales any int256 answer down to 0 reserves.
        Assert.Equal(0, Check(s_plain, MintRule.MaxInt256, 255, 0, 0).Reserves);
    }

    [Theory]
    [InlineData(MarginMode.None, 1)]
    [InlineData(MarginMode.PositiveBasisPoints, 10_001)]
    [InlineData(MarginMode.NegativeBasisPoints, -1)]
    [InlineData(MarginMode.PositiveAbsolute, 0)]
    [InlineData(MarginMode.NegativeAbsolute, 0)]
    [InlineData((MarginMode)5, 0)]
    public void Evaluate_RejectsAnInvalidPolicy(MarginMode mode, long margin)
    {
        var policy = s_plain with { MarginMode = mode, MarginAmount = margin };
        Assert.NotNull(policy.Problem);
        Assert.Throws<ArgumentException>(() => Check(policy, 1, 6, 0, 0));
    }

    [Fact]
    public void Evaluate_RejectsValuesOutsideTheirSolidityTypes()
    {
        Assert.Throws<ArgumentException>(() => Check(s_plain, 1, 6, -1, 0));
        Assert.Throws<ArgumentException>(() => Check(s_plain, 1, 6, 0, MintRule.MaxUint256 + 1));
        Assert.Throws<ArgumentException>(() => Check(s_plain, MintRule.MaxInt256 + 1, 6, 0, 0));
        Assert.Throws<ArgumentException>(() => Check(s_plain, 1, 256, 0, 0));
    }

    [Fact]
    public void Codes_AreSnakeCase_AndMarginCodesRoundTrip()
    {
        Assert.Equal("exceeds_reserves", Check(s_plain, 1, 6, 2, 0).Code);
        foreach (var mode in Enum.GetValues<MarginMode>())
        {
            Assert.True(MintRule.TryParseMarginMode(MintRule.CodeOf(mode), out var parsed));
            Assert.Equal(mode, parsed);
        }

        Assert.False(MintRule.TryParseMarginMode("positive", out _));
    }
}
