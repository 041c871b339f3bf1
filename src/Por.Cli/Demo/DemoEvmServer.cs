// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Por.Cli.Demo;

/// <summary>
/// A minimal EVM JSON-RPC node on 127.0.0.1 that answers from a <see cref="DemoChain"/>: eth_chainId,
/// eth_getBlockByNumber, and eth_getBalance / eth_call balanceOf / eth_getCode at a block named by hash (EIP-1898).
/// It exists so <c>por demo</c> exercises the real reserves verifier and its EVM client without a blockchain; a
/// real node (or anvil) is configured the same way in a por-nodes/3 file.
/// </summary>
public sealed class DemoEvmServer : IAsyncDisposable
{
    private readonly DemoChain _chain;
    private readonly LoopbackHttpServer _server;

    private DemoEvmServer(DemoChain chain)
    {
        _chain = chain;
        _server = LoopbackHttpServer.Start(request => new LoopbackResponse(200, "application/json", Handle(request.Body)));
    }

    /// <summary>The endpoint.</summary>
    public Uri Url => _server.Url;

    /// <summary>Starts a server on a free loopback port.</summary>
    /// <param name="chain">The chain state.</param>
    /// <returns>The running server.</returns>
    public static DemoEvmServer Start(DemoChain chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        return new DemoEvmServer(chain);
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _server.DisposeAsync();

    /// <summary>Answers one JSON-RPC request.</summary>
    /// <param name="body">The request body.</param>
    /// <returns>The response body.</returns>
    public string Handle(string body)
    {
        JsonNode? id = null;
        try
        {
            var request = JsonNode.Parse(body)!.AsObject();
            id = request["id"]?.DeepClone();
            var method = request["method"]!.GetValue<string>();
            var parameters = request["params"]?.AsArray() ?? [];
            JsonNode? result = method switch
            {
                "eth_chainId" => Quantity(_chain.ChainId),
                "eth_blockNumber" => Quantity(_chain.Blocks.Keys.Max()),
                "eth_getBlockByNumber" => BlockByNumber(parameters),
                "eth_getBalance" => Quantity(At(parameters[1]).Native.GetValueOrDefault(Address(parameters[0]))),
                "eth_call" => Call(parameters),
                "eth_getCode" => "0x",
                _ => throw new InvalidOperationException($"method {method} is not served by the demo node"),
            };
            return new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["result"] = result }.ToJsonString();
        }
        catch (Exception e) when (e is InvalidOperationException or JsonException or FormatException or NullReferenceException or KeyNotFoundException or ArgumentException)
        {
            return new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["error"] = new JsonObject { ["code"] = -32000, ["message"] = e.Message } }.ToJsonString();
        }
    }

    private JsonObject? BlockByNumber(JsonArray parameters)
    {
        var height = long.Parse(parameters[0]!.GetValue<string>().AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return _chain.Blocks.TryGetValue(height, out var block)
            ? new JsonObject { ["number"] = Quantity(height), ["hash"] = block.Hash }
            : null;
    }

    private DemoBlock At(JsonNode? blockParameter)
    {
        var hash = blockParameter!["blockHash"]!.GetValue<string>().ToLowerInvariant();
        return _chain.Blocks.Values.FirstOrDefault(b => string.Equals(b.Hash, hash, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"header not found: {hash}");
    }

    private string Call(JsonArray parameters)
    {
        var call = parameters[0]!.AsObject();
        var token = Address(call["to"]);
        var data = call["data"]!.GetValue<string>();
        var block = At(parameters[1]);
        if (string.Equals(data, "0x313ce567", StringComparison.Ordinal))
        {
            return _chain.TokenDecimals.TryGetValue(token, out var decimals) ? "0x" + decimals.ToString("x64", CultureInfo.InvariantCulture) : "0x";
        }

        if (!data.StartsWith("0x70a08231", StringComparison.Ordinal) || data.Length != 2 + 8 + 64)
        {
            throw new InvalidOperationException("execution reverted: the demo node only serves balanceOf(address) and decimals()");
        }

        if (!block.Tokens.TryGetValue(token, out var holders))
        {
            return "0x";
        }

        var holder = "0x" + data[^40..].ToLowerInvariant();
        return "0x" + holders.GetValueOrDefault(holder).ToString("x64", CultureInfo.InvariantCulture);
    }

    private static string Address(JsonNode? node) => node!.GetValue<string>().ToLowerInvariant();

    private static string Quantity(long value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    private static string Quantity(UInt128 value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);
}
