// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Por.Reserves.Evm;
using Por.Reserves.Registry;

namespace Por.Reserves.Nodes;

/// <summary>
/// EVM JSON-RPC reads at a snapshot block pinned by hash (EIP-1898, requireCanonical): native balances
/// (eth_getBalance), ERC-20 balanceOf (eth_call), Safe owners/threshold and EIP-1271. The chain id is checked
/// first and the block at the snapshot height must carry the declared hash.
/// </summary>
public sealed class EvmNode : IChainBalanceReader, IEvmContractWalletReader
{
    private readonly HttpNodeTransport _transport;
    private readonly long _chainId;
    private readonly Dictionary<long, string> _blockHashes = [];
    private bool _chainChecked;

    /// <summary>Creates a reader.</summary>
    /// <param name="transport">The JSON-RPC transport.</param>
    /// <param name="chainId">The chain id the node must report.</param>
    public EvmNode(HttpNodeTransport transport, long chainId)
    {
        _transport = transport ?? throw new ArgumentNullException(nameof(transport));
        _chainId = chainId;
    }

    /// <inheritdoc/>
    public ChainFamily Family => ChainFamily.Evm;

    /// <inheritdoc/>
    public bool CanReadPastBlocks => true;

    /// <inheritdoc/>
    public async Task<ChainIdentity> ReadIdentityAsync(CancellationToken cancellationToken)
    {
        var id = ParseQuantity(await _transport.CallAsync("eth_chainId", new JsonArray(), cancellationToken).ConfigureAwait(false), "eth_chainId");
        return id > long.MaxValue ? throw new NodeException(NodeFailureKind.Protocol, $"eth_chainId {id} is out of range") : ChainIdentity.Evm((long)id);
    }

    /// <inheritdoc/>
    public async Task<long> ReadTipHeightAsync(CancellationToken cancellationToken)
    {
        var height = ParseQuantity(await _transport.CallAsync("eth_blockNumber", new JsonArray(), cancellationToken).ConfigureAwait(false), "eth_blockNumber");
        return height > long.MaxValue ? throw new NodeException(NodeFailureKind.Protocol, $"eth_blockNumber {height} is out of range") : (long)height;
    }

    /// <inheritdoc/>
    public async Task<int> ReadTokenDecimalsAsync(string token, ChainSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(snapshot);
        if (!EvmAddress.TryParse(token, out _, out var error))
        {
            throw new NodeException(NodeFailureKind.Protocol, "token: " + error);
        }

        var hash = await PinBlockAsync(snapshot.Height, snapshot.Hash, cancellationToken).ConfigureAwait(false);
        var word = await CallAsync(token, "313ce567", hash, cancellationToken).ConfigureAwait(false);
        if (word.Length != 32 || word.AsSpan(0, 31).IndexOfAnyExcept((byte)0) >= 0)
        {
            throw new NodeException(NodeFailureKind.Protocol, $"decimals() of {token} returned {word.Length} bytes, not one uint8 word (is it an ERC-20 at block {snapshot.Height}?)");
        }

        return word[31];
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<BalanceReading>> ReadAsync(IReadOnlyList<BalanceQuery> queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var readings = new List<BalanceReading>(queries.Count);
        foreach (var query in queries)
        {
            var hash = await PinBlockAsync(query.Height, query.BlockHash, cancellationToken).ConfigureAwait(false);
            if (!EvmAddress.TryParse(query.Address, out var address, out var error))
            {
                readings.Add(new BalanceReading(query.RowIndex, null, error, hash));
                continue;
            }

            BigInteger balance;
            if (query.Token is null)
            {
                var result = await _transport.CallAsync("eth_getBalance", new JsonArray(query.Address.ToLowerInvariant(), BlockParameter(hash)), cancellationToken).ConfigureAwait(false);
                balance = ParseQuantity(result, "eth_getBalance");
            }
            else
            {
                if (!EvmAddress.TryParse(query.Token, out _, out error))
                {
                    readings.Add(new BalanceReading(query.RowIndex, null, "token: " + error, hash));
                    continue;
                }

                var word = await CallAsync(query.Token, "70a08231" + Pad32(address), hash, cancellationToken).ConfigureAwait(false);
                if (word.Length != 32)
                {
                    readings.Add(new BalanceReading(query.RowIndex, null, $"balanceOf returned {word.Length} bytes, not one 32-byte word (is {query.Token} an ERC-20 at this block?)", hash));
                    continue;
                }

                balance = new BigInteger(word, isUnsigned: true, isBigEndian: true);
            }

            readings.Add(balance > (BigInteger)UInt128.MaxValue
                ? new BalanceReading(query.RowIndex, null, "balance exceeds 2^128 - 1 base units", hash)
                : new BalanceReading(query.RowIndex, (UInt128)balance, null, hash));
        }

        return readings;
    }

    /// <inheritdoc/>
    public async Task<(IReadOnlyList<byte[]> Owners, int Threshold)> ReadSafeOwnersAsync(string wallet, long height, string? blockHash, CancellationToken cancellationToken)
    {
        var hash = await PinBlockAsync(height, blockHash, cancellationToken).ConfigureAwait(false);
        var code = await _transport.CallAsync("eth_getCode", new JsonArray(wallet.ToLowerInvariant(), BlockParameter(hash)), cancellationToken).ConfigureAwait(false);
        if (HexBytes(code, "eth_getCode").Length == 0)
        {
            throw new NodeException(NodeFailureKind.Protocol, $"no contract code at {wallet} at block {height}");
        }

        var owners = DecodeAddressArray(await CallAsync(wallet, "a0e67e2b", hash, cancellationToken).ConfigureAwait(false));
        var thresholdWord = await CallAsync(wallet, "e75235b8", hash, cancellationToken).ConfigureAwait(false);
        if (thresholdWord.Length != 32)
        {
            throw new NodeException(NodeFailureKind.Protocol, "getThreshold() did not return one word");
        }

        var threshold = new BigInteger(thresholdWord, isUnsigned: true, isBigEndian: true);
        return (owners, threshold > 256 ? int.MaxValue : (int)threshold);
    }

    /// <inheritdoc/>
    public async Task<bool> IsValidSignatureAsync(string wallet, byte[] hash, byte[] signature, long height, string? blockHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentNullException.ThrowIfNull(signature);
        var pinned = await PinBlockAsync(height, blockHash, cancellationToken).ConfigureAwait(false);
        var padded = new byte[(signature.Length + 31) / 32 * 32];
        signature.CopyTo(padded, 0);
        var data = "1626ba7e" + Convert.ToHexStringLower(hash) + Word(64) + Word(signature.Length) + Convert.ToHexStringLower(padded);
        byte[] result;
        try
        {
            result = await CallAsync(wallet, data, pinned, cancellationToken).ConfigureAwait(false);
        }
        catch (NodeException ex) when (ex.Kind == NodeFailureKind.Protocol && ex.Message.Contains("revert", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return result.Length == 32 && result.AsSpan(0, 4).SequenceEqual(new byte[] { 0x16, 0x26, 0xba, 0x7e }) && result.AsSpan(4).IndexOfAnyExcept((byte)0) < 0;
    }

    private async Task<string> PinBlockAsync(long height, string? declaredHash, CancellationToken cancellationToken)
    {
        // Calls are sequential within one verification; the reader is not meant to be shared across threads.
        {
            if (!_chainChecked)
            {
                var id = ParseQuantity(await _transport.CallAsync("eth_chainId", new JsonArray(), cancellationToken).ConfigureAwait(false), "eth_chainId");
                if (id != _chainId)
                {
                    throw new NodeException(NodeFailureKind.WrongChain, $"node at {_transport.Endpoint} reports chain id {id}, configured {_chainId}");
                }

                _chainChecked = true;
            }

            if (!_blockHashes.TryGetValue(height, out var hash))
            {
                var block = await _transport.CallAsync("eth_getBlockByNumber", new JsonArray("0x" + height.ToString("x", CultureInfo.InvariantCulture), false), cancellationToken).ConfigureAwait(false);
                if (block.ValueKind != JsonValueKind.Object || !block.TryGetProperty("hash", out var hashElement) || hashElement.GetString() is not { } found)
                {
                    throw new NodeException(NodeFailureKind.BlockMismatch, $"the node has no block at height {height}");
                }

                hash = found.ToLowerInvariant();
                _blockHashes[height] = hash;
            }

            if (declaredHash is not null && !string.Equals(Normalise(declaredHash), hash, StringComparison.Ordinal))
            {
                throw new NodeException(NodeFailureKind.BlockMismatch, $"block {height} has hash {hash}, the declaration says {declaredHash}");
            }

            return hash;
        }
    }

    private async Task<byte[]> CallAsync(string to, string dataHex, string blockHash, CancellationToken cancellationToken)
    {
        var call = new JsonObject { ["to"] = to.ToLowerInvariant(), ["data"] = "0x" + dataHex };
        var result = await _transport.CallAsync("eth_call", new JsonArray(call, BlockParameter(blockHash)), cancellationToken).ConfigureAwait(false);
        return HexBytes(result, "eth_call");
    }

    private static JsonObject BlockParameter(string blockHash) => new() { ["blockHash"] = blockHash, ["requireCanonical"] = true };

    private static string Normalise(string hash) => (hash.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hash : "0x" + hash).ToLowerInvariant();

    private static string Pad32(byte[] address) => new string('0', 24) + Convert.ToHexStringLower(address);

    private static string Word(int value) => value.ToString("x64", CultureInfo.InvariantCulture);

    private static BigInteger ParseQuantity(JsonElement element, string method)
    {
        var text = element.ValueKind == JsonValueKind.String ? element.GetString()! : string.Empty;
        if (!text.StartsWith("0x", StringComparison.Ordinal) || text.Length < 3 || text.Length > 66 || !text[2..].All(Uri.IsHexDigit))
        {
            throw new NodeException(NodeFailureKind.Protocol, $"{method} returned '{text}', not a hex quantity");
        }

        return BigInteger.Parse("0" + text[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }

    private static byte[] HexBytes(JsonElement element, string method)
    {
        var text = element.ValueKind == JsonValueKind.String ? element.GetString()! : string.Empty;
        if (!text.StartsWith("0x", StringComparison.Ordinal) || text.Length % 2 != 0 || !text[2..].All(Uri.IsHexDigit))
        {
            throw new NodeException(NodeFailureKind.Protocol, $"{method} returned '{text}', not hex data");
        }

        return Convert.FromHexString(text[2..]);
    }

    private static List<byte[]> DecodeAddressArray(byte[] data)
    {
        if (data.Length < 64 || data.Length % 32 != 0)
        {
            throw new NodeException(NodeFailureKind.Protocol, "getOwners() did not return an ABI address[]");
        }

        var offset = new BigInteger(data.AsSpan(0, 32), isUnsigned: true, isBigEndian: true);
        if (offset > data.Length - 32)
        {
            throw new NodeException(NodeFailureKind.Protocol, "getOwners() returned a bad offset");
        }

        var start = (int)offset;
        var length = new BigInteger(data.AsSpan(start, 32), isUnsigned: true, isBigEndian: true);
        if (length > (data.Length - start - 32) / 32)
        {
            throw new NodeException(NodeFailureKind.Protocol, "getOwners() returned a bad length");
        }

        var owners = new List<byte[]>();
        for (var i = 0; i < (int)length; i++)
        {
            var word = data.AsSpan(start + 32 + (i * 32), 32);
            if (word[..12].IndexOfAnyExcept((byte)0) >= 0)
            {
                throw new NodeException(NodeFailureKind.Protocol, "getOwners() returned a non-address word");
            }

            owners.Add(word[12..].ToArray());
        }

        return owners;
    }
}
