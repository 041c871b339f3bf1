// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using Por.Cli.Demo;
using Por.Tokens.MintGuard;
using Por.Tokens.Model;

namespace Por.Cli.Tests.Demo;

/// <summary>
/// What <c>por demo token</c> expects of each step (docs/demo.md, "Token demo"): a step as the phase expects has no
/// problem, and each way it can differ — status, feed, MintRule, the chain, the guard's error — is named; the guard's
/// custom errors are decoded from revert data.
/// </summary>
public sealed class TokenDemoStepTests
{
    private static readonly DateTimeOffset s_at = DateTimeOffset.Parse("2026-12-06T18:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void HealthyAndUndercollateralisedSteps_AsExpected_HaveNoProblem()
    {
        Assert.Null(Healthy().Problem);
        Assert.Null(Under().Problem);
    }

    [Fact]
    public void EachDifference_IsNamed()
    {
        Assert.Contains("status undercollateralized, expected covered", Healthy() with { Evaluation = Evaluation(TokenStatus.Undercollateralized, 100, 145) } is var a ? a.Problem : null, StringComparison.Ordinal);
        Assert.Contains("status covered, expected undercollateralized", Under() with { Evaluation = Evaluation(TokenStatus.Covered, 160, 145) } is var b ? b.Problem : null, StringComparison.Ordinal);
        Assert.Contains("feed was not updated (not_newer_than_feed", (Healthy() with { Feed = Feed(FeedUpdateOutcome.NotNewerThanFeed) }).Problem, StringComparison.Ordinal);
        Assert.Contains("MintRule denied", (Healthy() with { Rule = new MintCheck(MintDecision.ExceedsReserves, 1, 1, "no") }).Problem, StringComparison.Ordinal);
        Assert.Contains("MintRule allowed", (Under() with { Rule = Allowed() }).Problem, StringComparison.Ordinal);
        Assert.Contains("the mint on chain REVERTED", (Healthy() with { Chain = Reverted("MintExceedsReserves(1, 2, 3)") }).Problem, StringComparison.Ordinal);
        Assert.Contains("the mint on chain succeeded", (Under() with { Chain = Succeeded() }).Problem, StringComparison.Ordinal);
        Assert.Contains("ReserveFeedStale", (Under() with { Chain = Reverted("ReserveFeedStale(1, 2, 3)") }).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void GuardErrors_AreDecodedWithTheirArguments()
    {
        var data = "0x" + Convert.ToHexStringLower([.. EvmAbi.Selector("MintExceedsReserves(uint256,uint256,uint256)"), .. EvmAbi.Encode(AbiValue.Uint(100_000_000), AbiValue.Uint(14_500_000_000), AbiValue.Uint(10_000_000_000))]);
        Assert.Equal("MintExceedsReserves(100000000, 14500000000, 10000000000)", TokenDemo.ErrorOf(data));
        var stale = "0x" + Convert.ToHexStringLower([.. EvmAbi.Selector("ReserveFeedStale(uint256,uint256,uint256)"), .. EvmAbi.Encode(AbiValue.Uint(1), AbiValue.Uint(5000), AbiValue.Uint(3600))]);
        Assert.Equal("ReserveFeedStale(1, 5000, 3600)", TokenDemo.ErrorOf(stale));
        Assert.Equal("unknown revert 0x4e487b71", TokenDemo.ErrorOf("0x4e487b71"));
        Assert.Equal("unknown revert 0x", TokenDemo.ErrorOf("0x"));
    }

    private static TokenDemoStep Healthy() =>
        new("wbtc-demo", Evaluation(TokenStatus.Covered, 160, 140), Feed(FeedUpdateOutcome.Updated), 5, Allowed(), Succeeded(), Healthy: true);

    private static TokenDemoStep Under() =>
        new("wbtc-demo", Evaluation(TokenStatus.Undercollateralized, 100, 145), Feed(FeedUpdateOutcome.Updated), 1, new MintCheck(MintDecision.ExceedsReserves, 100, 100, "exceeds"), Reverted("MintExceedsReserves(1, 145, 100)"), Healthy: false);

    private static MintCheck Allowed() => new(MintDecision.Allowed, 160, 160, "within");

    private static TokenDemoMint Succeeded() => new(true, "0x01", null, "succeeded (transaction 0x01)");

    private static TokenDemoMint Reverted(string error) => new(false, "0x02", error, $"REVERTED with {error} (transaction 0x02)");

    private static FeedUpdateResult Feed(FeedUpdateOutcome outcome) =>
        new(outcome, "0xfeed", 8, 160, 1, outcome == FeedUpdateOutcome.Updated ? 2 : 0, null, "detail");

    private static TokenEvaluation Evaluation(TokenStatus status, BigInteger reserves, BigInteger supply) =>
        new("wbtc-demo", 8, s_at, [], [new ReserveEvidence("btc-custody", EvidenceClass.OnChainProvenOwnership, reserves, s_at, "block", EvidenceFailure.None, "ok")], supply, reserves, 0, status);
}
