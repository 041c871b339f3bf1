// SPDX-License-Identifier: Apache-2.0

using Por.Cli.Demo;
using Por.Reserves;
using Por.Reserves.Bitcoin;
using Por.Reserves.Nodes;
using Por.Tokens.Model;
using Por.Tokens.Reserves;

namespace Por.IntegrationTests.Tokens;

/// <summary>
/// The loopback Esplora chain that <c>por demo token</c> serves, read through the real btc_custody source and Esplora
/// client: custody funded, BTC leaving custody, custody restored, history spanning several pages, genesis pinning.
/// </summary>
public sealed class DemoBitcoinServerTests : IDisposable
{
    private const string Token = "wbtc-demo";
    private static readonly byte[] s_secretA = Convert.FromHexString("0000000000000000000000000000000000000000000000000000000000000005");
    private static readonly byte[] s_secretB = Convert.FromHexString("000000000000000000000000000000000000000000000000000000000000000b");
    private const string Outside = "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx";
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task CustodyFunded_Leaving_AndRestored_IsReadExactly_WithProvenOwnership()
    {
        await using var chain = DemoBitcoinServer.Start(TimeProvider.System);
        var period = new OwnershipPeriod(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var (a, proofA) = Proven(s_secretA, period);
        var (b, proofB) = Proven(s_secretB, period);
        var fundA = chain.Pay(a, 100_000_000);
        chain.Pay(b, 25_000_000);
        chain.Mine(1);
        var source = Source(chain, chain.Genesis, period, [new CustodyAddress(a, proofA), new CustodyAddress(b, proofB)]);

        var evidence = await source.ReadAsync(Now(), TestContext.Current.CancellationToken);
        Assert.Equal(EvidenceFailure.None, evidence.Failure);
        Assert.Equal(EvidenceClass.OnChainProvenOwnership, evidence.Class);
        Assert.Equal(125_000_000, evidence.Amount);
        Assert.True(evidence.ObservedAt is { } observed && DateTimeOffset.UtcNow - observed < TimeSpan.FromMinutes(1), "block time is the mining time");

        // A's 1 BTC leaves custody (spent to an outside address, 0.6 BTC of it).
        var away = chain.Pay(Outside, 60_000_000, (fundA, 0));
        chain.Mine(1);
        evidence = await source.ReadAsync(Now(), TestContext.Current.CancellationToken);
        Assert.Equal(EvidenceFailure.None, evidence.Failure);
        Assert.Equal(25_000_000, evidence.Amount);

        // A spent output cannot be spent twice.
        Assert.Throws<InvalidOperationException>(() => chain.Pay(a, 1, (fundA, 0)));
        Assert.Throws<InvalidOperationException>(() => chain.Pay(a, 1, (away, 1)));

        // Restored: 1 BTC back to A.
        chain.Pay(a, 100_000_000, (away, 0));
        chain.Mine(1);
        evidence = await source.ReadAsync(Now(), TestContext.Current.CancellationToken);
        Assert.Equal(125_000_000, evidence.Amount);
    }

    [Fact]
    public async Task HistoryOverSeveralPages_IsCountedWhole()
    {
        await using var chain = DemoBitcoinServer.Start(TimeProvider.System);
        var (a, _) = Proven(s_secretA, new OwnershipPeriod(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30)));
        for (var i = 1; i <= 60; i++)
        {
            chain.Pay(a, i);
        }

        var evidence = await Source(chain, chain.Genesis, null, [new CustodyAddress(a, null)]).ReadAsync(Now(), TestContext.Current.CancellationToken);
        Assert.Equal(EvidenceFailure.None, evidence.Failure);
        Assert.Equal(EvidenceClass.OnChainDeclared, evidence.Class);
        Assert.Equal(60 * 61 / 2, evidence.Amount);
        Assert.Equal((404, "Block not found"), chain.Handle("/block-height/61"));
        Assert.Equal(400, chain.Handle($"/address/{a}/txs/chain/{new string('0', 64)}").Status);
    }

    [Fact]
    public async Task AnotherGenesis_IsNotRead()
    {
        await using var chain = DemoBitcoinServer.Start(TimeProvider.System);
        var (a, _) = Proven(s_secretA, new OwnershipPeriod(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30)));
        chain.Pay(a, 10_000);
        var evidence = await Source(chain, new string('1', 64), null, [new CustodyAddress(a, null)]).ReadAsync(Now(), TestContext.Current.CancellationToken);
        Assert.NotEqual(EvidenceFailure.None, evidence.Failure);
        Assert.Equal(0, evidence.Amount);
    }

    private static SourceReadContext Now() => new(Token, 8, DateTimeOffset.UtcNow);

    private static (string Address, OwnershipProof Proof) Proven(byte[] secret, OwnershipPeriod period)
    {
        var message = TokenOwnershipChallenge.For(Token, "bitcoin", period);
        var (address, signature) = Bip322Signer.SignTaprootKeyPath(secret, message, BitcoinNetwork.Testnet);
        return (address, new OwnershipProof(SignatureScheme.Bip322, [signature], null));
    }

    private BtcCustodySource Source(DemoBitcoinServer chain, string genesis, OwnershipPeriod? period, IReadOnlyList<CustodyAddress> addresses)
    {
        var transport = new HttpNodeTransport(_http, chain.Url, new RetryPolicy(2, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(5)));
        var endpoint = BitcoinEndpoint.Esplora(transport, BitcoinNetwork.Testnet, genesis);
        return new BtcCustodySource(new BtcCustodyConfig("btc-custody", "bitcoin", BitcoinNetwork.Testnet, 1, 3600, addresses, period), endpoint);
    }
}
