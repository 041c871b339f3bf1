// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Por.Tokens.MintGuard;

namespace Por.IntegrationTests;

/// <summary>
/// Drives the mint-guard contracts (contracts/*.json) on an <see cref="AnvilNode"/>: deploys, transactions whose revert
/// is expected (the custom error is read back with debug_traceTransaction), and eth_call with a block-time override
/// and a totalSupply state override (the differential test).
/// </summary>
internal sealed class MintGuardChain(AnvilNode anvil) : IDisposable
{
    /// <summary>PorGuardedToken's storage slot of totalSupply (name 0, symbol 1, totalSupply 2; checked by the tests).</summary>
    public const int TotalSupplySlot = 2;

    private static readonly Dictionary<string, string> s_errors = new(StringComparer.Ordinal)
    {
        ["ReserveAnswerNotPositive(int256)"] = "ReserveAnswerNotPositive",
        ["ReserveFeedFromFuture(uint256,uint256)"] = "ReserveFeedFromFuture",
        ["ReserveFeedStale(uint256,uint256,uint256)"] = "ReserveFeedStale",
        ["ReservesOutOfRange(int256,uint8,uint8)"] = "ReservesOutOfRange",
        ["MintExceedsReserves(uint256,uint256,uint256)"] = "MintExceedsReserves",
        ["InvalidMargin(uint8,uint256)"] = "InvalidMargin",
        ["InvalidReserveFeed()"] = "InvalidReserveFeed",
        ["NotOwner(address)"] = "NotOwner",
        ["NotUpdater(address)"] = "NotUpdater",
        ["ZeroAddress()"] = "ZeroAddress",
        ["AnswerNotPositive(int256)"] = "AnswerNotPositive",
        ["UpdatedAtNotIncreasing(uint256,uint256)"] = "UpdatedAtNotIncreasing",
        ["UpdatedAtInFuture(uint256,uint256)"] = "UpdatedAtInFuture",
        ["NoDataPresent()"] = "NoDataPresent",
        ["RoundNotFound(uint80)"] = "RoundNotFound",
    };

    private static readonly Dictionary<string, string> s_bySelector =
        s_errors.ToDictionary(e => Convert.ToHexStringLower(EvmAbi.Selector(e.Key)), e => e.Value, StringComparer.Ordinal);

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private long _id;

    public static string ContractJson(string name) => Path.Combine(RepositoryPaths.Root, "contracts", name + ".json");

    public static string Hex(byte[] bytes) => "0x" + Convert.ToHexStringLower(bytes);

    public static byte[] AddressBytes(string address) => Convert.FromHexString(address[2..]);

    /// <summary>The custom error's name in revert data, e.g. "MintExceedsReserves", or "(panic or unknown 0x…)".</summary>
    public static string ErrorName(string revertData) =>
        revertData.Length >= 10 && s_bySelector.TryGetValue(revertData[2..10], out var name) ? name : "(unknown " + revertData + ")";

    /// <summary>Word <paramref name="index"/> of a custom error's arguments.</summary>
    public static BigInteger ErrorArgument(string revertData, int index) => EvmAbi.ReadUint(Convert.FromHexString(revertData[10..]), index);

    public async Task<string> DeployAsync(string from, string contract, byte[] constructorArguments)
    {
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(ContractJson(contract)).ConfigureAwait(false));
        var bytecode = document.RootElement.GetProperty("bytecode").GetString()!;
        var receipt = await anvil.SendAsync(from, null, bytecode + Convert.ToHexStringLower(constructorArguments)).ConfigureAwait(false);
        return receipt.GetProperty("contractAddress").GetString()!;
    }

    public Task<string> DeployFeedAsync(string owner, int decimals, string updater) =>
        DeployAsync(owner, "PorReserveFeed", EvmAbi.Encode(AbiValue.Uint(decimals), AbiValue.String("test reserves"), AbiValue.Address(AddressBytes(updater))));

    public Task<string> DeployTokenAsync(string owner, int decimals, string feed, MarginMode mode, BigInteger margin, BigInteger maxStaleness) =>
        DeployAsync(owner, "PorGuardedToken", TokenArguments(decimals, feed, mode, margin, maxStaleness));

    public static byte[] TokenArguments(int decimals, string feed, MarginMode mode, BigInteger margin, BigInteger maxStaleness) =>
        EvmAbi.Encode(
            AbiValue.String("Guarded Test"), AbiValue.String("GRD"), AbiValue.Uint(decimals), AbiValue.Address(AddressBytes(feed)),
            AbiValue.Uint((int)mode), AbiValue.Uint(margin), AbiValue.Uint(maxStaleness));

    /// <summary>Sends a transaction (or a deployment when <paramref name="to"/> is null); null when it succeeded, else its revert data.</summary>
    public async Task<string?> TrySendAsync(string from, string? to, byte[] data)
    {
        var tx = new JsonObject { ["from"] = from, ["data"] = Hex(data), ["gas"] = "0x1c9c380" };
        if (to is not null)
        {
            tx["to"] = to;
        }

        var hash = (await anvil.CallAsync("eth_sendTransaction", tx).ConfigureAwait(false)).GetString()!;
        var receipt = await anvil.CallAsync("eth_getTransactionReceipt", hash).ConfigureAwait(false);
        for (var i = 0; i < 100 && receipt.ValueKind == JsonValueKind.Null; i++)
        {
            await Task.Delay(50).ConfigureAwait(false);
            receipt = await anvil.CallAsync("eth_getTransactionReceipt", hash).ConfigureAwait(false);
        }

        if (string.Equals(receipt.GetProperty("status").GetString(), "0x1", StringComparison.Ordinal))
        {
            return null;
        }

        var trace = await anvil.CallAsync("debug_traceTransaction", hash, new JsonObject { ["tracer"] = "callTracer" }).ConfigureAwait(false);
        return trace.TryGetProperty("output", out var output) ? output.GetString() ?? "0x" : "0x";
    }

    /// <summary>Sends a transaction that must succeed; returns its receipt.</summary>
    public async Task<JsonElement> SendAsync(string from, string to, byte[] data) =>
        await anvil.SendAsync(from, to, Hex(data)).ConfigureAwait(false);

    /// <summary>eth_call at the latest block; returns (true, return data) or (false, revert data).</summary>
    /// <param name="from">The caller.</param>
    /// <param name="to">The contract.</param>
    /// <param name="data">Call data.</param>
    /// <param name="time">block.timestamp to run with (a block override), or null.</param>
    /// <param name="storage">Storage slots to override on <paramref name="to"/>, or null.</param>
    public async Task<(bool Ok, string Data)> CallAsync(string from, string to, byte[] data, BigInteger? time = null, IReadOnlyDictionary<int, BigInteger>? storage = null)
    {
        var parameters = new JsonArray(new JsonObject { ["from"] = from, ["to"] = to, ["data"] = Hex(data) }, "latest");
        var state = new JsonObject();
        if (storage is not null)
        {
            var diff = new JsonObject();
            foreach (var (slot, value) in storage)
            {
                diff[Hex(EvmAbi.Word(slot))] = Hex(EvmAbi.Word(value));
            }

            state[to] = new JsonObject { ["stateDiff"] = diff };
        }

        parameters.Add(state);
        if (time is { } t)
        {
            parameters.Add(new JsonObject { ["time"] = "0x" + t.ToString("x", CultureInfo.InvariantCulture).TrimStart('0').PadLeft(1, '0') });
        }

        var request = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = Interlocked.Increment(ref _id), ["method"] = "eth_call", ["params"] = parameters };
        using var content = new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(anvil.Url, content).ConfigureAwait(false);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
        if (document.RootElement.TryGetProperty("error", out var error))
        {
            return error.TryGetProperty("data", out var revert) && revert.ValueKind == JsonValueKind.String
                ? (false, revert.GetString()!)
                : throw new InvalidOperationException("eth_call: " + error);
        }

        return (true, document.RootElement.GetProperty("result").GetString()!);
    }

    public async Task<long> LatestTimestampAsync()
    {
        var block = await anvil.CallAsync("eth_getBlockByNumber", "latest", false).ConfigureAwait(false);
        return long.Parse(block.GetProperty("timestamp").GetString()![2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }

    public void Dispose() => _http.Dispose();
}
