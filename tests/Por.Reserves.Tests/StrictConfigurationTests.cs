// SPDX-License-Identifier: Apache-2.0

using System.Text;
using Por.Common;
using Por.Reserves.Nodes;
using Por.Reserves.Registry;

namespace Por.Reserves.Tests;

/// <summary>
/// Node configurations (por-nodes/2) and registries (por-reserves-registry/1) reject unknown fields and fields given
/// twice at every level, naming the file and the field path; a repeated field with the same value is rejected too,
/// since a reader that saw only one copy could be shown another.
/// </summary>
public sealed class StrictConfigurationTests
{
    private static readonly string s_nodes = $$"""
        { "format": "por-nodes/2", "chains": { "ethereum": { "kind": "evm", "url": "http://127.0.0.1:1", "snapshot": { "height": 19000000, "hash": "{{ReserveTestFixtures.EthHash}}" } } } }
        """;

    private static IReadOnlyDictionary<string, IChainBalanceReader> ParseNodes(string json)
    {
        using var http = new HttpClient();
        return NodeConfiguration.Parse(Encoding.UTF8.GetBytes(json), "nodes.json", ReserveTestFixtures.Registry, http, _ => null);
    }

    [Fact]
    public void Nodes_Baseline_Accepted() => Assert.Single(ParseNodes(s_nodes));

    [Theory]
    [InlineData("\"format\": \"por-nodes/2\",", "\"format\": \"por-nodes/2\", \"format\": \"por-nodes/2\",", "format", "twice")]
    [InlineData("\"format\": \"por-nodes/2\",", "\"format\": \"por-nodes/2\", \"comment\": 1,", "comment", "unknown")]
    [InlineData("\"kind\": \"evm\",", "\"kind\": \"evm\", \"kind\": \"evm\",", "chains.ethereum.kind", "twice")]
    [InlineData("\"url\": \"http://127.0.0.1:1\",", "\"url\": \"http://127.0.0.1:1\", \"url\": \"http://127.0.0.1:2\",", "chains.ethereum.url", "twice")]
    [InlineData("\"url\": \"http://127.0.0.1:1\",", "\"url\": \"http://127.0.0.1:1\", \"password\": \"x\",", "chains.ethereum.password", "unknown")]
    [InlineData("\"height\": 19000000,", "\"height\": 19000000, \"height\": 19000000,", "chains.ethereum.snapshot.height", "twice")]
    [InlineData("\"height\": 19000000,", "\"height\": 19000000, \"number\": 1,", "chains.ethereum.snapshot.number", "unknown")]
    [InlineData("\"chains\": {", "\"chains\": { \"ethereum\": { \"kind\": \"evm\", \"url\": \"http://127.0.0.1:3\" },", "chains.ethereum", "twice")]
    public void Nodes_UnknownOrRepeatedField_NamesFileAndField(string find, string replace, string field, string reason)
    {
        var mutated = s_nodes.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(s_nodes, mutated);
        var ex = Assert.Throws<InputException>(() => ParseNodes(mutated));
        Assert.Equal("nodes.json", ex.File);
        Assert.Equal(field, ex.Field);
        Assert.Contains(reason, ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Registry_Baseline_Accepted() =>
        Assert.Equal(2, ReserveRegistryParser.Parse(Encoding.UTF8.GetBytes(ReserveTestFixtures.RegistryJson()), "registry.json").Chains.Count);

    [Theory]
    [InlineData("\"round\": \"2026-11\",", "\"round\": \"2026-11\", \"round\": \"2026-12\",", "round", "twice")]
    [InlineData("\"network\": \"mainnet\",", "\"network\": \"mainnet\", \"note\": 1,", "note", "unknown")]
    [InlineData("\"bitcoin_network\": \"bitcoin\",", "\"bitcoin_network\": \"bitcoin\", \"bitcoin_network\": \"bitcoin\",", "chains.bitcoin.bitcoin_network", "twice")]
    [InlineData("\"family\": \"evm\",", "\"family\": \"evm\", \"rpc\": \"x\",", "chains.ethereum.rpc", "unknown")]
    [InlineData("\"height\": 800000,", "\"height\": 800000, \"height\": 800001,", "chains.bitcoin.snapshot.height", "twice")]
    [InlineData("\"chains\": {", "\"chains\": { \"ethereum\": { \"family\": \"evm\", \"chain_id\": 1, \"snapshot\": { \"height\": 19000000, \"hash\": \"0x9b83c12c69edb74f6c8dd5d052765c1adf940e320bd1291696e6fa07829eedc7\" } },", "chains.ethereum", "twice")]
    [InlineData("\"BTC\": { \"decimals\": 8,", "\"BTC\": { \"decimals\": 8, \"decimals\": 8,", "assets.BTC.decimals", "twice")]
    [InlineData("[ { \"chain\": \"bitcoin\" } ]", "[ { \"chain\": \"bitcoin\", \"memo\": \"x\" } ]", "assets.BTC.holdings[0].memo", "unknown")]
    [InlineData("\"assets\": {", "\"assets\": { \"BTC\": { \"decimals\": 8, \"holdings\": [ { \"chain\": \"bitcoin\" } ] },", "assets.BTC", "twice")]
    public void Registry_UnknownOrRepeatedField_NamesFileAndField(string find, string replace, string field, string reason)
    {
        var json = ReserveTestFixtures.RegistryJson();
        var mutated = json.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(json, mutated);
        var ex = Assert.Throws<InputException>(() => ReserveRegistryParser.Parse(Encoding.UTF8.GetBytes(mutated), "registry.json"));
        Assert.Equal("registry.json", ex.File);
        Assert.Equal(field, ex.Field);
        Assert.Contains(reason, ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Registry_InvalidUtf8_InputError()
    {
        var json = Encoding.UTF8.GetBytes(ReserveTestFixtures.RegistryJson("2026-1@")).Select(b => b == (byte)'@' ? (byte)0xC3 : b).ToArray();
        var ex = Assert.Throws<InputException>(() => ReserveRegistryParser.Parse(json, "registry.json"));
        Assert.Equal("registry.json", ex.File);
        Assert.Equal("round", ex.Field);
        Assert.Equal(2, ex.Line);
        Assert.Contains("UTF-8", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Registry_EscapedUnpairedSurrogate_InputError()
    {
        var json = Encoding.UTF8.GetBytes(ReserveTestFixtures.RegistryJson("2026-11\\ud800"));
        var ex = Assert.Throws<InputException>(() => ReserveRegistryParser.Parse(json, "registry.json"));
        Assert.Equal("registry.json", ex.File);
        Assert.Equal("round", ex.Field);
    }

    [Fact]
    public void Nodes_InvalidUtf8_InputError()
    {
        var json = Encoding.UTF8.GetBytes(s_nodes.Replace("127.0.0.1:1", "127.0.0.1:1@", StringComparison.Ordinal)).Select(b => b == (byte)'@' ? (byte)0xFF : b).ToArray();
        using var http = new HttpClient();
        var ex = Assert.Throws<InputException>(() => NodeConfiguration.Parse(json, "nodes.json", ReserveTestFixtures.Registry, http, _ => null));
        Assert.Equal("nodes.json", ex.File);
        Assert.Equal("chains.ethereum.url", ex.Field);
        Assert.Contains("UTF-8", ex.Reason, StringComparison.Ordinal);
    }
}
