// SPDX-License-Identifier: Apache-2.0

using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Por.Common;
using Por.Reserves.Registry;

namespace Por.Reserves.Tests.Registry;

public sealed class ReserveRegistryParserTests
{
    private const string TronTestGenesis = "0000000000000000de1aa88295e1fcf982742f773e0419c5a9c134c994a9059e"; // Shasta (see TronFakeNode)
    private const string SolanaDevnetGenesis = "EtWTRABZaYq6iMfeYKouRu166VU2xqa1wcaWoxPkrZBG";

    [Fact]
    public void Parse_Fixture_ChainsAssetsAndDigest()
    {
        var bytes = Encoding.UTF8.GetBytes(ReserveTestFixtures.RegistryJson());
        var registry = ReserveRegistryParser.Parse(bytes, "r.json");
        Assert.Equal(RegistryNetwork.Mainnet, registry.Network);
        Assert.Equal(ChainIdentity.Evm(1), registry.Chains["ethereum"].Identity);
        Assert.Equal(800000, registry.Chains["bitcoin"].Snapshot.Height);
        Assert.Equal(6, registry.Assets["USDT"].Decimals);
        Assert.NotNull(registry.FindHolding("USDT", "ethereum", ReserveTestFixtures.UsdtContract.ToLowerInvariant()));
        Assert.Null(registry.FindHolding("USDT", "ethereum", null));
        Assert.Null(registry.FindHolding("BTC", "ethereum", null));
        Assert.Equal(SHA256.HashData(bytes), registry.Sha256);
    }

    [Theory]
    [InlineData("note", "unknown property")]
    [InlineData("round", "property given twice")]
    public void Parse_UnknownOrRepeatedRootProperty_NamesField(string field, string reason)
    {
        var text = ReserveTestFixtures.RegistryJson().Replace("\"format\":", $"\"{field}\": \"x\", \"format\":", StringComparison.Ordinal);
        var e = Assert.Throws<InputException>(() => Parse(text));
        Assert.Equal(field, e.Field);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RepeatedChainOrAsset_Rejected()
    {
        var chain = ReserveTestFixtures.RegistryJson().Replace("\"ethereum\": { \"family\"", "\"bitcoin\": { \"family\": \"evm\", \"chain_id\": 5, \"snapshot\": { \"height\": 1, \"hash\": \"0x" + new string('1', 64) + "\" } }, \"ethereum\": { \"family\"", StringComparison.Ordinal);
        Assert.Contains("given twice", Assert.Throws<InputException>(() => Parse(chain)).Message, StringComparison.Ordinal);
        var asset = ReserveTestFixtures.RegistryJson().Replace("\"ETH\": {", "\"BTC\": { \"decimals\": 8, \"holdings\": [ { \"chain\": \"bitcoin\" } ] }, \"ETH\": {", StringComparison.Ordinal);
        Assert.Contains("given twice", Assert.Throws<InputException>(() => Parse(asset)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidUtf8_InputError()
    {
        var bytes = Encoding.UTF8.GetBytes(ReserveTestFixtures.RegistryJson().Replace("2026-11", "2026-\u00e911", StringComparison.Ordinal));
        var at = Array.IndexOf(bytes, (byte)0xC3);
        bytes[at] = 0xFF;
        Assert.Throws<InputException>(() => ReserveRegistryParser.Parse(bytes, "r.json"));
    }

    [Fact]
    public void Parse_ControlCharacterInRound_Rejected() =>
        Assert.Equal("round", Assert.Throws<InputException>(() => Parse(ReserveTestFixtures.RegistryJson(round: "2026\\u000a11"))).Field);

    [Fact]
    public void Parse_NetworkNeitherMainnetNorTest_Rejected() =>
        Assert.Equal("network", Assert.Throws<InputException>(() => Parse(ReserveTestFixtures.RegistryJson(network: "testnet"))).Field);

    [Fact]
    public void Parse_MainnetWithBitcoinTestnet_RejectedButTestAccepts()
    {
        var text = ReserveTestFixtures.RegistryJson().Replace("\"bitcoin_network\": \"bitcoin\", \"genesis\": \"000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f\"", "\"bitcoin_network\": \"bitcoin-testnet\", \"genesis\": \"000000000933ea01ad0ee984209779baaec3ced90fa3f408719526f8d77f4943\"", StringComparison.Ordinal);
        var e = Assert.Throws<InputException>(() => Parse(text));
        Assert.Equal("chains.bitcoin", e.Field);
        Assert.Contains("not a mainnet", e.Message, StringComparison.Ordinal);
        Assert.Equal(RegistryNetwork.Test, Parse(text.Replace("\"mainnet\"", "\"test\"", StringComparison.Ordinal)).Network);
    }

    [Fact]
    public void Parse_MainnetNameWithRegtestGenesis_Rejected()
    {
        var text = ReserveTestFixtures.RegistryJson().Replace("000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f", "0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206", StringComparison.Ordinal);
        Assert.Contains("is not bitcoin mainnet's", Assert.Throws<InputException>(() => Parse(text)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5L)]
    [InlineData(11155111L)]
    [InlineData(31337L)]
    public void Parse_MainnetWithEvmTestChainId_Rejected(long chainId)
    {
        var text = ReserveTestFixtures.RegistryJson().Replace("\"chain_id\": 1,", $"\"chain_id\": {chainId},", StringComparison.Ordinal);
        Assert.Contains("test or development network", Assert.Throws<InputException>(() => Parse(text)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tron", TronTestGenesis, KnownChains.TronMainnetGenesis)]
    [InlineData("solana", SolanaDevnetGenesis, KnownChains.SolanaMainnetGenesis)]
    public void Parse_MainnetTronOrSolanaOtherGenesis_Rejected(string family, string testGenesis, string mainGenesis)
    {
        var hash = family == "solana" ? "4sGjMW1sUnHzSxGspuhpqLDx6wiyjNtZAMdL4VZHirAn" : new string('3', 64);
        string With(string genesis) => ReserveTestFixtures.RegistryJson().Replace("\"ethereum\": {", $"\"{family}\": {{ \"family\": \"{family}\", \"genesis\": \"{genesis}\", \"snapshot\": {{ \"height\": 5, \"hash\": \"{hash}\" }} }}, \"ethereum\": {{", StringComparison.Ordinal);
        Assert.Equal(ChainIdentity.Genesis(family == "tron" ? ChainFamily.Tron : ChainFamily.Solana, mainGenesis), Parse(With(mainGenesis)).Chains[family].Identity);
        Assert.Equal("chains." + family, Assert.Throws<InputException>(() => Parse(With(testGenesis))).Field);
    }

    [Fact]
    public void Parse_TwoNamesForOneChain_RejectedAsAlias()
    {
        var text = ReserveTestFixtures.RegistryJson().Replace("\"ethereum\": {", "\"eth-mainnet\": { \"family\": \"evm\", \"chain_id\": 1, \"snapshot\": { \"height\": 19000000, \"hash\": \"" + ReserveTestFixtures.EthHash + "\" } }, \"ethereum\": {", StringComparison.Ordinal);
        var e = Assert.Throws<InputException>(() => Parse(text));
        Assert.Equal("chains.ethereum", e.Field);
        Assert.Contains("same chain as 'eth-mainnet'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NativeDecimalsNotTheChains_Rejected()
    {
        var text = ReserveTestFixtures.RegistryJson().Replace("\"BTC\": { \"decimals\": 8", "\"BTC\": { \"decimals\": 0", StringComparison.Ordinal);
        var e = Assert.Throws<InputException>(() => Parse(text));
        Assert.Equal("assets.BTC.decimals", e.Field);
    }

    [Fact]
    public void Parse_OneContractForTwoAssets_Rejected()
    {
        var text = ReserveTestFixtures.RegistryJson().Replace("\"ETH\": {", "\"USDX\": { \"decimals\": 6, \"holdings\": [ { \"chain\": \"ethereum\", \"contract\": \"" + ReserveTestFixtures.UsdtContract.ToLowerInvariant() + "\" } ] }, \"ETH\": {", StringComparison.Ordinal);
        Assert.Contains("already listed for", Assert.Throws<InputException>(() => Parse(text)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NativeCoinForTwoAssets_Rejected()
    {
        var text = ReserveTestFixtures.RegistryJson().Replace("\"ETH\": {", "\"WETH\": { \"decimals\": 18, \"holdings\": [ { \"chain\": \"ethereum\" } ] }, \"ETH\": {", StringComparison.Ordinal);
        Assert.Contains("the native coin of 'ethereum' is already listed", Assert.Throws<InputException>(() => Parse(text)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"chain\": \"litecoin\" }", "assets.BTC.holdings[0].chain")]
    [InlineData("{ \"chain\": \"bitcoin\", \"contract\": \"0x0000000000000000000000000000000000000001\" }", "assets.BTC.holdings[0].contract")]
    [InlineData("{ \"chain\": \"bitcoin\", \"note\": \"x\" }", "assets.BTC.holdings[0].note")]
    public void Parse_BadHolding_NamesField(string holding, string field)
    {
        var text = ReserveTestFixtures.RegistryJson().Replace("\"BTC\": { \"decimals\": 8, \"holdings\": [ { \"chain\": \"bitcoin\" } ] }", "\"BTC\": { \"decimals\": 8, \"holdings\": [ " + holding + " ] }", StringComparison.Ordinal);
        Assert.Equal(field, Assert.Throws<InputException>(() => Parse(text)).Field);
    }

    [Fact]
    public void Parse_EvmContractNotAnAddress_Rejected()
    {
        var text = ReserveTestFixtures.RegistryJson().Replace(ReserveTestFixtures.UsdtContract, "0x1234", StringComparison.Ordinal);
        Assert.Equal("assets.USDT.holdings[0].contract", Assert.Throws<InputException>(() => Parse(text)).Field);
    }

    [Fact]
    public void Parse_NoHoldingsOrNoChains_Rejected()
    {
        var noHoldings = ReserveTestFixtures.RegistryJson().Replace("\"ETH\": { \"decimals\": 18, \"holdings\": [ { \"chain\": \"ethereum\" } ] }", "\"ETH\": { \"decimals\": 18, \"holdings\": [ ] }", StringComparison.Ordinal);
        Assert.Equal("assets.ETH.holdings", Assert.Throws<InputException>(() => Parse(noHoldings)).Field);
        var json = JsonNode.Parse(ReserveTestFixtures.RegistryJson())!.AsObject();
        json["chains"] = new JsonObject();
        json["assets"] = new JsonObject();
        Assert.Equal("chains", Assert.Throws<InputException>(() => Parse(json.ToJsonString())).Field);
    }

    [Theory]
    [InlineData("bitcoin", "0x00000000000000000002a7c4c1e48d76c5a37902165a270156b7a8d72728a054")]
    [InlineData("ethereum", "9b83c12c69edb74f6c8dd5d052765c1adf940e320bd1291696e6fa07829eedc7")]
    public void Parse_SnapshotHashInAnotherChainsForm_Rejected(string chain, string hash)
    {
        var json = JsonNode.Parse(ReserveTestFixtures.RegistryJson())!.AsObject();
        json["chains"]![chain]!["snapshot"]!["hash"] = hash;
        Assert.Equal($"chains.{chain}.snapshot.hash", Assert.Throws<InputException>(() => Parse(json.ToJsonString())).Field);
    }

    [Fact]
    public void Parse_Window_ReadAndBoundedByGenesis()
    {
        var json = JsonNode.Parse(ReserveTestFixtures.RegistryJson())!.AsObject();
        json["chains"]!["ethereum"]!["window"] = new JsonObject { ["blocks_before"] = 50400, ["blocks_after"] = 50400, ["samples_each_side"] = 14 };
        Assert.Equal(new WindowPolicy(50400, 50400, 14, 1000), Parse(json.ToJsonString()).Chains["ethereum"].Window);
        json["chains"]!["ethereum"]!["window"]!["blocks_before"] = 19000001;
        Assert.Equal("chains.ethereum.window.blocks_before", Assert.Throws<InputException>(() => Parse(json.ToJsonString())).Field);
    }

    private static ReserveRegistry Parse(string text) => ReserveRegistryParser.Parse(Encoding.UTF8.GetBytes(text), "r.json");
}
