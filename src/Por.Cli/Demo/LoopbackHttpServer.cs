// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Por.Cli.Demo;

/// <summary>
/// The HTTP listener the demo nodes share (<see cref="DemoBitcoinServer"/>, <see cref="DemoEvmServer"/>): it binds a free
/// port on 127.0.0.1, reads each request's method, path and UTF-8 body, and answers with what the handler returns, one
/// request after another, until it is disposed.
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<LoopbackRequest, LoopbackResponse> _handler;
    private readonly Task _loop;

    private LoopbackHttpServer(int port, Func<LoopbackRequest, LoopbackResponse> handler)
    {
        _handler = handler;
        Url = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>The base URL (<c>http://127.0.0.1:PORT/</c>).</summary>
    public Uri Url { get; }

    /// <summary>Starts a server on a free loopback port.</summary>
    /// <param name="handler">Answers one request; it runs on the server's task, one request at a time.</param>
    /// <returns>The running server.</returns>
    public static LoopbackHttpServer Start(Func<LoopbackRequest, LoopbackResponse> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            try
            {
                return new LoopbackHttpServer(port, handler);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // The port was taken between probe and bind; try another.
            }
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

            try
            {
                string body;
                using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
                {
                    body = await reader.ReadToEndAsync().ConfigureAwait(false);
                }

                var response = _handler(new LoopbackRequest(context.Request.HttpMethod, context.Request.Url?.AbsolutePath ?? "/", body));
                var bytes = Encoding.UTF8.GetBytes(response.Body);
                context.Response.StatusCode = response.Status;
                context.Response.ContentType = response.ContentType;
                context.Response.ContentLength64 = bytes.Length;
                await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
                context.Response.Close();
            }
            catch (HttpListenerException)
            {
                // The client went away; nothing to answer.
            }
        }
    }
}
