// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Numerics;
using Por.Reserves;
using Por.Reserves.Nodes;
using Por.Tokens.Model;
using Por.Tokens.Registry;
using Por.Tokens.Reserves;
using static Por.IntegrationTests.Abi;
using static Por.IntegrationTests.AnvilAccounts;

namespace Por.IntegrationTests.Tokens;

/// <summary>evm_custody and reserve_feed against a real anvil: ERC-20 and native custody, and a deployed AggregatorV3-shaped feed.</summary>
public sealed class EvmReserveSourceTests(AnvilNode anvil) : IClassFixture<AnvilNode>, IDisposable
{
    private const string Token = "wbtc";
    private const string Chain = "anvil";
    private static readonly OwnershipPeriod s_period = new(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Erc20Custody_WithProvenOwnership_IsCountedAtThePinnedBlock_ScaledToTheToken()
    {
        var owner = Address(0);
        var token = await anvil.DeployAsync(owner, "PorTestToken");
        await anvil.SendAsync(owner, token, Call("mint(address,uint256)", Word(Address(1)), Word(1_500_000)));
        await anvil.SendAsync(owner, token, Call("mint(address,uint256)", Word(Address(2)), Word(250_001)));
        var addresses = new[] { Proven(1, Token), Proven(2, Token) };
        var evidence = await Custody(token, 6, addresses).ReadAsync(await ContextAsync(decimals: 8), TestContext.Current.CancellationToken);
        Assert.Equal(EvidenceFailure.None, evidence.Failure);
        Assert.Equal(EvidenceClass.OnChainProvenOwnership, evidence.Class);
        Assert.Equal(175_000_100, evidence.Amount);
        var (height, hash) = await anvil.LatestBlockAsync();
        Assert.Contains($"block {height} {hash}", evidence.Reference, StringComparison.Ordinal);
        Assert.Equal(await BlockTimeAsync(height), evidence.ObservedAt);

        // With the supply's pin of the chain, the source reads that block: a later mint is not counted.
        var pin = new PinnedBlock(Chain, height, hash, await BlockTimeAsync(height));
        await anvil.SendAsync(owner, token, Call("mint(address,uint256)", Word(Address(1)), Word(7_000_000)));
        var pinned = await Custody(token, 6, addresses).ReadAsync(await ContextAsync(decimals: 8) with { Pin = pin }, TestContext.Current.CancellationToken);
        Assert.Equal(175_000_100, pinned.Amount);

        // Token decimals 4: scaled down, rounded down (1.750001 → 1.75).
        var down = await Custody(token, 6, [new CustodyAddress(Address(1), null), new CustodyAddress(Address(2), null)]).ReadAsync(await ContextAsync(decimals: 4) with { Pin = pin }, TestContext.Current.CancellationToken);
        Assert.Equal(EvidenceClass.OnChainDeclared, down.Class);
        Assert.Equal(17_500, down.Amount);
    }

    [Fact]
    public async Task Erc20Custody_DeclaredDecimalsThatTheTokenDoesNotHave_IsMismatch()
    {
        var token = await anvil.DeployAsync(Address(0), "PorTestToken");
        var evidence = await Custody(token, 8, [new CustodyAddress(Address(1), null)]).ReadAsync(await ContextAsync(), TestContext.Current.CancellationToken);
        Assert.Equal(EvidenceFailure.Mismatch, evidence.Failure);
        Assert.Contains("6 decimals", evidence.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OwnershipSignatureThatDoesNotVerify_IsBadSignature_NeverDeclared()
    {
        var token = await anvil.DeployAsync(Address(0), "PorTestToken");

        // Account 2 signed the challenge of another token; account 3's signature is claimed for account 2.
        var otherToken = await Custody(token, 6, [Proven(1, Token), Proven(2, "usdx")]).ReadAsync(await ContextAsync(), TestContext.Current.CancellationToken);
        Assert.Equal(EvidenceFailure.BadSignature, otherToken.Failure);
        var stolen = new CustodyAddress(Address(2), Proven(3, Token).Proof);
        var wrongKey = await Custody(token, 6, [Proven(1, Token), stolen]).ReadAsync(await ContextAsync(), TestContext.Current.CancellationToken);
        Assert.Equal(EvidenceFailure.BadSignature, wrongKey.Failure);
        Assert.Equal(0, wrongKey.Amount);
    }

    [Fact]
    public async Task NativeCustody_ScalesWeiDownToTheToken()
    {
        var context = await ContextAsync(decimals: 8);
        var holder = Address(4);
        var wei = BigInteger.Parse((await anvil.CallAsync("eth_getBalance", holder, "latest")).GetString()![2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var evidence = await Custody(null, 18, [new CustodyAddress(holder, null)]).ReadAsync(context, TestContext.Current.CancellationToken);
        Assert.Equal(EvidenceFailure.None, evidence.Failure);
        Assert.Equal(wei / BigInteger.Pow(10, 10), evidence.Amount);
    }

    [Fact]
    public async Task Feed_Healthy_StaleZeroNegativeUnclockedAndDecimalsMismatch()
    {
        var feed = await anvil.DeployAsync(Address(0), "PorTestAggregatorV3", Word(8));
        var now = await LatestTimeAsync();

        // 1.23456789 at 8 decimals; token decimals 6 → 1.234567 (rounded down).
        await SetRoundAsync(feed, 7, 123_456_789, now, 7);
        var healthy = await Feed(feed, 8).ReadAsync(new SourceReadContext(Token, 6, now.AddSeconds(100)), TestContext.Current.CancellationToken);
        Assert.Equal(EvidenceFailure.None, healthy.Failure);
        Assert.Equal(EvidenceClass.ReserveFeed, healthy.Class);
        Assert.Equal(1_234_567, healthy.Amount);
        Assert.Equal(now, healthy.ObservedAt);
        Assert.Contains("round 7", healthy.Reference, StringComparison.Ordinal);

        // Heartbeat 3600 s + grace 60 s: exactly at the limit is fresh, one second later stale.
        Assert.Equal(EvidenceFailure.None, (await Feed(feed, 8).ReadAsync(new SourceReadContext(Token, 6, now.AddSeconds(3660)), TestContext.Current.CancellationToken)).Failure);
        var stale = await Feed(feed, 8).ReadAsync(new SourceReadContext(Token, 6, now.AddSeconds(3661)), TestContext.Current.CancellationToken);
        Assert.Equal(EvidenceFailure.Stale, stale.Failure);
        Assert.Equal(0, stale.Amount);

        var at = new SourceReadContext(Token, 6, now.AddSeconds(100));
        await SetRoundAsync(feed, 8, 0, now, 8);
        Assert.Equal(EvidenceFailure.NonPositiveAnswer, (await Feed(feed, 8).ReadAsync(at, TestContext.Current.CancellationToken)).Failure);
        await SetRoundAsync(feed, 9, -5, now, 9);
        var negative = await Feed(feed, 8).ReadAsync(at, TestContext.Current.CancellationToken);
        Assert.Equal(EvidenceFailure.NonPositiveAnswer, negative.Failure);
        Assert.Contains("-5", negative.Detail, StringComparison.Ordinal);

        await SetRoundAsync(feed, 10, 100, DateTimeOffset.UnixEpoch, 10);
        Assert.Equal(EvidenceFailure.Unclocked, (await Feed(feed, 8).ReadAsync(at, TestContext.Current.CancellationToken)).Failure);
        await SetRoundAsync(feed, 11, 100, now, 10);
        Assert.Equal(EvidenceFailure.Stale, (await Feed(feed, 8).ReadAsync(at, TestContext.Current.CancellationToken)).Failure);

        await SetRoundAsync(feed, 12, 100, now.AddDays(1), 12);
        Assert.Equal(EvidenceFailure.Unclocked, (await Feed(feed, 8).ReadAsync(new SourceReadContext(Token, 6, now.AddDays(1)), TestContext.Current.CancellationToken)).Failure);
        await SetRoundAsync(feed, 12, 100, now, 12);
        Assert.Equal(EvidenceFailure.None, (await Feed(feed, 8).ReadAsync(at, TestContext.Current.CancellationToken)).Failure);
        Assert.Equal(EvidenceFailure.Mismatch, (await Feed(feed, 6).ReadAsync(at, TestContext.Current.CancellationToken)).Failure);
        await anvil.SendAsync(Address(0), feed, Call("setDecimals(uint8)", Word(18)));
        var changed = await Feed(feed, 8).ReadAsync(at, TestContext.Current.CancellationToken);
        Assert.Equal(EvidenceFailure.Mismatch, changed.Failure);
        Assert.Contains("18 decimals", changed.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NodeDown_IsNodeFault_ForCustodyAndFeed()
    {
        var down = new EvmEndpoint(new HttpNodeTransport(_http, new Uri("http://127.0.0.1:9/"), new RetryPolicy(2, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(2))), AnvilRegistry.ChainId);
        var context = new SourceReadContext(Token, 8, DateTimeOffset.UtcNow);
        var custody = await new EvmCustodySource(new EvmCustodyConfig("vault", Chain, null, 18, 1, 3600, [new CustodyAddress(Address(1), null)], null), down).ReadAsync(context, TestContext.Current.CancellationToken);
        Assert.Equal((EvidenceFailure.NodeFault, BigInteger.Zero), (custody.Failure, custody.Amount));
        var feed = await new ReserveFeedSource(new ReserveFeedConfig("feed", Chain, Address(1), 8, 3600, 60, 1), down).ReadAsync(context, TestContext.Current.CancellationToken);
        Assert.Equal((EvidenceFailure.NodeFault, BigInteger.Zero), (feed.Failure, feed.Amount));

        // A node of another chain is a fault too, not a reading.
        var wrongChain = new EvmEndpoint(new HttpNodeTransport(_http, anvil.Url, RetryPolicy.Default), 1);
        var other = await new EvmCustodySource(new EvmCustodyConfig("vault", Chain, null, 18, 1, 3600, [new CustodyAddress(Address(1), null)], null), wrongChain).ReadAsync(context, TestContext.Current.CancellationToken);
        Assert.Equal(EvidenceFailure.NodeFault, other.Failure);
    }

    private EvmCustodySource Custody(string? token, int decimals, IReadOnlyList<CustodyAddress> addresses) =>
        new(new EvmCustodyConfig("vault", Chain, token, decimals, 1, 3600, addresses, addresses.Any(a => a.Proof is not null) ? s_period : null), Endpoint());

    private ReserveFeedSource Feed(string feed, int decimals) => new(new ReserveFeedConfig("feed", Chain, feed, decimals, 3600, 60, 1), Endpoint());

    private EvmEndpoint Endpoint() => new(new HttpNodeTransport(_http, anvil.Url, new RetryPolicy(2, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(10))), AnvilRegistry.ChainId);

    private static CustodyAddress Proven(int account, string token) =>
        new(Address(account), new OwnershipProof(SignatureScheme.Eip191Text, [SignPersonal(TokenOwnershipChallenge.For(token, Chain, s_period), account)], null));

    private async Task<SourceReadContext> ContextAsync(int decimals = 8) => new(Token, decimals, (await LatestTimeAsync().ConfigureAwait(false)).AddSeconds(30));

    private async Task<DateTimeOffset> LatestTimeAsync() => await BlockTimeAsync((await anvil.LatestBlockAsync().ConfigureAwait(false)).Number).ConfigureAwait(false);

    private async Task<DateTimeOffset> BlockTimeAsync(long height)
    {
        var block = await anvil.CallAsync("eth_getBlockByNumber", "0x" + height.ToString("x", CultureInfo.InvariantCulture), false).ConfigureAwait(false);
        return DateTimeOffset.FromUnixTimeSeconds(long.Parse(block.GetProperty("timestamp").GetString()![2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
    }

    private async Task SetRoundAsync(string feed, long round, long answer, DateTimeOffset updatedAt, long answeredInRound)
    {
        var answerWord = answer >= 0 ? Word(answer) : Convert.ToHexStringLower(new BigInteger(answer).ToByteArray(isUnsigned: false, isBigEndian: true)).PadLeft(64, 'f');
        await anvil.SendAsync(Address(0), feed, Call("setRound(uint80,int256,uint256,uint80)", Word(round), answerWord, Word(updatedAt.ToUnixTimeSeconds()), Word(answeredInRound))).ConfigureAwait(false);
    }
}
