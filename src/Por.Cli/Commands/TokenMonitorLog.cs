// SPDX-License-Identifier: Apache-2.0

using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Por.Cli.Infrastructure;
using Por.Common;
using Por.Tokens.Model;
using Por.Tokens.Monitoring;

namespace Por.Cli.Commands;

/// <summary>
/// The monitor's structured logs: one JSON object per line (Microsoft.Extensions.Logging's JSON console formatter) on
/// stderr. Events (docs/token-por.md, "Monitor"): <c>monitor_started</c>, <c>resumed</c>, <c>evaluated</c>,
/// <c>alert</c>, <c>node_fault</c>, <c>duplicate_slot</c>, <c>webhook_failed</c>, <c>mint_check</c>, <c>monitor_stopped</c>.
/// </summary>
internal sealed class TokenMonitorLog : IMonitorLog, IDisposable
{
    private static readonly EventId s_started = new(10, "monitor_started");
    private static readonly EventId s_resumed = new(11, "resumed");
    private static readonly EventId s_evaluated = new(12, "evaluated");
    private static readonly EventId s_alert = new(13, "alert");
    private static readonly EventId s_fault = new(14, "node_fault");
    private static readonly EventId s_duplicate = new(15, "duplicate_slot");
    private static readonly EventId s_webhook = new(16, "webhook_failed");
    private static readonly EventId s_mintCheck = new(17, "mint_check");
    private static readonly EventId s_stopped = new(18, "monitor_stopped");

    private readonly ServiceProvider _services;
    private readonly JsonLinesLoggerProvider _provider;
    private readonly ILogger _logger;

    public TokenMonitorLog(TextWriter writer)
    {
        var services = new ServiceCollection();
        services.AddLogging(builder => builder.AddJsonConsole(options =>
        {
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss.fff'Z'";
            options.IncludeScopes = false;
            options.JsonWriterOptions = new JsonWriterOptions { Indented = false };
        }));
        _services = services.BuildServiceProvider();
        var formatter = _services.GetServices<ConsoleFormatter>().Single(f => string.Equals(f.Name, ConsoleFormatterNames.Json, StringComparison.Ordinal));
        _provider = new JsonLinesLoggerProvider(writer, formatter);
        _logger = _provider.CreateLogger("por.token.monitor");
    }

    public void Started(string schedule, string history, string? listen, IReadOnlyList<string> tokens) =>
        Log(LogLevel.Information, s_started, $"token monitor started ({schedule}) for {string.Join(", ", tokens)}",
            [new("schedule", schedule), new("history", history), new("listen", listen), new("tokens", string.Join(",", tokens))]);

    public void Stopped(string why) => Log(LogLevel.Information, s_stopped, "token monitor stopped: " + why, [new("reason", why)]);

    public void Resumed(string tokenId, ResumePoint point) =>
        Log(LogLevel.Information, s_resumed, point.LastSlot is null ? $"{tokenId}: no history, starting fresh" : $"{tokenId}: resuming after slot {point.LastSlot.Key}",
            [new("token", tokenId), new("last_slot", point.LastSlot?.Key), new("active_conditions", point.Conditions.Count)]);

    public void Evaluated(string tokenId, MonitorSlot slot, TokenEvaluation evaluation, TimeSpan elapsed) =>
        Log(evaluation.Status == TokenStatus.Covered ? LogLevel.Information : LogLevel.Warning, s_evaluated, $"{tokenId} {slot.Key}: {AlertRules.Code(evaluation.Status)}",
        [
            new("token", tokenId), new("slot", slot.Key), new("status", AlertRules.Code(evaluation.Status)),
            new("circulating", evaluation.CirculatingSupply.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("reserves", evaluation.TotalReserves.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("failed_evidence", string.Join("; ", evaluation.FailedEvidence)), new("elapsed_ms", (long)elapsed.TotalMilliseconds),
        ]);

    public void Alert(TokenAlert alert) =>
        Log(alert.State == AlertState.Cleared ? LogLevel.Information : LogLevel.Warning, s_alert, $"{alert.TokenId} {AlertRules.Code(alert.Kind)} {AlertRules.Code(alert.State)}: {alert.Message}",
        [
            new("token", alert.TokenId), new("slot", alert.Slot), new("kind", AlertRules.Code(alert.Kind)), new("state", AlertRules.Code(alert.State)),
            new("subject", alert.Subject), new("at", UtcTime.Format(alert.At)),
        ]);

    public void NodeFault(string tokenId, string source, string message) =>
        Log(LogLevel.Warning, s_fault, $"{tokenId} {source}: {message}", [new("token", tokenId), new("source", source), new("error", message)]);

    public void Duplicate(string tokenId, MonitorSlot slot) =>
        Log(LogLevel.Warning, s_duplicate, $"{tokenId} {slot.Key} was already stored (by another run): not stored again", [new("token", tokenId), new("slot", slot.Key)]);

    public void WebhookFailed(TokenAlert alert, int attempt, string reason, bool givenUp) =>
        Log(givenUp ? LogLevel.Error : LogLevel.Warning, s_webhook, $"webhook delivery of {alert.TokenId} {alert.Slot} {AlertRules.Code(alert.Kind)} failed (attempt {attempt}{(givenUp ? ", given up" : "")}): {reason}",
            [new("token", alert.TokenId), new("slot", alert.Slot), new("kind", AlertRules.Code(alert.Kind)), new("attempt", attempt), new("given_up", givenUp), new("error", reason)]);

    public void MintCheck(string tokenId, string amount, PreMintDecision decision) =>
        Log(decision.Allowed ? LogLevel.Information : LogLevel.Warning, s_mintCheck, $"mint-check {tokenId} {amount}: {decision.Code}",
            [new("token", tokenId), new("amount", amount), new("decision", decision.Code), new("slot", decision.Slot)]);

    public void Dispose()
    {
        _provider.Dispose();
        _services.Dispose();
    }

    private void Log(LogLevel level, EventId id, string message, KeyValuePair<string, object?>[] fields)
    {
        var state = new LogEventState(message, fields);
        try
        {
            _logger.Log(level, id, state, null, static (s, _) => s.ToString());
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // A closed stderr ends logging, not the monitor.
        }
    }
}
