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

    /// <summary>
    /// The balances of <paramref name="addresses"/> at a block pinned by hash (EIP-1898, <c>requireCanonical</c>):
    /// <c>balanceOf(address)</c> of <paramref name="token"/>, or <c>eth_getBalance</c> for the native asset. Calls go
    /// out in JSON-RPC batches of at most <paramref name="batchSize"/> (1: one request per address). Every answer of a
    /// batch is matched by its id; an answer that is missing, duplicated, carries an unknown id or a JSON-RPC error, or
    /// is not one word fails the whole read (never a partial total). A node that refuses batches (its answer to a batch
    /// is not a JSON array, or is only id-less errors) is read one request at a time from then on.
    /// </summary>
    /// <param name="token">The ERC-20 contract, or null for the native asset.</param>
    /// <param name="addresses">The holders (0x-hex, validated by the registry reader).</param>
    /// <param name="blockHash">The pinned block hash (0x-hex).</param>
    /// <param name="batchSize">The most calls per batch (≥ 1).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The balances in the order of <paramref name="addresses"/>, and whether the node refused batches.</returns>
    /// <exception cref="NodeException">A call failed, or a batch answer did not match its calls one to one.</exception>
    public async Task<(IReadOnlyList<BigInteger> Balances, bool BatchRefused)> BalancesAsync(
        string? token, IReadOnlyList<string> addresses, string blockHash, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var method = token is null ? "eth_getBalance" : "eth_call";
        JsonArray Parameters(string address) => token is null
            ? new JsonArray(JsonValue.Create(address.ToLowerInvariant()), Pinned(blockHash))
            : new JsonArray(new JsonObject { ["to"] = token.ToLowerInvariant(), ["data"] = "0x70a08231" + new string('0', 24) + address[2..].ToLowerInvariant() }, Pinned(blockHash));

        var balances = new BigInteger[addresses.Count];
        var refused = false;
        for (var start = 0; start < addresses.Count; start += batchSize)
        {
            var count = Math.Min(batchSize, addresses.Count - start);
            JsonElement[]? results = null;
            if (count > 1 && !refused)
            {
                var batch = new JsonArray();
                for (var i = 0; i < count; i++)
                {
                    batch.Add((JsonNode)new JsonObject { ["jsonrpc"] = "2.0", ["id"] = i, ["method"] = method, ["params"] = Parameters(addresses[start + i]) });
                }

                var what = $"{method} batch of {count.ToString(CultureInfo.InvariantCulture)}";
                var (status, body) = await _transport.PostRpcAsync(batch.ToJsonString(), what, cancellationToken).ConfigureAwait(false);
                results = MatchBatch(what, status, body, count);
                refused = results is null;
            }

            for (var i = 0; i < count; i++)
            {
                var result = results is null
                    ? await _transport.CallAsync(method, Parameters(addresses[start + i]), cancellationToken).ConfigureAwait(false)
                    : results[i];
                balances[start + i] = token is null ? Quantity(result, "eth_getBalance " + addresses[start + i]) : BalanceWord(result, token, addresses[start + i]);
            }
        }

        return (balances, refused);
    }

    // The results of a batch in call order (ids 0..count-1), or null when the node refused the batch as a whole.
    private static JsonElement[]? MatchBatch(string what, System.Net.HttpStatusCode status, string body, int count)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null; // e.g. HTTP 400/413 with a text body: no batches here.
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array
                || (root.GetArrayLength() > 0 && root.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("error", out var err)
                    && err.ValueKind != JsonValueKind.Null && (!e.TryGetProperty("id", out var noId) || noId.ValueKind == JsonValueKind.Null))))
            {
                return null;
            }

            var results = new JsonElement?[count];
            foreach (var answer in root.EnumerateArray())
            {
                if (answer.ValueKind != JsonValueKind.Object || !answer.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.Number
                    || !idElement.TryGetInt32(out var id) || id < 0 || id >= count)
                {
                    throw new NodeException(NodeFailureKind.Protocol, $"{what}: HTTP {(int)status} answer with an id that was not asked for: {Shorten(answer.GetRawText())}");
                }

                if (results[id] is not null)
                {
                    throw new NodeException(NodeFailureKind.Protocol, $"{what}: id {id} answered twice");
                }

                if (answer.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
                {
                    throw new NodeException(NodeFailureKind.Protocol, $"{what}: id {id} failed: {Shorten(error.GetRawText())}");
                }

                results[id] = answer.TryGetProperty("result", out var result)
                    ? result.Clone()
                    : throw new NodeException(NodeFailureKind.Protocol, $"{what}: id {id} has neither result nor error");
            }

            var missing = Enumerable.Range(0, count).Where(i => results[i] is null).ToList();
            if (missing.Count > 0)
            {
                throw new NodeException(NodeFailureKind.Protocol,
                    $"{what}: the node answered {count - missing.Count} of {count} calls (no answer for id {string.Join(", ", missing.Take(5))}{(missing.Count > 5 ? ", …" : "")})");
            }

            return [.. results.Select(r => r!.Value)];
        }
    }

    private static BigInteger BalanceWord(JsonElement result, string token, string address)
    {
        var text = result.ValueKind == JsonValueKind.String ? result.GetString()! : string.Empty;
        if (!text.StartsWith("0x", StringComparison.Ordinal) || text.Length != 66 || !text[2..].All(Uri.IsHexDigit))
        {
            throw new NodeException(NodeFailureKind.Protocol, $"balanceOf({address}) of {token} returned '{Shorten(text)}', not one 32-byte word (is it an ERC-20 at this block?)");
        }

        return BigInteger.Parse("0" + text[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }

    private static JsonObject Pinned(string blockHash) => new() { ["blockHash"] = blockHash, ["requireCanonical"] = true };

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";

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
