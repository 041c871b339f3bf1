// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Por.Reserves.Bitcoin;

namespace Por.Cli.Demo;

/// <summary>
/// A small Bitcoin testnet chain served on 127.0.0.1 as an Esplora REST API (blocks/tip/height, block-height/H,
/// block/HASH, address/A/txs/chain[/LAST_TXID] in pages of 25, newest first), so that <c>por demo token</c> reads BTC
/// custody through the real btc_custody source and Esplora client without a Bitcoin node. Transactions pay and spend
/// scripts; each block is timestamped with the clock when it is mined. A real Esplora (or Bitcoin Core) is configured
/// the same way in a token registry.
/// </summary>
public sealed class DemoBitcoinServer : IAsyncDisposable
{
    private const int PageSize = 25;
    private readonly List<Block> _blocks;
    private readonly Dictionary<string, Tx> _txs = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly TimeProvider _clock;
    private readonly LoopbackHttpServer _server;

    private DemoBitcoinServer(TimeProvider clock)
    {
        _clock = clock;
        _blocks = [new Block(RandomHash(), clock.GetUtcNow().ToUnixTimeSeconds(), [])];
        _server = LoopbackHttpServer.Start(Serve);
    }

    /// <summary>The Esplora base URL.</summary>
    public Uri Url => _server.Url;

    /// <summary>The genesis block hash (to pin in the registry).</summary>
    public string Genesis => _blocks[0].Hash;

    /// <summary>The height of the tip.</summary>
    public int Tip
    {
        get
        {
            lock (_lock)
            {
                return _blocks.Count - 1;
            }
        }
    }

    /// <summary>Starts a server on a free loopback port.</summary>
    /// <param name="clock">The clock that timestamps blocks.</param>
    /// <returns>The running server.</returns>
    public static DemoBitcoinServer Start(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return new DemoBitcoinServer(clock);
    }

    /// <summary>Mines empty blocks.</summary>
    /// <param name="blocks">How many.</param>
    public void Mine(int blocks)
    {
        lock (_lock)
        {
            for (var i = 0; i < blocks; i++)
            {
                _blocks.Add(new Block(RandomHash(), _clock.GetUtcNow().ToUnixTimeSeconds(), []));
            }
        }
    }

    /// <summary>Mines one block with a transaction paying <paramref name="satoshis"/> to <paramref name="address"/>, spending the given outputs.</summary>
    /// <param name="address">A testnet address.</param>
    /// <param name="satoshis">The amount paid.</param>
    /// <param name="spends">Outputs (txid, vout) of earlier transactions this one spends.</param>
    /// <returns>The transaction id.</returns>
    public string Pay(string address, long satoshis, params (string Txid, int Vout)[] spends)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(satoshis);
        ArgumentNullException.ThrowIfNull(spends);
        var script = Script(address);
        lock (_lock)
        {
            foreach (var spend in spends)
            {
                if (!_txs.TryGetValue(spend.Txid, out var prior) || spend.Vout < 0 || spend.Vout >= prior.Outputs.Length || _txs.Values.Any(t => t.Inputs.Contains(spend)))
                {
                    throw new InvalidOperationException($"output {spend.Txid}:{spend.Vout} does not exist or is already spent");
                }
            }

            var tx = new Tx(RandomHash(), [.. spends], [(script, satoshis)]);
            _txs[tx.Txid] = tx;
            _blocks.Add(new Block(RandomHash(), _clock.GetUtcNow().ToUnixTimeSeconds(), [tx]));
            return tx.Txid;
        }
    }

    /// <summary>The scriptPubKey (hex) of a testnet address.</summary>
    /// <param name="address">The address.</param>
    /// <returns>The script.</returns>
    public static string Script(string address) =>
        BitcoinAddress.TryParse(address, BitcoinNetwork.Testnet, out var parsed, out var error) && parsed is not null
            ? Convert.ToHexStringLower(parsed.ScriptPubKey())
            : throw new ArgumentException(error, nameof(address));

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _server.DisposeAsync();

    /// <summary>Answers one GET request.</summary>
    /// <param name="path">The request path (e.g. <c>/blocks/tip/height</c>).</param>
    /// <returns>The HTTP status and body.</returns>
    public (int Status, string Body) Handle(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        lock (_lock)
        {
            var parts = path.Trim('/').Split('/');
            switch (parts)
            {
                case ["blocks", "tip", "height"]:
                    return (200, (_blocks.Count - 1).ToString(CultureInfo.InvariantCulture));
                case ["block-height", var h]:
                    return int.TryParse(h, NumberStyles.None, CultureInfo.InvariantCulture, out var height) && height < _blocks.Count
                        ? (200, _blocks[height].Hash)
                        : (404, "Block not found");
                case ["block", var hash]:
                    var at = _blocks.FindIndex(b => string.Equals(b.Hash, hash, StringComparison.OrdinalIgnoreCase));
                    return at < 0
                        ? (404, "Block not found")
                        : (200, new JsonObject { ["id"] = _blocks[at].Hash, ["height"] = at, ["timestamp"] = _blocks[at].Time }.ToJsonString());
                case ["address", var address, "txs", "chain", .. var rest] when rest.Length <= 1:
                    return History(address, rest.Length == 1 ? rest[0] : null);
                default:
                    return (404, "unknown path " + path);
            }
        }
    }

    private (int Status, string Body) History(string address, string? after)
    {
        string script;
        try
        {
            script = Script(address);
        }
        catch (ArgumentException e)
        {
            return (400, e.Message);
        }

        var all = new List<(Tx Tx, int Height)>();
        for (var height = _blocks.Count - 1; height >= 1; height--)
        {
            all.AddRange(_blocks[height].Txs.Where(t => t.Outputs.Any(o => string.Equals(o.Script, script, StringComparison.Ordinal)) || t.Inputs.Any(i => string.Equals(Output(i).Script, script, StringComparison.Ordinal))).Select(t => (t, height)));
        }

        var start = 0;
        if (after is not null)
        {
            start = all.FindIndex(e => string.Equals(e.Tx.Txid, after, StringComparison.OrdinalIgnoreCase)) + 1;
            if (start == 0)
            {
                return (400, "unknown txid " + after);
            }
        }

        var page = new JsonArray([.. all.Skip(start).Take(PageSize).Select(e => (JsonNode)EsploraTx(e.Tx, e.Height))]);
        return (200, page.ToJsonString());
    }

    private JsonObject EsploraTx(Tx tx, int height) => new()
    {
        ["txid"] = tx.Txid,
        ["status"] = new JsonObject { ["confirmed"] = true, ["block_height"] = height, ["block_hash"] = _blocks[height].Hash },
        ["vout"] = new JsonArray([.. tx.Outputs.Select(o => (JsonNode)new JsonObject { ["scriptpubkey"] = o.Script, ["value"] = o.Satoshis })]),
        ["vin"] = new JsonArray([.. tx.Inputs.Select(i => (JsonNode)new JsonObject { ["txid"] = i.Txid, ["vout"] = i.Vout, ["prevout"] = new JsonObject { ["scriptpubkey"] = Output(i).Script, ["value"] = Output(i).Satoshis } })]),
    };

    private (string Script, long Satoshis) Output((string Txid, int Vout) input) => _txs[input.Txid].Outputs[input.Vout];

    private static string RandomHash() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    private LoopbackResponse Serve(LoopbackRequest request)
    {
        var (status, body) = string.Equals(request.Method, "GET", StringComparison.Ordinal) ? Handle(request.Path) : (405, "GET only");
        return new LoopbackResponse(status, body.StartsWith('{') || body.StartsWith('[') ? "application/json" : "text/plain", body);
    }

    private sealed record Block(string Hash, long Time, List<Tx> Txs);

    private sealed record Tx(string Txid, (string Txid, int Vout)[] Inputs, (string Script, long Satoshis)[] Outputs);
}
