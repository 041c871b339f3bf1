// SPDX-License-Identifier: Apache-2.0

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Por.Reserves.Nodes;

namespace Por.IntegrationTests;

/// <summary>
/// A real anvil node on 127.0.0.1 and a free port, started per test class and stopped by its PID. The binary comes
/// from the npm package pinned in tools/package.json (installed by scripts/test when npm exists). Without the binary
/// every test that touches the node is skipped with that reason (a failure under POR_REQUIRE_ALL_TOOLS=1, as in CI).
/// </summary>
public sealed class AnvilNode : IAsyncLifetime
{
    private static readonly RetryPolicy s_policy = new(3, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(10));
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly HttpClient _nodeHttp = new() { Timeout = Timeout.InfiniteTimeSpan };
    private Process? _process;
    private string? _stateDirectory;
    private long _id;
    private Uri _url = new("http://127.0.0.1:1/");
    private string? _missing;

    /// <summary>The chain id anvil reports (anvil's default, 31337, when null); set before initialisation.</summary>
    public long? ChainId { get; init; }

    /// <summary>The node's RPC endpoint; skips (or, in CI, fails) the calling test when anvil is not installed.</summary>
    public Uri Url
    {
        get
        {
            if (_missing is not null)
            {
                RequiredTool.Missing(_missing);
            }

            return _url;
        }
    }

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(RepositoryPaths.Anvil))
        {
            // Not thrown here: a failing class fixture would fail its tests instead of skipping them.
            _missing = $"anvil not found at {RepositoryPaths.Anvil}: install npm and run scripts/test, or `npm ci --prefix tools --ignore-scripts`";
            return;
        }

        var port = FreePort();
        _stateDirectory = Directory.CreateTempSubdirectory("por-anvil-").FullName;
        _url = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo(RepositoryPaths.Anvil)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--silent", "--cache-path", _stateDirectory })
        {
            start.ArgumentList.Add(argument);
        }

        if (ChainId is { } chainId)
        {
            start.ArgumentList.Add("--chain-id");
            start.ArgumentList.Add(chainId.ToString(CultureInfo.InvariantCulture));
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("anvil did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        for (var i = 0; i < 100; i++)
        {
            try
            {
                await CallAsync("eth_chainId").ConfigureAwait(false);
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }
        }

        throw new InvalidOperationException("anvil did not answer within 10 s");
    }

    public ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        _http.Dispose();
        _nodeHttp.Dispose();
        if (_stateDirectory is not null && Directory.Exists(_stateDirectory))
        {
            Directory.Delete(_stateDirectory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    public async Task<JsonElement> CallAsync(string method, params JsonNode?[] parameters)
    {
        var request = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = Interlocked.Increment(ref _id), ["method"] = method, ["params"] = new JsonArray(parameters) };
        using var content = new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(Url, content).ConfigureAwait(false);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
        if (document.RootElement.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException($"{method}: {error}");
        }

        return document.RootElement.GetProperty("result").Clone();
    }

    /// <summary>Sends a transaction from an unlocked dev account (anvil automines) and returns its receipt.</summary>
    public async Task<JsonElement> SendAsync(string from, string? to, string data, string value = "0x0")
    {
        var tx = new JsonObject { ["from"] = from, ["data"] = data, ["value"] = value, ["gas"] = "0x1c9c380" };
        if (to is not null)
        {
            tx["to"] = to;
        }

        var hash = (await CallAsync("eth_sendTransaction", tx).ConfigureAwait(false)).GetString()!;
        var receipt = await CallAsync("eth_getTransactionReceipt", hash).ConfigureAwait(false);
        for (var i = 0; i < 100 && receipt.ValueKind == JsonValueKind.Null; i++)
        {
            await Task.Delay(50).ConfigureAwait(false);
            receipt = await CallAsync("eth_getTransactionReceipt", hash).ConfigureAwait(false);
        }
        if (!string.Equals(receipt.GetProperty("status").GetString(), "0x1", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("transaction reverted: " + receipt);
        }

        return receipt;
    }

    public async Task<string> DeployAsync(string from, string contract, string constructorArguments = "")
    {
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(RepositoryPaths.Contract(contract)).ConfigureAwait(false));
        var bytecode = document.RootElement.GetProperty("bytecode").GetString()!;
        var receipt = await SendAsync(from, null, bytecode + constructorArguments).ConfigureAwait(false);
        return receipt.GetProperty("contractAddress").GetString()!;
    }

    public async Task<(long Number, string Hash)> LatestBlockAsync()
    {
        var block = await CallAsync("eth_getBlockByNumber", "latest", false).ConfigureAwait(false);
        var number = long.Parse(block.GetProperty("number").GetString()![2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return (number, block.GetProperty("hash").GetString()!);
    }

    /// <summary>The verifier's EVM reader for this node (3 attempts, 10 s each), expecting chain id <paramref name="chainId"/>.</summary>
    public EvmNode CreateEvmNode(long chainId = AnvilRegistry.ChainId) => new(new HttpNodeTransport(_nodeHttp, Url, s_policy), chainId);

    public async Task MineAsync(int blocks) => await CallAsync("anvil_mine", "0x" + blocks.ToString("x", CultureInfo.InvariantCulture)).ConfigureAwait(false);

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var port = ((IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        return port;
    }
}
