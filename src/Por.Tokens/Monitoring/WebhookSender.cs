// SPDX-License-Identifier: Apache-2.0

using System.Net.Http.Headers;

namespace Por.Tokens.Monitoring;

/// <summary>
/// Delivers stored alerts to the webhook (an outbox over the history): HTTP POST of <see cref="AlertJson"/>, retried
/// with exponential backoff; a 2xx answer marks the alert delivered, the last failed attempt marks it failed; each
/// failure is logged. It runs on its own task, so a slow or dead webhook never delays an evaluation; alerts still
/// pending at shutdown are delivered after the restart (at least once; receivers dedupe by <c>id</c>).
/// </summary>
public sealed class WebhookSender : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _url;
    private readonly ITokenHistory _history;
    private readonly MonitorState _state;
    private readonly IMonitorLog _log;
    private readonly int _attempts;
    private readonly TimeSpan _baseDelay;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);

    /// <summary>Creates a sender.</summary>
    /// <param name="http">The client (its timeout bounds each attempt).</param>
    /// <param name="url">The webhook.</param>
    /// <param name="history">The outbox.</param>
    /// <param name="state">Counters.</param>
    /// <param name="log">Failure events.</param>
    /// <param name="attempts">Attempts per alert (≥ 1).</param>
    /// <param name="baseDelay">The delay before the first retry (doubled each time).</param>
    /// <param name="clock">The clock.</param>
    public WebhookSender(HttpClient http, Uri url, ITokenHistory history, MonitorState state, IMonitorLog log, int attempts, TimeSpan baseDelay, TimeProvider clock)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _url = url ?? throw new ArgumentNullException(nameof(url));
        _history = history ?? throw new ArgumentNullException(nameof(history));
        _state = state ?? throw new ArgumentNullException(nameof(state));
        _log = log ?? throw new ArgumentNullException(nameof(log));
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        _attempts = attempts;
        _baseDelay = baseDelay;
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    /// <inheritdoc/>
    public void Dispose() => _wake.Dispose();

    /// <summary>Wakes the sender: new alerts are in the outbox.</summary>
    public void Wake() => _wake.Release();

    /// <summary>Delivers pending alerts until cancelled.</summary>
    /// <param name="cancellationToken">Stops the sender (an alert being retried stays pending).</param>
    /// <returns>A task that completes when stopped.</returns>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                foreach (var pending in _history.PendingAlerts())
                {
                    await DeliverAsync(pending, cancellationToken).ConfigureAwait(false);
                }

                await _wake.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown: undelivered alerts stay pending in the history.
        }
    }

    private async Task DeliverAsync(PendingAlert pending, CancellationToken cancellationToken)
    {
        var body = AlertJson.Write(pending);
        var delay = _baseDelay;
        for (var attempt = 1; ; attempt++)
        {
            string reason;
            try
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await _http.PostAsync(_url, content, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    _state.CountWebhook(delivered: true);
                    _history.MarkDelivery(pending, delivered: true);
                    return;
                }

                reason = $"HTTP {(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                reason = e is TaskCanceledException ? "timed out" : e.Message;
            }

            _state.CountWebhook(delivered: false);
            var last = attempt >= _attempts;
            _log.WebhookFailed(pending.Alert, attempt, reason, last);
            if (last)
            {
                _history.MarkDelivery(pending, delivered: false);
                return;
            }

            await Task.Delay(delay, _clock, cancellationToken).ConfigureAwait(false);
            delay *= 2;
        }
    }
}
