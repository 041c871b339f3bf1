// SPDX-License-Identifier: Apache-2.0

using System.Collections.Concurrent;
using Por.Tokens.Model;
using Por.Tokens.Monitoring;

namespace Por.IntegrationTests;

/// <summary>An <see cref="IMonitorLog"/> that keeps every event, for assertions.</summary>
internal sealed class RecordingMonitorLog : IMonitorLog
{
    public ConcurrentQueue<(string Token, string Source, string Message)> Faults { get; } = new();

    public ConcurrentQueue<(MonitorSlot Slot, TokenStatus Status)> Evaluations { get; } = new();

    public ConcurrentQueue<TokenAlert> Alerts { get; } = new();

    public ConcurrentQueue<MonitorSlot> Duplicates { get; } = new();

    public ConcurrentQueue<(TokenAlert Alert, int Attempt, string Reason, bool GivenUp)> WebhookFailures { get; } = new();

    public void Resumed(string tokenId, ResumePoint point)
    {
    }

    public void Evaluated(string tokenId, MonitorSlot slot, TokenEvaluation evaluation, TimeSpan elapsed) => Evaluations.Enqueue((slot, evaluation.Status));

    public void Alert(TokenAlert alert) => Alerts.Enqueue(alert);

    public void NodeFault(string tokenId, string source, string message) => Faults.Enqueue((tokenId, source, message));

    public void Duplicate(string tokenId, MonitorSlot slot) => Duplicates.Enqueue(slot);

    public void WebhookFailed(TokenAlert alert, int attempt, string reason, bool givenUp) => WebhookFailures.Enqueue((alert, attempt, reason, givenUp));
}
