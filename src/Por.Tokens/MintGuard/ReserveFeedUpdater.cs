// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Por.Crypto;
using Por.Reserves.Evm;
using Por.Reserves.Nodes;
using Por.Tokens.Model;

namespace Por.Tokens.MintGuard;

/// <summary>
/// Publishes a <see cref="TokenEvaluation"/>'s total reserves to a PorReserveFeed (contracts/PorReserveFeed.sol), only
/// from fresh, complete evidence, and deploys such feeds. Transactions are EIP-1559, signed here with the updater key
/// and sent raw; nonce and fees come from the node, whose chain id must be the one the registry pins; every
/// transaction's receipt is awaited and checked (docs/token-por.md "Mint guard").
/// </summary>
internal sealed class ReserveFeedUpdater
{
    private readonly HttpNodeTransport _node;
    private readonly long _chainId;
    private readonly UpdaterKey _key;
    private readonly TimeProvider _time;

    /// <summary>Creates an updater.</summary>
    /// <param name="node">The chain's JSON-RPC endpoint.</param>
    /// <param name="chainId">The chain id the registry pins for the feed's chain.</param>
    /// <param name="key">The updater key.</param>
    /// <param name="time">The clock (evaluation age); the system clock by default.</param>
    public ReserveFeedUpdater(HttpNodeTransport node, long chainId, UpdaterKey key, TimeProvider? time = null)
    {
        _node = node ?? throw new ArgumentNullException(nameof(node));
        _key = key ?? throw new ArgumentNullException(nameof(key));
        _chainId = chainId;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>How long to wait for a receipt before giving up.</summary>
    public TimeSpan ReceiptTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How often to poll for a receipt.</summary>
    public TimeSpan ReceiptPollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The deployable PorReserveFeed creation code (contracts/PorReserveFeed.json, embedded).</summary>
    public static byte[] FeedBytecode()
    {
        using var stream = typeof(ReserveFeedUpdater).Assembly.GetManifestResourceStream("PorReserveFeed.json")
            ?? throw new InvalidOperationException("PorReserveFeed.json is not embedded");
        using var document = JsonDocument.Parse(stream);
        return Convert.FromHexString(document.RootElement.GetProperty("bytecode").GetString()![2..]);
    }

    /// <summary>Reads a feed's decimals, updater and latest round.</summary>
    /// <exception cref="NodeException">The node failed, is on another chain, or the address is not a PorReserveFeed.</exception>
    public async Task<FeedState> ReadFeedAsync(string feed, CancellationToken cancellationToken)
    {
        await CheckChainAsync(cancellationToken).ConfigureAwait(false);
        var code = await _node.CallAsync("eth_getCode", new JsonArray(feed, "latest"), cancellationToken).ConfigureAwait(false);
        if (code.GetString() is not { Length: > 2 })
        {
            throw new NodeException(NodeFailureKind.Protocol, $"{feed} holds no contract on chain {_chainId}");
        }

        var decimals = EvmAbi.ReadUint(await CallAsync(feed, EvmAbi.Call("decimals()"), cancellationToken).ConfigureAwait(false), 0);
        var updater = EvmAbi.ReadUint(await CallAsync(feed, EvmAbi.Call("updater()"), cancellationToken).ConfigureAwait(false), 0);
        var round = EvmAbi.ReadUint(await CallAsync(feed, EvmAbi.Call("latestRound()"), cancellationToken).ConfigureAwait(false), 0);
        if (decimals > 255 || updater >= BigInteger.One << 160)
        {
            throw new NodeException(NodeFailureKind.Protocol, $"{feed} does not answer as a PorReserveFeed");
        }

        BigInteger answer = 0, updatedAt = 0;
        if (!round.IsZero)
        {
            var latest = await CallAsync(feed, EvmAbi.Call("latestRoundData()"), cancellationToken).ConfigureAwait(false);
            answer = EvmAbi.ReadInt(latest, 1);
            updatedAt = EvmAbi.ReadUint(latest, 3);
        }

        return new FeedState((int)decimals, EvmAbi.Word(updater)[12..], round, answer, updatedAt);
    }

    /// <summary>
    /// Publishes the evaluation's total reserves, scaled to the feed's decimals (rounded down), with updatedAt = the
    /// evaluation time or the chain's latest block time, whichever is earlier. Refuses, sending nothing, when the
    /// evidence failed, the evaluation is older than <paramref name="maxEvaluationAge"/>, the scaled answer is not a
    /// positive int256, the feed already holds a round as recent, or the key is not the feed's updater.
    /// </summary>
    /// <exception cref="NodeException">The node failed or is on another chain than the registry pins.</exception>
    public async Task<FeedUpdateResult> UpdateAsync(string feed, TokenEvaluation evaluation, TimeSpan maxEvaluationAge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var state = await ReadFeedAsync(feed, cancellationToken).ConfigureAwait(false);
        FeedUpdateResult Refuse(FeedUpdateOutcome outcome, BigInteger answer, long updatedAt, string detail) =>
            new(outcome, feed, state.Decimals, answer, updatedAt, 0, null, detail);

        if (!evaluation.HasRatio || evaluation.Reserves.Count == 0 || evaluation.Reserves.Any(r => r.Failure != EvidenceFailure.None))
        {
            var failed = string.Join("; ", evaluation.FailedEvidence);
            return Refuse(FeedUpdateOutcome.EvidenceFailed, 0, 0, "the evaluation's evidence failed, nothing is published: " + (failed.Length > 0 ? failed : "no reserve evidence"));
        }

        var age = _time.GetUtcNow() - evaluation.EvaluatedAt;
        if (age > maxEvaluationAge)
        {
            return Refuse(FeedUpdateOutcome.EvaluationTooOld, 0, 0, $"the evaluation is {age.TotalSeconds:F0} s old, more than the {maxEvaluationAge.TotalSeconds:F0} s allowed");
        }

        var answer = MintRule.Scale(evaluation.TotalReserves, evaluation.Decimals, state.Decimals);
        if (answer.Sign <= 0 || answer > MintRule.MaxInt256)
        {
            return Refuse(FeedUpdateOutcome.AnswerOutOfRange, answer, 0,
                $"total reserves {evaluation.TotalReserves} at {evaluation.Decimals} decimals are {answer} at the feed's {state.Decimals}: not a positive int256");
        }

        var chainTime = await LatestBlockTimeAsync(cancellationToken).ConfigureAwait(false);
        var updatedAt = Math.Min(evaluation.EvaluatedAt.ToUnixTimeSeconds(), chainTime);
        if (updatedAt <= state.LatestUpdatedAt)
        {
            return Refuse(FeedUpdateOutcome.NotNewerThanFeed, answer, updatedAt,
                $"the feed's round {state.LatestRound} was updated at {state.LatestUpdatedAt}, not before this evaluation ({updatedAt})");
        }

        if (!state.Updater.AsSpan().SequenceEqual(_key.Address))
        {
            return Refuse(FeedUpdateOutcome.NotUpdater, answer, updatedAt, $"the key's address {_key.AddressText} is not the feed's updater {EvmAddress.ToChecksum(state.Updater)}");
        }

        var data = EvmAbi.Call("updateAnswer(int256,uint256)", AbiValue.Int(answer), AbiValue.Uint(updatedAt));
        var (hash, receipt) = await SendAsync(Address(feed), data, cancellationToken).ConfigureAwait(false);
        if (!Succeeded(receipt))
        {
            return new FeedUpdateResult(FeedUpdateOutcome.Reverted, feed, state.Decimals, answer, updatedAt, 0, hash, $"transaction {hash} reverted");
        }

        var round = state.LatestRound + 1;
        var written = await CallAsync(feed, EvmAbi.Call("getRoundData(uint80)", AbiValue.Uint(round)), cancellationToken).ConfigureAwait(false);
        return EvmAbi.ReadInt(written, 1) == answer && EvmAbi.ReadUint(written, 3) == updatedAt
            ? new FeedUpdateResult(FeedUpdateOutcome.Updated, feed, state.Decimals, answer, updatedAt, round, hash,
                string.Create(CultureInfo.InvariantCulture, $"round {round}: answer {answer} ({state.Decimals} decimals), updatedAt {updatedAt}, transaction {hash}"))
            : new FeedUpdateResult(FeedUpdateOutcome.Reverted, feed, state.Decimals, answer, updatedAt, 0, hash, $"transaction {hash} was mined but round {round} does not hold the answer sent");
    }

    /// <summary>Deploys a PorReserveFeed from the key's account and checks its decimals and updater on chain.</summary>
    /// <param name="decimals">The answer's decimals.</param>
    /// <param name="description">What the feed measures.</param>
    /// <param name="updater">The updater's 20-byte address.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The feed's checksummed address and the transaction hash.</returns>
    /// <exception cref="NodeException">The node failed, is on another chain, or the deployment reverted.</exception>
    public async Task<(string Feed, string TransactionHash)> DeployAsync(int decimals, string description, byte[] updater, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, 255);
        await CheckChainAsync(cancellationToken).ConfigureAwait(false);
        var code = FeedBytecode();
        var init = (byte[])[.. code, .. EvmAbi.Encode(AbiValue.Uint(decimals), AbiValue.String(description), AbiValue.Address(updater))];
        var (hash, receipt) = await SendAsync(null, init, cancellationToken).ConfigureAwait(false);
        if (!Succeeded(receipt) || !receipt.TryGetProperty("contractAddress", out var created) || created.GetString() is not { } feed)
        {
            throw new NodeException(NodeFailureKind.Protocol, $"the feed deployment {hash} reverted");
        }

        var state = await ReadFeedAsync(feed, cancellationToken).ConfigureAwait(false);
        if (state.Decimals != decimals || !state.Updater.AsSpan().SequenceEqual(updater))
        {
            throw new NodeException(NodeFailureKind.Protocol, $"the deployed feed {feed} reports decimals {state.Decimals} and updater {EvmAddress.ToChecksum(state.Updater)}, not what was deployed");
        }

        return (EvmAddress.ToChecksum(Address(feed)), hash);
    }

    /// <summary>Signs <paramref name="data"/> to <paramref name="to"/> (null: a creation) with the node's nonce and fees, sends it raw and awaits its receipt.</summary>
    internal Task<(string Hash, JsonElement Receipt)> SendAsync(byte[]? to, byte[] data, CancellationToken cancellationToken) =>
        SendAsync(to, data, null, cancellationToken);

    /// <summary>
    /// As <see cref="SendAsync(byte[], byte[], CancellationToken)"/>, with a fixed gas limit instead of eth_estimateGas + 20 %
    /// when <paramref name="gasLimit"/> is given: a transaction expected to revert is then mined (and reverts on chain)
    /// instead of being refused by the estimate (<c>por demo token</c>).
    /// </summary>
    internal async Task<(string Hash, JsonElement Receipt)> SendAsync(byte[]? to, byte[] data, BigInteger? gasLimit, CancellationToken cancellationToken)
    {
        var from = EvmAddress.ToChecksum(_key.Address);
        var nonce = Quantity(await _node.CallAsync("eth_getTransactionCount", new JsonArray(from, "pending"), cancellationToken).ConfigureAwait(false));
        var block = await _node.CallAsync("eth_getBlockByNumber", new JsonArray("latest", false), cancellationToken).ConfigureAwait(false);
        if (!block.TryGetProperty("baseFeePerGas", out var baseFeeElement))
        {
            throw new NodeException(NodeFailureKind.Protocol, "the latest block has no baseFeePerGas: the chain does not support EIP-1559 transactions");
        }

        var baseFee = Quantity(baseFeeElement);
        var tip = Quantity(await _node.CallAsync("eth_maxPriorityFeePerGas", new JsonArray(), cancellationToken).ConfigureAwait(false));
        var call = new JsonObject { ["from"] = from, ["data"] = Hex(data) };
        if (to is not null)
        {
            call["to"] = Hex(to);
        }

        var gas = gasLimit ?? Estimate(await _node.CallAsync("eth_estimateGas", new JsonArray(call), cancellationToken).ConfigureAwait(false));
        var transaction = new Eip1559Transaction(_chainId, nonce, tip, (2 * baseFee) + tip, gas, to, 0, data);
        var raw = transaction.Sign(_key.Secret);
        var hash = Hex(Keccak256.Hash(raw));
        var sent = (await _node.CallAsync("eth_sendRawTransaction", new JsonArray(Hex(raw)), cancellationToken).ConfigureAwait(false)).GetString();
        if (!string.Equals(sent, hash, StringComparison.OrdinalIgnoreCase))
        {
            throw new NodeException(NodeFailureKind.Protocol, $"the node reports transaction hash {sent}, not {hash}");
        }

        var deadline = _time.GetUtcNow() + ReceiptTimeout;
        while (true)
        {
            var receipt = await _node.CallAsync("eth_getTransactionReceipt", new JsonArray(hash), cancellationToken).ConfigureAwait(false);
            if (receipt.ValueKind == JsonValueKind.Object)
            {
                return (hash, receipt);
            }

            if (_time.GetUtcNow() > deadline)
            {
                throw new NodeException(NodeFailureKind.Timeout, $"no receipt for {hash} within {ReceiptTimeout.TotalSeconds:F0} s");
            }

            await Task.Delay(ReceiptPollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CheckChainAsync(CancellationToken cancellationToken)
    {
        var chainId = Quantity(await _node.CallAsync("eth_chainId", new JsonArray(), cancellationToken).ConfigureAwait(false));
        if (chainId != _chainId)
        {
            throw new NodeException(NodeFailureKind.WrongChain, $"the node at {_node.Endpoint} is on chain {chainId}, the registry pins {_chainId}");
        }
    }

    private async Task<long> LatestBlockTimeAsync(CancellationToken cancellationToken)
    {
        var block = await _node.CallAsync("eth_getBlockByNumber", new JsonArray("latest", false), cancellationToken).ConfigureAwait(false);
        return (long)Quantity(block.GetProperty("timestamp"));
    }

    private async Task<byte[]> CallAsync(string to, byte[] data, CancellationToken cancellationToken)
    {
        var result = await _node.CallAsync("eth_call", new JsonArray(new JsonObject { ["to"] = to, ["data"] = Hex(data) }, "latest"), cancellationToken).ConfigureAwait(false);
        var text = result.GetString() ?? "0x";
        return text.StartsWith("0x", StringComparison.Ordinal) ? Convert.FromHexString(text[2..]) : throw new NodeException(NodeFailureKind.Protocol, "eth_call returned no hex");
    }

    private static BigInteger Estimate(JsonElement estimate)
    {
        var gas = Quantity(estimate);
        return gas + (gas / 5);
    }

    private static bool Succeeded(JsonElement receipt) =>
        receipt.TryGetProperty("status", out var status) && string.Equals(status.GetString(), "0x1", StringComparison.Ordinal);

    private static byte[] Address(string text) =>
        EvmAddress.TryParse(text, out var address, out var error) ? address : throw new ArgumentException(error, nameof(text));

    private static string Hex(byte[] bytes) => "0x" + Convert.ToHexStringLower(bytes);

    private static BigInteger Quantity(JsonElement element)
    {
        var text = element.GetString();
        if (text is null || !text.StartsWith("0x", StringComparison.Ordinal) || text.Length < 3)
        {
            throw new NodeException(NodeFailureKind.Protocol, $"expected a hex quantity, got {element}");
        }

        return BigInteger.Parse("0" + text[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }
}
