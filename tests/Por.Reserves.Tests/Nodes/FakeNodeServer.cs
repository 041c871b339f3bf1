// SPDX-License-Identifier: Apache-2.0

using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Por.Reserves.Tests.Nodes;

/// <summary>A loopback HTTP server replaying scripted responses; JSON-RPC requests are dispatched by method.</summary>
internal sealed class FakeNodeServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<string, string, FakeResponse> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public FakeNodeServer(Func<string, string, FakeResponse> handler)
    {
        _handler = handler;
        var port = FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri Url { get; }

    /// <summary>Path (REST) or JSON-RPC method of every request, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public static FakeResponse Result(string resultJson) => new(200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":" + resultJson + "}", TimeSpan.Zero);

    public static FakeResponse RpcError(int code, string message, int status = 200) =>
        new(status, "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":" + code + ",\"message\":" + JsonSerializer.Serialize(message) + "}}", TimeSpan.Zero);

    public static string MethodOf(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("method").GetString()!;
    }

    public static JsonElement ParamsOf(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("params").Clone();
    }

    /// <summary>The JSON-RPC method of a request, or its path for REST requests (GET, or POSTs without a method such as TRON's).</summary>
    private static string Describe(string path, string body)
    {
        if (body.Length == 0)
        {
            return path;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("method", out var method) && method.ValueKind == JsonValueKind.String
                ? method.GetString()!
                : path;
        }
        catch (JsonException)
        {
            return path;
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var port = ((IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        return port;
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        try
        {
            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                body = await reader.ReadToEndAsync().ConfigureAwait(false);
            }

            var path = context.Request.Url!.AbsolutePath;
            Requests.Enqueue(Describe(path, body));
            var response = _handler(path, body);
            if (response.Delay > TimeSpan.Zero)
            {
                await Task.Delay(response.Delay, _stop.Token).ConfigureAwait(false);
            }

            var bytes = Encoding.UTF8.GetBytes(response.Body);
            context.Response.StatusCode = response.Status;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The client gave up (timeout tests) or the server is stopping.
        }
    }
}
