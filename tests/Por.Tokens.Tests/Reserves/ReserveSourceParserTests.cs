// SPDX-License-Identifier: Apache-2.0

using System.Numerics;
using System.Text.Json;
using Por.Common;
using Por.Reserves;
using Por.Reserves.Bitcoin;
using Por.Reserves.Nodes;
using Por.Reserves.Registry;
using Por.Tokens.Registry;
using Por.Tokens.Reserves;
using Por.Tokens.Units;

namespace Por.Tokens.Tests.Reserves;

public sealed class ReserveSourceParserTests
{
    private static readonly Dictionary<string, TokenChain> s_chains = new(StringComparer.Ordinal)
    {
        ["bitcoin"] = Chain("bitcoin", ChainFamily.Bitcoin, BitcoinNetwork.Testnet, "esplora"),
        ["bitcoin-main"] = Chain("bitcoin-main", ChainFamily.Bitcoin, BitcoinNetwork.Mainnet, "esplora", margin: 3),
        ["ethereum"] = Chain("ethereum", ChainFamily.Evm, null, "evm"),
    };

    private const string Btc = """
        {"id": "btc-custody", "kind": "btc_custody", "chain": "bitcoin", "confirmations": 6, "max_age_seconds": 7200,
         "addresses": [{"address": "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx"}]}
        """;

    private const string Evm = """
        {"id": "usdc-vault", "kind": "evm_custody", "chain": "ethereum", "asset": "0x5FbDB2315678afecb367f032d93F642f64180aa3", "decimals": 6,
         "confirmations": 12, "max_age_seconds": 3600,
         "addresses": [{"address": "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "ownership": {"scheme": "eip191-text", "signatures": ["0x00"]}}],
         "ownership_period": {"from": "2026-12-01T00:00:00Z", "until": "2027-01-01T00:00:00Z"}}
        """;

    private const string Feed = """
        {"id": "por-feed", "kind": "reserve_feed", "chain": "ethereum", "address": "0x5FbDB2315678afecb367f032d93F642f64180aa3", "decimals": 8,
         "heartbeat_seconds": 86400, "grace_seconds": 600, "confirmations": 1}
        """;

    private const string Statement = """
        {"id": "bank", "kind": "signed_statement", "path": "statements/usdx.json", "issuer": "Example Trust Co.", "currency": "USD", "max_age_seconds": 172800,
         "signers": [{"algorithm": "ed25519", "public_key": "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"}]}
        """;

    [Fact]
    public void ParsesEveryKind()
    {
        var sources = ReserveSourceParser.ParseAll(Parse($"[{Btc}, {Evm}, {Feed}, {Statement}]"), "registry.json", "tokens[0].reserves", "/etc/por", s_chains);
        var btc = Assert.IsType<BtcCustodyConfig>(sources[0]);
        Assert.Equal(("btc-custody", "bitcoin-testnet", 6, 7200L), (btc.Id, btc.Network.Name, btc.Confirmations, btc.MaxAgeSeconds));
        Assert.Null(btc.Period);
        var evm = Assert.IsType<EvmCustodyConfig>(sources[1]);
        Assert.Equal(SignatureScheme.Eip191Text, evm.Addresses[0].Proof!.Scheme);
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), evm.Period!.Until);
        var feed = Assert.IsType<ReserveFeedConfig>(sources[2]);
        Assert.Equal((8, 86_400L, 600L), (feed.Decimals, feed.HeartbeatSeconds, feed.GraceSeconds));
        var statement = Assert.IsType<SignedStatementConfig>(sources[3]);
        Assert.Equal("/etc/por/statements/usdx.json", statement.Path);
    }

    [Theory]
    [InlineData(Btc, "\"confirmations\": 6", "\"confirmations\": 0", "tokens[0].reserves[0].confirmations")]
    [InlineData(Btc, "\"chain\": \"bitcoin\"", "\"chain\": \"bitcoin-main\"", "tokens[0].reserves[0].addresses[0].address")]
    [InlineData(Btc, "\"chain\": \"bitcoin\"", "\"chain\": \"ethereum\"", "tokens[0].reserves[0].chain")]
    [InlineData(Feed, "\"chain\": \"ethereum\"", "\"chain\": \"base\"", "tokens[0].reserves[0].chain")]
    [InlineData(Btc, "\"kind\": \"btc_custody\"", "\"kind\": \"gold_vault\"", "tokens[0].reserves[0].kind")]
    [InlineData(Btc, "\"max_age_seconds\": 7200,", "", "tokens[0].reserves[0].max_age_seconds")]
    [InlineData(Btc, "\"id\": \"btc-custody\"", "\"id\": \"BTC custody\"", "tokens[0].reserves[0].id")]
    [InlineData(Evm, "\"decimals\": 6", "\"decimals\": 6, \"note\": 1", "tokens[0].reserves[0].note")]
    [InlineData(Evm, "\"asset\": \"0x5FbDB2315678afecb367f032d93F642f64180aa3\"", "\"asset\": \"native\"", "tokens[0].reserves[0].decimals")]
    [InlineData(Evm, "\"scheme\": \"eip191-text\"", "\"scheme\": \"bip322\"", "tokens[0].reserves[0].addresses[0].ownership.scheme")]
    [InlineData(Evm, "\"until\": \"2027-01-01T00:00:00Z\"", "\"until\": \"2026-12-01T00:00:00Z\"", "tokens[0].reserves[0].ownership_period.until")]
    [InlineData(Evm, ",\n \"ownership_period\": {\"from\": \"2026-12-01T00:00:00Z\", \"until\": \"2027-01-01T00:00:00Z\"}", "", "tokens[0].reserves[0].ownership_period")]
    [InlineData(Evm, "\"decimals\": 6", "\"decimals\": 6, \"batch_size\": 0", "tokens[0].reserves[0].batch_size")]
    [InlineData(Evm, "\"decimals\": 6", "\"decimals\": 6, \"batch_size\": 1001", "tokens[0].reserves[0].batch_size")]
    [InlineData(Feed, "\"heartbeat_seconds\": 86400", "\"heartbeat_seconds\": \"1 day\"", "tokens[0].reserves[0].heartbeat_seconds")]
    [InlineData(Feed, "\"address\": \"0x5FbDB2315678afecb367f032d93F642f64180aa3\"", "\"address\": \"0x5FbDB2315678\"", "tokens[0].reserves[0].address")]
    [InlineData(Statement, "\"signers\": [{", "\"signers\": [], \"x\": [{", "tokens[0].reserves[0].x")]
    [InlineData(Statement, "\"algorithm\": \"ed25519\"", "\"algorithm\": \"rsa\"", "tokens[0].reserves[0].signers[0].algorithm")]
    [InlineData(Statement, "511a\"", "51\"", "tokens[0].reserves[0].signers[0].public_key")]
    [InlineData(Statement, "\"currency\": \"USD\"", "\"currency\": \"dollars\"", "tokens[0].reserves[0].currency")]
    public void BadElement_NamesFileAndField(string element, string honest, string bad, string field)
    {
        Assert.Contains(honest, element, StringComparison.Ordinal);
        var e = Assert.Throws<InputException>(() => ReserveSourceParser.ParseAll(Parse("[" + element.Replace(honest, bad, StringComparison.Ordinal) + "]"), "registry.json", "tokens[0].reserves", "/etc/por", s_chains));
        Assert.Equal("registry.json", e.File);
        Assert.Equal(field, e.Field);
    }

    [Fact]
    public void Confirmations_DefaultToTheChainsReorgMargin()
    {
        var btc = Assert.IsType<BtcCustodyConfig>(ReserveSourceParser.Parse(Parse(Btc.Replace("\"confirmations\": 6, ", "", StringComparison.Ordinal).Replace("\"chain\": \"bitcoin\"", "\"chain\": \"bitcoin-main\"", StringComparison.Ordinal).Replace("tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", StringComparison.Ordinal)), "r.json", "reserves[0]", "/", s_chains));
        Assert.Equal(3, btc.Confirmations);

        // EVM: supply is read at tip − margin, i.e. margin + 1 confirmations.
        var feed = Assert.IsType<ReserveFeedConfig>(ReserveSourceParser.Parse(Parse(Feed.Replace(", \"confirmations\": 1", "", StringComparison.Ordinal)), "r.json", "reserves[0]", "/", s_chains));
        Assert.Equal(7, feed.Confirmations);
    }

    [Fact]
    public void BatchSize_DefaultsTo100_AndIsRead()
    {
        var evm = Assert.IsType<EvmCustodyConfig>(ReserveSourceParser.Parse(Parse(Evm), "r.json", "reserves[0]", "/", s_chains));
        Assert.Equal(100, evm.BatchSize);
        var one = Assert.IsType<EvmCustodyConfig>(ReserveSourceParser.Parse(Parse(Evm.Replace("\"decimals\": 6", "\"decimals\": 6, \"batch_size\": 1", StringComparison.Ordinal)), "r.json", "reserves[0]", "/", s_chains));
        Assert.Equal(1, one.BatchSize);
    }

    [Fact]
    public void RepeatedIdOrAddress_IsRefused()
    {
        var e = Assert.Throws<InputException>(() => ReserveSourceParser.ParseAll(Parse($"[{Feed}, {Feed}]"), "r.json", "reserves", "/", s_chains));
        Assert.Equal("reserves[1].id", e.Field);
        var twice = Btc.Replace("[{\"address\": \"tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx\"}]", "[{\"address\": \"tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx\"}, {\"address\": \"tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx\"}]", StringComparison.Ordinal);
        e = Assert.Throws<InputException>(() => ReserveSourceParser.ParseAll(Parse($"[{twice}]"), "r.json", "reserves", "/", s_chains));
        Assert.Equal("reserves[0].addresses[1].address", e.Field);
    }

    [Theory]
    [InlineData("123456789", 8, 6, "1234567")]
    [InlineData("123456789", 8, 8, "123456789")]
    [InlineData("123456789", 8, 18, "1234567890000000000")]
    [InlineData("99", 2, 0, "0")]
    public void Scale_IsExactUpAndRoundsDown(string amount, int from, int to, string expected) =>
        Assert.Equal(BigInteger.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), BaseUnits.Scale(BigInteger.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), from, to));

    [Theory]
    [InlineData("1.50", 2, true)]
    [InlineData("0.05", 2, true)]
    [InlineData("7", 0, true)]
    [InlineData("1.5", 2, false)]
    [InlineData("01.50", 2, false)]
    [InlineData("-1.50", 2, false)]
    [InlineData("1.50e2", 2, false)]
    [InlineData("7.", 0, false)]
    [InlineData("", 0, false)]
    public void TryParseFixed_TakesExactlyTheStatedDecimals(string text, int decimals, bool valid) =>
        Assert.Equal(valid, BaseUnits.TryParseFixed(text, decimals, out _));

    [Fact]
    public void OwnershipChallenge_NamesTokenChainAndPeriod()
    {
        var period = new OwnershipPeriod(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(
            "por token reserves ownership challenge v1\ntoken: wbtc\nchain: bitcoin\nperiod from: 2026-12-01T00:00:00Z\nperiod until: 2027-01-01T00:00:00Z",
            TokenOwnershipChallenge.For("wbtc", "bitcoin", period));
    }

    private static TokenChain Chain(string name, ChainFamily family, BitcoinNetwork? network, string kind, long margin = 6) =>
        new(name, family, family == ChainFamily.Evm ? 1 : null, network, family == ChainFamily.Evm ? null : new string('0', 64), margin, false,
            new NodeEndpoint(kind, new Uri("http://127.0.0.1:1/"), RetryPolicy.Default, null, null));

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
