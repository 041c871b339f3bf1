// SPDX-License-Identifier: Apache-2.0

using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Por.Reserves.Bitcoin;
using Por.Reserves.Nodes;

namespace Por.Tokens.Reserves;

/// <summary>
/// A Bitcoin-family node for reserve reads: balances come from por's reserves readers (<see cref="BitcoinCoreNode"/>
/// or <see cref="EsploraNode"/>, which check the genesis and pin the block), block times from the same transport
/// (<c>getblockheader</c>, or Esplora's <c>block/HASH</c>). A fresh reader is made for every read, so that nothing a
/// reader caches outlives one evaluation.
/// </summary>
public sealed class BitcoinEndpoint
{
    private readonly HttpNodeTransport _transport;
    private readonly bool _core;
    private readonly string _genesis;

    private BitcoinEndpoint(HttpNodeTransport transport, BitcoinNetwork network, string genesis, bool core)
    {
        _transport = transport ?? throw new ArgumentNullException(nameof(transport));
        Network = network ?? throw new ArgumentNullException(nameof(network));
        _genesis = genesis ?? throw new ArgumentNullException(nameof(genesis));
        _core = core;
    }

    /// <summary>The network whose addresses the source uses.</summary>
    public BitcoinNetwork Network { get; }

    /// <summary>A Bitcoin Core node (JSON-RPC; a dedicated node: reading below the tip rewinds it, see <see cref="BitcoinCoreNode"/>).</summary>
    /// <param name="transport">The JSON-RPC transport (basic auth).</param>
    /// <param name="network">The network.</param>
    /// <param name="genesis">The genesis hash the node must report.</param>
    /// <returns>The endpoint.</returns>
    public static BitcoinEndpoint BitcoinCore(HttpNodeTransport transport, BitcoinNetwork network, string genesis) => new(transport, network, genesis, core: true);

    /// <summary>An Esplora-compatible REST API.</summary>
    /// <param name="transport">The HTTP transport (base URL of the API).</param>
    /// <param name="network">The network.</param>
    /// <param name="genesis">The genesis hash the API must report.</param>
    /// <returns>The endpoint.</returns>
    public static BitcoinEndpoint Esplora(HttpNodeTransport transport, BitcoinNetwork network, string genesis) => new(transport, network, genesis, core: false);

    /// <summary>A new balance reader over this endpoint.</summary>
    /// <returns>The reader.</returns>
    public BitcoinFamilyNode CreateReader() => _core
        ? new BitcoinCoreNode(_transport, Network, _genesis)
        : new EsploraNode(_transport, Network, _genesis);

    /// <summary>The timestamp of a block.</summary>
    /// <param name="hash">The block hash (hex).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The block time.</returns>
    /// <exception cref="NodeException">The node failed or answered something else.</exception>
    public async Task<DateTimeOffset> BlockTimeAsync(string hash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hash);
        long seconds;
        if (_core)
        {
            var header = await _transport.CallAsync("getblockheader", new JsonArray(hash, true), cancellationToken).ConfigureAwait(false);
            seconds = header.ValueKind == JsonValueKind.Object && header.TryGetProperty("time", out var t) && t.TryGetInt64(out var v)
                ? v
                : throw new NodeException(NodeFailureKind.Protocol, $"getblockheader {hash} has no time");
        }
        else
        {
            var (status, body) = await _transport.GetAsync("block/" + hash, cancellationToken).ConfigureAwait(false);
            if (status != HttpStatusCode.OK)
            {
                throw new NodeException(NodeFailureKind.Protocol, $"block/{hash}: HTTP {(int)status}");
            }

            try
            {
                using var document = JsonDocument.Parse(body);
                seconds = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("timestamp", out var t) && t.TryGetInt64(out var v)
                    ? v
                    : throw new NodeException(NodeFailureKind.Protocol, $"block/{hash} has no timestamp");
            }
            catch (JsonException ex)
            {
                throw new NodeException(NodeFailureKind.Protocol, $"block/{hash}: not JSON", ex);
            }
        }

        return seconds is >= 0 and <= 253_402_300_799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : throw new NodeException(NodeFailureKind.Protocol, $"block {hash} has timestamp {seconds}");
    }
}
