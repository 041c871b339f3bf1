// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Por.Crypto;
using Por.Reserves.Registry;

namespace Por.Reserves.Nodes;

/// <summary>
/// Solana balances over the standard JSON-RPC API. Solana RPC has no historical state: every account query answers
/// from one bank (the node's bank at the requested commitment) and reports its slot in <c>context.slot</c>. A balance
/// is therefore accepted only from a node held at the snapshot slot: every response's <c>context.slot</c> must be the
/// snapshot slot, and that bank's blockhash (<c>getLatestBlockhash</c>, the last entry hash of the slot, which is what
/// <c>getBlock</c> reports as <c>blockhash</c>) must be the registry's, checked before and after the reads. Requests
/// use commitment <c>processed</c> (the node's newest bank, so a node halted at the snapshot slot qualifies) and
/// <c>minContextSlot</c> = the snapshot slot. The node's genesis hash (<c>getGenesisHash</c>) must be the registry's.
/// SOL is the system balance (<c>getBalance</c>, lamports); an SPL balance is the sum of the <c>amount</c> of every
/// initialized token account the address owns for the mint (<c>getTokenAccountsByOwner</c> with a mint filter, which
/// serves mints of both the Token and the Token-2022 program); frozen accounts do not count.
/// </summary>
public sealed class SolanaNode : IChainBalanceReader
{
    /// <summary>The SPL Token program.</summary>
    public const string TokenProgram = "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA";

    /// <summary>The SPL Token-2022 program.</summary>
    public const string Token2022Program = "TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb";

    private const string Commitment = "processed";

    private readonly HttpNodeTransport _transport;
    private readonly string _genesis;
    private bool _chainChecked;

    /// <summary>Creates a reader.</summary>
    /// <param name="transport">The JSON-RPC transport.</param>
    /// <param name="genesis">The genesis hash (base58) the node must report.</param>
    public SolanaNode(HttpNodeTransport transport, string genesis)
    {
        _transport = transport ?? throw new ArgumentNullException(nameof(transport));
        _genesis = genesis ?? throw new ArgumentNullException(nameof(genesis));
    }

    /// <inheritdoc/>
    public ChainFamily Family => ChainFamily.Solana;

    /// <summary>False: Solana RPC answers only from the node's current bank.</summary>
    public bool CanReadPastBlocks => false;

    /// <inheritdoc/>
    public async Task<ChainIdentity> ReadIdentityAsync(CancellationToken cancellationToken)
    {
        var result = await CallAsync("getGenesisHash", new JsonArray(), cancellationToken).ConfigureAwait(false);
        return result.ValueKind == JsonValueKind.String && IsKey(result.GetString()!)
            ? ChainIdentity.Genesis(ChainFamily.Solana, result.GetString()!)
            : throw new NodeException(NodeFailureKind.Protocol, $"getGenesisHash returned {result.GetRawText()}, not a base58 hash");
    }

    /// <inheritdoc/>
    public async Task<long> ReadTipHeightAsync(CancellationToken cancellationToken)
    {
        var result = await CallAsync("getSlot", new JsonArray(new JsonObject { ["commitment"] = Commitment }), cancellationToken).ConfigureAwait(false);
        return Slot(result, "getSlot");
    }

    /// <inheritdoc/>
    public async Task<int> ReadTokenDecimalsAsync(string token, ChainSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(snapshot);
        await EnsureChainAsync(cancellationToken).ConfigureAwait(false);
        if (!IsKey(token))
        {
            throw new NodeException(NodeFailureKind.Protocol, $"token: '{token}' is not a base58 32-byte mint address");
        }

        var hash = await PinAsync(snapshot.Height, snapshot.Hash, cancellationToken).ConfigureAwait(false);

        // getTokenSupply answers only for an account owned by the Token or Token-2022 program that parses as a mint.
        var value = Value(await CallAsync("getTokenSupply", new JsonArray(token, new JsonObject { ["commitment"] = Commitment }), cancellationToken).ConfigureAwait(false), snapshot.Height, "getTokenSupply");
        if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty("decimals", out var decimals) || decimals.ValueKind != JsonValueKind.Number
            || !decimals.TryGetInt32(out var result) || result is < 0 or > 255)
        {
            throw new NodeException(NodeFailureKind.Protocol, $"getTokenSupply of {token} has no u8 decimals");
        }

        await PinAsync(snapshot.Height, hash, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<BalanceReading>> ReadAsync(IReadOnlyList<BalanceQuery> queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        await EnsureChainAsync(cancellationToken).ConfigureAwait(false);
        var readings = new BalanceReading[queries.Count];
        foreach (var group in Enumerable.Range(0, queries.Count).GroupBy(i => (queries[i].Height, queries[i].BlockHash)))
        {
            var slot = group.Key.Height;
            var hash = await PinAsync(slot, group.Key.BlockHash, cancellationToken).ConfigureAwait(false);
            foreach (var i in group)
            {
                readings[i] = await ReadOneAsync(queries[i], hash, cancellationToken).ConfigureAwait(false);
            }

            // The same bank still answers: nothing moved (or switched forks) while the balances were read.
            await PinAsync(slot, hash, cancellationToken).ConfigureAwait(false);
        }

        return readings;
    }

    private async Task<BalanceReading> ReadOneAsync(BalanceQuery query, string hash, CancellationToken cancellationToken)
    {
        if (!IsKey(query.Address))
        {
            return new BalanceReading(query.RowIndex, null, $"'{query.Address}' is not a base58 32-byte Solana address", hash);
        }

        var config = new JsonObject { ["commitment"] = Commitment, ["minContextSlot"] = query.Height };
        if (query.Token is null)
        {
            var value = Value(await CallAsync("getBalance", new JsonArray(query.Address, config), cancellationToken).ConfigureAwait(false), query.Height, "getBalance");
            return value.ValueKind == JsonValueKind.Number && value.TryGetUInt64(out var lamports)
                ? new BalanceReading(query.RowIndex, lamports, null, hash)
                : throw new NodeException(NodeFailureKind.Protocol, $"getBalance returned {value.GetRawText()}, not a u64");
        }

        if (!IsKey(query.Token))
        {
            return new BalanceReading(query.RowIndex, null, $"token: '{query.Token}' is not a base58 32-byte mint address", hash);
        }

        config["encoding"] = "jsonParsed";
        var accounts = Value(await CallAsync("getTokenAccountsByOwner", new JsonArray(query.Address, new JsonObject { ["mint"] = query.Token }, config), cancellationToken).ConfigureAwait(false), query.Height, "getTokenAccountsByOwner");
        return new BalanceReading(query.RowIndex, SumTokenAccounts(accounts, query.Address, query.Token), null, hash);
    }

    // Every listed account must be a parsed SPL token account of this owner and mint, listed once; the sum is exact.
    private static UInt128 SumTokenAccounts(JsonElement accounts, string owner, string mint)
    {
        const string What = "getTokenAccountsByOwner";
        if (accounts.ValueKind != JsonValueKind.Array)
        {
            throw new NodeException(NodeFailureKind.Protocol, $"{What}: value is not an array");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        UInt128 total = 0;
        foreach (var entry in accounts.EnumerateArray())
        {
            var pubkey = Text(entry, "pubkey", What);
            if (!IsKey(pubkey) || !seen.Add(pubkey))
            {
                throw new NodeException(NodeFailureKind.Protocol, $"{What}: token account '{pubkey}' is malformed or listed twice");
            }

            var account = Child(entry, "account", What);
            var program = Text(account, "owner", What);
            var data = Child(account, "data", What);
            var expectedProgram = program switch
            {
                TokenProgram => "spl-token",
                Token2022Program => "spl-token-2022",
                _ => throw new NodeException(NodeFailureKind.Protocol, $"{What}: account {pubkey} is owned by {program}, not an SPL token program"),
            };
            var parsed = Child(data, "parsed", What);
            if (!string.Equals(Text(data, "program", What), expectedProgram, StringComparison.Ordinal) || !string.Equals(Text(parsed, "type", What), "account", StringComparison.Ordinal))
            {
                throw new NodeException(NodeFailureKind.Protocol, $"{What}: account {pubkey} is not a parsed {expectedProgram} token account");
            }

            var info = Child(parsed, "info", What);
            if (!string.Equals(Text(info, "mint", What), mint, StringComparison.Ordinal) || !string.Equals(Text(info, "owner", What), owner, StringComparison.Ordinal))
            {
                throw new NodeException(NodeFailureKind.Protocol, $"{What}: account {pubkey} is not {owner}'s account of mint {mint}");
            }

            var amountText = Text(Child(info, "tokenAmount", What), "amount", What);
            if (amountText.Length == 0 || !amountText.All(char.IsAsciiDigit) || !ulong.TryParse(amountText, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
            {
                throw new NodeException(NodeFailureKind.Protocol, $"{What}: account {pubkey} has amount '{amountText}', not a u64");
            }

            switch (Text(info, "state", What))
            {
                case "initialized":
                    total = checked(total + amount);
                    break;
                case "frozen":
                    // Frozen by the mint's freeze authority: the owner cannot move these tokens, they do not count.
                    break;
                default:
                    throw new NodeException(NodeFailureKind.Protocol, $"{What}: account {pubkey} is in state {Text(info, "state", What)}");
            }
        }

        return total;
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
            throw new NodeException(NodeFailureKind.WrongChain, $"node at {_transport.Endpoint} has genesis hash {identity.Value}, the registry names {_genesis}");
        }

        _chainChecked = true;
    }

    // The node's bank must be at the slot and its blockhash the declared one (or, for window samples, whatever it is).
    private async Task<string> PinAsync(long slot, string? declaredHash, CancellationToken cancellationToken)
    {
        var value = Value(await CallAsync("getLatestBlockhash", new JsonArray(new JsonObject { ["commitment"] = Commitment, ["minContextSlot"] = slot }), cancellationToken).ConfigureAwait(false), slot, "getLatestBlockhash");
        if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty("blockhash", out var blockhash) || blockhash.ValueKind != JsonValueKind.String || !IsKey(blockhash.GetString()!))
        {
            throw new NodeException(NodeFailureKind.Protocol, "getLatestBlockhash: no base58 blockhash");
        }

        var hash = blockhash.GetString()!;
        return declaredHash is not null && !string.Equals(hash, declaredHash, StringComparison.Ordinal)
            ? throw new NodeException(NodeFailureKind.BlockMismatch, $"the node's bank at slot {slot} has blockhash {hash}, the registry says {declaredHash}")
            : hash;
    }

    private async Task<JsonElement> CallAsync(string method, JsonArray parameters, CancellationToken cancellationToken)
    {
        try
        {
            return await _transport.CallAsync(method, parameters, cancellationToken).ConfigureAwait(false);
        }
        catch (NodeException ex) when (ex.Kind == NodeFailureKind.Protocol && (ex.Message.Contains("-32016", StringComparison.Ordinal) || ex.Message.Contains("minimum context slot", StringComparison.OrdinalIgnoreCase)))
        {
            throw new NodeException(NodeFailureKind.NoHistoricalState, $"{ex.Message} (the node has not reached the snapshot slot)", ex);
        }
    }

    // An RpcResponse: { context: { slot }, value }. The slot must be the snapshot slot exactly.
    private static JsonElement Value(JsonElement result, long slot, string method)
    {
        if (result.ValueKind != JsonValueKind.Object || !result.TryGetProperty("context", out var context) || context.ValueKind != JsonValueKind.Object
            || !context.TryGetProperty("slot", out var slotElement) || !result.TryGetProperty("value", out var value))
        {
            throw new NodeException(NodeFailureKind.Protocol, $"{method}: not an RpcResponse with context.slot and value");
        }

        var answered = Slot(slotElement, method);
        return answered == slot
            ? value
            : throw new NodeException(NodeFailureKind.NoHistoricalState, $"{method} answered at slot {answered}, not the snapshot slot {slot}: Solana RPC reads only the node's current bank, so the node must be held at the snapshot slot");
    }

    private static long Slot(JsonElement element, string method) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var slot) && slot >= 0
            ? slot
            : throw new NodeException(NodeFailureKind.Protocol, $"{method}: slot {element.GetRawText()} is not a u64 slot");

    private static JsonElement Child(JsonElement element, string name, string what) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var child) && child.ValueKind == JsonValueKind.Object
            ? child
            : throw new NodeException(NodeFailureKind.Protocol, $"{what}: no object '{name}' (jsonParsed encoding expected)");

    private static string Text(JsonElement element, string name, string what) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var child) && child.ValueKind == JsonValueKind.String
            ? child.GetString()!
            : throw new NodeException(NodeFailureKind.Protocol, $"{what}: no string '{name}'");

    // A canonical base58 encoding of 32 bytes (public keys, mints, hashes).
    private static bool IsKey(string text) =>
        Base58.TryDecode(text, out var bytes) && bytes is { Length: 32 } && string.Equals(Base58.Encode(bytes), text, StringComparison.Ordinal);
}
