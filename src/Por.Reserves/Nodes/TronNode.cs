// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Net;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Por.Reserves.Registry;
using Por.Reserves.Tron;

namespace Por.Reserves.Nodes;

/// <summary>
/// TRON balances over the java-tron full-node HTTP API (<c>/wallet/*</c>, POST JSON with <c>visible: true</c> so
/// addresses are base58). The node's genesis block id (<c>getblockbynum</c> 0) must be the registry's before anything
/// else is read, and the block at the snapshot number must carry the registry's block id.
/// <list type="bullet">
/// <item>TRX is read with <c>getaccountbalance</c>, which is anchored to a block (number and hash) and answers at past
/// blocks, but only on a node started with <c>storage.balance.history.lookup = true</c>. Without it the node answers 0
/// for every account, so the reader first asks <c>getblockbalance</c> for the snapshot block, which fails on such a
/// node: that is <see cref="NodeFailureKind.NoHistoricalState"/>.</item>
/// <item>TRC-20 balances (<c>balanceOf</c>) and <c>decimals()</c> are read with <c>triggerconstantcontract</c>, which
/// has no block parameter and runs on the node's head state (pending transactions included). They are accepted only
/// when the node's head (<c>getnowblock</c>) is the snapshot block and its pending pool is empty, checked before and
/// after the calls: a node held at the snapshot block. Otherwise the read fails closed with
/// <see cref="NodeFailureKind.NoHistoricalState"/>.</item>
/// </list>
/// <see cref="CanReadPastBlocks"/> is therefore false: TRX could be read at past blocks, TRC-20 cannot.
/// </summary>
public sealed class TronNode : IChainBalanceReader
{
    private readonly HttpNodeTransport _transport;
    private readonly string _genesis;
    private bool _chainChecked;

    /// <summary>Creates a reader.</summary>
    /// <param name="transport">The HTTP transport to the node's full-node API (e.g. http://host:8090).</param>
    /// <param name="genesis">The genesis block id the node must report (hex, as in the registry).</param>
    public TronNode(HttpNodeTransport transport, string genesis)
    {
        _transport = transport ?? throw new ArgumentNullException(nameof(transport));
        ArgumentNullException.ThrowIfNull(genesis);
        _genesis = ChainIdentity.Genesis(ChainFamily.Tron, genesis).Value;
    }

    /// <inheritdoc/>
    public ChainFamily Family => ChainFamily.Tron;

    /// <summary>False: TRC-20 balances can only be read at the node's head. (TRX alone could be read at past blocks
    /// through the balance history, but the reader answers for both.)</summary>
    public bool CanReadPastBlocks => false;

    /// <inheritdoc/>
    public async Task<ChainIdentity> ReadIdentityAsync(CancellationToken cancellationToken)
    {
        var block = await PostAsync("wallet/getblockbynum", new JsonObject { ["num"] = 0, ["visible"] = true }, cancellationToken).ConfigureAwait(false);
        var (number, id) = BlockNumberAndId(block, "getblockbynum 0") ?? throw new NodeException(NodeFailureKind.Protocol, "getblockbynum 0: the node has no genesis block");
        return number != 0
            ? throw new NodeException(NodeFailureKind.Protocol, $"getblockbynum 0 returned block {number}")
            : ChainIdentity.Genesis(ChainFamily.Tron, id);
    }

    /// <inheritdoc/>
    public async Task<long> ReadTipHeightAsync(CancellationToken cancellationToken)
    {
        var block = await PostAsync("wallet/getnowblock", new JsonObject { ["visible"] = true }, cancellationToken).ConfigureAwait(false);
        return (BlockNumberAndId(block, "getnowblock") ?? throw new NodeException(NodeFailureKind.Protocol, "getnowblock: the node has no block")).Number;
    }

    /// <inheritdoc/>
    public async Task<int> ReadTokenDecimalsAsync(string token, ChainSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(snapshot);
        await EnsureChainAsync(cancellationToken).ConfigureAwait(false);
        if (!TronSignature.TryParseAddress(token, out _, out var error))
        {
            throw new NodeException(NodeFailureKind.Protocol, "token: " + error);
        }

        var hash = await PinBlockAsync(snapshot.Height, snapshot.Hash, cancellationToken).ConfigureAwait(false);
        await CheckHeldAtAsync(snapshot.Height, hash, cancellationToken).ConfigureAwait(false);
        var (word, failure) = await ConstantCallAsync(token, token, "decimals()", string.Empty, cancellationToken).ConfigureAwait(false);
        await CheckHeldAtAsync(snapshot.Height, hash, cancellationToken).ConfigureAwait(false);
        if (word is null)
        {
            throw new NodeException(NodeFailureKind.Protocol, $"decimals() of {token}: {failure}");
        }

        return word.AsSpan(0, 31).IndexOfAnyExcept((byte)0) >= 0
            ? throw new NodeException(NodeFailureKind.Protocol, $"decimals() of {token} returned a value above 255 (is it a TRC-20?)")
            : word[31];
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<BalanceReading>> ReadAsync(IReadOnlyList<BalanceQuery> queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        await EnsureChainAsync(cancellationToken).ConfigureAwait(false);
        var readings = new BalanceReading[queries.Count];
        foreach (var group in Enumerable.Range(0, queries.Count).GroupBy(i => (queries[i].Height, queries[i].BlockHash)))
        {
            var height = group.Key.Height;
            var hash = await PinBlockAsync(height, group.Key.BlockHash, cancellationToken).ConfigureAwait(false);
            var native = group.Where(i => queries[i].Token is null).ToList();
            var tokens = group.Where(i => queries[i].Token is not null).ToList();
            if (native.Count > 0)
            {
                await CheckBalanceHistoryAsync(height, hash, cancellationToken).ConfigureAwait(false);
                foreach (var i in native)
                {
                    readings[i] = await ReadTrxAsync(queries[i], hash, cancellationToken).ConfigureAwait(false);
                }
            }

            if (tokens.Count > 0)
            {
                await CheckHeldAtAsync(height, hash, cancellationToken).ConfigureAwait(false);
                foreach (var i in tokens)
                {
                    readings[i] = await ReadTrc20Async(queries[i], hash, cancellationToken).ConfigureAwait(false);
                }

                await CheckHeldAtAsync(height, hash, cancellationToken).ConfigureAwait(false);
            }
        }

        return readings;
    }

    private async Task EnsureChainAsync(CancellationToken cancellationToken)
    {
        if (_chainChecked)
        {
            return;
        }

        var identity = await ReadIdentityAsync(cancellationToken).ConfigureAwait(false);
        if (!string.Equals(identity.Value, _genesis, StringComparison.Ordinal))
        {
            throw new NodeException(NodeFailureKind.WrongChain, $"node at {_transport.Endpoint} has genesis block {identity.Value}, the registry names {_genesis}");
        }

        _chainChecked = true;
    }

    // The block at the height must exist and, when the query pins a hash (the round's snapshot), carry it.
    private async Task<string> PinBlockAsync(long height, string? declaredHash, CancellationToken cancellationToken)
    {
        var block = await PostAsync("wallet/getblockbynum", new JsonObject { ["num"] = height, ["visible"] = true }, cancellationToken).ConfigureAwait(false);
        var (number, id) = BlockNumberAndId(block, $"getblockbynum {height}") ?? throw new NodeException(NodeFailureKind.BlockMismatch, $"the node has no block {height}");
        if (number != height)
        {
            throw new NodeException(NodeFailureKind.Protocol, $"getblockbynum {height} returned block {number}");
        }

        return declaredHash is not null && !string.Equals(ChainSnapshot.Normalise(declaredHash), id, StringComparison.Ordinal)
            ? throw new NodeException(NodeFailureKind.BlockMismatch, $"block {height} has id {id}, the registry says {declaredHash}")
            : id;
    }

    // getaccountbalance answers 0 for every account on a node that keeps no balance history; getblockbalance fails there
    // ("This block does not exist"), so it tells the two apart before any balance is trusted.
    private async Task CheckBalanceHistoryAsync(long height, string hash, CancellationToken cancellationToken)
    {
        var request = new JsonObject { ["hash"] = hash, ["number"] = height, ["visible"] = true };
        var (status, body) = await _transport.PostAsync("wallet/getblockbalance", request.ToJsonString(), cancellationToken).ConfigureAwait(false);
        var root = ParseObject(status, body, "getblockbalance");
        if (root.TryGetProperty("Error", out var error))
        {
            throw new NodeException(NodeFailureKind.NoHistoricalState, $"getblockbalance {height}: {error} (the node keeps no balance history at the snapshot block; start java-tron with storage.balance.history.lookup = true and sync from genesis)");
        }

        var (number, id) = BlockIdentifier(root, "getblockbalance");
        if (number != height || !string.Equals(id, hash, StringComparison.Ordinal))
        {
            throw new NodeException(NodeFailureKind.Protocol, $"getblockbalance {height} answered for block {number} {id}");
        }
    }

    private async Task<BalanceReading> ReadTrxAsync(BalanceQuery query, string hash, CancellationToken cancellationToken)
    {
        if (!TronSignature.TryParseAddress(query.Address, out _, out var error))
        {
            return new BalanceReading(query.RowIndex, null, error, hash);
        }

        var request = new JsonObject
        {
            ["account_identifier"] = new JsonObject { ["address"] = query.Address },
            ["block_identifier"] = new JsonObject { ["hash"] = hash, ["number"] = query.Height },
            ["visible"] = true,
        };
        var root = await PostAsync("wallet/getaccountbalance", request, cancellationToken).ConfigureAwait(false);

        // The node answers with the block at or below the anchor where it last recorded the account's balance.
        var (number, id) = BlockIdentifier(root, "getaccountbalance");
        if (number > query.Height || (number == query.Height && !string.Equals(id, hash, StringComparison.Ordinal)))
        {
            throw new NodeException(NodeFailureKind.Protocol, $"getaccountbalance at block {query.Height} answered for block {number} {id}");
        }

        // Protobuf JSON omits zero fields: an absent balance is 0.
        long balance = 0;
        if (root.TryGetProperty("balance", out var balanceElement) && (balanceElement.ValueKind != JsonValueKind.Number || !balanceElement.TryGetInt64(out balance) || balance < 0))
        {
            throw new NodeException(NodeFailureKind.Protocol, $"getaccountbalance returned balance {balanceElement.GetRawText()}, not a non-negative int64");
        }

        return new BalanceReading(query.RowIndex, (UInt128)(ulong)balance, null, hash);
    }

    private async Task<BalanceReading> ReadTrc20Async(BalanceQuery query, string hash, CancellationToken cancellationToken)
    {
        if (!TronSignature.TryParseAddress(query.Address, out var holder, out var error))
        {
            return new BalanceReading(query.RowIndex, null, error, hash);
        }

        if (!TronSignature.TryParseAddress(query.Token!, out _, out error))
        {
            return new BalanceReading(query.RowIndex, null, "token: " + error, hash);
        }

        var (word, failure) = await ConstantCallAsync(query.Address, query.Token!, "balanceOf(address)", new string('0', 24) + Convert.ToHexStringLower(holder), cancellationToken).ConfigureAwait(false);
        if (word is null)
        {
            return new BalanceReading(query.RowIndex, null, $"balanceOf on {query.Token}: {failure}", hash);
        }

        var balance = new BigInteger(word, isUnsigned: true, isBigEndian: true);
        return balance > (BigInteger)UInt128.MaxValue
            ? new BalanceReading(query.RowIndex, null, "balance exceeds 2^128 - 1 base units", hash)
            : new BalanceReading(query.RowIndex, (UInt128)balance, null, hash);
    }

    // triggerconstantcontract runs on the head state; callers check the head is the snapshot block before and after.
    private async Task<(byte[]? Word, string? Failure)> ConstantCallAsync(string owner, string contract, string selector, string parameter, CancellationToken cancellationToken)
    {
        var request = new JsonObject
        {
            ["owner_address"] = owner,
            ["contract_address"] = contract,
            ["function_selector"] = selector,
            ["parameter"] = parameter,
            ["visible"] = true,
        };
        var root = await PostAsync("wallet/triggerconstantcontract", request, cancellationToken).ConfigureAwait(false);
        if (!root.TryGetProperty("result", out var result) || result.ValueKind != JsonValueKind.Object)
        {
            throw new NodeException(NodeFailureKind.Protocol, "triggerconstantcontract: response has no result object");
        }

        var message = result.TryGetProperty("message", out var m) ? m.ToString() : null;
        if (!result.TryGetProperty("result", out var ok) || ok.ValueKind != JsonValueKind.True)
        {
            var code = result.TryGetProperty("code", out var c) ? c.ToString() : "no code";
            if (message is not null && message.Contains("does not support constant", StringComparison.OrdinalIgnoreCase))
            {
                throw new NodeException(NodeFailureKind.Protocol, $"triggerconstantcontract: {message}");
            }

            return (null, $"the call failed ({code}: {message ?? "no message"})");
        }

        // Reverts and VM errors keep result.result = true but carry a message and transaction.ret[].ret = FAILED.
        var failed = root.TryGetProperty("transaction", out var transaction) && transaction.ValueKind == JsonValueKind.Object
            && transaction.TryGetProperty("ret", out var rets) && rets.ValueKind == JsonValueKind.Array
            && rets.EnumerateArray().Any(r => r.ValueKind == JsonValueKind.Object && r.TryGetProperty("ret", out var ret) && string.Equals(ret.GetString(), "FAILED", StringComparison.Ordinal));
        if (message is not null || failed)
        {
            return (null, $"the call reverted ({message ?? "FAILED"})");
        }

        if (!root.TryGetProperty("constant_result", out var results) || results.ValueKind != JsonValueKind.Array || results.GetArrayLength() != 1
            || results[0].ValueKind != JsonValueKind.String || results[0].GetString() is not { Length: 64 } hex || !hex.All(Uri.IsHexDigit))
        {
            return (null, "the call did not return one 32-byte word (is the contract a TRC-20 at this block?)");
        }

        return (Convert.FromHexString(hex), null);
    }

    // TRC-20 reads are only at the head: the head must be the snapshot block, with nothing pending on top of it.
    private async Task CheckHeldAtAsync(long height, string hash, CancellationToken cancellationToken)
    {
        var head = await PostAsync("wallet/getnowblock", new JsonObject { ["visible"] = true }, cancellationToken).ConfigureAwait(false);
        var (number, id) = BlockNumberAndId(head, "getnowblock") ?? throw new NodeException(NodeFailureKind.Protocol, "getnowblock: the node has no block");
        if (number != height)
        {
            throw new NodeException(NodeFailureKind.NoHistoricalState, $"the node's head is block {number}, not the snapshot block {height}: TRON constant calls (TRC-20 balanceOf, decimals) run only on the head state, so the node must be held at the snapshot block");
        }

        if (!string.Equals(id, hash, StringComparison.Ordinal))
        {
            throw new NodeException(NodeFailureKind.BlockMismatch, $"the node's head block {number} has id {id}, the snapshot's is {hash}");
        }

        var pending = await PostAsync("wallet/getpendingsize", new JsonObject(), cancellationToken).ConfigureAwait(false);
        if (!pending.TryGetProperty("pendingSize", out var size) || size.ValueKind != JsonValueKind.Number || !size.TryGetInt64(out var count) || count < 0)
        {
            throw new NodeException(NodeFailureKind.Protocol, "getpendingsize: no pendingSize");
        }

        if (count != 0)
        {
            throw new NodeException(NodeFailureKind.NoHistoricalState, $"the node holds {count} pending transactions on top of the snapshot block; constant calls would see their effects");
        }
    }

    private async Task<JsonElement> PostAsync(string path, JsonObject request, CancellationToken cancellationToken)
    {
        var (status, body) = await _transport.PostAsync(path, request.ToJsonString(), cancellationToken).ConfigureAwait(false);
        var root = ParseObject(status, body, path);
        if (root.TryGetProperty("Error", out var error))
        {
            var text = error.ToString();
            var kind = text.Contains("number and hash do not match", StringComparison.Ordinal) || text.Contains("ItemNotFoundException", StringComparison.Ordinal)
                ? NodeFailureKind.BlockMismatch
                : NodeFailureKind.Protocol;
            throw new NodeException(kind, $"{path}: {text}");
        }

        return root;
    }

    private static JsonElement ParseObject(HttpStatusCode status, string body, string path)
    {
        if (status != HttpStatusCode.OK)
        {
            throw new NodeException(NodeFailureKind.Protocol, $"{path}: HTTP {(int)status}");
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.Clone()
                : throw new NodeException(NodeFailureKind.Protocol, $"{path}: the response is not a JSON object");
        }
        catch (JsonException ex)
        {
            throw new NodeException(NodeFailureKind.Protocol, $"{path}: the response is not JSON", ex);
        }
    }

    // A protocol.Block as java-tron prints it; null for "{}" (no such block). Protobuf JSON omits a zero number (genesis).
    private static (long Number, string Id)? BlockNumberAndId(JsonElement block, string what)
    {
        if (!block.EnumerateObject().Any())
        {
            return null;
        }

        if (!block.TryGetProperty("blockID", out var idElement) || idElement.ValueKind != JsonValueKind.String || !IsHash(idElement.GetString()!)
            || !block.TryGetProperty("block_header", out var header) || header.ValueKind != JsonValueKind.Object
            || !header.TryGetProperty("raw_data", out var raw) || raw.ValueKind != JsonValueKind.Object)
        {
            throw new NodeException(NodeFailureKind.Protocol, $"{what}: not a block (blockID, block_header.raw_data)");
        }

        var number = Number(raw, "number", what);
        var id = idElement.GetString()!.ToLowerInvariant();

        // A TRON block id starts with the block number (8 bytes big-endian).
        return id.StartsWith(number.ToString("x16", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            ? (number, id)
            : throw new NodeException(NodeFailureKind.Protocol, $"{what}: block id {id} does not start with block number {number}");
    }

    private static (long Number, string Id) BlockIdentifier(JsonElement root, string what)
    {
        if (!root.TryGetProperty("block_identifier", out var identifier) || identifier.ValueKind != JsonValueKind.Object
            || !identifier.TryGetProperty("hash", out var hash) || hash.ValueKind != JsonValueKind.String || !IsHash(hash.GetString()!))
        {
            throw new NodeException(NodeFailureKind.Protocol, $"{what}: no block_identifier with a 32-byte hex hash");
        }

        return (Number(identifier, "number", what), hash.GetString()!.ToLowerInvariant());
    }

    private static long Number(JsonElement element, string name, string what)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return 0;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= 0
            ? number
            : throw new NodeException(NodeFailureKind.Protocol, $"{what}: {name} {value.GetRawText()} is not a block number");
    }

    private static bool IsHash(string text) => text.Length == 64 && text.All(Uri.IsHexDigit);
}
