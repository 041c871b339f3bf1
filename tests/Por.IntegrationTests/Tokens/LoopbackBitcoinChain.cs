// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Por.Reserves.Bitcoin;
using Por.Reserves.Nodes;
using Por.Reserves.Tests.Nodes;

namespace Por.IntegrationTests.Tokens;

/// <summary>
/// A small Bitcoin chain served on loopback (through the reserves tests' <see cref="FakeNodeServer"/>) both as an
/// Esplora REST API and as Bitcoin Core JSON-RPC (getblockhash, getblock, getblockheader, invalidateblock and
/// reconsiderblock rewinding the active tip, scantxoutset over the UTXO set at the active tip). Transactions pay and
/// spend scripts; block i is timestamped <see cref="Genesis"/> + 600 s × i.
/// </summary>
internal sealed class LoopbackBitcoinChain : IDisposable
{
    public static readonly DateTimeOffset GenesisTime = new(2026, 12, 6, 0, 0, 0, TimeSpan.Zero);
    private readonly List<List<Tx>> _blocks = [[]];
    private readonly Dictionary<string, Tx> _txs = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly FakeNodeServer _server;
    private int _activeTip = -1;

    public LoopbackBitcoinChain(bool core)
    {
        IsCore = core;
        _server = new FakeNodeServer(core ? Core : Esplora);
    }

    /// <summary>Whether the chain is served as Bitcoin Core JSON-RPC (else as Esplora).</summary>
    public bool IsCore { get; }

    public static string Genesis => Hash(0);

    public Uri Url => _server.Url;

    /// <summary>An address whose transaction history the Esplora API answers with HTTP 500 (a node that fails on part of the source).</summary>
    public string? FailingAddress { get; set; }

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

    public static string Hash(int height) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes("por loopback block " + height.ToString(CultureInfo.InvariantCulture))));

    public static string Script(string address) =>
        BitcoinAddress.TryParse(address, BitcoinNetwork.Testnet, out var parsed, out var error) && parsed is not null
            ? Convert.ToHexStringLower(parsed.ScriptPubKey())
            : throw new ArgumentException(error, nameof(address));

    public HttpNodeTransport Transport(HttpClient http) => new(http, Url, new RetryPolicy(2, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(5)));

    /// <summary>Mines empty blocks.</summary>
    public void Mine(int blocks)
    {
        lock (_lock)
        {
            for (var i = 0; i < blocks; i++)
            {
                _blocks.Add([]);
            }
        }
    }

    /// <summary>Mines one block with a transaction paying <paramref name="satoshis"/> to <paramref name="address"/> (and spending the given outputs); returns its txid.</summary>
    public string Pay(string address, long satoshis, params (string Txid, int Vout)[] spends)
    {
        lock (_lock)
        {
            var tx = new Tx(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), [.. spends], [(Script(address), satoshis)]);
            _txs[tx.Txid] = tx;
            _blocks.Add([tx]);
            return tx.Txid;
        }
    }

    public void Dispose() => _server.Dispose();

    private int Active => _activeTip < 0 ? _blocks.Count - 1 : _activeTip;

    private FakeResponse Esplora(string path, string body)
    {
        lock (_lock)
        {
            var parts = path.Trim('/').Split('/');
            if (path == "/blocks/tip/height")
            {
                return Ok((_blocks.Count - 1).ToString(CultureInfo.InvariantCulture));
            }

            if (parts is ["block-height", var h])
            {
                var height = int.Parse(h, CultureInfo.InvariantCulture);
                return height < _blocks.Count ? Ok(Hash(height)) : new FakeResponse(404, "Block not found", TimeSpan.Zero);
            }

            if (parts is ["block", var hash])
            {
                return HeightOf(hash) is { } height ? Ok($"{{\"id\":\"{hash}\",\"height\":{height},\"timestamp\":{Time(height)}}}") : new FakeResponse(404, "Block not found", TimeSpan.Zero);
            }

            if (parts is ["address", var address, "txs", "chain", ..])
            {
                if (string.Equals(address, FailingAddress, StringComparison.Ordinal))
                {
                    return new FakeResponse(500, "internal error", TimeSpan.Zero);
                }

                // Whole history on one page (fewer than 25 transactions in these tests), newest first.
                var script = Script(address);
                var list = new JsonArray();
                for (var height = _blocks.Count - 1; height >= 1; height--)
                {
                    foreach (var tx in _blocks[height].Where(t => t.Outputs.Any(o => o.Script == script) || t.Inputs.Any(i => Output(i).Script == script)))
                    {
                        list.Add(EsploraTx(tx, height));
                    }
                }

                return Ok(parts.Length == 4 ? list.ToJsonString() : "[]");
            }

            return new FakeResponse(404, "unknown path " + path, TimeSpan.Zero);
        }
    }

    private FakeResponse Core(string path, string body)
    {
        lock (_lock)
        {
            var method = FakeNodeServer.MethodOf(body);
            var parameters = FakeNodeServer.ParamsOf(body);
            switch (method)
            {
                case "getblockchaininfo":
                    return FakeNodeServer.Result("{\"chain\":\"test\",\"blocks\":" + Active + "}");
                case "getblockcount":
                    return FakeNodeServer.Result(Active.ToString(CultureInfo.InvariantCulture));
                case "getbestblockhash":
                    return FakeNodeServer.Result("\"" + Hash(Active) + "\"");
                case "getblockhash":
                    var height = parameters[0].GetInt32();
                    return height <= Active ? FakeNodeServer.Result("\"" + Hash(height) + "\"") : FakeNodeServer.RpcError(-8, "Block height out of range");
                case "getblock":
                case "getblockheader":
                    var h = HeightOf(parameters[0].GetString()!);
                    return h is { } found
                        ? FakeNodeServer.Result($"{{\"hash\":\"{Hash(found)}\",\"height\":{found},\"time\":{Time(found)},\"confirmations\":{(found <= Active ? Active - found + 1 : -1)}}}")
                        : FakeNodeServer.RpcError(-5, "Block not found");
                case "invalidateblock":
                    _activeTip = HeightOf(parameters[0].GetString()!)!.Value - 1;
                    return FakeNodeServer.Result("null");
                case "reconsiderblock":
                    _activeTip = -1;
                    return FakeNodeServer.Result("null");
                case "scantxoutset":
                    return FakeNodeServer.Result(Scan(parameters[1]));
                default:
                    return FakeNodeServer.RpcError(-32601, "Method not found");
            }
        }
    }

    private string Scan(JsonElement descriptors)
    {
        var scripts = descriptors.EnumerateArray().Select(d => Script(d.GetString()!["addr(".Length..^1])).ToHashSet(StringComparer.Ordinal);
        var spent = new HashSet<(string, int)>();
        for (var height = 1; height <= Active; height++)
        {
            foreach (var input in _blocks[height].SelectMany(t => t.Inputs))
            {
                spent.Add(input);
            }
        }

        var unspents = new JsonArray();
        for (var height = 1; height <= Active; height++)
        {
            foreach (var tx in _blocks[height])
            {
                for (var vout = 0; vout < tx.Outputs.Length; vout++)
                {
                    if (scripts.Contains(tx.Outputs[vout].Script) && !spent.Contains((tx.Txid, vout)))
                    {
                        unspents.Add(new JsonObject
                        {
                            ["txid"] = tx.Txid,
                            ["vout"] = vout,
                            ["scriptPubKey"] = tx.Outputs[vout].Script,
                            ["amount"] = JsonValue.Create(decimal.Parse((tx.Outputs[vout].Satoshis / 1e8m).ToString("0.00000000", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)),
                            ["height"] = height,
                        });
                    }
                }
            }
        }

        return new JsonObject { ["success"] = true, ["height"] = Active, ["bestblock"] = Hash(Active), ["unspents"] = unspents }.ToJsonString();
    }

    private JsonObject EsploraTx(Tx tx, int height) => new()
    {
        ["txid"] = tx.Txid,
        ["status"] = new JsonObject { ["confirmed"] = true, ["block_height"] = height },
        ["vout"] = new JsonArray([.. tx.Outputs.Select(o => (JsonNode)new JsonObject { ["scriptpubkey"] = o.Script, ["value"] = o.Satoshis })]),
        ["vin"] = new JsonArray([.. tx.Inputs.Select(i => (JsonNode)new JsonObject { ["prevout"] = new JsonObject { ["scriptpubkey"] = Output(i).Script, ["value"] = Output(i).Satoshis } })]),
    };

    private (string Script, long Satoshis) Output((string Txid, int Vout) input) => _txs[input.Txid].Outputs[input.Vout];

    private int? HeightOf(string hash)
    {
        for (var height = 0; height < _blocks.Count; height++)
        {
            if (string.Equals(Hash(height), hash, StringComparison.OrdinalIgnoreCase))
            {
                return height;
            }
        }

        return null;
    }

    private static long Time(int height) => GenesisTime.ToUnixTimeSeconds() + (600L * height);

    private static FakeResponse Ok(string body) => new(200, body, TimeSpan.Zero);

    private sealed record Tx(string Txid, (string Txid, int Vout)[] Inputs, (string Script, long Satoshis)[] Outputs);
}
