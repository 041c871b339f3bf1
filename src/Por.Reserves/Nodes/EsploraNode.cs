// SPDX-License-Identifier: Apache-2.0

using System.Net;
using System.Text.Json;
using Por.Reserves.Bitcoin;

namespace Por.Reserves.Nodes;

/// <summary>
/// Balances at a snapshot height from an Esplora-compatible REST API: the block hash at the height must match the
/// declaration, then every confirmed transaction of the address up to the height is replayed (outputs paying the
/// address's script minus inputs spending it).
/// </summary>
public sealed class EsploraNode : BitcoinFamilyNode
{
    private const int PageSize = 25;
    private readonly HttpNodeTransport _transport;
    private bool _chainChecked;

    /// <summary>Creates a reader.</summary>
    /// <param name="transport">The HTTP transport (base URL of the API, e.g. https://host/api).</param>
    /// <param name="network">The network whose addresses the rows use.</param>
    /// <param name="genesis">Genesis block hash (hex) the API must report at height 0.</param>
    public EsploraNode(HttpNodeTransport transport, BitcoinNetwork network, string genesis)
        : base(network, genesis)
    {
        _transport = transport ?? throw new ArgumentNullException(nameof(transport));
    }

    /// <inheritdoc/>
    public override async Task<long> ReadTipHeightAsync(CancellationToken cancellationToken)
    {
        var (status, body) = await _transport.GetAsync("blocks/tip/height", cancellationToken).ConfigureAwait(false);
        var text = Expect200(status, body, "blocks/tip/height").Trim();
        return long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var height)
            ? height
            : throw new NodeException(NodeFailureKind.Protocol, $"blocks/tip/height returned '{text}'");
    }

    /// <inheritdoc/>
    protected override async Task<string> BlockHashAsync(long height, CancellationToken cancellationToken)
    {
        var (status, body) = await _transport.GetAsync($"block-height/{height}", cancellationToken).ConfigureAwait(false);
        if (status == HttpStatusCode.NotFound)
        {
            throw new NodeException(NodeFailureKind.BlockMismatch, $"the API has no block at height {height}");
        }

        var hash = Expect200(status, body, "block-height").Trim().ToLowerInvariant();
        return hash.Length == 64 && hash.All(Uri.IsHexDigit) ? hash : throw new NodeException(NodeFailureKind.Protocol, $"block-height/{height} returned '{hash}'");
    }

    /// <summary>Upper bound on pages per address (25 transactions each).</summary>
    public int MaxPages { get; init; } = 4000;

    /// <inheritdoc/>
    public override async Task<IReadOnlyList<BalanceReading>> ReadAsync(IReadOnlyList<BalanceQuery> queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        if (!_chainChecked)
        {
            var genesis = await ReadIdentityAsync(cancellationToken).ConfigureAwait(false);
            if (genesis != ExpectedGenesis)
            {
                throw new NodeException(NodeFailureKind.WrongChain, $"the API's genesis block is {genesis.Value}, expected {ExpectedGenesis.Value}");
            }

            _chainChecked = true;
        }

        var hashes = new Dictionary<long, string>();
        var readings = new List<BalanceReading>();
        foreach (var query in queries)
        {
            if (!hashes.TryGetValue(query.Height, out var hash))
            {
                hash = await BlockHashAsync(query.Height, cancellationToken).ConfigureAwait(false);
                hashes[query.Height] = hash;
            }

            if (query.BlockHash is not null && !string.Equals(query.BlockHash, hash, StringComparison.OrdinalIgnoreCase))
            {
                throw new NodeException(NodeFailureKind.BlockMismatch, $"block {query.Height} has hash {hash}, the declaration says {query.BlockHash}");
            }

            if (query.Token is not null)
            {
                readings.Add(new BalanceReading(query.RowIndex, null, "Bitcoin rows cannot name a token", hash));
                continue;
            }

            if (!BitcoinAddress.TryParse(query.Address, Network, out var address, out var error) || address is null)
            {
                readings.Add(new BalanceReading(query.RowIndex, null, error, hash));
                continue;
            }

            var balance = await BalanceAtAsync(query.Address, Convert.ToHexStringLower(address.ScriptPubKey()), query.Height, cancellationToken).ConfigureAwait(false);
            readings.Add(new BalanceReading(query.RowIndex, balance, null, hash));
        }

        return readings;
    }

    private async Task<UInt128> BalanceAtAsync(string address, string script, long height, CancellationToken cancellationToken)
    {
        long balance = 0;
        string? lastSeen = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var path = lastSeen is null ? $"address/{address}/txs/chain" : $"address/{address}/txs/chain/{lastSeen}";
            var (status, body) = await _transport.GetAsync(path, cancellationToken).ConfigureAwait(false);
            using var document = ParseJson(Expect200(status, body, path), path);
            var transactions = document.RootElement;
            if (transactions.ValueKind != JsonValueKind.Array)
            {
                throw new NodeException(NodeFailureKind.Protocol, $"{path} did not return an array");
            }

            var count = 0;
            foreach (var tx in transactions.EnumerateArray())
            {
                count++;
                lastSeen = tx.GetProperty("txid").GetString();
                var txStatus = tx.GetProperty("status");
                if (!txStatus.GetProperty("confirmed").GetBoolean() || txStatus.GetProperty("block_height").GetInt64() > height)
                {
                    continue;
                }

                balance = checked(balance + Flow(tx, script));
            }

            if (count < PageSize)
            {
                if (balance < 0)
                {
                    throw new NodeException(NodeFailureKind.Protocol, $"transaction history of {address} gives a negative balance");
                }

                return (UInt128)(ulong)balance;
            }
        }

        throw new NodeException(NodeFailureKind.Protocol, $"{address} has more than {MaxPages * PageSize} transactions");
    }

    private static long Flow(JsonElement tx, string script)
    {
        long flow = 0;
        foreach (var output in tx.GetProperty("vout").EnumerateArray())
        {
            if (string.Equals(output.GetProperty("scriptpubkey").GetString(), script, StringComparison.OrdinalIgnoreCase))
            {
                flow = checked(flow + output.GetProperty("value").GetInt64());
            }
        }

        foreach (var input in tx.GetProperty("vin").EnumerateArray())
        {
            if (input.TryGetProperty("prevout", out var prevout) && prevout.ValueKind == JsonValueKind.Object
                && string.Equals(prevout.GetProperty("scriptpubkey").GetString(), script, StringComparison.OrdinalIgnoreCase))
            {
                flow = checked(flow - prevout.GetProperty("value").GetInt64());
            }
        }

        return flow;
    }

    private static string Expect200(HttpStatusCode status, string body, string what) =>
        status == HttpStatusCode.OK ? body : throw new NodeException(NodeFailureKind.Protocol, $"{what}: HTTP {(int)status}: {body[..Math.Min(body.Length, 200)]}");

    private static JsonDocument ParseJson(string body, string what)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new NodeException(NodeFailureKind.Protocol, $"{what}: not JSON", ex);
        }
    }
}
