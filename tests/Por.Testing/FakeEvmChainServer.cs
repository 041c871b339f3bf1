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

namespace Por.Testing;

/// <summary>
/// One in-process fake EVM JSON-RPC node on 127.0.0.1 (HttpListener, requests answered concurrently) with deterministic
/// state: blocks 0…tip (hash = SHA-256 of chain and height, block times <c>blockSeconds</c> apart, the initial tip's at
/// the start time), <c>totalSupply()</c>, <c>decimals()</c> and <c>balanceOf(address)</c> of the contracts it is
/// given, native balances, and no logs (<c>eth_getLogs</c> answers []). Reads at a block (<c>eth_call</c>,
/// <c>eth_getBalance</c>) must name a block hash it serves (EIP-1898, requireCanonical); anything else is a JSON-RPC
/// error (an unknown selector "reverts"), so a reader that asked for something unexpected fails. Every HTTP request and
/// every JSON-RPC call (batch elements counted one by one) is counted. Used by the token-eval benchmark and the token
/// tests; for the tests the tip can advance (<see cref="Advance"/>), batch answers can be damaged
/// (<see cref="BatchFault"/>; batches are always answered in reverse order, which JSON-RPC allows), and requests of
/// one method can be held until released (<see cref="Hold"/>), so a test knows an evaluation is in flight.
/// The state of the contracts is the same at every block.
/// </summary>
public sealed class FakeEvmChainServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly long _chainId;
    private readonly long _firstTip;
    private readonly long _firstTipTime;
    private readonly int _blockSeconds;
    private long _tip;
    private readonly string _name;
    private readonly Dictionary<string, int> _decimals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BigInteger> _supply = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, BigInteger>> _balances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BigInteger> _native = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _recent = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _byMethod = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<int> _batchSizes = new();
    private readonly Lock _gate = new();
    private string? _holdKey;
    private TaskCompletionSource _held = NewSignal();
    private TaskCompletionSource _release = NewSignal();
    private volatile BatchFault _batchFault;
    private long _httpRequests;
    private long _calls;

    private FakeEvmChainServer(string name, long chainId, long tip, DateTimeOffset tipTime, int blockSeconds, int port)
    {
        _name = name;
        _chainId = chainId;
        _tip = tip;
        _firstTip = tip;
        _firstTipTime = tipTime.ToUnixTimeSeconds();
        _blockSeconds = blockSeconds;
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

    /// <summary>The sizes of the JSON-RPC batches received so far, in order.</summary>
    public IReadOnlyList<int> BatchSizes => [.. _batchSizes];

    /// <summary>The current tip.</summary>
    public long Tip => Interlocked.Read(ref _tip);

    /// <summary>How the answer to a JSON-RPC batch is damaged (default: not at all).</summary>
    public BatchFault BatchFault
    {
        get => _batchFault;
        set => _batchFault = value;
    }

    /// <summary>Starts a node on a free loopback port. State must be added before the first request.</summary>
    /// <param name="name">Seeds the block hashes.</param>
    /// <param name="chainId">The chain id.</param>
    /// <param name="tip">The first tip.</param>
    /// <param name="tipTime">The first tip's block time.</param>
    /// <param name="blockSeconds">Seconds between blocks.</param>
    /// <returns>The running node.</returns>
    public static FakeEvmChainServer Start(string name, long chainId, long tip, DateTimeOffset tipTime, int blockSeconds = 12)
    {
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            try
            {
                return new FakeEvmChainServer(name, chainId, tip, tipTime, blockSeconds, port);
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

    /// <summary>Mines <paramref name="blocks"/> more blocks.</summary>
    /// <param name="blocks">How many.</param>
    /// <returns>The new tip.</returns>
    public long Advance(long blocks = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(blocks);
        lock (_gate)
        {
            for (var i = 0; i < blocks; i++)
            {
                var next = Interlocked.Read(ref _tip) + 1;
                _recent[HashOf(next)] = next;
                Interlocked.Exchange(ref _tip, next);
            }

            return Interlocked.Read(ref _tip);
        }
    }

    /// <summary>
    /// From now on, holds every HTTP request that contains a call of <paramref name="key"/> (a method, or
    /// <c>eth_call 0xSELECTOR</c>) unanswered until <see cref="Release"/>.
    /// </summary>
    /// <param name="key">The method key (as in <see cref="CallsByMethod"/>).</param>
    /// <returns>Completes when the first such request arrives.</returns>
    public Task Hold(string key)
    {
        lock (_gate)
        {
            _holdKey = key;
            _held = NewSignal();
            _release = NewSignal();
            return _held.Task;
        }
    }

    /// <summary>Answers the held requests and stops holding.</summary>
    public void Release()
    {
        lock (_gate)
        {
            _holdKey = null;
            _release.TrySetResult();
        }
    }

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
            await WaitIfHeldAsync(parsed).ConfigureAwait(false);
            string answer;
            if (parsed is JsonArray batch)
            {
                _batchSizes.Enqueue(batch.Count);
                var fault = _batchFault;
                if (fault == BatchFault.Reject)
                {
                    answer = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = null, ["error"] = new JsonObject { ["code"] = -32600, ["message"] = "batch requests are not supported" } }.ToJsonString();
                }
                else
                {
                    var results = new List<JsonObject>();
                    foreach (var element in batch)
                    {
                        results.Add(Handle(element!.AsObject()));
                    }

                    Damage(results, fault);
                    results.Reverse();
                    var array = new JsonArray();
                    foreach (var r in results)
                    {
                        array.Add((JsonNode)r);
                    }

                    answer = array.ToJsonString();
                }
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

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static void Damage(List<JsonObject> results, BatchFault fault)
    {
        if (results.Count < 2)
        {
            return;
        }

        switch (fault)
        {
            case BatchFault.DropOne:
                results.RemoveAt(results.Count / 2);
                break;
            case BatchFault.DuplicateOne:
                results[^1]["id"] = results[0]["id"]?.DeepClone();
                break;
            case BatchFault.ErrorOne:
                var id = results[results.Count / 2]["id"]?.DeepClone();
                results[results.Count / 2] = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["error"] = new JsonObject { ["code"] = -32005, ["message"] = "request limit exceeded" } };
                break;
            case BatchFault.UnknownId:
                results[^1]["id"] = 1_000_000;
                break;
            default:
                break;
        }
    }

    private async Task WaitIfHeldAsync(JsonNode? parsed)
    {
        Task release;
        lock (_gate)
        {
            if (_holdKey is not { } key || !(parsed is JsonArray batch ? batch.Any(e => string.Equals(KeyOf(e as JsonObject), key, StringComparison.Ordinal)) : string.Equals(KeyOf(parsed as JsonObject), key, StringComparison.Ordinal)))
            {
                return;
            }

            _held.TrySetResult();
            release = _release.Task;
        }

        await release.ConfigureAwait(false);
    }

    private static string? KeyOf(JsonObject? request)
    {
        var method = request?["method"]?.GetValue<string>();
        if (!string.Equals(method, "eth_call", StringComparison.Ordinal))
        {
            return method;
        }

        var data = request!["params"]?[0]?["data"]?.GetValue<string>() ?? string.Empty;
        return "eth_call " + data[..Math.Min(10, data.Length)];
    }

    private JsonObject Handle(JsonObject request)
    {
        Interlocked.Increment(ref _calls);
        var id = request["id"]?.DeepClone();
        try
        {
            var method = request["method"]!.GetValue<string>();
            var parameters = request["params"]?.AsArray() ?? [];
            _byMethod.AddOrUpdate(KeyOf(request) ?? method, 1, (_, n) => n + 1);
            JsonNode? result = method switch
            {
                "eth_chainId" => Quantity(_chainId),
                "eth_blockNumber" => Quantity(Tip),
                "eth_getLogs" => new JsonArray(),
                "eth_getBlockByNumber" => BlockByNumber(parameters[0]!.GetValue<string>()),
                "eth_getBlockByHash" => BlockByHash(parameters[0]!.GetValue<string>()),
                "eth_getBalance" => Quantity(At(parameters[1], () => _native.GetValueOrDefault(Address(parameters[0])))),
                "eth_call" => At(parameters[1], () => Call(parameters[0]!.AsObject())),
                _ => throw new InvalidOperationException($"method {method} is not served by the fake node"),
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
        var tip = Tip;
        var height = tag switch
        {
            "latest" or "finalized" or "safe" => tip,
            _ => long.Parse(tag.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
        };
        return height < 0 || height > tip ? null : Block(height);
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
        ["timestamp"] = Quantity(_firstTipTime + ((height - _firstTip) * _blockSeconds)),
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
