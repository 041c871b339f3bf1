// SPDX-License-Identifier: Apache-2.0

using System.Globalization;
using System.Net;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Por.Common;
using Por.Tokens.Monitoring;

namespace Por.Cli.Commands;

/// <summary>
/// The monitor's HTTP endpoints on <see cref="HttpListener"/> (loopback by default): <c>GET /metrics</c>,
/// <c>GET /healthz</c> and <c>POST /v1/mint-check</c> (docs/token-por.md, "Monitor").
/// </summary>
internal sealed class TokenMonitorServer : IDisposable
{
    /// <summary>The format id of a mint-check answer.</summary>
    public const string MintCheckFormat = "por-mint-check/1";

    /// <summary>The largest request body accepted.</summary>
    public const int MaxBody = 64 * 1024;

    private readonly HttpListener _listener = new();
    private readonly MonitorState _state;
    private readonly IReadOnlyList<string> _tokens;
    private readonly TimeSpan _healthMaxAge;
    private readonly MintCheckToken? _mintCheckToken;
    private readonly TimeSpan _mintCheckMaxAge;
    private readonly UnusualMintRule _rule;
    private readonly ITokenHistory _history;
    private readonly TokenMonitorLog? _log;
    private readonly TimeProvider _clock;

    public TokenMonitorServer(string hostPort, MonitorState state, IReadOnlyList<string> tokens, TimeSpan healthMaxAge, MintCheckToken? mintCheckToken, TimeSpan mintCheckMaxAge,
        UnusualMintRule rule, ITokenHistory history, TokenMonitorLog? log, TimeProvider clock)
    {
        Prefix = ParseListen(hostPort);
        _state = state;
        _tokens = tokens;
        _healthMaxAge = healthMaxAge;
        _mintCheckToken = mintCheckToken;
        _mintCheckMaxAge = mintCheckMaxAge;
        _rule = rule;
        _history = history;
        _log = log;
        _clock = clock;
        _listener.Prefixes.Add(Prefix.ToString());
    }

    /// <summary>The URL prefix served.</summary>
    public Uri Prefix { get; }

    /// <summary>Parses <c>HOST:PORT</c> (IPv4, <c>[IPv6]</c> or a name).</summary>
    /// <param name="hostPort">The text.</param>
    /// <returns>The prefix <c>http://HOST:PORT/</c>.</returns>
    /// <exception cref="InputException">Malformed.</exception>
    public static Uri ParseListen(string hostPort)
    {
        var colon = hostPort.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(hostPort.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535
            || !Uri.TryCreate($"http://{hostPort}/", UriKind.Absolute, out var uri) || !string.Equals(uri.AbsolutePath, "/", StringComparison.Ordinal))
        {
            throw new InputException("command line", 0, "--listen", $"'{hostPort}' is not HOST:PORT (e.g. 127.0.0.1:9464)");
        }

        return uri;
    }

    /// <summary>Starts listening.</summary>
    /// <exception cref="IOException">The address cannot be bound.</exception>
    public void Start()
    {
        try
        {
            _listener.Start();
        }
        catch (HttpListenerException e)
        {
            throw new IOException($"--listen {Prefix}: {e.Message}", e);
        }
    }

    /// <summary>Serves requests until cancelled.</summary>
    /// <param name="cancellationToken">Stops the server.</param>
    /// <returns>A task.</returns>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.Register(() => _listener.Stop());
        while (!cancellationToken.IsCancellationRequested)
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

            _ = Task.Run(() => Serve(context), CancellationToken.None);
        }
    }

    public void Dispose() => ((IDisposable)_listener).Dispose();

    private static void Send(HttpListenerResponse response, int status, string contentType, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength64 = bytes.Length;
        response.OutputStream.Write(bytes);
        response.Close();
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            write(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void BadRequest(HttpListenerResponse response, string field, string reason) =>
        Send(response, 400, "application/json", Json(w =>
        {
            w.WriteString("error", "bad_request");
            w.WriteString("field", field);
            w.WriteString("reason", reason);
        }));

    private void Serve(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        try
        {
            var path = request.Url?.AbsolutePath ?? "/";
            var get = string.Equals(request.HttpMethod, "GET", StringComparison.Ordinal);
            switch (path)
            {
                case "/metrics" when get:
                    Send(response, 200, MetricsText.ContentType, MetricsText.Render(_state, _clock.GetUtcNow()));
                    break;
                case "/healthz" when get:
                    var (healthy, problems) = MonitorHealth.Check(_state, _tokens, _clock.GetUtcNow(), _healthMaxAge);
                    Send(response, healthy ? 200 : 503, "application/json", Json(w =>
                    {
                        w.WriteString("status", healthy ? "healthy" : "unhealthy");
                        w.WriteStartArray("problems");
                        foreach (var p in problems)
                        {
                            w.WriteStringValue(p);
                        }

                        w.WriteEndArray();
                    }));
                    break;
                case "/v1/mint-check" when string.Equals(request.HttpMethod, "POST", StringComparison.Ordinal):
                    MintCheck(request, response);
                    break;
                case "/metrics" or "/healthz" or "/v1/mint-check":
                    Send(response, 405, "application/json", Json(w => w.WriteString("error", "method_not_allowed")));
                    break;
                default:
                    Send(response, 404, "application/json", Json(w => w.WriteString("error", "not_found")));
                    break;
            }
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The client went away.
        }
    }

    private void MintCheck(HttpListenerRequest request, HttpListenerResponse response)
    {
        if (_mintCheckToken is null)
        {
            Send(response, 404, "application/json", Json(w => w.WriteString("error", "mint_check_disabled")));
            return;
        }

        if (!_mintCheckToken.Accepts(request.Headers["Authorization"]))
        {
            response.AddHeader("WWW-Authenticate", "Bearer");
            Send(response, 401, "application/json", Json(w => w.WriteString("error", "unauthorized")));
            return;
        }

        var body = new byte[MaxBody + 1];
        var length = 0;
        int read;
        while (length < body.Length && (read = request.InputStream.Read(body, length, body.Length - length)) > 0)
        {
            length += read;
        }

        if (length > MaxBody)
        {
            Send(response, 413, "application/json", Json(w => w.WriteString("error", "body_too_large")));
            return;
        }

        if (!TryParse(body.AsSpan(0, length), out var token, out var amountText, out var amount, out var field, out var reason))
        {
            BadRequest(response, field, reason);
            return;
        }

        if (!_tokens.Contains(token, StringComparer.Ordinal))
        {
            BadRequest(response, "token", $"'{token}' is not a token this monitor evaluates ({string.Join(", ", _tokens)})");
            return;
        }

        var now = _clock.GetUtcNow();
        _state.Latest.TryGetValue(token, out var latest);
        var window = _history.MintAmounts(token, now - _rule.Window, now);
        var decision = PreMintCheck.Decide(latest, amount, now, _mintCheckMaxAge, _rule, window);
        _log?.MintCheck(token, amountText, decision);
        Send(response, 200, "application/json", MintCheckAnswer(token, amountText, decision));
    }

    /// <summary>The <c>por-mint-check/1</c> answer.</summary>
    /// <param name="token">The token.</param>
    /// <param name="amountText">The amount as requested.</param>
    /// <param name="decision">The decision.</param>
    /// <returns>JSON text.</returns>
    internal static string MintCheckAnswer(string token, string amountText, PreMintDecision decision) => Json(w =>
    {
        w.WriteString("format", MintCheckFormat);
        w.WriteString("token", token);
        w.WriteString("amount", amountText);
        w.WriteString("decision", decision.Allowed ? "allow" : "deny");
        w.WriteString("code", decision.Code);
        w.WriteString("reason", decision.Reason);
        if (decision.Slot is null)
        {
            w.WriteNull("slot");
            w.WriteNull("evaluated_at");
        }
        else
        {
            w.WriteString("slot", decision.Slot);
            w.WriteString("evaluated_at", UtcTime.Format(decision.EvaluatedAt!.Value));
        }
    });

    // Body: exactly {"token": string, "amount": string of decimal digits, no sign or leading zeros, ≥ 1}.
    private static bool TryParse(ReadOnlySpan<byte> body, out string token, out string amountText, out BigInteger amount, out string field, out string reason)
    {
        (token, amountText, amount, field, reason) = ("", "", BigInteger.Zero, "", "");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            (field, reason) = ("body", "not JSON: " + e.Message);
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                (field, reason) = ("body", "must be a JSON object {\"token\": …, \"amount\": …}");
                return false;
            }

            foreach (var p in root.EnumerateObject())
            {
                if (p.Name is not ("token" or "amount"))
                {
                    (field, reason) = (p.Name, "unknown field (the body has exactly token and amount)");
                    return false;
                }
            }

            if (!root.TryGetProperty("token", out var t) || t.ValueKind != JsonValueKind.String || t.GetString() is not { Length: > 0 } tokenText)
            {
                (field, reason) = ("token", "required, a non-empty string");
                return false;
            }

            if (!root.TryGetProperty("amount", out var a) || a.ValueKind != JsonValueKind.String || a.GetString() is not { } text)
            {
                (field, reason) = ("amount", "required, a string of decimal digits (exact integer base units), e.g. \"1000000\"");
                return false;
            }

            if (text.Length is 0 or > 78 || !text.All(char.IsAsciiDigit) || text[0] == '0')
            {
                (field, reason) = ("amount", $"'{(text.Length > 80 ? text[..80] + "…" : text)}' is not a positive integer in base units without sign, point or leading zeros");
                return false;
            }

            (token, amountText, amount) = (tokenText, text, BigInteger.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture));
            return true;
        }
    }
}
