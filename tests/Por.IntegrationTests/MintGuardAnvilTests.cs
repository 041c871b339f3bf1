// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using System.Text.Json;
using Por.Tokens.MintGuard;
using static Por.IntegrationTests.AnvilAccounts;

namespace Por.IntegrationTests;

/// <summary>The mint guard contracts (contracts/) on a real anvil: PorReserveFeed, PorSecureMint through PorGuardedToken.</summary>
public sealed class MintGuardAnvilTests(AnvilNode anvil) : IClassFixture<AnvilNode>, IDisposable
{
    private readonly MintGuardChain _chain = new(anvil);
    private readonly string _owner = Address(0);
    private readonly string _updater = Address(1);
    private readonly string _holder = Address(2);

    public void Dispose() => _chain.Dispose();

    private static byte[] Mint(string to, BigInteger amount) => EvmAbi.Call("mint(address,uint256)", AbiValue.Address(MintGuardChain.AddressBytes(to)), AbiValue.Uint(amount));

    private static byte[] Update(BigInteger answer, BigInteger updatedAt) => EvmAbi.Call("updateAnswer(int256,uint256)", AbiValue.Int(answer), AbiValue.Uint(updatedAt));

    private async Task<(string Feed, string Token)> GuardedAsync(int feedDecimals, int tokenDecimals, MarginMode mode = MarginMode.None, BigInteger? margin = null, long maxStaleness = 3600)
    {
        var feed = await _chain.DeployFeedAsync(_owner, feedDecimals, _updater).ConfigureAwait(false);
        var token = await _chain.DeployTokenAsync(_owner, tokenDecimals, feed, mode, margin ?? BigInteger.Zero, maxStaleness).ConfigureAwait(false);
        return (feed, token);
    }

    private async Task PublishAsync(string feed, BigInteger answer) =>
        await _chain.SendAsync(_updater, feed, Update(answer, await _chain.LatestTimestampAsync().ConfigureAwait(false))).ConfigureAwait(false);

    private async Task<BigInteger> SupplyAsync(string token)
    {
        var (ok, data) = await _chain.CallAsync(_owner, token, EvmAbi.Call("totalSupply()")).ConfigureAwait(false);
        Assert.True(ok);
        return EvmAbi.ReadUint(Convert.FromHexString(data[2..]), 0);
    }

    [Fact]
    public async Task Mint_WithinReserves_Succeeds_AboveReverts_ExactlyAtTheBoundary()
    {
        var (feed, token) = await GuardedAsync(6, 6);
        await PublishAsync(feed, 1_000_000);

        Assert.Null(await _chain.TrySendAsync(_owner, token, Mint(_holder, 600_000)));
        var above = await _chain.TrySendAsync(_owner, token, Mint(_holder, 400_001));
        Assert.Equal("MintExceedsReserves", MintGuardChain.ErrorName(above!));
        Assert.Equal(400_001, MintGuardChain.ErrorArgument(above!, 0));
        Assert.Equal(600_000, MintGuardChain.ErrorArgument(above!, 1));
        Assert.Equal(1_000_000, MintGuardChain.ErrorArgument(above!, 2));
        Assert.Equal(600_000, await SupplyAsync(token));

        Assert.Null(await _chain.TrySendAsync(_owner, token, Mint(_holder, 400_000)));
        Assert.Equal(1_000_000, await SupplyAsync(token));
        Assert.Equal("MintExceedsReserves", MintGuardChain.ErrorName((await _chain.TrySendAsync(_owner, token, Mint(_holder, 1)))!));

        // A burn frees room again; only the owner mints.
        await _chain.SendAsync(_holder, token, EvmAbi.Call("burn(uint256)", AbiValue.Uint(10)));
        Assert.Equal("NotOwner", MintGuardChain.ErrorName((await _chain.TrySendAsync(_holder, token, Mint(_holder, 10)))!));
        Assert.Null(await _chain.TrySendAsync(_owner, token, Mint(_holder, 10)));
    }

    [Fact]
    public async Task Mint_StaleFeed_IsBlocked_UntilTheFeedIsUpdated()
    {
        var (feed, token) = await GuardedAsync(8, 8, maxStaleness: 3600);
        await PublishAsync(feed, 500_000_000);
        Assert.Null(await _chain.TrySendAsync(_owner, token, Mint(_holder, 1)));

        await anvil.CallAsync("evm_increaseTime", 3601);
        await anvil.MineAsync(1);
        var stale = await _chain.TrySendAsync(_owner, token, Mint(_holder, 1));
        Assert.Equal("ReserveFeedStale", MintGuardChain.ErrorName(stale!));
        Assert.Equal(3600, MintGuardChain.ErrorArgument(stale!, 2));

        await PublishAsync(feed, 500_000_000);
        Assert.Null(await _chain.TrySendAsync(_owner, token, Mint(_holder, 1)));
    }

    [Fact]
    public async Task Mint_StalenessAtTheExactLimit_IsAccepted_OneSecondMoreIsNot()
    {
        var (feed, token) = await GuardedAsync(6, 6, maxStaleness: 100);
        var at = await _chain.LatestTimestampAsync();
        await _chain.SendAsync(_updater, feed, Update(1_000, at));
        await anvil.CallAsync("anvil_setNextBlockTimestamp", at + 100);
        Assert.Null(await _chain.TrySendAsync(_owner, token, Mint(_holder, 1)));
        await anvil.CallAsync("anvil_setNextBlockTimestamp", at + 201);
        await _chain.SendAsync(_updater, feed, Update(1_000, at + 100));
        Assert.Equal("ReserveFeedStale", MintGuardChain.ErrorName((await _chain.TrySendAsync(_owner, token, Mint(_holder, 1)))!));
    }

    [Fact]
    public async Task Feed_RefusesNonPositiveAnswers_NonUpdaters_AndNonIncreasingOrFutureTimes()
    {
        var feed = await _chain.DeployFeedAsync(_owner, 8, _updater);
        var now = await _chain.LatestTimestampAsync();
        Assert.Equal("NoDataPresent", MintGuardChain.ErrorName((await _chain.CallAsync(_owner, feed, EvmAbi.Call("latestRoundData()"))).Data));

        Assert.Equal("AnswerNotPositive", MintGuardChain.ErrorName((await _chain.TrySendAsync(_updater, feed, Update(0, now)))!));
        Assert.Equal("AnswerNotPositive", MintGuardChain.ErrorName((await _chain.TrySendAsync(_updater, feed, Update(-1, now)))!));
        Assert.Equal("AnswerNotPositive", MintGuardChain.ErrorName((await _chain.TrySendAsync(_updater, feed, Update(MintRule.MinInt256, now)))!));
        Assert.Equal("NotUpdater", MintGuardChain.ErrorName((await _chain.TrySendAsync(_owner, feed, Update(5, now)))!));
        Assert.Equal("NotUpdater", MintGuardChain.ErrorName((await _chain.TrySendAsync(_holder, feed, Update(5, now)))!));
        Assert.Equal("UpdatedAtInFuture", MintGuardChain.ErrorName((await _chain.TrySendAsync(_updater, feed, Update(5, now + 3600)))!));

        var receipt = await _chain.SendAsync(_updater, feed, Update(5, now - 10));
        var topics = receipt.GetProperty("logs").EnumerateArray().Select(l => l.GetProperty("topics")[0].GetString()).ToList();
        Assert.Contains(MintGuardChain.Hex(Por.Crypto.Keccak256.Hash("AnswerUpdated(int256,uint256,uint256)"u8.ToArray())), topics);
        Assert.Contains(MintGuardChain.Hex(Por.Crypto.Keccak256.Hash("NewRound(uint256,address,uint256)"u8.ToArray())), topics);
        Assert.Equal("UpdatedAtNotIncreasing", MintGuardChain.ErrorName((await _chain.TrySendAsync(_updater, feed, Update(6, now - 10)))!));
        Assert.Equal("UpdatedAtNotIncreasing", MintGuardChain.ErrorName((await _chain.TrySendAsync(_updater, feed, Update(6, now - 11)))!));
        await _chain.SendAsync(_updater, feed, Update(7, now - 9));

        var latest = Convert.FromHexString((await _chain.CallAsync(_owner, feed, EvmAbi.Call("latestRoundData()"))).Data[2..]);
        Assert.Equal(2, EvmAbi.ReadUint(latest, 0));
        Assert.Equal(7, EvmAbi.ReadInt(latest, 1));
        Assert.Equal(now - 9, EvmAbi.ReadUint(latest, 3));
        Assert.Equal(2, EvmAbi.ReadUint(latest, 4));
        var first = Convert.FromHexString((await _chain.CallAsync(_owner, feed, EvmAbi.Call("getRoundData(uint80)", AbiValue.Uint(1)))).Data[2..]);
        Assert.Equal(5, EvmAbi.ReadInt(first, 1));
        Assert.Equal("RoundNotFound", MintGuardChain.ErrorName((await _chain.CallAsync(_owner, feed, EvmAbi.Call("getRoundData(uint80)", AbiValue.Uint(3)))).Data));
        Assert.Equal(8, EvmAbi.ReadUint(Convert.FromHexString((await _chain.CallAsync(_owner, feed, EvmAbi.Call("decimals()"))).Data[2..]), 0));

        // Only the owner replaces the updater; the old updater is then refused.
        Assert.Equal("NotOwner", MintGuardChain.ErrorName((await _chain.TrySendAsync(_updater, feed, EvmAbi.Call("setUpdater(address)", AbiValue.Address(MintGuardChain.AddressBytes(_updater)))))!));
        await _chain.SendAsync(_owner, feed, EvmAbi.Call("setUpdater(address)", AbiValue.Address(MintGuardChain.AddressBytes(_holder))));
        Assert.Equal("NotUpdater", MintGuardChain.ErrorName((await _chain.TrySendAsync(_updater, feed, Update(8, now - 8)))!));
        await _chain.SendAsync(_holder, feed, Update(8, now - 8));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-1_000_000)]
    public async Task Mint_FeedAnsweringZeroOrLess_IsBlocked(long answer)
    {
        var mock = await anvil.DeployAsync(_owner, "PorTestReserveFeedMock", Convert.ToHexStringLower(EvmAbi.Encode(AbiValue.Uint(6))));
        var token = await _chain.DeployTokenAsync(_owner, 6, mock, MarginMode.NegativeAbsolute, 1_000_000, 0);
        await _chain.SendAsync(_owner, mock, EvmAbi.Call("set(int256,uint256,uint8)", AbiValue.Int(answer), AbiValue.Uint(await _chain.LatestTimestampAsync()), AbiValue.Uint(6)));
        var revert = await _chain.TrySendAsync(_owner, token, Mint(_holder, 1));
        Assert.Equal("ReserveAnswerNotPositive", MintGuardChain.ErrorName(revert!));
    }

    [Theory]
    [InlineData(6, 18)]
    [InlineData(18, 6)]
    [InlineData(8, 6)]
    [InlineData(6, 8)]
    [InlineData(8, 18)]
    [InlineData(18, 8)]
    [InlineData(6, 6)]
    public async Task Mint_ScalesFeedDecimalsToTokenDecimals_RoundingDown(int feedDecimals, int tokenDecimals)
    {
        var (feed, token) = await GuardedAsync(feedDecimals, tokenDecimals);
        // 1234.5678912345… reserves in feed units: the last feed digits are cut when the token has fewer decimals.
        var answer = BigInteger.Parse("12345678912345678912345", System.Globalization.CultureInfo.InvariantCulture) / BigInteger.Pow(10, 18 - feedDecimals + 4);
        await PublishAsync(feed, answer);
        var reserves = MintRule.Scale(answer, feedDecimals, tokenDecimals);

        var over = await _chain.TrySendAsync(_owner, token, Mint(_holder, reserves + 1));
        Assert.Equal("MintExceedsReserves", MintGuardChain.ErrorName(over!));
        Assert.Equal(reserves, MintGuardChain.ErrorArgument(over!, 2));
        Assert.Null(await _chain.TrySendAsync(_owner, token, Mint(_holder, reserves)));
    }

    [Theory]
    [InlineData(MarginMode.PositiveBasisPoints, 1_000)]
    [InlineData(MarginMode.PositiveBasisPoints, 10_000)]
    [InlineData(MarginMode.PositiveAbsolute, 250_001)]
    [InlineData(MarginMode.NegativeBasisPoints, 2_500)]
    [InlineData(MarginMode.NegativeAbsolute, 7)]
    public async Task Mint_AppliesTheMargin_AtItsExactBoundary(MarginMode mode, long margin)
    {
        var (feed, token) = await GuardedAsync(6, 6, mode, margin);
        await PublishAsync(feed, 1_000_003);
        var mintable = MintRule.Mintable(1_000_003, mode, margin);
        var over = await _chain.TrySendAsync(_owner, token, Mint(_holder, mintable + 1));
        Assert.Equal("MintExceedsReserves", MintGuardChain.ErrorName(over!));
        Assert.Equal(mintable, MintGuardChain.ErrorArgument(over!, 2));
        if (mintable > 0)
        {
            Assert.Null(await _chain.TrySendAsync(_owner, token, Mint(_holder, mintable)));
        }
    }

    [Theory]
    [InlineData(MarginMode.None, 1)]
    [InlineData(MarginMode.PositiveBasisPoints, 10_001)]
    [InlineData(MarginMode.NegativeBasisPoints, 10_001)]
    [InlineData(MarginMode.PositiveAbsolute, 0)]
    [InlineData(MarginMode.NegativeAbsolute, 0)]
    public async Task Token_WithAnInvalidMargin_IsNotDeployed(MarginMode mode, long margin)
    {
        var feed = await _chain.DeployFeedAsync(_owner, 6, _updater);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(MintGuardChain.ContractJson("PorGuardedToken"), TestContext.Current.CancellationToken));
        var code = Convert.FromHexString(document.RootElement.GetProperty("bytecode").GetString()![2..]);
        var revert = await _chain.TrySendAsync(_owner, null, [.. code, .. MintGuardChain.TokenArguments(6, feed, mode, margin, 0)]);
        Assert.Equal("InvalidMargin", MintGuardChain.ErrorName(revert!));
        Assert.Null(new MintPolicy(mode, margin, 0, 6).Problem is null ? "MintPolicy accepts what the contract refuses" : null);
    }
}
