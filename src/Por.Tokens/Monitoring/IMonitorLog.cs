// SPDX-License-Identifier: Apache-2.0

using Por.Tokens.Model;

namespace Por.Tokens.Monitoring;

/// <summary>The monitor's structured events (the CLI writes them as JSON log lines).</summary>
public interface IMonitorLog
{
    /// <summary>A token's resume point was read from the history.</summary>
    /// <param name="tokenId">The token.</param>
    /// <param name="point">The resume point.</param>
    void Resumed(string tokenId, ResumePoint point);

    /// <summary>A slot was evaluated and stored.</summary>
    /// <param name="tokenId">The token.</param>
    /// <param name="slot">The slot.</param>
    /// <param name="evaluation">The evaluation.</param>
    /// <param name="elapsed">How long evaluation, reads and store took.</param>
    void Evaluated(string tokenId, MonitorSlot slot, TokenEvaluation evaluation, TimeSpan elapsed);

    /// <summary>An alert was stored.</summary>
    /// <param name="alert">The alert.</param>
    void Alert(TokenAlert alert);

    /// <summary>A node failed (after the transport's retries).</summary>
    /// <param name="tokenId">The token.</param>
    /// <param name="source">What was being read (<c>schedule CHAIN</c>, <c>evaluation</c>, <c>watch CHAIN</c>, <c>mints CHAIN/CONTRACT</c>).</param>
    /// <param name="message">The failure.</param>
    void NodeFault(string tokenId, string source, string message);

    /// <summary>The slot was already stored (another run stored it first): nothing was written.</summary>
    /// <param name="tokenId">The token.</param>
    /// <param name="slot">The slot.</param>
    void Duplicate(string tokenId, MonitorSlot slot);

    /// <summary>A webhook delivery failed.</summary>
    /// <param name="alert">The alert.</param>
    /// <param name="attempt">The attempt (1-based).</param>
    /// <param name="reason">Why.</param>
    /// <param name="givenUp">Whether this was the last attempt.</param>
    void WebhookFailed(TokenAlert alert, int attempt, string reason, bool givenUp);
}
