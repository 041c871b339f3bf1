// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Por.Reserves.Nodes;
using Por.Tokens.Registry;

namespace Por.Tokens.Reserves;

/// <summary>
/// An EVM JSON-RPC node for reserve reads. Balances go through por's <see cref="EvmNode"/> (EIP-1898 reads by hash
/// with <c>requireCanonical</c>); the block to read is the evaluation's supply pin of the chain, or else tip − confirmations + 1 and feed calls use the
/// same pinning: <c>eth_call</c> with <c>{blockHash, requireCanonical: true}</c>. The chain id is checked on every read.
/// </summary>
/// <param name="transport">The JSON-RPC transport (retries and timeouts).</param>
/// <param name="chainId">The chain id the node must report.</param>
public sealed class EvmEndpoint(HttpNodeTransport transport, long chainId)
{
    private readonly HttpNodeTransport _transport = transport ?? throw new ArgumentNullException(nameof(transport));

    /// <summary>The chain id the node must report.</summary>
    public long ChainId { get; } = chainId;

    /// <summary>A new balance reader over this endpoint (no cache shared across evaluations).</summary>
    /// <returns>The reader.</returns>
    public EvmNode CreateReader() => new(_transport, ChainId);

    /// <summary>
    /// Checks the chain id, then gives the block to read: <paramref name="pin"/> when the evaluation has one for this
    /// chain (reads by its hash with <c>requireCanonical</c> fail if it is no longer canonical), otherwise the block
    /// <paramref name="confirmations"/> deep (tip − confirmations + 1), with its hash and timestamp.
    /// </summary>
    /// <param name="chain">The chain's name in the registry.</param>
    /// <param name="confirmations">The confirmation depth (≥ 1; 1 = the tip) used without a pin.</param>
    /// <param name="pin">The supply's pinned block of this chain, or null.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The block's height, hash and time.</returns>
    /// <exception cref="NodeException">The node failed, serves another chain, or is shorter than the depth.</exception>
    public async Task<PinnedBlock> BlockAsync(string chain, int confirmations, PinnedBlock? pin, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(confirmations, 1);
        var id = Quantity(await _transport.CallAsync("eth_chainId", new JsonArray(), cancellationToken).ConfigureAwait(false), "eth_chainId");
        if (id != ChainId)
        {
            throw new NodeException(NodeFailureKind.WrongChain, $"node at {_transport.Endpoint} reports chain id {id}, configured {ChainId}");
        }

        if (pin is not null)
        {
            return pin;
        }

        var tip = Quantity(await _transport.CallAsync("eth_blockNumber", new JsonArray(), cancellationToken).ConfigureAwait(false), "eth_blockNumber");
        var height = tip - confirmations + 1;
        if (height < 0 || height > long.MaxValue)
        {
            throw new NodeException(NodeFailureKind.Protocol, $"the chain's tip is {tip}: no block has {confirmations} confirmations");
        }

        var block = await _transport.CallAsync("eth_getBlockByNumber", new JsonArray("0x" + ((long)height).ToString("x", CultureInfo.InvariantCulture), false), cancellationToken).ConfigureAwait(false);
        if (block.ValueKind != JsonValueKind.Object || !block.TryGetProperty("hash", out var hash) || hash.GetString() is not { Length: 66 } hashText
            || !block.TryGetProperty("timestamp", out var timestamp) || !block.TryGetProperty("number", out var number))
        {
            throw new NodeException(NodeFailureKind.BlockMismatch, $"the node has no block at height {height}");
        }

        if (Quantity(number, "eth_getBlockByNumber.number") != height)
        {
            throw new NodeException(NodeFailureKind.BlockMismatch, $"asked for block {height}, the node answered block {number}");
        }

        var seconds = Quantity(timestamp, "eth_getBlockByNumber.timestamp");
        if (seconds > 253_402_300_799)
        {
            throw new NodeException(NodeFailureKind.Protocol, $"block {height} has timestamp {seconds}");
        }

        return new PinnedBlock(chain, (long)height, hashText.ToLowerInvariant(), DateTimeOffset.FromUnixTimeSeconds((long)seconds));
    }

    /// <summary><c>eth_call</c> at a block pinned by hash (EIP-1898, <c>requireCanonical</c>).</summary>
    /// <param name="to">The contract.</param>
    /// <param name="dataHex">Call data without 0x.</param>
    /// <param name="blockHash">The pinned block hash (0x-hex).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The returned bytes.</returns>
    /// <exception cref="NodeException">The node failed, the call reverted, or the answer is not hex.</exception>
    public async Task<byte[]> CallAsync(string to, string dataHex, string blockHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(to);
        var call = new JsonObject { ["to"] = to.ToLowerInvariant(), ["data"] = "0x" + dataHex };
        var block = new JsonObject { ["blockHash"] = blockHash, ["requireCanonical"] = true };
        var result = await _transport.CallAsync("eth_call", new JsonArray(call, block), cancellationToken).ConfigureAwait(false);
        var text = result.ValueKind == JsonValueKind.String ? result.GetString()! : string.Empty;
        if (!text.StartsWith("0x", StringComparison.Ordinal) || text.Length % 2 != 0 || !text[2..].All(Uri.IsHexDigit))
        {
            throw new NodeException(NodeFailureKind.Protocol, $"eth_call returned '{text}', not hex data");
        }

        return Convert.FromHexString(text[2..]);
    }

    private static BigInteger Quantity(JsonElement element, string what)
    {
        var text = element.ValueKind == JsonValueKind.String ? element.GetString()! : string.Empty;
        if (!text.StartsWith("0x", StringComparison.Ordinal) || text.Length < 3 || text.Length > 66 || !text[2..].All(Uri.IsHexDigit))
        {
            throw new NodeException(NodeFailureKind.Protocol, $"{what} returned '{text}', not a hex quantity");
        }

        return BigInteger.Parse("0" + text[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }
}
