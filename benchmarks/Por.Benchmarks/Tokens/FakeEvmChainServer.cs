// SPDX-License-Identifier: Apache-2.0

using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Por.Benchmarks.Tokens;

/// <summary>
/// One in-process fake EVM JSON-RPC node on 127.0.0.1 (HttpListener, requests answered concurrently) with deterministic
/// state: blocks 0…tip (hash = SHA-256 of chain and height, timestamp 12 s apart ending at the start time),
/// <c>totalSupply()</c>, <c>decimals()</c> and <c>balanceOf(address)</c> of the contracts it is given, and native
/// balances. Reads at a block (<c>eth_call</c>, <c>eth_getBalance</c>) must name a block hash it serves (EIP-1898);
/// anything else is a JSON-RPC error, so a reader that asked for something unexpected fails the benchmark's check.
/// Every HTTP request and every JSON-RPC call (batch elements counted one by one) is counted.
/// </summary>
internal sealed class FakeEvmChainServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly long _chainId;
    private readonly long _tip;
    private readonly long _tipTime;
    private readonly string _name;
    private readonly Dictionary<string, int> _decimals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BigInteger> _supply = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, BigInteger>> _balances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BigInteger> _native = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _recent = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _byMethod = new(StringComparer.Ordinal);
    private long _httpRequests;
    private long _calls;

    private FakeEvmChainServer(string name, long chainId, long tip, DateTimeOffset tipTime, int port)
    {
        _name = name;
        _chainId = chainId;
        _tip = tip;
        _tipTime = tipTime.ToUnixTimeSeconds();
        for (var h = tip; h >= Math.Max(0, tip - 256); h--)
        {
            _recent[HashOf(h)] = h;
        }

        Url = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>The endpoint.</summary>
    public Uri Url { get; }

    /// <summary>HTTP requests served so far.</summary>
    public long HttpRequests => Interlocked.Read(ref _httpRequests);

    /// <summary>JSON-RPC calls served so far (a batch counts each element).</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>JSON-RPC calls served so far, by method (eth_call by selector: <c>eth_call 0x70a08231</c>).</summary>
    public IReadOnlyDictionary<string, long> CallsByMethod => new Dictionary<string, long>(_byMethod, StringComparer.Ordinal);

    /// <summary>Starts a node on a free loopback port. State must be added before the first request.</summary>
    public static FakeEvmChainServer Start(string name, long chainId, long tip, DateTimeOffset tipTime)
    {
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            try
            {
                return new FakeEvmChainServer(name, chainId, tip, tipTime, port);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // The port was taken between probe and bind; try another.
            }
        }
    }

    /// <summary>The hash of block <paramref name="height"/> (lower-case 0x-hex).</summary>
    public string HashOf(long height) =>
        "0x" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{_name}/{_chainId.ToString(CultureInfo.InvariantCulture)}/{height.ToString(CultureInfo.InvariantCulture)}")));

    /// <summary>Adds an ERC-20 contract (the same state at every block).</summary>
    public void AddToken(string contract, int decimals, BigInteger totalSupply, IReadOnlyDictionary<string, BigInteger> balances)
    {
        _decimals[contract] = decimals;
        _supply[contract] = totalSupply;
        _balances[contract] = new Dictionary<string, BigInteger>(balances, StringComparer.Ordinal);
    }

    /// <summary>Sets a native balance (the same at every block).</summary>
    public void SetNative(string address, BigInteger wei) => _native[address] = wei;

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // Stopping the listener ends the accept loop with one of these.
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            Interlocked.Increment(ref _httpRequests);
            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                body = await reader.ReadToEndAsync().ConfigureAwait(false);
            }

            var parsed = JsonNode.Parse(body);
            string answer;
            if (parsed is JsonArray batch)
            {
                var results = new JsonArray();
                foreach (var element in batch)
                {
                    results.Add(Handle(element!.AsObject()));
                }

                answer = results.ToJsonString();
            }
            else
            {
                answer = Handle(parsed!.AsObject()).ToJsonString();
            }

            var bytes = Encoding.UTF8.GetBytes(answer);
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException or JsonException or InvalidOperationException)
        {
            context.Response.Abort();
        }
    }

    private JsonObject Handle(JsonObject request)
    {
        Interlocked.Increment(ref _calls);
        var id = request["id"]?.DeepClone();
        try
        {
            var method = request["method"]!.GetValue<string>();
            var parameters = request["params"]?.AsArray() ?? [];
            var key = string.Equals(method, "eth_call", StringComparison.Ordinal) ? "eth_call " + parameters[0]?["data"]?.GetValue<string>()?[..Math.Min(10, parameters[0]?["data"]?.GetValue<string>()?.Length ?? 0)] : method;
            _byMethod.AddOrUpdate(key, 1, (_, n) => n + 1);
            JsonNode? result = method switch
            {
                "eth_chainId" => Quantity(_chainId),
                "eth_blockNumber" => Quantity(_tip),
                "eth_getBlockByNumber" => BlockByNumber(parameters[0]!.GetValue<string>()),
                "eth_getBlockByHash" => BlockByHash(parameters[0]!.GetValue<string>()),
                "eth_getBalance" => Quantity(At(parameters[1], () => _native.GetValueOrDefault(Address(parameters[0])))),
                "eth_call" => At(parameters[1], () => Call(parameters[0]!.AsObject())),
                _ => throw new InvalidOperationException($"method {method} is not served by the benchmark node"),
            };
            return new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["result"] = result };
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or NullReferenceException or KeyNotFoundException or ArgumentException)
        {
            return new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["error"] = new JsonObject { ["code"] = -32000, ["message"] = e.Message } };
        }
    }

    private JsonObject? BlockByNumber(string tag)
    {
        var height = tag switch
        {
            "latest" or "finalized" or "safe" => _tip,
            _ => long.Parse(tag.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
        };
        return height < 0 || height > _tip ? null : Block(height);
    }

    private JsonObject? BlockByHash(string hash)
    {
        var height = HeightOf(hash);
        return height is { } h ? Block(h) : null;
    }

    private JsonObject Block(long height) => new()
    {
        ["number"] = Quantity(height),
        ["hash"] = HashOf(height),
        ["parentHash"] = height == 0 ? "0x" + new string('0', 64) : HashOf(height - 1),
        ["timestamp"] = Quantity(_tipTime - ((_tip - height) * 12)),
    };

    // Recent blocks only: the readers read near the tip; an unknown hash is "header not found".
    private long? HeightOf(string hash) => _recent.TryGetValue(hash.ToLowerInvariant(), out var h) ? h : null;

    private T At<T>(JsonNode? blockParameter, Func<T> read)
    {
        var hash = blockParameter?["blockHash"]?.GetValue<string>() ?? throw new InvalidOperationException("reads must name a block hash (EIP-1898)");
        if (blockParameter["requireCanonical"]?.GetValue<bool>() != true)
        {
            throw new InvalidOperationException("reads must set requireCanonical");
        }

        return HeightOf(hash) is null ? throw new InvalidOperationException($"header not found: {hash}") : read();
    }

    private string Call(JsonObject call)
    {
        var contract = Address(call["to"]);
        var data = call["data"]!.GetValue<string>();
        if (!_decimals.TryGetValue(contract, out var decimals))
        {
            return "0x";
        }

        return data switch
        {
            "0x313ce567" => Word(decimals),
            "0x18160ddd" => Word(_supply[contract]),
            _ when data.StartsWith("0x70a08231", StringComparison.Ordinal) && data.Length == 2 + 8 + 64 =>
                Word(_balances[contract].GetValueOrDefault("0x" + data[^40..].ToLowerInvariant())),
            _ => throw new InvalidOperationException("execution reverted: unknown selector " + data),
        };
    }

    private static string Address(JsonNode? node) => node!.GetValue<string>().ToLowerInvariant();

    private static string Quantity(long value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    private static string Quantity(BigInteger value) => "0x" + (value.IsZero ? "0" : value.ToString("x", CultureInfo.InvariantCulture).TrimStart('0'));

    private static string Word(BigInteger value) => "0x" + value.ToString("x64", CultureInfo.InvariantCulture)[^64..];
}
