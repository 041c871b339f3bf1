// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Por.Reserves.Nodes;

namespace Por.Tokens.Monitoring;

/// <summary>
/// The monitor's own chain reads over JSON-RPC (the transport retries): the finalized block, <c>decimals()</c> and
/// <c>owner()</c> at a block pinned by hash (EIP-1898), and ERC-20 mint logs (<c>Transfer</c> from the zero address).
/// </summary>
public static class ChainWatch
{
    /// <summary>The ERC-20 <c>Transfer(address,address,uint256)</c> topic.</summary>
    public const string TransferTopic = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";

    /// <summary>The zero address as a 32-byte topic.</summary>
    public const string ZeroTopic = "0x0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>The most blocks one <c>eth_getLogs</c> call covers (providers cap ranges).</summary>
    public const long LogChunk = 5_000;

    /// <summary>The chain's finalized block: tip − margin, with its hash and time.</summary>
    /// <param name="chain">The chain.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Height, hash and time.</returns>
    /// <exception cref="NodeException">The node failed after retries.</exception>
    public static async Task<(long Height, string Hash, DateTimeOffset Time)> FinalizedAsync(MonitorChain chain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var tip = (long)Quantity(await chain.Node.CallAsync("eth_blockNumber", new JsonArray(), cancellationToken).ConfigureAwait(false), "eth_blockNumber");
        var height = Math.Max(0, tip - chain.FinalityMargin);
        var (hash, time) = await BlockAsync(chain.Node, height, cancellationToken).ConfigureAwait(false);
        return (height, hash, time);
    }

    /// <summary>The hash and time of a block.</summary>
    /// <param name="node">The node.</param>
    /// <param name="height">The height.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Hash (lower-case) and time.</returns>
    /// <exception cref="NodeException">The node failed or has no such block.</exception>
    public static async Task<(string Hash, DateTimeOffset Time)> BlockAsync(HttpNodeTransport node, long height, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        var block = await node.CallAsync("eth_getBlockByNumber", new JsonArray(Hex(height), false), cancellationToken).ConfigureAwait(false);
        if (block.ValueKind != JsonValueKind.Object || !block.TryGetProperty("hash", out var hash) || hash.GetString() is not { } h
            || !block.TryGetProperty("timestamp", out var ts))
        {
            throw new NodeException(NodeFailureKind.BlockMismatch, $"the node has no block at height {height}");
        }

        var seconds = Quantity(ts, "eth_getBlockByNumber timestamp");
        return (h.ToLowerInvariant(), DateTimeOffset.FromUnixTimeSeconds((long)seconds));
    }

    /// <summary>
    /// Reads <c>decimals()</c> and <c>owner()</c> of a contract at a block pinned by hash. A function the contract does
    /// not have (the call reverts or returns nothing) reads as <see cref="ContractObservation.None"/>.
    /// </summary>
    /// <param name="chain">The chain.</param>
    /// <param name="contract">The contract.</param>
    /// <param name="blockHash">The block.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The two observations.</returns>
    /// <exception cref="NodeException">The node failed after retries, or answered malformed data.</exception>
    public static async Task<IReadOnlyList<ContractObservation>> ObserveAsync(MonitorChain chain, string contract, string blockHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(contract);
        var address = contract.ToLowerInvariant();
        var decimals = await CallAsync(chain.Node, address, "0x313ce567", blockHash, cancellationToken).ConfigureAwait(false);
        var owner = await CallAsync(chain.Node, address, "0x8da5cb5b", blockHash, cancellationToken).ConfigureAwait(false);
        return
        [
            new ContractObservation(chain.Name, address, "decimals", decimals is null ? ContractObservation.None : Word(decimals, "decimals()").ToString(CultureInfo.InvariantCulture)),
            new ContractObservation(chain.Name, address, "owner", owner is null ? ContractObservation.None : "0x" + Convert.ToHexStringLower(WordBytes(owner, "owner()").AsSpan(12))),
        ];
    }

    /// <summary>The mint logs of a contract in [<paramref name="from"/>, <paramref name="to"/>], oldest first, with block times.</summary>
    /// <param name="deployment">The deployment.</param>
    /// <param name="canonicalDecimals">The token's canonical decimals (amounts are scaled to them, rounded down).</param>
    /// <param name="from">First block.</param>
    /// <param name="to">Last block.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The mints.</returns>
    /// <exception cref="NodeException">The node failed after retries, or a log is malformed.</exception>
    public static async Task<IReadOnlyList<MintEvent>> MintsAsync(MonitorDeployment deployment, int canonicalDecimals, long from, long to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var contract = deployment.Contract.ToLowerInvariant();
        var mints = new List<MintEvent>();
        var times = new Dictionary<long, DateTimeOffset>();
        for (var start = from; start <= to; start += LogChunk)
        {
            var end = Math.Min(to, start + LogChunk - 1);
            var filter = new JsonObject
            {
                ["address"] = contract,
                ["fromBlock"] = Hex(start),
                ["toBlock"] = Hex(end),
                ["topics"] = new JsonArray(TransferTopic, ZeroTopic),
            };
            var logs = await deployment.Chain.Node.CallAsync("eth_getLogs", new JsonArray(filter), cancellationToken).ConfigureAwait(false);
            if (logs.ValueKind != JsonValueKind.Array)
            {
                throw new NodeException(NodeFailureKind.Protocol, "eth_getLogs did not return an array");
            }

            foreach (var log in logs.EnumerateArray())
            {
                if (log.TryGetProperty("removed", out var removed) && removed.ValueKind == JsonValueKind.True)
                {
                    continue;
                }

                var height = (long)Quantity(Property(log, "blockNumber"), "eth_getLogs blockNumber");
                var index = (long)Quantity(Property(log, "logIndex"), "eth_getLogs logIndex");
                var tx = Property(log, "transactionHash").GetString()?.ToLowerInvariant() ?? throw new NodeException(NodeFailureKind.Protocol, "eth_getLogs: transactionHash is not a string");
                var data = Property(log, "data").GetString() ?? "";
                if (!data.StartsWith("0x", StringComparison.Ordinal) || data.Length != 66 || !data[2..].All(Uri.IsHexDigit))
                {
                    throw new NodeException(NodeFailureKind.Protocol, $"eth_getLogs: Transfer data '{data}' is not one uint256 word");
                }

                var value = BigInteger.Parse("0" + data[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (!times.TryGetValue(height, out var time))
                {
                    (_, time) = await BlockAsync(deployment.Chain.Node, height, cancellationToken).ConfigureAwait(false);
                    times[height] = time;
                }

                mints.Add(new MintEvent(deployment.Chain.Name, contract, height, tx, index, Scale(value, deployment.Decimals, canonicalDecimals), time));
            }
        }

        return [.. mints.OrderBy(m => m.Height).ThenBy(m => m.LogIndex)];
    }

    /// <summary>Scales an amount between decimals (down: rounded down).</summary>
    /// <param name="value">The amount.</param>
    /// <param name="from">Its decimals.</param>
    /// <param name="to">The target decimals.</param>
    /// <returns>The scaled amount.</returns>
    public static BigInteger Scale(BigInteger value, int from, int to) =>
        to >= from ? value * BigInteger.Pow(10, to - from) : value / BigInteger.Pow(10, from - to);

    private static async Task<byte[]?> CallAsync(HttpNodeTransport node, string to, string data, string blockHash, CancellationToken cancellationToken)
    {
        JsonElement result;
        try
        {
            var call = new JsonObject { ["to"] = to, ["data"] = data };
            var block = new JsonObject { ["blockHash"] = blockHash, ["requireCanonical"] = true };
            result = await node.CallAsync("eth_call", new JsonArray(call, block), cancellationToken).ConfigureAwait(false);
        }
        catch (NodeException e) when (e.Kind == NodeFailureKind.Protocol && e.Message.Contains("revert", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var text = result.ValueKind == JsonValueKind.String ? result.GetString()! : "";
        if (!text.StartsWith("0x", StringComparison.Ordinal) || text.Length % 2 != 0 || !text[2..].All(Uri.IsHexDigit))
        {
            throw new NodeException(NodeFailureKind.Protocol, $"eth_call returned '{text}', not hex data");
        }

        return text.Length == 2 ? null : Convert.FromHexString(text[2..]);
    }

    private static byte[] WordBytes(byte[] data, string what) =>
        data.Length == 32 ? data : throw new NodeException(NodeFailureKind.Protocol, $"{what} returned {data.Length} bytes, not one 32-byte word");

    private static BigInteger Word(byte[] data, string what) => new(WordBytes(data, what), isUnsigned: true, isBigEndian: true);

    private static JsonElement Property(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var p) ? p : throw new NodeException(NodeFailureKind.Protocol, $"eth_getLogs: a log has no {name}");

    private static string Hex(long value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    private static BigInteger Quantity(JsonElement element, string what)
    {
        var text = element.ValueKind == JsonValueKind.String ? element.GetString()! : string.Empty;
        if (!text.StartsWith("0x", StringComparison.Ordinal) || text.Length < 3 || text.Length > 18 || !text[2..].All(Uri.IsHexDigit))
        {
            throw new NodeException(NodeFailureKind.Protocol, $"{what} returned '{text}', not a hex quantity below 2^63");
        }

        var v = BigInteger.Parse("0" + text[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return v <= long.MaxValue ? v : throw new NodeException(NodeFailureKind.Protocol, $"{what} returned '{text}', above 2^63 - 1");
    }
}
