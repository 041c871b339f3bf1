// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Por.Reserves.Nodes;
using Por.Tokens.Registry;

namespace Por.Tokens.Supply;

/// <summary>
/// The EVM JSON-RPC reads token PoR needs, over por's <see cref="HttpNodeTransport"/> (timeouts, retries with
/// backoff): chain id, tip, the <c>finalized</c> block, blocks by number and by hash, and <c>eth_call</c>s of
/// <c>totalSupply()</c>, <c>decimals()</c> and <c>balanceOf(address)</c> at a block pinned by hash (EIP-1898,
/// <c>requireCanonical: true</c>). Every failure is a <see cref="NodeException"/>.
/// </summary>
public sealed class EvmTokenNode
{
    private readonly HttpNodeTransport _transport;

    /// <summary>Creates a reader over a transport.</summary>
    /// <param name="transport">The node's transport.</param>
    public EvmTokenNode(HttpNodeTransport transport) => _transport = transport ?? throw new ArgumentNullException(nameof(transport));

    /// <summary>The node's endpoint, for messages.</summary>
    public Uri Endpoint => _transport.Endpoint;

    /// <summary><c>eth_chainId</c>.</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The chain id.</returns>
    public async Task<long> ChainIdAsync(CancellationToken cancellationToken) =>
        ToLong(await QuantityAsync("eth_chainId", new JsonArray(), cancellationToken).ConfigureAwait(false), "eth_chainId");

    /// <summary><c>eth_blockNumber</c>.</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The tip height.</returns>
    public async Task<long> TipAsync(CancellationToken cancellationToken) =>
        ToLong(await QuantityAsync("eth_blockNumber", new JsonArray(), cancellationToken).ConfigureAwait(false), "eth_blockNumber");

    /// <summary>The block the node calls <c>finalized</c>.</summary>
    /// <param name="chain">The chain name, for the result.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The block.</returns>
    public async Task<PinnedBlock> FinalizedAsync(string chain, CancellationToken cancellationToken) =>
        Block(chain, await _transport.CallAsync("eth_getBlockByNumber", new JsonArray("finalized", false), cancellationToken).ConfigureAwait(false), "finalized", null);

    /// <summary>The block at <paramref name="height"/>.</summary>
    /// <param name="chain">The chain name, for the result.</param>
    /// <param name="height">The block number.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The block (hash and time).</returns>
    public async Task<PinnedBlock> BlockAsync(string chain, long height, CancellationToken cancellationToken)
    {
        var result = await _transport.CallAsync("eth_getBlockByNumber", new JsonArray(Hex(height), false), cancellationToken).ConfigureAwait(false);
        return Block(chain, result, $"block {height}", height);
    }

    /// <summary>The block with hash <paramref name="hash"/>, or null when the node does not know it.</summary>
    /// <param name="chain">The chain name, for the result.</param>
    /// <param name="hash">The block hash.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The block, or null.</returns>
    public async Task<PinnedBlock?> BlockByHashAsync(string chain, string hash, CancellationToken cancellationToken)
    {
        var result = await _transport.CallAsync("eth_getBlockByHash", new JsonArray(hash, false), cancellationToken).ConfigureAwait(false);
        return result.ValueKind == JsonValueKind.Null ? null : Block(chain, result, "block " + hash, null);
    }

    /// <summary><c>totalSupply()</c> of <paramref name="contract"/> at the pinned block.</summary>
    /// <param name="contract">The token contract.</param>
    /// <param name="block">The pinned block.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The raw supply in the contract's base units.</returns>
    public Task<BigInteger> TotalSupplyAsync(string contract, PinnedBlock block, CancellationToken cancellationToken) =>
        UintCallAsync(contract, "18160ddd", "totalSupply()", block, cancellationToken);

    /// <summary><c>decimals()</c> of <paramref name="contract"/> at the pinned block.</summary>
    /// <param name="contract">The token contract.</param>
    /// <param name="block">The pinned block.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The decimals.</returns>
    public async Task<int> DecimalsAsync(string contract, PinnedBlock block, CancellationToken cancellationToken)
    {
        var value = await UintCallAsync(contract, "313ce567", "decimals()", block, cancellationToken).ConfigureAwait(false);
        return value > 255 ? throw new NodeException(NodeFailureKind.Protocol, $"decimals() of {contract} returned {value}, not a uint8") : (int)value;
    }

    /// <summary><c>balanceOf(holder)</c> of <paramref name="contract"/> at the pinned block.</summary>
    /// <param name="contract">The token contract.</param>
    /// <param name="holder">The holder address (0x-hex).</param>
    /// <param name="block">The pinned block.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The raw balance.</returns>
    public Task<BigInteger> BalanceOfAsync(string contract, string holder, PinnedBlock block, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(holder);
        return UintCallAsync(contract, "70a08231" + new string('0', 24) + holder[2..].ToLowerInvariant(), $"balanceOf({holder})", block, cancellationToken);
    }

    /// <summary>An <c>eth_call</c> returning one uint256 word, at the pinned block.</summary>
    /// <param name="contract">The contract.</param>
    /// <param name="dataHex">Call data without 0x.</param>
    /// <param name="what">The call, for messages.</param>
    /// <param name="block">The pinned block.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The word.</returns>
    /// <exception cref="NodeException">A node failure, or an answer that is not one word (kind Protocol: not the expected contract).</exception>
    public async Task<BigInteger> UintCallAsync(string contract, string dataHex, string what, PinnedBlock block, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(block);
        var call = new JsonObject { ["to"] = contract.ToLowerInvariant(), ["data"] = "0x" + dataHex };
        var at = new JsonObject { ["blockHash"] = block.Hash, ["requireCanonical"] = true };
        var result = await _transport.CallAsync("eth_call", new JsonArray(call, at), cancellationToken).ConfigureAwait(false);
        var text = result.ValueKind == JsonValueKind.String ? result.GetString()! : string.Empty;
        if (!text.StartsWith("0x", StringComparison.Ordinal) || text.Length != 66 || !text[2..].All(Uri.IsHexDigit))
        {
            throw new NodeException(NodeFailureKind.Protocol, $"{what} of {contract} at block {block.Height} returned '{Shorten(text)}', not one 32-byte word (no such contract at that block?)");
        }

        return BigInteger.Parse("0" + text[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }

    private async Task<BigInteger> QuantityAsync(string method, JsonArray parameters, CancellationToken cancellationToken) =>
        ParseQuantity(await _transport.CallAsync(method, parameters, cancellationToken).ConfigureAwait(false), method);

    private static PinnedBlock Block(string chain, JsonElement result, string what, long? expectedHeight)
    {
        if (result.ValueKind != JsonValueKind.Object
            || !result.TryGetProperty("hash", out var hashElement) || hashElement.GetString() is not { } hash
            || !result.TryGetProperty("number", out var numberElement) || !result.TryGetProperty("timestamp", out var timeElement))
        {
            throw new NodeException(NodeFailureKind.BlockMismatch, $"the node has no {what}");
        }

        if (hash.Length != 66 || !hash.StartsWith("0x", StringComparison.Ordinal) || !hash[2..].All(Uri.IsHexDigit))
        {
            throw new NodeException(NodeFailureKind.Protocol, $"{what} has hash '{Shorten(hash)}', not 32 bytes of hex");
        }

        var number = ToLong(ParseQuantity(numberElement, what + " number"), what + " number");
        if (expectedHeight is { } h && number != h)
        {
            throw new NodeException(NodeFailureKind.BlockMismatch, $"asked for block {h}, the node answered block {number}");
        }

        var seconds = ParseQuantity(timeElement, what + " timestamp");
        if (seconds > 253402300799)
        {
            throw new NodeException(NodeFailureKind.Protocol, $"{what} has timestamp {seconds}, beyond year 9999");
        }

        return new PinnedBlock(chain, number, hash.ToLowerInvariant(), DateTimeOffset.FromUnixTimeSeconds((long)seconds));
    }

    private static BigInteger ParseQuantity(JsonElement element, string what)
    {
        var text = element.ValueKind == JsonValueKind.String ? element.GetString()! : string.Empty;
        if (!text.StartsWith("0x", StringComparison.Ordinal) || text.Length < 3 || text.Length > 66 || !text[2..].All(Uri.IsHexDigit))
        {
            throw new NodeException(NodeFailureKind.Protocol, $"{what}: '{Shorten(text)}' is not a hex quantity");
        }

        return BigInteger.Parse("0" + text[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }

    private static long ToLong(BigInteger value, string what) =>
        value > long.MaxValue ? throw new NodeException(NodeFailureKind.Protocol, $"{what} {value} is out of range") : (long)value;

    private static string Hex(long value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "…" : text;
}
