// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Por.Reserves.Registry;

namespace Por.IntegrationTests;

/// <summary>Test-network registries for the anvil chain ("anvil", chain id 31337) at a given snapshot block.</summary>
internal static class AnvilRegistry
{
    public const string Chain = "anvil";
    public const long ChainId = 31337;

    /// <summary>Registry JSON: ETH native plus the given tokens (symbol, contract, decimals).</summary>
    public static string Json(string round, long height, string hash, IEnumerable<(string Symbol, string Contract, int Decimals)>? tokens = null, JsonObject? window = null)
    {
        var chain = new JsonObject
        {
            ["family"] = "evm",
            ["chain_id"] = ChainId,
            ["snapshot"] = new JsonObject { ["height"] = height, ["hash"] = hash },
        };
        if (window is not null)
        {
            chain["window"] = window;
        }

        var assets = new JsonObject
        {
            ["ETH"] = new JsonObject { ["decimals"] = 18, ["holdings"] = new JsonArray(new JsonObject { ["chain"] = Chain }) },
        };
        foreach (var (symbol, contract, decimals) in tokens ?? [])
        {
            assets[symbol] = new JsonObject { ["decimals"] = decimals, ["holdings"] = new JsonArray(new JsonObject { ["chain"] = Chain, ["contract"] = contract }) };
        }

        return new JsonObject
        {
            ["format"] = ReserveRegistryParser.FormatVersion,
            ["round"] = round,
            ["network"] = "test",
            ["chains"] = new JsonObject { [Chain] = chain },
            ["assets"] = assets,
        }.ToJsonString();
    }

    public static ReserveRegistry Parse(string round, long height, string hash, IEnumerable<(string Symbol, string Contract, int Decimals)>? tokens = null, JsonObject? window = null) =>
        ReserveRegistryParser.Parse(Encoding.UTF8.GetBytes(Json(round, height, hash, tokens, window)), "anvil-registry.json");

    /// <summary>A por-nodes/3 config pointing "anvil" at <paramref name="url"/>.</summary>
    public static string NodeConfig(Uri url) => string.Create(CultureInfo.InvariantCulture,
        $"{{\"format\":\"por-nodes/3\",\"chains\":{{\"{Chain}\":{{\"kind\":\"evm\",\"url\":\"{url}\",\"max_attempts\":2,\"retry_base_delay_ms\":50,\"timeout_seconds\":10}}}}}}");
}
