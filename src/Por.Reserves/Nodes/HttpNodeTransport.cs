// SPDX-License-Identifier: Apache-2.0

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Por.Reserves.Nodes;

/// <summary>
/// HTTP access to a node with per-attempt timeouts and retries with exponential backoff on timeouts, HTTP 429 and
/// 5xx without a JSON-RPC body. Exhausted retries throw <see cref="NodeException"/> of the matching kind.
/// </summary>
public sealed class HttpNodeTransport
{
    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly RetryPolicy _policy;
    private readonly AuthenticationHeaderValue? _authorization;
    private long _nextId;

    /// <summary>Creates a transport.</summary>
    /// <param name="http">The shared HTTP client (its own timeout should be infinite; attempts are timed here).</param>
    /// <param name="endpoint">Base URL.</param>
    /// <param name="policy">Timeouts and retries.</param>
    /// <param name="authorization">Optional Authorization header (Bitcoin Core basic auth).</param>
    public HttpNodeTransport(HttpClient http, Uri endpoint, RetryPolicy policy, AuthenticationHeaderValue? authorization = null)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _authorization = authorization;
    }

    /// <summary>The endpoint.</summary>
    public Uri Endpoint => _endpoint;

    /// <summary>Calls a JSON-RPC 2.0 method (JSON-RPC 1.0-style servers such as Bitcoin Core also answer).</summary>
    /// <param name="method">Method name.</param>
    /// <param name="parameters">Positional parameters.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The "result" element.</returns>
    /// <exception cref="NodeException">Transport failure after retries, or a JSON-RPC error.</exception>
    public async Task<JsonElement> CallAsync(string method, JsonArray parameters, CancellationToken cancellationToken)
    {
        var request = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = Interlocked.Increment(ref _nextId),
            ["method"] = method,
            ["params"] = parameters,
        };
        var body = request.ToJsonString();
        var (status, text) = await SendAsync(HttpMethod.Post, _endpoint, body, method, cancellationToken).ConfigureAwait(false);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new NodeException(NodeFailureKind.Protocol, $"{method}: HTTP {(int)status} with a non-JSON body", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
            {
                throw RpcError(method, error);
            }

            if (!root.TryGetProperty("result", out var result))
            {
                throw new NodeException(NodeFailureKind.Protocol, $"{method}: response has neither result nor error");
            }

            return result.Clone();
        }
    }

    /// <summary>
    /// POSTs a JSON body to the endpoint itself with the same retries and timeouts as <see cref="CallAsync"/>, and
    /// returns the answer unparsed: for JSON-RPC batches, whose answers the caller matches by id.
    /// </summary>
    /// <param name="jsonBody">The request body (a JSON-RPC batch array).</param>
    /// <param name="what">What is sent, for error messages.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The status and body; errors other than retried ones are returned to the caller.</returns>
    /// <exception cref="NodeException">Transport failure after retries.</exception>
    public async Task<(HttpStatusCode Status, string Body)> PostRpcAsync(string jsonBody, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jsonBody);
        return await SendAsync(HttpMethod.Post, _endpoint, jsonBody, what, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>GETs a path relative to the endpoint (REST APIs such as Esplora).</summary>
    /// <param name="relativePath">e.g. "block-height/800000".</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The status and body; 404 is returned to the caller, other errors throw.</returns>
    /// <exception cref="NodeException">Transport failure after retries.</exception>
    public async Task<(HttpStatusCode Status, string Body)> GetAsync(string relativePath, CancellationToken cancellationToken)
    {
        var baseText = _endpoint.ToString();
        var uri = new Uri(baseText.EndsWith('/') ? baseText + relativePath : baseText + "/" + relativePath);
        return await SendAsync(HttpMethod.Get, uri, null, relativePath, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>POSTs a JSON body to a path relative to the endpoint (REST APIs such as java-tron's <c>/wallet/*</c>).</summary>
    /// <param name="relativePath">e.g. "wallet/getnowblock".</param>
    /// <param name="jsonBody">The request body.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The status and body; errors other than retried ones are returned to the caller.</returns>
    /// <exception cref="NodeException">Transport failure after retries.</exception>
    public async Task<(HttpStatusCode Status, string Body)> PostAsync(string relativePath, string jsonBody, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jsonBody);
        var baseText = _endpoint.ToString();
        var uri = new Uri(baseText.EndsWith('/') ? baseText + relativePath : baseText + "/" + relativePath);
        return await SendAsync(HttpMethod.Post, uri, jsonBody, relativePath, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, Uri uri, string? body, string what, CancellationToken cancellationToken)
    {
        var lastKind = NodeFailureKind.Unreachable;
        var lastMessage = string.Empty;
        for (var attempt = 1; attempt <= _policy.MaxAttempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(_policy.DelayBefore(attempt - 1), cancellationToken).ConfigureAwait(false);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_policy.Timeout);
            try
            {
                using var request = new HttpRequestMessage(method, uri);
                if (body is not null)
                {
                    request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                }

                request.Headers.Authorization = _authorization;
                using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
                var text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
                var status = response.StatusCode;
                if (status == HttpStatusCode.TooManyRequests)
                {
                    (lastKind, lastMessage) = (NodeFailureKind.RateLimited, $"{what}: HTTP 429 rate limited");
                    continue;
                }

                if ((int)status >= 500 && !LooksLikeRpcError(text))
                {
                    (lastKind, lastMessage) = (NodeFailureKind.Unreachable, $"{what}: HTTP {(int)status}");
                    continue;
                }

                if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    throw new NodeException(NodeFailureKind.Unreachable, $"{what}: HTTP {(int)status} (check the node credentials)");
                }

                return (status, text);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                (lastKind, lastMessage) = (NodeFailureKind.Timeout, $"{what}: no answer within {_policy.Timeout.TotalSeconds:0.###} s");
            }
            catch (HttpRequestException ex)
            {
                (lastKind, lastMessage) = (NodeFailureKind.Unreachable, $"{what}: {ex.Message}");
            }
        }

        throw new NodeException(lastKind, $"{lastMessage} (after {_policy.MaxAttempts} attempts with backoff)");
    }

    private static bool LooksLikeRpcError(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static NodeException RpcError(string method, JsonElement error)
    {
        var message = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var m) ? m.ToString() : error.ToString();
        var code = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("code", out var c) ? c.ToString() : "?";
        var lower = message.ToLowerInvariant();
        var kind = lower.Contains("missing trie node", StringComparison.Ordinal) || lower.Contains("header not found", StringComparison.Ordinal)
            || lower.Contains("historical state", StringComparison.Ordinal) || lower.Contains("blockoutofrange", StringComparison.Ordinal)
            || lower.Contains("pruned", StringComparison.Ordinal) || lower.Contains("state is not available", StringComparison.Ordinal)
            ? NodeFailureKind.NoHistoricalState
            : lower.Contains("rate limit", StringComparison.Ordinal) || lower.Contains("too many requests", StringComparison.Ordinal)
                ? NodeFailureKind.RateLimited
                : NodeFailureKind.Protocol;
        return new NodeException(kind, $"{method}: JSON-RPC error {code}: {message}");
    }
}
