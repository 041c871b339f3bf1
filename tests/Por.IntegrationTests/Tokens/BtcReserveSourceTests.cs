// SPDX-License-Identifier: Apache-2.0

using Por.Reserves;
using Por.Reserves.Bitcoin;
using Por.Reserves.Nodes;
using Por.Tokens.Model;
using Por.Tokens.Reserves;

namespace Por.IntegrationTests.Tokens;

/// <summary>btc_custody against a loopback Bitcoin chain served as Bitcoin Core JSON-RPC and as an Esplora API.</summary>
public sealed class BtcReserveSourceTests : IDisposable
{
    private const string Token = "wbtc";
    private static readonly OwnershipPeriod s_period = new(LoopbackBitcoinChain.GenesisTime, LoopbackBitcoinChain.GenesisTime.AddDays(30));
    private static readonly byte[] s_secretA = Convert.FromHexString("0000000000000000000000000000000000000000000000000000000000000003");
    private static readonly byte[] s_secretB = Convert.FromHexString("0000000000000000000000000000000000000000000000000000000000000007");
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public void Dispose() => _http.Dispose();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task OutputsBelowTheConfirmationDepth_AreNotCounted_AndPendingSpendsStillCount(bool core)
    {
        using var chain = new LoopbackBitcoinChain(core);
        var (a, proofA) = Proven(s_secretA, Token);
        var (b, proofB) = Proven(s_secretB, Token);
        var funding = chain.Pay(a, 100_000_000);         // block 1: 1 BTC to A
        chain.Pay(b, 25_000_000);                        // block 2: 0.25 BTC to B
        chain.Mine(3);                                   // blocks 3-5
        chain.Pay(a, 50_000_000);                        // block 6: 0.5 BTC to A, 2 confirmations at tip 7
        chain.Pay("tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx", 99_990_000, (funding, 0)); // block 7: A's 1 BTC spent out

        // 3 confirmations: the block read is 5 (tip 7 − 3 + 1). Block 6's 0.5 BTC has 2 and does not count; the spend
        // in block 7 is not yet 3 deep, so A's 1 BTC still counts (the withdrawal in flight does not dip reserves).
        var source = Source(chain, 3, [new CustodyAddress(a, proofA), new CustodyAddress(b, proofB)]);
        var evidence = await source.ReadAsync(Context(at: 7), TestContext.Current.CancellationToken);
        Assert.Equal(EvidenceFailure.None, evidence.Failure);
        Assert.Equal(EvidenceClass.OnChainProvenOwnership, evidence.Class);
        Assert.Equal(125_000_000, evidence.Amount);
        Assert.Equal(LoopbackBitcoinChain.GenesisTime.AddSeconds(600 * 5), evidence.ObservedAt);
        Assert.Contains(LoopbackBitcoinChain.Hash(5), evidence.Reference, StringComparison.Ordinal);

        // 1 confirmation (the tip): the spend and the new 0.5 BTC are both counted now. Token decimals 6 scale down.
        evidence = await Source(chain, 1, [new CustodyAddress(a, proofA), new CustodyAddress(b, proofB)]).ReadAsync(Context(at: 7, decimals: 6), TestContext.Current.CancellationToken);
        Assert.Equal(EvidenceFailure.None, evidence.Failure);
        Assert.Equal(750_000, evidence.Amount);

        // Deeper than the chain: no block qualifies, nothing is counted.
        evidence = await Source(chain, 9, [new CustodyAddress(a, null)]).ReadAsync(Context(at: 7), TestContext.Current.CancellationToken);
        Assert.Equal(EvidenceFailure.Incomplete, evidence.Failure);
        Assert.Equal(0, evidence.Amount);
    }

    [Fact]
    public async Task AddressWithoutProof_IsDeclared_AndAProofForAnotherToken_IsBadSignature()
    {
        using var chain = new LoopbackBitcoinChain(core: false);
        var (a, proofA) = Proven(s_secretA, Token);
        var (b, wrongToken) = Proven(s_secretB, "usdx");
        chain.Pay(a, 10_000);
        chain.Pay(b, 20_000);
        chain.Mine(2);

        var declared = await Source(chain, 1, [new CustodyAddress(a, proofA), new CustodyAddress(b, null)]).ReadAsync(Context(at: 4), TestContext.Current.CancellationToken);
        Assert.Equal(EvidenceFailure.None, declared.Failure);
        Assert.Equal(EvidenceClass.OnChainDeclared, declared.Class);
        Assert.Equal(30_000, declared.Amount);

        var bad = await Source(chain, 1, [new CustodyAddress(a, proofA), new CustodyAddress(b, wrongToken)]).ReadAsync(Context(at: 4), TestContext.Current.CancellationToken);
        Assert.Equal(EvidenceFailure.BadSignature, bad.Failure);
        Assert.Equal(0, bad.Amount);
        Assert.Contains(b, bad.Detail, StringComparison.Ordinal);

        // The same valid proofs outside their signed period: stale, not silently declared.
        var late = await Source(chain, 1, [new CustodyAddress(a, proofA)]).ReadAsync(new SourceReadContext(Token, 8, s_period.Until), TestContext.Current.CancellationToken);
        Assert.Equal(EvidenceFailure.Stale, late.Failure);
    }

    [Fact]
    public async Task OldBlock_IsStale()
    {
        using var chain = new LoopbackBitcoinChain(core: true);
        var (a, _) = Proven(s_secretA, Token);
        chain.Pay(a, 10_000);
        var source = Source(chain, 1, [new CustodyAddress(a, null)], maxAgeSeconds: 3600);
        Assert.Equal(EvidenceFailure.None, (await source.ReadAsync(new SourceReadContext(Token, 8, LoopbackBitcoinChain.GenesisTime.AddSeconds(600 + 3600)), TestContext.Current.CancellationToken)).Failure);
        var stale = await source.ReadAsync(new SourceReadContext(Token, 8, LoopbackBitcoinChain.GenesisTime.AddSeconds(600 + 3601)), TestContext.Current.CancellationToken);
        Assert.Equal(EvidenceFailure.Stale, stale.Failure);
        Assert.Equal(0, stale.Amount);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task NodeDown_IsNodeFault_WithNoPartialTotal(bool core)
    {
        var (a, _) = Proven(s_secretA, Token);
        Uri url;
        using (var chain = new LoopbackBitcoinChain(core))
        {
            url = chain.Url;
        }

        var transport = new HttpNodeTransport(_http, url, new RetryPolicy(2, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(2)));
        var endpoint = core ? BitcoinEndpoint.BitcoinCore(transport, BitcoinNetwork.Testnet, LoopbackBitcoinChain.Genesis) : BitcoinEndpoint.Esplora(transport, BitcoinNetwork.Testnet, LoopbackBitcoinChain.Genesis);
        var evidence = await new BtcCustodySource(Config(1, [new CustodyAddress(a, null)], 86_400), endpoint).ReadAsync(Context(at: 1), TestContext.Current.CancellationToken);
        Assert.Equal(EvidenceFailure.NodeFault, evidence.Failure);
        Assert.Equal(0, evidence.Amount);
    }

    [Fact]
    public async Task NodeFailingOnOneAddress_FailsTheWholeSource()
    {
        using var chain = new LoopbackBitcoinChain(core: false);
        var (a, _) = Proven(s_secretA, Token);
        var (b, _) = Proven(s_secretB, Token);
        chain.Pay(a, 10_000);
        chain.Pay(b, 20_000);
        chain.FailingAddress = b;
        var evidence = await Source(chain, 1, [new CustodyAddress(a, null), new CustodyAddress(b, null)]).ReadAsync(Context(at: 2), TestContext.Current.CancellationToken);
        Assert.Equal(EvidenceFailure.NodeFault, evidence.Failure);
        Assert.Equal(0, evidence.Amount);
    }

    private static (string Address, OwnershipProof Proof) Proven(byte[] secret, string token)
    {
        var message = TokenOwnershipChallenge.For(token, "bitcoin", s_period);
        var (address, signature) = Bip322Signer.SignTaprootKeyPath(secret, message, BitcoinNetwork.Testnet);
        return (address, new OwnershipProof(SignatureScheme.Bip322, [signature], null));
    }

    private BtcCustodySource Source(LoopbackBitcoinChain chain, int confirmations, IReadOnlyList<CustodyAddress> addresses, long maxAgeSeconds = 86_400)
    {
        var transport = chain.Transport(_http);
        var endpoint = chain.IsCore ? BitcoinEndpoint.BitcoinCore(transport, BitcoinNetwork.Testnet, LoopbackBitcoinChain.Genesis) : BitcoinEndpoint.Esplora(transport, BitcoinNetwork.Testnet, LoopbackBitcoinChain.Genesis);
        return new BtcCustodySource(Config(confirmations, addresses, maxAgeSeconds), endpoint);
    }

    private static BtcCustodyConfig Config(int confirmations, IReadOnlyList<CustodyAddress> addresses, long maxAgeSeconds) =>
        new("btc-custody", "bitcoin", BitcoinNetwork.Testnet, confirmations, maxAgeSeconds, addresses, addresses.Any(a => a.Proof is not null) ? s_period : null);

    // The evaluation runs a minute after block `at`.
    private static SourceReadContext Context(int at, int decimals = 8) => new(Token, decimals, LoopbackBitcoinChain.GenesisTime.AddSeconds((600 * at) + 60));
}
