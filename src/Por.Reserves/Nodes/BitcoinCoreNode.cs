// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using System.Text.Json.Nodes;
using Por.Reserves.Bitcoin;

namespace Por.Reserves.Nodes;

/// <summary>
/// Bitcoin Core balances at a snapshot height. <c>scantxoutset</c> scans only the tip, so the node is rewound:
/// <c>invalidateblock</c> the block at H+1, wait until the tip is the snapshot block, scan, check the scan's
/// <c>bestblock</c>/<c>height</c>, and always <c>reconsiderblock</c> afterwards. Use a dedicated node.
/// </summary>
public sealed class BitcoinCoreNode : BitcoinFamilyNode
{
    private readonly HttpNodeTransport _transport;

    /// <summary>Creates a reader.</summary>
    /// <param name="transport">The JSON-RPC transport (with basic auth).</param>
    /// <param name="network">Network whose addresses the rows use.</param>
    /// <param name="genesis">Genesis block hash (hex) the node must report at height 0.</param>
    public BitcoinCoreNode(HttpNodeTransport transport, BitcoinNetwork network, string genesis)
        : base(network, genesis)
    {
        _transport = transport ?? throw new ArgumentNullException(nameof(transport));
    }

    /// <inheritdoc/>
    public override async Task<long> ReadTipHeightAsync(CancellationToken cancellationToken)
    {
        var count = await _transport.CallAsync("getblockcount", new JsonArray(), cancellationToken).ConfigureAwait(false);
        return count.ValueKind == JsonValueKind.Number && count.TryGetInt64(out var height) ? height : throw new NodeException(NodeFailureKind.Protocol, "getblockcount returned no integer");
    }

    /// <summary>Attempts to wait for the rewound tip.</summary>
    public int TipPollAttempts { get; init; } = 50;

    /// <summary>Delay between tip polls.</summary>
    public TimeSpan TipPollDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <inheritdoc/>
    public override async Task<IReadOnlyList<BalanceReading>> ReadAsync(IReadOnlyList<BalanceQuery> queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        await CheckChainAsync(cancellationToken).ConfigureAwait(false);
        var readings = new List<BalanceReading>();
        foreach (var group in queries.GroupBy(q => q.Height))
        {
            readings.AddRange(await ReadAtHeightAsync(group.Key, [.. group], cancellationToken).ConfigureAwait(false));
        }

        return readings;
    }

    private async Task CheckChainAsync(CancellationToken cancellationToken)
    {
        var info = await _transport.CallAsync("getblockchaininfo", new JsonArray(), cancellationToken).ConfigureAwait(false);
        var chain = info.TryGetProperty("chain", out var c) ? c.GetString() : null;
        var expected = Network.Hrp switch { "bc" => "main", "tb" => "test", _ => null };
        if (expected is not null && !string.Equals(chain, expected, StringComparison.Ordinal))
        {
            throw new NodeException(NodeFailureKind.WrongChain, $"node serves chain '{chain}', expected '{expected}'");
        }

        var genesis = await ReadIdentityAsync(cancellationToken).ConfigureAwait(false);
        if (genesis != ExpectedGenesis)
        {
            throw new NodeException(NodeFailureKind.WrongChain, $"node's genesis block is {genesis.Value}, expected {ExpectedGenesis.Value}");
        }
    }

    /// <inheritdoc/>
    protected override async Task<string> BlockHashAsync(long height, CancellationToken cancellationToken)
    {
        var hash = (await _transport.CallAsync("getblockhash", new JsonArray(height), cancellationToken).ConfigureAwait(false)).GetString();
        return hash is { Length: 64 } && hash.All(Uri.IsHexDigit) ? hash : throw new NodeException(NodeFailureKind.Protocol, $"getblockhash {height} returned '{hash}'");
    }

    private async Task<List<BalanceReading>> ReadAtHeightAsync(long height, List<BalanceQuery> queries, CancellationToken cancellationToken)
    {
        var hash = await BlockHashAsync(height, cancellationToken).ConfigureAwait(false);
        foreach (var declared in queries.Select(q => q.BlockHash).Where(h => h is not null).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (!string.Equals(declared, hash, StringComparison.OrdinalIgnoreCase))
            {
                throw new NodeException(NodeFailureKind.BlockMismatch, $"block {height} has hash {hash}, the declaration says {declared}");
            }
        }

        var block = await _transport.CallAsync("getblock", new JsonArray(hash, 1), cancellationToken).ConfigureAwait(false);
        if (!block.TryGetProperty("confirmations", out var confirmations) || confirmations.GetInt64() < 1)
        {
            throw new NodeException(NodeFailureKind.BlockMismatch, $"block {hash} is not on the node's active chain");
        }

        var readings = new List<BalanceReading>();
        var descriptors = new JsonArray();
        var scripts = new Dictionary<string, List<BalanceQuery>>(StringComparer.Ordinal);
        foreach (var query in queries)
        {
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

            var script = Convert.ToHexStringLower(address.ScriptPubKey());
            if (!scripts.TryGetValue(script, out var list))
            {
                scripts[script] = list = [];
                descriptors.Add((JsonNode?)JsonValue.Create("addr(" + query.Address + ")"));
            }

            list.Add(query);
        }

        if (scripts.Count == 0)
        {
            return readings;
        }

        var totals = await ScanAtAsync(height, hash, descriptors, cancellationToken).ConfigureAwait(false);
        foreach (var (script, list) in scripts)
        {
            var amount = totals.GetValueOrDefault(script);
            readings.AddRange(list.Select(q => new BalanceReading(q.RowIndex, amount, null, hash)));
        }

        return readings;
    }

    private async Task<Dictionary<string, UInt128>> ScanAtAsync(long height, string hash, JsonArray descriptors, CancellationToken cancellationToken)
    {
        var tip = (await _transport.CallAsync("getbestblockhash", new JsonArray(), cancellationToken).ConfigureAwait(false)).GetString();
        string? invalidated = null;
        try
        {
            if (!string.Equals(tip, hash, StringComparison.OrdinalIgnoreCase))
            {
                invalidated = (await _transport.CallAsync("getblockhash", new JsonArray(height + 1), cancellationToken).ConfigureAwait(false)).GetString();
                await _transport.CallAsync("invalidateblock", new JsonArray(invalidated), cancellationToken).ConfigureAwait(false);
                await WaitForTipAsync(hash, cancellationToken).ConfigureAwait(false);
            }

            var scan = await _transport.CallAsync("scantxoutset", new JsonArray("start", descriptors), cancellationToken).ConfigureAwait(false);
            return ParseScan(scan, height, hash);
        }
        finally
        {
            if (invalidated is not null)
            {
                // Always restore the node's chain, also when the scan failed.
                await _transport.CallAsync("reconsiderblock", new JsonArray(invalidated), CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private async Task WaitForTipAsync(string hash, CancellationToken cancellationToken)
    {
        for (var i = 0; i < TipPollAttempts; i++)
        {
            var tip = (await _transport.CallAsync("getbestblockhash", new JsonArray(), cancellationToken).ConfigureAwait(false)).GetString();
            if (string.Equals(tip, hash, StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            await Task.Delay(TipPollDelay, cancellationToken).ConfigureAwait(false);
        }

        throw new NodeException(NodeFailureKind.Protocol, $"the node's tip did not rewind to {hash}");
    }

    private static Dictionary<string, UInt128> ParseScan(JsonElement scan, long height, string hash)
    {
        if (!scan.TryGetProperty("success", out var success) || !success.GetBoolean())
        {
            throw new NodeException(NodeFailureKind.Protocol, "scantxoutset did not succeed");
        }

        var bestBlock = scan.TryGetProperty("bestblock", out var b) ? b.GetString() : null;
        var scanHeight = scan.TryGetProperty("height", out var h) ? h.GetInt64() : -1;
        if (!string.Equals(bestBlock, hash, StringComparison.OrdinalIgnoreCase) || scanHeight != height)
        {
            throw new NodeException(NodeFailureKind.BlockMismatch, $"scantxoutset scanned block {bestBlock} at height {scanHeight}, not the snapshot {hash} at {height}");
        }

        var totals = new Dictionary<string, UInt128>(StringComparer.Ordinal);
        foreach (var unspent in scan.GetProperty("unspents").EnumerateArray())
        {
            var script = unspent.GetProperty("scriptPubKey").GetString()!.ToLowerInvariant();
            var amountText = unspent.GetProperty("amount").GetRawText();
            if (!BitcoinAmount.TryParseSatoshis(amountText, out var satoshis))
            {
                throw new NodeException(NodeFailureKind.Protocol, $"scantxoutset amount '{amountText}' is not an exact BTC amount");
            }

            totals[script] = checked(totals.GetValueOrDefault(script) + satoshis);
        }

        return totals;
    }
}
